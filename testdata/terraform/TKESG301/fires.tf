# TKESG301 (warning): the node groups of one cluster (worker_config, node
# pools, native node pools, scale workers, attachments) bind different SG lists
# (TKE recommendation R1: bind every CVM of a cluster to the same SGs). The
# finding is on the binding of the later group (by file position) whose list
# differs from the first group's. Only TKESG301 is annotated here.
#
# Every cluster has its own VPC 10.0.0.0/16, node subnet 10.0.1.0/24, GR
# container network 172.16.0.0/16 and its own SGs: different clusters binding
# different lists is not TKESG301.
#
# This file holds the cases that fire; silent.tf holds the near misses.

# The worker_config binds [nodes]; a node pool added later binds [nodes,
# monitoring]. The pool's CVMs get rules the others do not: warning on the
# pool's orderly_security_group_ids.
resource "tencentcloud_vpc" "pool_adds_sg" {
  name       = "tkesg301-pool-adds-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pool_adds_sg_nodes" {
  name              = "tkesg301-pool-adds-sg-nodes"
  vpc_id            = tencentcloud_vpc.pool_adds_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "pool_adds_sg_nodes" {
  name        = "tkesg301-pool-adds-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "pool_adds_sg_nodes" {
  security_group_id = tencentcloud_security_group.pool_adds_sg_nodes.id

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

resource "tencentcloud_security_group" "pool_adds_sg_monitoring" {
  name        = "tkesg301-pool-adds-sg-monitoring"
  description = "prometheus scraping"
}

resource "tencentcloud_security_group_rule_set" "pool_adds_sg_monitoring" {
  security_group_id = tencentcloud_security_group.pool_adds_sg_monitoring.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "9100"
    description = "node-exporter from the vpc"
  }
}

resource "tencentcloud_kubernetes_cluster" "pool_adds_sg" {
  vpc_id                  = tencentcloud_vpc.pool_adds_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg301-pool-adds-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.pool_adds_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.pool_adds_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "pool_adds_sg_pool" {
  name              = "tkesg301-pool-adds-sg-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.pool_adds_sg.id
  vpc_id            = tencentcloud_vpc.pool_adds_sg.id
  subnet_ids        = [tencentcloud_subnet.pool_adds_sg_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.pool_adds_sg_nodes.id, tencentcloud_security_group.pool_adds_sg_monitoring.id] # want "TKESG301 .*pool.adds.sg"
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

# A native node pool binds another SG than the worker_config: warning on the
# native pool's security_group_ids.
resource "tencentcloud_vpc" "native_differs" {
  name       = "tkesg301-native-differs"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "native_differs_nodes" {
  name              = "tkesg301-native-differs-nodes"
  vpc_id            = tencentcloud_vpc.native_differs.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "native_differs_nodes" {
  name        = "tkesg301-native-differs-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "native_differs_nodes" {
  security_group_id = tencentcloud_security_group.native_differs_nodes.id

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

resource "tencentcloud_security_group" "native_differs_native" {
  name        = "tkesg301-native-differs-native"
  description = "native pool nodes"
}

resource "tencentcloud_security_group_rule_set" "native_differs_native" {
  security_group_id = tencentcloud_security_group.native_differs_native.id

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

resource "tencentcloud_kubernetes_cluster" "native_differs" {
  vpc_id                  = tencentcloud_vpc.native_differs.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg301-native-differs"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.native_differs_nodes.id
    security_group_ids = [tencentcloud_security_group.native_differs_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_native_node_pool" "native_differs_native" {
  name       = "tkesg301-native-differs-native"
  cluster_id = tencentcloud_kubernetes_cluster.native_differs.id
  type       = "Native"

  native {
    instance_charge_type = "POSTPAID_BY_HOUR"
    instance_types       = ["SA5.MEDIUM4"]
    security_group_ids   = [tencentcloud_security_group.native_differs_native.id] # want "TKESG301 .*native.differs"
    subnet_ids           = [tencentcloud_subnet.native_differs_nodes.id]
    replicas             = 2

    system_disk {
      disk_type = "CLOUD_SSD"
      disk_size = 60
    }
  }
}

# The same two SGs in another order: order decides which rule wins, so the
# lists differ. Warning on the pool.
resource "tencentcloud_vpc" "pool_reorders" {
  name       = "tkesg301-pool-reorders"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pool_reorders_nodes" {
  name              = "tkesg301-pool-reorders-nodes"
  vpc_id            = tencentcloud_vpc.pool_reorders.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "pool_reorders_nodes" {
  name        = "tkesg301-pool-reorders-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "pool_reorders_nodes" {
  security_group_id = tencentcloud_security_group.pool_reorders_nodes.id

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

resource "tencentcloud_security_group" "pool_reorders_monitoring" {
  name        = "tkesg301-pool-reorders-monitoring"
  description = "prometheus scraping"
}

resource "tencentcloud_security_group_rule_set" "pool_reorders_monitoring" {
  security_group_id = tencentcloud_security_group.pool_reorders_monitoring.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "9100"
    description = "node-exporter from the vpc"
  }
}

resource "tencentcloud_kubernetes_cluster" "pool_reorders" {
  vpc_id                  = tencentcloud_vpc.pool_reorders.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg301-pool-reorders"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.pool_reorders_nodes.id
    security_group_ids = [tencentcloud_security_group.pool_reorders_nodes.id, tencentcloud_security_group.pool_reorders_monitoring.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "pool_reorders_pool" {
  name              = "tkesg301-pool-reorders-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.pool_reorders.id
  vpc_id            = tencentcloud_vpc.pool_reorders.id
  subnet_ids        = [tencentcloud_subnet.pool_reorders_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.pool_reorders_monitoring.id, tencentcloud_security_group.pool_reorders_nodes.id] # want "TKESG301 .*pool.reorders"
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

# A scale worker adds a debug SG to its CVMs: warning on its
# security_group_ids.
resource "tencentcloud_vpc" "scale_worker_adds" {
  name       = "tkesg301-scale-worker-adds"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "scale_worker_adds_nodes" {
  name              = "tkesg301-scale-worker-adds-nodes"
  vpc_id            = tencentcloud_vpc.scale_worker_adds.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "scale_worker_adds_nodes" {
  name        = "tkesg301-scale-worker-adds-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "scale_worker_adds_nodes" {
  security_group_id = tencentcloud_security_group.scale_worker_adds_nodes.id

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

resource "tencentcloud_security_group" "scale_worker_adds_debug" {
  name        = "tkesg301-scale-worker-adds-debug"
  description = "debugging"
}

resource "tencentcloud_security_group_rule_set" "scale_worker_adds_debug" {
  security_group_id = tencentcloud_security_group.scale_worker_adds_debug.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "203.0.113.0/24"
    protocol    = "TCP"
    port        = "22"
    description = "ssh from the office"
  }
}

resource "tencentcloud_kubernetes_cluster" "scale_worker_adds" {
  vpc_id                  = tencentcloud_vpc.scale_worker_adds.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg301-scale-worker-adds"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.scale_worker_adds_nodes.id
    security_group_ids = [tencentcloud_security_group.scale_worker_adds_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_scale_worker" "scale_worker_adds_extra" {
  cluster_id = tencentcloud_kubernetes_cluster.scale_worker_adds.id

  worker_config {
    count              = 1
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.scale_worker_adds_nodes.id
    security_group_ids = [tencentcloud_security_group.scale_worker_adds_nodes.id, tencentcloud_security_group.scale_worker_adds_debug.id] # want "TKESG301 .*scale.worker.adds"
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# No worker_config: the first node pool binds [nodes], the second [nodes,
# monitoring]. Warning on the second pool only.
resource "tencentcloud_vpc" "second_pool_differs" {
  name       = "tkesg301-second-pool-differs"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "second_pool_differs_nodes" {
  name              = "tkesg301-second-pool-differs-nodes"
  vpc_id            = tencentcloud_vpc.second_pool_differs.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "second_pool_differs_nodes" {
  name        = "tkesg301-second-pool-differs-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "second_pool_differs_nodes" {
  security_group_id = tencentcloud_security_group.second_pool_differs_nodes.id

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

resource "tencentcloud_security_group" "second_pool_differs_monitoring" {
  name        = "tkesg301-second-pool-differs-monitoring"
  description = "prometheus scraping"
}

resource "tencentcloud_security_group_rule_set" "second_pool_differs_monitoring" {
  security_group_id = tencentcloud_security_group.second_pool_differs_monitoring.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "9100"
    description = "node-exporter from the vpc"
  }
}

resource "tencentcloud_kubernetes_cluster" "second_pool_differs" {
  vpc_id                  = tencentcloud_vpc.second_pool_differs.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg301-second-pool-differs"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
}

resource "tencentcloud_kubernetes_node_pool" "second_pool_differs_a" {
  name              = "tkesg301-second-pool-differs-a"
  cluster_id        = tencentcloud_kubernetes_cluster.second_pool_differs.id
  vpc_id            = tencentcloud_vpc.second_pool_differs.id
  subnet_ids        = [tencentcloud_subnet.second_pool_differs_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.second_pool_differs_nodes.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "second_pool_differs_b" {
  name              = "tkesg301-second-pool-differs-b"
  cluster_id        = tencentcloud_kubernetes_cluster.second_pool_differs.id
  vpc_id            = tencentcloud_vpc.second_pool_differs.id
  subnet_ids        = [tencentcloud_subnet.second_pool_differs_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.second_pool_differs_nodes.id, tencentcloud_security_group.second_pool_differs_monitoring.id] # want "TKESG301 .*second.pool.differs"
    key_ids                    = ["skey-a1b2c3d4"]
  }
}
