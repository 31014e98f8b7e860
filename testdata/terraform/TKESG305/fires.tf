# TKESG305 (warning): a node group binds no SG at all. Its CVMs fall back to
# the project's default SG, whose rules are not in the input (it usually
# accepts all IPv4), so that group's TKESG101-105 results are notes, not errors;
# they are not under test here. Only TKESG305 is annotated.
#
# Every cluster has its own VPC 10.0.0.0/16, node subnet 10.0.1.0/24 and GR
# container network 172.16.0.0/16; where a node SG is bound, it holds TKE's
# worker rules.
#
# This file holds the cases that fire; silent.tf holds the near misses.

# worker_config without security_group_ids: warning on the worker_config
# block.
resource "tencentcloud_vpc" "worker_no_sg" {
  name       = "tkesg305-worker-no-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "worker_no_sg_nodes" {
  name              = "tkesg305-worker-no-sg-nodes"
  vpc_id            = tencentcloud_vpc.worker_no_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "worker_no_sg" {
  vpc_id                  = tencentcloud_vpc.worker_no_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg305-worker-no-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config { # want "TKESG305 .*worker.no.sg"
    count             = 2
    availability_zone = "ap-guangzhou-3"
    instance_type     = "SA5.MEDIUM4"
    system_disk_type  = "CLOUD_SSD"
    system_disk_size  = 60
    subnet_id         = tencentcloud_subnet.worker_no_sg_nodes.id
    key_ids           = ["skey-a1b2c3d4"]
  }
}

# No worker_config; the only node pool sets neither orderly_security_group_ids
# nor security_group_ids: warning on the node pool (its resource header).
resource "tencentcloud_vpc" "pool_no_sg" {
  name       = "tkesg305-pool-no-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pool_no_sg_nodes" {
  name              = "tkesg305-pool-no-sg-nodes"
  vpc_id            = tencentcloud_vpc.pool_no_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "pool_no_sg" {
  vpc_id                  = tencentcloud_vpc.pool_no_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg305-pool-no-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
}

resource "tencentcloud_kubernetes_node_pool" "pool_no_sg_pool" { # want "TKESG305 .*pool.no.sg"
  name              = "tkesg305-pool-no-sg-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.pool_no_sg.id
  vpc_id            = tencentcloud_vpc.pool_no_sg.id
  subnet_ids        = [tencentcloud_subnet.pool_no_sg_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type    = "SA5.MEDIUM4"
    system_disk_type = "CLOUD_SSD"
    system_disk_size = 60
    key_ids          = ["skey-a1b2c3d4"]
  }
}

# security_group_ids written as an empty list: the same fallback. Warning on
# that line.
resource "tencentcloud_vpc" "worker_empty_list" {
  name       = "tkesg305-worker-empty-list"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "worker_empty_list_nodes" {
  name              = "tkesg305-worker-empty-list-nodes"
  vpc_id            = tencentcloud_vpc.worker_empty_list.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "worker_empty_list" {
  vpc_id                  = tencentcloud_vpc.worker_empty_list.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg305-worker-empty-list"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.worker_empty_list_nodes.id
    security_group_ids = [] # want "TKESG305 .*worker.empty.list"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# Three node groups of one cluster without SGs: two worker_config blocks and a
# scale worker. Each falls back on its own and needs its own edit, so each is
# its own finding at its own binding, none folded into another.
resource "tencentcloud_vpc" "three_groups" {
  name       = "tkesg305-three-groups"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "three_groups_nodes" {
  name              = "tkesg305-three-groups-nodes"
  vpc_id            = tencentcloud_vpc.three_groups.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "three_groups" {
  vpc_id                  = tencentcloud_vpc.three_groups.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg305-three-groups"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config { # want "TKESG305 a worker group of cluster tkesg305-three-groups binds no security group"
    count             = 2
    availability_zone = "ap-guangzhou-3"
    instance_type     = "SA5.MEDIUM4"
    subnet_id         = tencentcloud_subnet.three_groups_nodes.id
    key_ids           = ["skey-a1b2c3d4"]
  }

  worker_config { # want "TKESG305 a worker group of cluster tkesg305-three-groups binds no security group"
    count             = 1
    availability_zone = "ap-guangzhou-3"
    instance_type     = "SA5.LARGE8"
    subnet_id         = tencentcloud_subnet.three_groups_nodes.id
    key_ids           = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_scale_worker" "three_groups_gpu" { # want "TKESG305 a scale-worker group of cluster tkesg305-three-groups binds no security group"
  cluster_id = tencentcloud_kubernetes_cluster.three_groups.id

  worker_config {
    count             = 1
    availability_zone = "ap-guangzhou-3"
    instance_type     = "GN7.2XLARGE32"
    subnet_id         = tencentcloud_subnet.three_groups_nodes.id
    key_ids           = ["skey-a1b2c3d4"]
  }
}

# An auto-scaling group (tencentcloud_kubernetes_as_scaling_group) is a node
# group too: without security_group_ids in its auto_scaling_config, its CVMs
# get the default SG.
resource "tencentcloud_vpc" "scaling_no_sg" {
  name       = "tkesg305-scaling-no-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "scaling_no_sg_nodes" {
  name              = "tkesg305-scaling-no-sg-nodes"
  vpc_id            = tencentcloud_vpc.scaling_no_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "scaling_no_sg" {
  vpc_id                  = tencentcloud_vpc.scaling_no_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg305-scaling-no-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
}

resource "tencentcloud_kubernetes_as_scaling_group" "scaling_no_sg" { # want "TKESG305 a scaling group of cluster tkesg305-scaling-no-sg"
  cluster_id = tencentcloud_kubernetes_cluster.scaling_no_sg.id

  auto_scaling_group {
    scaling_group_name = "tkesg305-scaling-no-sg"
    max_size           = 4
    min_size           = 1
    vpc_id             = tencentcloud_vpc.scaling_no_sg.id
    subnet_ids         = [tencentcloud_subnet.scaling_no_sg_nodes.id]
  }

  auto_scaling_config {
    configuration_name = "tkesg305-scaling-no-sg"
    instance_type      = "SA5.MEDIUM4"
    key_ids            = ["skey-a1b2c3d4"]
  }
}
