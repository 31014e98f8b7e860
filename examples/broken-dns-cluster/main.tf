# A TKE cluster that Terraform applies without complaint and that then
# breaks in the most confusing way: pods cannot resolve any name.
#
# Someone hardened the node security group with "no DNS from the internet",
# and put that DROP at the top of the list. Rules are evaluated first match
# wins, so the DROP also catches UDP 53 from the pods (whose source address is
# their pod IP, inside 0.0.0.0/0) before the rule that accepts the container
# network is ever reached. CoreDNS runs as pods on the nodes: every lookup
# from a pod on another node is dropped.
#
#   go run ./cmd/tkesglint examples/broken-dns-cluster

terraform {
  required_providers {
    tencentcloud = {
      source  = "tencentcloudstack/tencentcloud"
      version = ">= 1.81.0"
    }
  }
}

variable "availability_zone" {
  type    = string
  default = "ap-guangzhou-3"
}

locals {
  vpc_cidr = "10.20.0.0/16"
  pod_cidr = "172.18.0.0/16"
}

resource "tencentcloud_vpc" "shop" {
  name       = "shop"
  cidr_block = local.vpc_cidr
}

resource "tencentcloud_subnet" "nodes" {
  name              = "shop-nodes"
  vpc_id            = tencentcloud_vpc.shop.id
  availability_zone = var.availability_zone
  cidr_block        = cidrsubnet(local.vpc_cidr, 8, 1)
}

resource "tencentcloud_security_group" "nodes" {
  name        = "shop-nodes"
  description = "worker nodes of the shop cluster"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  # The mistake: meant for resolvers exposed to the internet, it comes first
  # and matches the pods too.
  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "53"
    description = "no DNS from the internet"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = local.pod_cidr
    protocol    = "ALL"
    port        = "ALL"
    description = "pods (N1)"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = local.vpc_cidr
    protocol    = "ALL"
    port        = "ALL"
    description = "nodes and the VPC (N2)"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "NodePorts behind CLB (N4)"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "UDP NodePorts (N5)"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "shop" {
  vpc_id                  = tencentcloud_vpc.shop.id
  cluster_name            = "shop"
  cluster_version         = "1.30.0"
  cluster_cidr            = local.pod_cidr
  service_cidr            = "10.96.0.0/22"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 1024
  cluster_deploy_type     = "MANAGED_CLUSTER"

  worker_config {
    count                      = 3
    availability_zone          = var.availability_zone
    instance_type              = "SA5.MEDIUM4"
    subnet_id                  = tencentcloud_subnet.nodes.id
    system_disk_type           = "CLOUD_BSSD"
    system_disk_size           = 50
    security_group_ids         = [tencentcloud_security_group.nodes.id]
    enhanced_security_service  = true
    enhanced_monitor_service   = true
  }
}
