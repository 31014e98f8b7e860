# A lite rule whose whole list is unknown may hold any rule: a note names
# the unknown value, never silence and never a finding.
variable "lite" {
  type = list(string)
}

resource "tencentcloud_security_group" "a" {
  name = "a"
}

resource "tencentcloud_security_group_lite_rule" "a" {
  security_group_id = tencentcloud_security_group.a.id
  ingress           = var.lite # want "TKESG201 note: .*the ingress list of tencentcloud_security_group_lite_rule\\.a is not known \\(var\\.lite has no value\\)"
}
