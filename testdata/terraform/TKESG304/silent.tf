# TKESG304 near misses: bindings that must not get a TKESG304 finding. The
# SGs are the shared ones of fires.tf.

# Five SGs: the limit, not above it.
resource "tencentcloud_vpc" "worker_five" {
  name       = "tkesg304-worker-five"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "worker_five_nodes" {
  name              = "tkesg304-worker-five-nodes"
  vpc_id            = tencentcloud_vpc.worker_five.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "worker_five" {
  vpc_id                  = tencentcloud_vpc.worker_five.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg304-worker-five"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count             = 2
    availability_zone = "ap-guangzhou-3"
    instance_type     = "SA5.MEDIUM4"
    system_disk_type  = "CLOUD_SSD"
    system_disk_size  = 60
    subnet_id         = tencentcloud_subnet.worker_five_nodes.id
    security_group_ids = [
      tencentcloud_security_group.nodes.id,
      tencentcloud_security_group.monitoring.id,
      tencentcloud_security_group.logging.id,
      tencentcloud_security_group.mesh.id,
      tencentcloud_security_group.backup.id,
    ]
    key_ids = ["skey-a1b2c3d4"]
  }
}

# Six SGs in the cluster, but no CVM gets more than three: the worker_config
# binds three, a node pool the other three (a TKESG301 matter, not TKESG304).
resource "tencentcloud_vpc" "split_groups" {
  name       = "tkesg304-split-groups"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "split_groups_nodes" {
  name              = "tkesg304-split-groups-nodes"
  vpc_id            = tencentcloud_vpc.split_groups.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "split_groups" {
  vpc_id                  = tencentcloud_vpc.split_groups.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg304-split-groups"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count             = 2
    availability_zone = "ap-guangzhou-3"
    instance_type     = "SA5.MEDIUM4"
    system_disk_type  = "CLOUD_SSD"
    system_disk_size  = 60
    subnet_id         = tencentcloud_subnet.split_groups_nodes.id
    security_group_ids = [
      tencentcloud_security_group.nodes.id,
      tencentcloud_security_group.monitoring.id,
      tencentcloud_security_group.logging.id,
    ]
    key_ids = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "split_groups_pool" {
  name              = "tkesg304-split-groups-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.split_groups.id
  vpc_id            = tencentcloud_vpc.split_groups.id
  subnet_ids        = [tencentcloud_subnet.split_groups_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type    = "SA5.MEDIUM4"
    system_disk_type = "CLOUD_SSD"
    system_disk_size = 60
    orderly_security_group_ids = [
      tencentcloud_security_group.mesh.id,
      tencentcloud_security_group.backup.id,
      tencentcloud_security_group.bastion_access.id,
    ]
    key_ids = ["skey-a1b2c3d4"]
  }
}
