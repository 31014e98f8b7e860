# TKESG303 (warning): more than one SG bound through a set-typed field whose
# order Terraform does not keep (a node pool's auto_scaling_config
# security_group_ids, an instance's security_groups), where the rules of those
# SGs conflict: which one wins depends on an order nobody chose. The ordered
# field (orderly_security_group_ids, orderly_security_groups) is the fix. The
# finding is on the set's line. Only TKESG303 is annotated here.
#
# Every cluster has its own VPC 10.0.0.0/16, node subnet 10.0.1.0/24, GR
# container network 172.16.0.0/16 and its own SGs. In each, "nodes" holds TKE's
# rules (with the variations said), "ssh" accepts TCP 22 from the world.
#
# This file holds the cases that fire; silent.tf holds the near misses.

# The node pool binds [nodes, ssh] through the deprecated set. nodes DROPs TCP
# 22 from the world, ssh ACCEPTs it: SSH is open or closed depending on the
# order the provider happens to send. Warning on the set.
resource "tencentcloud_vpc" "pool_set_conflict" {
  name       = "tkesg303-pool-set-conflict"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pool_set_conflict_nodes" {
  name              = "tkesg303-pool-set-conflict-nodes"
  vpc_id            = tencentcloud_vpc.pool_set_conflict.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "pool_set_conflict_nodes" {
  name        = "tkesg303-pool-set-conflict-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "pool_set_conflict_nodes" {
  security_group_id = tencentcloud_security_group.pool_set_conflict_nodes.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "no ssh"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N1 pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "N2 vpc"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "N4 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "30000-32768"
    description = "N5 NodePort"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ICMP"
    port        = "ALL"
    description = "N6 ping"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_security_group" "pool_set_conflict_ssh" {
  name        = "tkesg303-pool-set-conflict-ssh"
  description = "ssh for operators"
}

resource "tencentcloud_security_group_rule_set" "pool_set_conflict_ssh" {
  security_group_id = tencentcloud_security_group.pool_set_conflict_ssh.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "ssh from anywhere"
  }
}

resource "tencentcloud_kubernetes_cluster" "pool_set_conflict" {
  vpc_id                  = tencentcloud_vpc.pool_set_conflict.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg303-pool-set-conflict"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.pool_set_conflict_nodes.id
    security_group_ids = [tencentcloud_security_group.pool_set_conflict_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "pool_set_conflict_pool" {
  name              = "tkesg303-pool-set-conflict-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.pool_set_conflict.id
  vpc_id            = tencentcloud_vpc.pool_set_conflict.id
  subnet_ids        = [tencentcloud_subnet.pool_set_conflict_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    security_group_ids = [tencentcloud_security_group.pool_set_conflict_nodes.id, tencentcloud_security_group.pool_set_conflict_ssh.id] # want "TKESG303 .*TCP 22 from [0-9.]+ is accepted by"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A standalone CVM (no cluster) with the same two SGs in the deprecated
# security_groups set of tencentcloud_instance: warning on the set.
resource "tencentcloud_vpc" "instance_set_conflict" {
  name       = "tkesg303-instance-set-conflict"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "instance_set_conflict_vms" {
  name              = "tkesg303-instance-set-conflict-vms"
  vpc_id            = tencentcloud_vpc.instance_set_conflict.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "instance_set_conflict_baseline" {
  name        = "tkesg303-instance-set-conflict-baseline"
  description = "company baseline"
}

resource "tencentcloud_security_group_rule_set" "instance_set_conflict_baseline" {
  security_group_id = tencentcloud_security_group.instance_set_conflict_baseline.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "no ssh"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_security_group" "instance_set_conflict_ssh" {
  name        = "tkesg303-instance-set-conflict-ssh"
  description = "ssh for operators"
}

resource "tencentcloud_security_group_rule_set" "instance_set_conflict_ssh" {
  security_group_id = tencentcloud_security_group.instance_set_conflict_ssh.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "ssh from anywhere"
  }
}

resource "tencentcloud_instance" "instance_set_conflict_vm" {
  instance_name     = "tkesg303-instance-set-conflict-vm"
  availability_zone = "ap-guangzhou-3"
  image_id          = "img-eb30mz89"
  instance_type     = "SA5.MEDIUM2"
  vpc_id            = tencentcloud_vpc.instance_set_conflict.id
  subnet_id         = tencentcloud_subnet.instance_set_conflict_vms.id
  security_groups   = [tencentcloud_security_group.instance_set_conflict_baseline.id, tencentcloud_security_group.instance_set_conflict_ssh.id] # want "TKESG303 .*22"
  key_ids           = ["skey-a1b2c3d4"]
}
