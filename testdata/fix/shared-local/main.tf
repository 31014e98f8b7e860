# Locals that two rule sets' dynamic blocks iterate over: a node group's
# and a database group's. Adding the node group's missing rules to a local
# would change the database group too.

resource "tencentcloud_vpc" "main" {
  name       = "fix-shared-local"
  cidr_block = "10.0.0.0/16"
}

locals {
  # The pods are missing, at the end: a static block after the dynamic one
  # places the rule exactly.
  tail_rules = [
    { cidr = "10.0.0.0/16", protocol = "ALL", port = "ALL" },
    { cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768" },
    { cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768" },
  ]
  # The DNS of the pods is dropped by the first rule: a static block
  # before the dynamic one places the rule exactly.
  head_rules = [
    { action = "DROP", cidr = "0.0.0.0/0", protocol = "UDP", port = "53" },
    { action = "ACCEPT", cidr = "10.0.0.0/16", protocol = "ALL", port = "ALL" },
    { action = "ACCEPT", cidr = "172.18.0.0/16", protocol = "ALL", port = "ALL" },
    { action = "ACCEPT", cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768" },
    { action = "ACCEPT", cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768" },
  ]
  # The DNS of the pods is dropped by the second rule: the rule that lets
  # it through goes between the first two, which no static block can do.
  middle_rules = [
    { action = "ACCEPT", cidr = "10.0.0.0/16", protocol = "ALL", port = "ALL" },
    { action = "DROP", cidr = "0.0.0.0/0", protocol = "UDP", port = "53" },
    { action = "ACCEPT", cidr = "172.17.0.0/16", protocol = "ALL", port = "ALL" },
    { action = "ACCEPT", cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768" },
    { action = "ACCEPT", cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768" },
  ]
}

resource "tencentcloud_security_group" "tail_nodes" {
  name = "fix-shared-local-tail-nodes"
}

resource "tencentcloud_security_group_rule_set" "tail_nodes" {
  security_group_id = tencentcloud_security_group.tail_nodes.id

  dynamic "ingress" {
    for_each = local.tail_rules
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = ingress.value.protocol
      port       = ingress.value.port
    }
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_security_group" "tail_db" {
  name = "fix-shared-local-tail-db"
}

resource "tencentcloud_security_group_rule_set" "tail_db" {
  security_group_id = tencentcloud_security_group.tail_db.id

  dynamic "ingress" {
    for_each = local.tail_rules
    content {
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = ingress.value.protocol
      port       = ingress.value.port
    }
  }
}

resource "tencentcloud_security_group" "middle_nodes" {
  name = "fix-shared-local-middle-nodes"
}

resource "tencentcloud_security_group_rule_set" "middle_nodes" {
  security_group_id = tencentcloud_security_group.middle_nodes.id

  dynamic "ingress" {
    for_each = local.middle_rules
    content {
      action     = ingress.value.action
      cidr_block = ingress.value.cidr
      protocol   = ingress.value.protocol
      port       = ingress.value.port
    }
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_security_group" "middle_db" {
  name = "fix-shared-local-middle-db"
}

resource "tencentcloud_security_group_rule_set" "middle_db" {
  security_group_id = tencentcloud_security_group.middle_db.id

  dynamic "ingress" {
    for_each = local.middle_rules
    content {
      action     = ingress.value.action
      cidr_block = ingress.value.cidr
      protocol   = ingress.value.protocol
      port       = ingress.value.port
    }
  }
}

resource "tencentcloud_security_group" "head_nodes" {
  name = "fix-shared-local-head-nodes"
}

resource "tencentcloud_security_group_rule_set" "head_nodes" {
  security_group_id = tencentcloud_security_group.head_nodes.id

  dynamic "ingress" {
    for_each = local.head_rules
    content {
      action     = ingress.value.action
      cidr_block = ingress.value.cidr
      protocol   = ingress.value.protocol
      port       = ingress.value.port
    }
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_security_group" "head_db" {
  name = "fix-shared-local-head-db"
}

resource "tencentcloud_security_group_rule_set" "head_db" {
  security_group_id = tencentcloud_security_group.head_db.id

  dynamic "ingress" {
    for_each = local.head_rules
    content {
      action     = ingress.value.action
      cidr_block = ingress.value.cidr
      protocol   = ingress.value.protocol
      port       = ingress.value.port
    }
  }
}

resource "tencentcloud_instance" "db" {
  instance_name           = "fix-shared-local-db"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.main.id
  subnet_id               = "subnet-12345678"
  orderly_security_groups = [tencentcloud_security_group.tail_db.id, tencentcloud_security_group.middle_db.id, tencentcloud_security_group.head_db.id]
}

resource "tencentcloud_kubernetes_cluster" "tail" {
  cluster_name = "fix-shared-local-tail"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.tail_nodes.id]
  }
}

resource "tencentcloud_kubernetes_cluster" "middle" {
  cluster_name = "fix-shared-local-middle"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.17.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.middle_nodes.id]
  }
}

resource "tencentcloud_kubernetes_cluster" "head" {
  cluster_name = "fix-shared-local-head"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.18.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.head_nodes.id]
  }
}
