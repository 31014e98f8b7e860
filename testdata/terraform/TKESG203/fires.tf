# TKESG203: an ingress ACCEPT from the world of control-plane and node-agent
# TCP ports: kubelet 10250 and 10255, etcd 2379-2380, API server 6443, 60001,
# 60002, TKE 17443, 50055, 61678, kube-proxy 10249 and 10256, node-exporter
# 9100. Annotated for every 2xx and 4xx check.
#
# This file holds the cases that fire; silent.tf holds the near misses.

variable "metrics_cidr" {
  description = "Who may scrape node-exporter."
  type        = string
  default     = "0.0.0.0/0"
}

# The kubelet API open to the internet.
resource "tencentcloud_security_group" "kubelet_world" {
  name = "tkesg203-kubelet-world"
}

resource "tencentcloud_security_group_rule_set" "kubelet_world" {
  security_group_id = tencentcloud_security_group.kubelet_world.id

  ingress { # want "TKESG203 .*10250"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "10250"
  }
}

# The read-only kubelet port, lower case.
resource "tencentcloud_security_group" "kubelet_ro_world" {
  name = "tkesg203-kubelet-ro-world"
}

resource "tencentcloud_security_group_rule_set" "kubelet_ro_world" {
  security_group_id = tencentcloud_security_group.kubelet_ro_world.id

  ingress { # want "TKESG203 .*10255"
    action     = "accept"
    cidr_block = "0.0.0.0/0"
    protocol   = "tcp"
    port       = "10255"
  }
}

# etcd client and peer ports as a range.
resource "tencentcloud_security_group" "etcd_world" {
  name = "tkesg203-etcd-world"
}

resource "tencentcloud_security_group_rule_set" "etcd_world" {
  security_group_id = tencentcloud_security_group.etcd_world.id

  ingress { # want "TKESG203 .*2379"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "2379-2380"
  }
}

# The API server of a self-deployed cluster and TKE's master ports as a list.
resource "tencentcloud_security_group" "master_ports_world" {
  name = "tkesg203-master-ports-world"
}

resource "tencentcloud_security_group_rule_set" "master_ports_world" {
  security_group_id = tencentcloud_security_group.master_ports_world.id

  ingress { # want "TKESG203 .*6443"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "6443,60001,60002,17443"
  }
}

# One port of etcd and one of TKE's API server: the message names those two,
# not the ranges they belong to.
resource "tencentcloud_security_group" "some_ports_world" {
  name = "tkesg203-some-ports-world"
}

resource "tencentcloud_security_group_rule_set" "some_ports_world" {
  security_group_id = tencentcloud_security_group.some_ports_world.id

  ingress { # want "TKESG203 .*: TCP 2379 \\(etcd\\), TCP 60002 \\(TKE API server\\)$"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "2379,60002"
  }
}

# A wide range that contains the kubelet and kube-proxy ports.
resource "tencentcloud_security_group" "wide_range_world" {
  name = "tkesg203-wide-range-world"
}

resource "tencentcloud_security_group_rule_set" "wide_range_world" {
  security_group_id = tencentcloud_security_group.wide_range_world.id

  ingress { # want "TKESG203 .*10250"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "10000-10300"
  }
}

# One rule exposing SSH and the kubelet: both TKESG202 and TKESG203 (only a
# TKESG201 rule hides the other two).
resource "tencentcloud_security_group" "ssh_and_kubelet" {
  name = "tkesg203-ssh-and-kubelet"
}

resource "tencentcloud_security_group_rule_set" "ssh_and_kubelet" {
  security_group_id = tencentcloud_security_group.ssh_and_kubelet.id

  ingress { # want "TKESG202 .*22" "TKESG203 .*10250"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22,10250"
  }
}

# The kubelet from all of IPv6.
resource "tencentcloud_security_group" "kubelet_ipv6" {
  name = "tkesg203-kubelet-ipv6"
}

resource "tencentcloud_security_group_rule_set" "kubelet_ipv6" {
  security_group_id = tencentcloud_security_group.kubelet_ipv6.id

  ingress { # want "TKESG203 .*10250"
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "TCP"
    port            = "10250"
  }
}

# node-exporter open through a variable whose default is the world.
resource "tencentcloud_security_group" "node_exporter_var" {
  name = "tkesg203-node-exporter-var"
}

resource "tencentcloud_security_group_rule_set" "node_exporter_var" {
  security_group_id = tencentcloud_security_group.node_exporter_var.id

  ingress { # want "TKESG203 .*9100"
    action      = "ACCEPT"
    cidr_block  = var.metrics_cidr
    protocol    = "TCP"
    port        = "9100"
    description = "prometheus"
  }
}

# Lite rule strings: kube-proxy metrics and health ports, and TKE's 50055 and
# 61678. Each string is its own finding.
resource "tencentcloud_security_group" "lite_agents" {
  name = "tkesg203-lite-agents"
}

resource "tencentcloud_security_group_lite_rule" "lite_agents" {
  security_group_id = tencentcloud_security_group.lite_agents.id
  ingress = [
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#10249#TCP", # want "TKESG203 .*10249"
    "ACCEPT#0.0.0.0/0#10256#TCP", # want "TKESG203 .*10256"
    "ACCEPT#0.0.0.0/0#50055,61678#TCP", # want "TKESG203 .*(50055|61678)"
  ]
}

# A legacy rule opening the API server: the finding is on the header.
resource "tencentcloud_security_group" "legacy_apiserver" {
  name = "tkesg203-legacy-apiserver"
}

resource "tencentcloud_security_group_rule" "legacy_apiserver" { # want "TKESG203 .*6443"
  security_group_id = tencentcloud_security_group.legacy_apiserver.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "TCP"
  port_range        = "6443"
  policy            = "ACCEPT"
}

# 0.0.0.0/24 is the world: TKESG205 on the value and the kubelet is exposed.
resource "tencentcloud_security_group" "slash24_world" {
  name = "tkesg203-slash24-world"
}

resource "tencentcloud_security_group_rule_set" "slash24_world" {
  security_group_id = tencentcloud_security_group.slash24_world.id

  ingress { # want "TKESG203 .*10250"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/24" # want "TKESG205 .*0\\.0\\.0\\.0/24"
    protocol   = "TCP"
    port       = "10250"
  }
}
