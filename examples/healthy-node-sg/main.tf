# A TKE cluster whose worker nodes use one security group that implements
# TKE's default worker table (N1, N2, N4, N5, N6; no SSH from the internet)
# with an egress ACCEPT of everything. tkesglint should report nothing here.

terraform {
  required_providers {
    tencentcloud = {
      source  = "tencentcloudstack/tencentcloud"
      version = ">= 1.81.22"
    }
  }
}

provider "tencentcloud" {
  region = var.region
}

variable "region" {
  type    = string
  default = "ap-guangzhou"
}

variable "availability_zone" {
  type    = string
  default = "ap-guangzhou-6"
}

variable "key_id" {
  description = "SSH key pair bound to the nodes (reachable from the VPC only)."
  type        = string
  default     = "skey-3glfot13"
}

resource "tencentcloud_vpc" "main" {
  name       = "tke-prod"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "nodes" {
  vpc_id            = tencentcloud_vpc.main.id
  name              = "tke-prod-nodes"
  cidr_block        = "10.0.1.0/24"
  availability_zone = var.availability_zone
}

resource "tencentcloud_security_group" "nodes" {
  name        = "tke-prod-nodes"
  description = "Worker nodes of cluster tke-prod"
}

# Rules are evaluated top-down; the first match decides.
resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1: pods on other nodes (container network)"
  }
  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2: other nodes (cluster network)"
  }
  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4: NodePort, forwarded by CLB for LoadBalancer Services"
  }
  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5: NodePort over UDP"
  }
  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    description = "N6: ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "All outbound traffic"
  }
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  vpc_id                  = tencentcloud_vpc.main.id
  cluster_name            = "tke-prod"
  cluster_version         = "1.30.0"
  cluster_deploy_type     = "MANAGED_CLUSTER"
  network_type            = "GR"
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 1024

  worker_config {
    count                      = 2
    availability_zone          = var.availability_zone
    instance_type              = "SA5.MEDIUM4"
    subnet_id                  = tencentcloud_subnet.nodes.id
    security_group_ids         = [tencentcloud_security_group.nodes.id]
    system_disk_type           = "CLOUD_BSSD"
    system_disk_size           = 50
    public_ip_assigned         = false
    internet_max_bandwidth_out = 0
    enhanced_security_service  = true
    enhanced_monitor_service   = true
    key_ids                    = [var.key_id]
  }
}

resource "tencentcloud_kubernetes_node_pool" "workers" {
  name                 = "workers"
  cluster_id           = tencentcloud_kubernetes_cluster.prod.id
  vpc_id               = tencentcloud_vpc.main.id
  subnet_ids           = [tencentcloud_subnet.nodes.id]
  min_size             = 1
  max_size             = 6
  desired_capacity     = 2
  enable_auto_scale    = true
  retry_policy         = "INCREMENTAL_INTERVALS"
  node_os              = "tlinux3.1x86_64"
  delete_keep_instance = false

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_BSSD"
    system_disk_size           = 50
    orderly_security_group_ids = [tencentcloud_security_group.nodes.id]
    public_ip_assigned         = false
    internet_max_bandwidth_out = 0
    key_ids                    = [var.key_id]
  }
}
