# Terraform's functions, conditionals, for expressions and locals carry
# values to the rules: the CIDRs below are computed, not written.

variable "world" {
  type    = string
  default = "0.0.0.0/0"
}

variable "admin_ports" {
  type    = list(number)
  default = [22, 3389]
}

locals {
  vpc_cidr   = "10.0.0.0/16"
  pod_cidr   = cidrsubnet("172.16.0.0/12", 4, 0)
  bad_source = cidrsubnet("0.0.0.0/4", 4, 0) # 0.0.0.0/8
  admin      = { for p in var.admin_ports : tostring(p) => var.world }
  rules = flatten([
    ["ACCEPT#${local.pod_cidr}#ALL#ALL", "ACCEPT#${local.vpc_cidr}#ALL#ALL"],
    [for port, cidr in local.admin : format("ACCEPT#%s#%s#TCP", cidr, port)],
  ])
  expose = length(var.admin_ports) > 1 ? lookup(merge({ a = "x" }, { dns = "53" }), "dns", "0") : "0"
}

resource "tencentcloud_security_group" "f" {
  name = "functions"
}

resource "tencentcloud_security_group_lite_rule" "f" {
  security_group_id = tencentcloud_security_group.f.id
  # Four computed strings from one expression: the findings point at it.
  ingress = concat(local.rules, [join("#", ["ACCEPT", local.bad_source, local.expose, "UDP"])]) # want "TKESG202 .*22" "TKESG202 .*3389" "TKESG205 .*0\\.0\\.0\\.0/8"
}
