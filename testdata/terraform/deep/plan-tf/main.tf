# A plan scanned with the .tf files it was made from: the plan's values win
# (var.ssh_cidr and var.n have no value here, the plan knows them), the .tf
# files give the locations, and each finding comes out once.

variable "ssh_cidr" {
  type = string
}

variable "n" {
  type = number
}

resource "tencentcloud_security_group" "sg" {
  count = var.n
  name  = "plan-${count.index}"
}

resource "tencentcloud_security_group_rule_set" "rs" {
  count             = var.n
  security_group_id = tencentcloud_security_group.sg[count.index].id

  ingress { # want "TKESG202 .*plan-0.*22" "TKESG202 .*plan-1.*22"
    action     = "ACCEPT"
    cidr_block = var.ssh_cidr
    protocol   = "TCP"
    port       = "22"
  }
}
