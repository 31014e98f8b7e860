from_tfvars      = "0.0.0.0/0"
tfvars_then_auto = "10.0.0.0/8"
env_then_tfvars  = "10.2.0.0/16"
typed            = [{ cidr = "0.0.0.0/0" }]
