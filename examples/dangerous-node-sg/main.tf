# A node security group with the mistakes tkesglint exists to catch. Every
# rule below is wrong in its own way; the comment above each says how.
# Run: go run ./cmd/tkesglint examples/dangerous-node-sg

terraform {
  required_providers {
    tencentcloud = {
      source  = "tencentcloudstack/tencentcloud"
      version = ">= 1.81.22"
    }
  }
}

resource "tencentcloud_vpc" "main" {
  name       = "tke-staging"
  cidr_block = "10.1.0.0/16"
}

resource "tencentcloud_subnet" "nodes" {
  vpc_id            = tencentcloud_vpc.main.id
  name              = "tke-staging-nodes"
  cidr_block        = "10.1.1.0/24"
  availability_zone = "ap-shanghai-2"
}

resource "tencentcloud_security_group" "nodes" {
  name        = "tke-staging-nodes"
  description = "Worker nodes of cluster tke-staging"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  # The kubelet API from the whole internet (TKESG203).
  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "10250"
    description = "kubelet, for a debugging session"
  }
  # SSH from the whole internet (TKESG202).
  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "ssh"
  }
  # Meant to block SSH, but the rule above already accepted it: this rule
  # can never match (TKESG401).
  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "no ssh from outside"
  }
  # 0.0.0.0/8 reads like a small range; Tencent Cloud treats it as the
  # whole world (TKESG205).
  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/8"
    protocol    = "TCP"
    port        = "8443"
    description = "admin console for the office"
  }
  # Port 70000 does not exist (TKESG402).
  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.1.0.0/16"
    protocol    = "TCP"
    port        = "70000"
    description = "metrics"
  }
  # Everything from everywhere (TKESG201).
  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "temporary: open everything"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# A second security group, for the cluster's ingress load balancer, whose rules
# are given twice: by a rule set and by a lite rule. Each replaces every rule
# of the group when applied, so whichever is applied last silently wins
# (TKESG404).
resource "tencentcloud_security_group" "lb" {
  name        = "tke-staging-lb"
  description = "CLB of the ingress controller"
}

resource "tencentcloud_security_group_rule_set" "lb" {
  security_group_id = tencentcloud_security_group.lb.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "80,443"
    description = "HTTP and HTTPS"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "10.1.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_security_group_lite_rule" "lb" {
  security_group_id = tencentcloud_security_group.lb.id
  ingress = [
    "ACCEPT#0.0.0.0/0#443#TCP",
  ]
  egress = [
    "ACCEPT#0.0.0.0/0#ALL#ALL",
  ]
}

resource "tencentcloud_kubernetes_cluster" "staging" {
  vpc_id                  = tencentcloud_vpc.main.id
  cluster_name            = "tke-staging"
  cluster_version         = "1.30.0"
  cluster_cidr            = "172.20.0.0/16"
  service_cidr            = "192.168.4.0/22"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 1024

  worker_config {
    count                      = 1
    availability_zone          = "ap-shanghai-2"
    instance_type              = "SA5.MEDIUM4"
    subnet_id                  = tencentcloud_subnet.nodes.id
    security_group_ids         = [tencentcloud_security_group.nodes.id]
    public_ip_assigned         = true
    internet_max_bandwidth_out = 10
    key_ids                    = ["skey-3glfot13"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "workers" {
  name       = "workers"
  cluster_id = tencentcloud_kubernetes_cluster.staging.id
  vpc_id     = tencentcloud_vpc.main.id
  subnet_ids = [tencentcloud_subnet.nodes.id]
  min_size   = 1
  max_size   = 3

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.nodes.id]
    public_ip_assigned         = true
    internet_max_bandwidth_out = 10
    key_ids                    = ["skey-3glfot13"]
  }
}
