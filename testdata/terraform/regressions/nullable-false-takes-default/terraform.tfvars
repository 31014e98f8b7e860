ssh_cidr = null
rules    = null
