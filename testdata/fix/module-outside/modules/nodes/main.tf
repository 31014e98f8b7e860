# The node group of one cluster. envA and envB call it, each for its own
# cluster, whose container networks differ: no edit of this module
# repairs one cluster without opening the other's group. Linted as a
# whole, the tree gets no fix; linted as envA alone (TestFixOutsideCallers),
# neither, as envB, which the scan does not read, calls the module too.

variable "name" {
  type = string
}

resource "tencentcloud_security_group" "this" {
  name = var.name
}

resource "tencentcloud_security_group_rule_set" "this" {
  security_group_id = tencentcloud_security_group.this.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

output "id" {
  value = tencentcloud_security_group.this.id
}
