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
    cidr_block = "10.0.0.0/16"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/15"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "30000-32768"
  }

  # Only the VPC: the pods cannot be reached.
  egress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
  }
}

output "id" {
  value = tencentcloud_security_group.this.id
}
