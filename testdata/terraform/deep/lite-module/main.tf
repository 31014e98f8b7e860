# Ids that modules pass around, interpolated into lite-rule strings: a
# template id from a module output, a group id into a module variable. Each
# stands for what it names, as if the reference were written in place.

module "templates" {
  source = "./modules/templates"
}

resource "tencentcloud_security_group" "bastion" {
  name = "lite-module-bastion"
}

resource "tencentcloud_security_group_lite_rule" "bastion" {
  security_group_id = tencentcloud_security_group.bastion.id
  ingress = [
    "ACCEPT#${module.templates.anywhere_id}#22#TCP", # want "TKESG202 .*22"
    "ACCEPT#${module.templates.office_id}#3389#TCP",
  ]
}

module "rules" {
  source    = "./modules/rules"
  target_id = tencentcloud_security_group.app.id
  peer_id   = tencentcloud_security_group.bastion.id
  world_id  = module.templates.anywhere_id
}

resource "tencentcloud_security_group" "app" {
  name = "lite-module-app"
}
