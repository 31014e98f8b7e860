locals {
  a = local.b
  b = "${local.a}-x"
}

resource "tencentcloud_security_group" "sg" {
  name        = ["not", "a", "string"]
  description = local.a
  project_id  = 7
}

resource "tencentcloud_security_group_rule" "bad_type" {
  security_group_id = tencentcloud_security_group.sg.id
  type              = "sideways"
  policy            = "ACCEPT"
  cidr_ip           = "10.0.0.0/8"
}

resource "tencentcloud_vpc" "v" {
  name       = "v"
  cidr_block = tencentcloud_subnet.missing.cidr_block
}
