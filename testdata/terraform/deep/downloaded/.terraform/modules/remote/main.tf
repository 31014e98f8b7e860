variable "name" {
  type = string
}

variable "world" {
  type = string
}

resource "tencentcloud_security_group" "this" {
  name = var.name
}

module "inner" {
  source = "./modules/inner"
  sg_id  = tencentcloud_security_group.this.id
  world  = var.world
}

output "sg_id" {
  value = tencentcloud_security_group.this.id
}
