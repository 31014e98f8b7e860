# A dynamic block over a collection that is not known makes some number of
# rules, each its content with the iterator's key and value unknown: what is
# written as a literal, or decided from known values, is the same in every
# one. They stand at their place as one such rule, and the note says why it
# is undecided once (before: one rule whose every field was unknown, a
# TKESG201 note "(<unresolved> <unresolved> <unresolved> from <unresolved>)
# may accept all protocols and ports" naming the variable twice).
variable "ssh_cidrs" {
  type = list(string)
}

variable "services" {
  type = map(object({ cidr = string, port = string }))
}

variable "enable_rdp" {
  type = bool
}

variable "protocol" {
  type    = string
  default = "TCP"
}

variable "blocked" {
  type = set(string)
}

# Only the CIDR comes from the collection: every rule is ACCEPT TCP 22.
resource "tencentcloud_security_group" "ssh" {
  name = "ssh"
}

resource "tencentcloud_security_group_rule_set" "ssh" {
  security_group_id = tencentcloud_security_group.ssh.id
  dynamic "ingress" {
    for_each = var.ssh_cidrs
    content { # want "TKESG202 note: ingress rule 1 of sg ssh \\(ACCEPT TCP 22 from <unresolved>\\) may accept remote administration from the world .*; TKESG202 could not be decided: [^;]*\\(var\\.ssh_cidrs has no value\\)$"
      action     = "ACCEPT"
      cidr_block = ingress.value
      protocol   = "TCP"
      port       = "22"
    }
  }
}

# A map of objects: key and attributes of the value unknown; the protocol
# is decided from a variable that has a value.
resource "tencentcloud_security_group" "services" {
  name = "services"
}

resource "tencentcloud_security_group_rule_set" "services" {
  security_group_id = tencentcloud_security_group.services.id
  dynamic "ingress" {
    for_each = var.services
    content { # want "TKESG201 note: ingress rule 1 of sg services \\(ACCEPT TCP <unresolved> from <unresolved>\\) may accept every TCP port from the world .*; TKESG201 could not be decided: [^;]*\\(var\\.services has no value\\)$"
      action      = "ACCEPT"
      cidr_block  = ingress.value.cidr
      protocol    = var.protocol == "TCP" ? "TCP" : "UDP"
      port        = ingress.value.port
      description = "service ${ingress.key}"
    }
  }
}

# Nothing comes from the collection, whose length alone is unknown: the
# rule may or may not be there, so its peer is undecided (the other rules
# the block could make are this one again).
resource "tencentcloud_security_group" "rdp" {
  name = "rdp"
}

resource "tencentcloud_security_group_rule_set" "rdp" {
  security_group_id = tencentcloud_security_group.rdp.id
  dynamic "ingress" {
    for_each = var.enable_rdp ? [1] : []
    content { # want "TKESG202 note: ingress rule 1 of sg rdp \\(ACCEPT TCP 3389 from <unresolved>\\) may accept remote administration from the world .*; TKESG202 could not be decided: [^;]*may make none: its for_each is not known \\(var\\.enable_rdp has no value\\)\\)$"
      action     = "ACCEPT"
      cidr_block = "0.0.0.0/0"
      protocol   = "TCP"
      port       = "3389"
    }
  }
}

# DROP rules from unknown CIDRs: silent themselves, they leave the literal
# rule after them undecided, and it stays rule 2.
resource "tencentcloud_security_group" "blocked" {
  name = "blocked"
}

resource "tencentcloud_security_group_rule_set" "blocked" {
  security_group_id = tencentcloud_security_group.blocked.id
  dynamic "ingress" {
    for_each = var.blocked
    iterator = deny
    content {
      action     = "DROP"
      cidr_block = deny.value
    }
  }
  ingress { # want "TKESG203 note: ingress rule 2 of sg blocked \\(ACCEPT TCP 6443 from 0\\.0\\.0\\.0/0\\) may accept control-plane .*; TKESG203 could not be decided: [^;]*\\(var\\.blocked has no value\\)$"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "6443"
  }
}

# The worker groups of a cluster: the security groups are as written, and
# the group may not exist, so what it breaks is a note that says so
# (before: "the bound security groups are unknown").
variable "workers" {
  type = list(object({ instance_type = string }))
}

resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_kubernetes_cluster" "workers" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "workers"
  cluster_cidr = "172.16.0.0/16"
  service_cidr = "192.168.0.0/22"
  dynamic "worker_config" {
    for_each = var.workers
    content {
      instance_type      = worker_config.value.instance_type
      security_group_ids = [tencentcloud_security_group.nodes.id] # want "TKESG101 note: TCP 80 from 172\\.16\\.0\\.1 .* to the nodes of cluster workers matches no rule of sg nodes, so it is dropped.*; only if tencentcloud_kubernetes_cluster\\.workers\\.worker_config\\[0\\] exists, which is undecided: dynamic \"worker_config\" in tencentcloud_kubernetes_cluster\\.workers may make none: its for_each is not known \\(var\\.workers has no value\\)$"
    }
  }
}
