resource "tencentcloud_security_group" "api" {
  name = "api"
}

resource "tencentcloud_security_group_lite_rule" "api" {
  security_group_id = tencentcloud_security_group.api.id
  ingress = [
    "ACCEPT#192.168.1.0/24#80#TCP",
    "DROP#8.8.8.8#80,90#UDP",
    "ACCEPT#sg-7ixn3foj#80-90#TCP",
    "ACCEPT#ipm-epjq5kn0#80-90#TCP",
    "ACCEPT#ipmg-3loavam6#80-90#TCP",
    "ACCEPT#0.0.0.0/0##ppm-xxxxxxxx",
    "ACCEPT#::/0#ALL#ALL",
    "ACCEPT#10.0.0.0/8#ALL",
    "ACCEPT#${tencentcloud_vpc.main.cidr_block}#443#TCP",
  ]
  egress = [
    "DROP#0.0.0.0/0#ALL#ALL",
  ]
}

resource "tencentcloud_security_group_rule" "legacy" {
  security_group_id = "sg-legacy01"
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "TCP"
  port_range        = "80"
  policy            = "ACCEPT"
}

resource "tencentcloud_security_group_rule" "legacy2" {
  security_group_id = "sg-legacy01"
  type              = "ingress"
  source_sgid       = tencentcloud_security_group.api.id
  policy            = "DROP"
}
