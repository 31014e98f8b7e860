# count: each instance is its own group and rule set, addressed T.N[i];
# references by index, by count.index and by splat reach the instances.

variable "n" {
  type    = number
  default = 2
}

variable "unknown_n" {
  type = number
}

resource "tencentcloud_security_group" "sg" {
  count = var.n
  name  = "sg-${count.index}"
}

# Only instance 0 accepts SSH from the world: one finding, on the rule.
resource "tencentcloud_security_group_rule_set" "rs" {
  count             = var.n
  security_group_id = tencentcloud_security_group.sg[count.index].id

  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = count.index == 0 ? "0.0.0.0/0" : "10.0.0.0/8"
    protocol   = "TCP"
    port       = "22"
  }
}

# count = 0: the resource does not exist, its rule is never reported.
resource "tencentcloud_security_group_lite_rule" "none" {
  count             = 0
  security_group_id = tencentcloud_security_group.sg[0].id
  ingress           = ["ACCEPT#0.0.0.0/0#3389#TCP"]
}

# An unknown count: the block is read once with a notice; it may exist no
# time at all, so what its rule opens is a note that says so (never a
# finding about a resource that may not exist, never silently dropped).
resource "tencentcloud_security_group" "maybe" {
  count = var.unknown_n
  name  = "maybe"
}

resource "tencentcloud_security_group_lite_rule" "maybe" {
  count             = var.unknown_n
  security_group_id = tencentcloud_security_group.maybe[0].id
  ingress           = ["ACCEPT#0.0.0.0/0#3389#TCP"] # want "TKESG202 note: .*3389.*only if .*maybe exists"
}

# References to the instances: by index and by splat.
resource "tencentcloud_instance" "first" {
  orderly_security_groups = [tencentcloud_security_group.sg[0].id]
}

resource "tencentcloud_instance" "all" {
  orderly_security_groups = tencentcloud_security_group.sg[*].id
}
