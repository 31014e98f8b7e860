# TKESG301 near misses: clusters whose node groups must not get a TKESG301
# finding. Every cluster has its own VPC 10.0.0.0/16, node subnet 10.0.1.0/24,
# GR container network 172.16.0.0/16 and its own SGs.

# worker_config, a node pool and a native node pool all bind [nodes,
# monitoring], in the same order.
resource "tencentcloud_vpc" "same_everywhere" {
  name       = "tkesg301-same-everywhere"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "same_everywhere_nodes" {
  name              = "tkesg301-same-everywhere-nodes"
  vpc_id            = tencentcloud_vpc.same_everywhere.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "same_everywhere_nodes" {
  name        = "tkesg301-same-everywhere-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "same_everywhere_nodes" {
  security_group_id = tencentcloud_security_group.same_everywhere_nodes.id

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

resource "tencentcloud_security_group" "same_everywhere_monitoring" {
  name        = "tkesg301-same-everywhere-monitoring"
  description = "prometheus scraping"
}

resource "tencentcloud_security_group_rule_set" "same_everywhere_monitoring" {
  security_group_id = tencentcloud_security_group.same_everywhere_monitoring.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "9100"
    description = "node-exporter from the vpc"
  }
}

resource "tencentcloud_kubernetes_cluster" "same_everywhere" {
  vpc_id                  = tencentcloud_vpc.same_everywhere.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg301-same-everywhere"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.same_everywhere_nodes.id
    security_group_ids = [tencentcloud_security_group.same_everywhere_nodes.id, tencentcloud_security_group.same_everywhere_monitoring.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "same_everywhere_pool" {
  name              = "tkesg301-same-everywhere-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.same_everywhere.id
  vpc_id            = tencentcloud_vpc.same_everywhere.id
  subnet_ids        = [tencentcloud_subnet.same_everywhere_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.same_everywhere_nodes.id, tencentcloud_security_group.same_everywhere_monitoring.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_native_node_pool" "same_everywhere_native" {
  name       = "tkesg301-same-everywhere-native"
  cluster_id = tencentcloud_kubernetes_cluster.same_everywhere.id
  type       = "Native"

  native {
    instance_charge_type = "POSTPAID_BY_HOUR"
    instance_types       = ["SA5.MEDIUM4"]
    security_group_ids   = [tencentcloud_security_group.same_everywhere_nodes.id, tencentcloud_security_group.same_everywhere_monitoring.id]
    subnet_ids           = [tencentcloud_subnet.same_everywhere_nodes.id]
    replicas             = 2

    system_disk {
      disk_type = "CLOUD_SSD"
      disk_size = 60
    }
  }
}

# No worker_config; two node pools bind the same list.
resource "tencentcloud_vpc" "pools_only_same" {
  name       = "tkesg301-pools-only-same"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pools_only_same_nodes" {
  name              = "tkesg301-pools-only-same-nodes"
  vpc_id            = tencentcloud_vpc.pools_only_same.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "pools_only_same_nodes" {
  name        = "tkesg301-pools-only-same-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "pools_only_same_nodes" {
  security_group_id = tencentcloud_security_group.pools_only_same_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "pools_only_same" {
  vpc_id                  = tencentcloud_vpc.pools_only_same.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg301-pools-only-same"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
}

resource "tencentcloud_kubernetes_node_pool" "pools_only_same_a" {
  name              = "tkesg301-pools-only-same-a"
  cluster_id        = tencentcloud_kubernetes_cluster.pools_only_same.id
  vpc_id            = tencentcloud_vpc.pools_only_same.id
  subnet_ids        = [tencentcloud_subnet.pools_only_same_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.pools_only_same_nodes.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "pools_only_same_b" {
  name              = "tkesg301-pools-only-same-b"
  cluster_id        = tencentcloud_kubernetes_cluster.pools_only_same.id
  vpc_id            = tencentcloud_vpc.pools_only_same.id
  subnet_ids        = [tencentcloud_subnet.pools_only_same_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.pools_only_same_nodes.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

# A serverless node pool binds another SG: super nodes are not CVMs and their
# SG is bound to the pods, so they are no node group for TKESG301.
resource "tencentcloud_vpc" "serverless_differs" {
  name       = "tkesg301-serverless-differs"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "serverless_differs_nodes" {
  name              = "tkesg301-serverless-differs-nodes"
  vpc_id            = tencentcloud_vpc.serverless_differs.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "serverless_differs_nodes" {
  name        = "tkesg301-serverless-differs-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "serverless_differs_nodes" {
  security_group_id = tencentcloud_security_group.serverless_differs_nodes.id

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

resource "tencentcloud_security_group" "serverless_differs_super" {
  name        = "tkesg301-serverless-differs-super"
  description = "super node pods"
}

resource "tencentcloud_security_group_rule_set" "serverless_differs_super" {
  security_group_id = tencentcloud_security_group.serverless_differs_super.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "8080"
    description = "app port from the vpc"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "serverless_differs" {
  vpc_id                  = tencentcloud_vpc.serverless_differs.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg301-serverless-differs"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.serverless_differs_nodes.id
    security_group_ids = [tencentcloud_security_group.serverless_differs_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_serverless_node_pool" "serverless_differs_super" {
  cluster_id = tencentcloud_kubernetes_cluster.serverless_differs.id
  name       = "tkesg301-serverless-differs-super"

  serverless_nodes {
    display_name = "tkesg301-serverless-differs-super-1"
    subnet_id    = tencentcloud_subnet.serverless_differs_nodes.id
  }

  security_group_ids = [tencentcloud_security_group.serverless_differs_super.id]
}

# A scale worker that binds the worker_config's list.
resource "tencentcloud_vpc" "scale_worker_same" {
  name       = "tkesg301-scale-worker-same"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "scale_worker_same_nodes" {
  name              = "tkesg301-scale-worker-same-nodes"
  vpc_id            = tencentcloud_vpc.scale_worker_same.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "scale_worker_same_nodes" {
  name        = "tkesg301-scale-worker-same-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "scale_worker_same_nodes" {
  security_group_id = tencentcloud_security_group.scale_worker_same_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "scale_worker_same" {
  vpc_id                  = tencentcloud_vpc.scale_worker_same.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg301-scale-worker-same"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.scale_worker_same_nodes.id
    security_group_ids = [tencentcloud_security_group.scale_worker_same_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_scale_worker" "scale_worker_same_extra" {
  cluster_id = tencentcloud_kubernetes_cluster.scale_worker_same.id

  worker_config {
    count              = 1
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.scale_worker_same_nodes.id
    security_group_ids = [tencentcloud_security_group.scale_worker_same_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}
