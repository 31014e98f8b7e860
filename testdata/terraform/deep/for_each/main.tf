# for_each over a map and over a set of strings: instances T.N["key"], with
# each.key and each.value; references by key, values() and splat.

locals {
  groups = {
    web = "0.0.0.0/0"
    db  = "10.0.0.0/8"
  }
}

resource "tencentcloud_security_group" "g" {
  for_each = local.groups
  name     = each.key
}

# Only web accepts SSH from the world.
resource "tencentcloud_security_group_lite_rule" "g" {
  for_each          = local.groups
  security_group_id = tencentcloud_security_group.g[each.key].id
  ingress = [
    "ACCEPT#${each.value}#22#TCP", # want "TKESG202 .*22"
  ]
}

resource "tencentcloud_security_group" "s" {
  for_each = toset(["x", "y"])
  name     = "set-${each.value}"
}

resource "tencentcloud_security_group_rule_set" "s" {
  for_each          = tencentcloud_security_group.s
  security_group_id = each.value.id

  ingress { # want "TKESG203 .*10250" "TKESG203 .*10250"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "10250"
  }
}

resource "tencentcloud_instance" "by_key" {
  orderly_security_groups = [tencentcloud_security_group.g["web"].id]
}

resource "tencentcloud_instance" "by_values" {
  orderly_security_groups = values(tencentcloud_security_group.s)[*].id
}

resource "tencentcloud_instance" "by_for" {
  orderly_security_groups = [for k, g in tencentcloud_security_group.g : g.id if k != "db"]
}
