variable "name" {
  type = string
}

variable "ssh_cidr" {
  type = string
}

resource "tencentcloud_security_group" "this" {
  name = var.name
}

module "rules" {
  source   = "../rules"
  sg_id    = tencentcloud_security_group.this.id
  ssh_cidr = var.ssh_cidr
}

output "sg_id" {
  value = tencentcloud_security_group.this.id
}
