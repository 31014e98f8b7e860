# *_override.tf files are merged over the other files, block by block and
# attribute by attribute; nested blocks of a type the override writes
# replace all blocks of that type. Findings point at the override's lines.

variable "ssh_cidr" {
  type    = string
  default = "10.0.0.0/8"
}

resource "tencentcloud_security_group" "o" {
  name        = "original"
  description = "kept"
}

resource "tencentcloud_security_group_rule_set" "o" {
  security_group_id = tencentcloud_security_group.o.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "3389"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = var.ssh_cidr
    protocol   = "TCP"
    port       = "22"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_security_group" "l" {
  name = "lite"
}

resource "tencentcloud_security_group_lite_rule" "l" {
  security_group_id = tencentcloud_security_group.l.id
  ingress           = ["ACCEPT#10.0.0.0/8#22#TCP"]
}
