variable "vpc_cidr" {
  type = string
}

variable "pod_cidr" {
  type = string
}

module "groups" {
  source   = "../groups"
  vpc_cidr = var.vpc_cidr
  pod_cidr = var.pod_cidr
  groups = {
    nodes   = { description = "worker nodes" }
    bastion = { description = "jump host" }
  }
}

output "ids" {
  # The legacy group comes first: the module's own groups override it.
  value = merge({ legacy = "sg-0legacy1" }, module.groups.ids)
}
