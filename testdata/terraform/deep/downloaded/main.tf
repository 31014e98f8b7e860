# A module that terraform init downloaded is read through
# .terraform/modules/modules.json, with its own local submodule; a remote
# module that was not downloaded leaves its outputs unresolved, and the rule
# set that uses one is still checked on its own rules.

module "remote" {
  source  = "git::https://example.com/tke-sg.git?ref=v1"
  name    = "remote"
  world   = "0.0.0.0/0"
}

module "missing" {
  source  = "tencentcloudstack/security-group/tencentcloud"
  version = "1.0.0"
}

resource "tencentcloud_security_group_rule_set" "on_missing" {
  security_group_id = module.missing.security_group_id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_instance" "cvm" {
  orderly_security_groups = [module.remote.sg_id, module.missing.security_group_id]
}
