# TKESG203 near misses: control-plane ports that are not open to the world.

variable "monitoring_cidr" {
  description = "Monitoring network. No default: the value is unknown here."
  type        = string
}

# The master ports of a self-deployed cluster from the cluster network only
# (TKE's M4): not the world.
resource "tencentcloud_security_group" "master_from_vpc" {
  name = "tkesg203-master-from-vpc"
}

resource "tencentcloud_security_group_rule_set" "master_from_vpc" {
  security_group_id = tencentcloud_security_group.master_from_vpc.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "60001,60002,10250,2380,2379,53,17443,50055,443,61678"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "203.0.113.0/24"
    protocol   = "TCP"
    port       = "6443"
  }
}

# Ports beside the listed ones, from the world: HTTPS, Prometheus, 10251,
# 2381, and UDP on etcd's ports (the check is about TCP).
resource "tencentcloud_security_group" "near_ports" {
  name = "tkesg203-near-ports"
}

resource "tencentcloud_security_group_rule_set" "near_ports" {
  security_group_id = tencentcloud_security_group.near_ports.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "443"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "9090"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "10251"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "2381-2400"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "2379-2380"
  }
}

# NodePort range from the world (N4): no control-plane port is inside.
resource "tencentcloud_security_group" "nodeport_world" {
  name = "tkesg203-nodeport-world"
}

resource "tencentcloud_security_group_rule_set" "nodeport_world" {
  security_group_id = tencentcloud_security_group.nodeport_world.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }
}

# The CIDR is an unresolved variable: no finding, only a note that names it.
resource "tencentcloud_security_group" "unresolved_cidr" {
  name = "tkesg203-unresolved-cidr"
}

resource "tencentcloud_security_group_rule_set" "unresolved_cidr" {
  security_group_id = tencentcloud_security_group.unresolved_cidr.id

  ingress { # want "TKESG203 note: .*var.monitoring_cidr"
    action     = "ACCEPT"
    cidr_block = var.monitoring_cidr
    protocol   = "TCP"
    port       = "9100"
  }
}

# The kubelet from the world below a DROP of a range that contains it: the
# ACCEPT decides no flow, so it is TKESG401 only (hidden by a DROP).
resource "tencentcloud_security_group" "kubelet_below_drop" {
  name = "tkesg203-kubelet-below-drop"
}

resource "tencentcloud_security_group_rule_set" "kubelet_below_drop" {
  security_group_id = tencentcloud_security_group.kubelet_below_drop.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "10000-11000"
    description = "no node agents from the internet"
  }

  ingress { # want "TKESG401 .*(?i:drop)"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "10250"
  }
}

# The kubelet inside a rule of every protocol from the world: TKESG201 only,
# never TKESG203 as well.
resource "tencentcloud_security_group" "all_world" {
  name = "tkesg203-all-world"
}

resource "tencentcloud_security_group_rule_set" "all_world" {
  security_group_id = tencentcloud_security_group.all_world.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}
