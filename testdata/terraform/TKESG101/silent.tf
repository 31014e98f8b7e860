# TKESG101 near misses: node security groups that must not get a TKESG101
# finding or note. Every cluster has its own VPC 10.0.0.0/16 with the node
# subnet 10.0.1.0/24 and, unless said otherwise, the GR container network
# 172.16.0.0/16.

# TKE's own worker rules, with a DROP of the rest from the world at the
# bottom: every required flow is accepted before the DROP.
resource "tencentcloud_vpc" "tke_defaults" {
  name       = "tkesg101-tke-defaults"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "tke_defaults_nodes" {
  name              = "tkesg101-tke-defaults-nodes"
  vpc_id            = tencentcloud_vpc.tke_defaults.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "tke_defaults_nodes" {
  name        = "tkesg101-tke-defaults-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "tke_defaults_nodes" {
  security_group_id = tencentcloud_security_group.tke_defaults_nodes.id

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

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "deny the rest"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "tke_defaults" {
  vpc_id                  = tencentcloud_vpc.tke_defaults.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-tke-defaults"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.tke_defaults_nodes.id
    security_group_ids = [tencentcloud_security_group.tke_defaults_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A DROP of TCP 22 and 3389 from everywhere above the pod rule: no TKE
# component uses them, so TKESG101 (and TKESG102) except them.
resource "tencentcloud_vpc" "ssh_rdp_dropped" {
  name       = "tkesg101-ssh-rdp-dropped"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "ssh_rdp_dropped_nodes" {
  name              = "tkesg101-ssh-rdp-dropped-nodes"
  vpc_id            = tencentcloud_vpc.ssh_rdp_dropped.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "ssh_rdp_dropped_nodes" {
  name        = "tkesg101-ssh-rdp-dropped-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "ssh_rdp_dropped_nodes" {
  security_group_id = tencentcloud_security_group.ssh_rdp_dropped_nodes.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22,3389"
    description = "no remote administration"
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

resource "tencentcloud_kubernetes_cluster" "ssh_rdp_dropped" {
  vpc_id                  = tencentcloud_vpc.ssh_rdp_dropped.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-ssh-rdp-dropped"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.ssh_rdp_dropped_nodes.id
    security_group_ids = [tencentcloud_security_group.ssh_rdp_dropped_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# VPC-CNI with no rule for any cluster_cidr: the pods use the ENI subnet
# 10.0.64.0/18, which the VPC rule already accepts.
resource "tencentcloud_vpc" "cni_vpc_only" {
  name       = "tkesg101-cni-vpc-only"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "cni_vpc_only_nodes" {
  name              = "tkesg101-cni-vpc-only-nodes"
  vpc_id            = tencentcloud_vpc.cni_vpc_only.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_subnet" "cni_vpc_only_pods" {
  name              = "tkesg101-cni-vpc-only-pods"
  vpc_id            = tencentcloud_vpc.cni_vpc_only.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.64.0/18"
}

resource "tencentcloud_security_group" "cni_vpc_only_nodes" {
  name        = "tkesg101-cni-vpc-only-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "cni_vpc_only_nodes" {
  security_group_id = tencentcloud_security_group.cni_vpc_only_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "cni_vpc_only" {
  vpc_id                  = tencentcloud_vpc.cni_vpc_only.id
  network_type            = "VPC-CNI"
  eni_subnet_ids          = [tencentcloud_subnet.cni_vpc_only_pods.id]
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-cni-vpc-only"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.cni_vpc_only_nodes.id
    security_group_ids = [tencentcloud_security_group.cni_vpc_only_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The first SG accepts everything TKE needs; the second is known only by id.
# Every required flow is accepted by the first SG before the unknown rules are
# reached, so nothing is undecided: no note either.
resource "tencentcloud_vpc" "known_then_unknown" {
  name       = "tkesg101-known-then-unknown"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "known_then_unknown_nodes" {
  name              = "tkesg101-known-then-unknown-nodes"
  vpc_id            = tencentcloud_vpc.known_then_unknown.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "known_then_unknown_nodes" {
  name        = "tkesg101-known-then-unknown-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "known_then_unknown_nodes" {
  security_group_id = tencentcloud_security_group.known_then_unknown_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "known_then_unknown" {
  vpc_id                  = tencentcloud_vpc.known_then_unknown.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-known-then-unknown"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.known_then_unknown_nodes.id
    security_group_ids = [tencentcloud_security_group.known_then_unknown_nodes.id, "sg-87654321"]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A lite rule that accepts the pods through a wider CIDR (172.16.0.0/12),
# bound by the worker_config and by a node pool.
resource "tencentcloud_vpc" "lite_supernet" {
  name       = "tkesg101-lite-supernet"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "lite_supernet_nodes" {
  name              = "tkesg101-lite-supernet-nodes"
  vpc_id            = tencentcloud_vpc.lite_supernet.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "lite_supernet_nodes" {
  name        = "tkesg101-lite-supernet-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_lite_rule" "lite_supernet_nodes" {
  security_group_id = tencentcloud_security_group.lite_supernet_nodes.id
  ingress = [
    "ACCEPT#172.16.0.0/12#ALL#ALL",
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
    "ACCEPT#0.0.0.0/0#ALL#ICMP",
    "DROP#0.0.0.0/0#ALL#ALL",
  ]
  egress = [
    "ACCEPT#0.0.0.0/0#ALL#ALL",
  ]
}

resource "tencentcloud_kubernetes_cluster" "lite_supernet" {
  vpc_id                  = tencentcloud_vpc.lite_supernet.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-lite-supernet"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.lite_supernet_nodes.id
    security_group_ids = [tencentcloud_security_group.lite_supernet_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "lite_supernet_pool" {
  name              = "tkesg101-lite-supernet-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.lite_supernet.id
  vpc_id            = tencentcloud_vpc.lite_supernet.id
  subnet_ids        = [tencentcloud_subnet.lite_supernet_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.lite_supernet_nodes.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

# The DROP from the SG "quarantine" comes after the pod, VPC and NodePort
# rules: every required flow is decided before it, so it makes nothing unknown.
resource "tencentcloud_vpc" "opaque_drop_below" {
  name       = "tkesg101-opaque-drop-below"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "opaque_drop_below_nodes" {
  name              = "tkesg101-opaque-drop-below-nodes"
  vpc_id            = tencentcloud_vpc.opaque_drop_below.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "opaque_drop_below_nodes" {
  name        = "tkesg101-opaque-drop-below-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "opaque_drop_below_nodes" {
  security_group_id = tencentcloud_security_group.opaque_drop_below_nodes.id

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

  ingress {
    action             = "DROP"
    source_security_id = tencentcloud_security_group.opaque_drop_below_quarantine.id
    protocol           = "ALL"
    port               = "ALL"
    description        = "hosts under investigation"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_security_group" "opaque_drop_below_quarantine" {
  name        = "tkesg101-opaque-drop-below-quarantine"
  description = "hosts under investigation"
}

resource "tencentcloud_kubernetes_cluster" "opaque_drop_below" {
  vpc_id                  = tencentcloud_vpc.opaque_drop_below.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-opaque-drop-below"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.opaque_drop_below_nodes.id
    security_group_ids = [tencentcloud_security_group.opaque_drop_below_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A serverless node pool bound to an SG with no pod rule: super nodes are not
# CVMs, their SG is bound to the pods, so it is not a node SG. The CVM workers
# bind TKE's rules.
resource "tencentcloud_vpc" "serverless_pool" {
  name       = "tkesg101-serverless-pool"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "serverless_pool_nodes" {
  name              = "tkesg101-serverless-pool-nodes"
  vpc_id            = tencentcloud_vpc.serverless_pool.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "serverless_pool_nodes" {
  name        = "tkesg101-serverless-pool-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "serverless_pool_nodes" {
  security_group_id = tencentcloud_security_group.serverless_pool_nodes.id

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

resource "tencentcloud_security_group" "serverless_pool_super" {
  name        = "tkesg101-serverless-pool-super"
  description = "super node pods"
}

resource "tencentcloud_security_group_rule_set" "serverless_pool_super" {
  security_group_id = tencentcloud_security_group.serverless_pool_super.id

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

resource "tencentcloud_kubernetes_cluster" "serverless_pool" {
  vpc_id                  = tencentcloud_vpc.serverless_pool.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg101-serverless-pool"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.serverless_pool_nodes.id
    security_group_ids = [tencentcloud_security_group.serverless_pool_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_serverless_node_pool" "serverless_pool" {
  cluster_id = tencentcloud_kubernetes_cluster.serverless_pool.id
  name       = "tkesg101-serverless-pool"

  serverless_nodes {
    display_name = "tkesg101-serverless-pool-1"
    subnet_id    = tencentcloud_subnet.serverless_pool_nodes.id
  }

  security_group_ids = [tencentcloud_security_group.serverless_pool_super.id]
}
