from_varfile = "0.0.0.0/0"
from_cli     = "10.4.0.0/16"
