# Local modules, recursively: the root calls modules/sg three ways (once,
# for_each, count); modules/sg creates the group and calls modules/rules
# with the group's id. The rule's findings point into modules/rules, once
# per module instance whose ssh_cidr is the world.

module "nodes" {
  source   = "./modules/sg"
  name     = "nodes"
  ssh_cidr = "0.0.0.0/0"
}

module "envs" {
  source   = "./modules/sg"
  for_each = toset(["a", "b"])
  name     = "env-${each.key}"
  ssh_cidr = each.key == "a" ? "10.0.0.0/8" : "192.168.0.0/16"
}

module "counted" {
  source   = "./modules/sg"
  count    = 1
  name     = "counted-${count.index}"
  ssh_cidr = "0.0.0.0/0"
}

# An output of a module instance used at the root.
resource "tencentcloud_instance" "cvm" {
  orderly_security_groups = [module.nodes.sg_id, module.envs["a"].sg_id, module.counted[0].sg_id]
}
