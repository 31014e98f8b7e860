auto_order       = "0.0.0.0/0"
tfvars_then_auto = "0.0.0.0/0"
from_varfile     = "10.3.0.0/16"
