variable "other_sg" {
  type = string
}

resource "tencentcloud_security_group" "ordered" {
  name = "ordered"
}

resource "tencentcloud_security_group_rule" "second" {
  security_group_id = tencentcloud_security_group.ordered.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "tcp"
  port_range        = "1-65535"
  policy            = "drop"
  policy_index      = 1
}

resource "tencentcloud_security_group_rule" "first" {
  security_group_id = tencentcloud_security_group.ordered.id
  type              = "INGRESS"
  address_template {
    group_id = "ipmg-3loavam6"
  }
  protocol_template {
    template_id = "ppm-xxxxxxxx"
  }
  policy       = "ACCEPT"
  policy_index = "0"
  description  = "templates"
}

resource "tencentcloud_security_group_rule" "egress_v6" {
  security_group_id = tencentcloud_security_group.ordered.id
  type              = "egress"
  cidr_ip           = "::/0"
  policy            = "ACCEPT"
}

resource "tencentcloud_security_group_rule" "elsewhere" {
  security_group_id = var.other_sg
  type              = "ingress"
  cidr_ip           = "10.0.0.0/8"
  policy            = "ACCEPT"
}
