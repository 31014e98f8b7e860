# TKESG304 (error): more than 5 SGs bound to one CVM, Tencent Cloud's limit:
# the apply fails. The finding is on the binding's line (the first line of a
# list written over several lines). Only TKESG304 is annotated here.
#
# Every cluster has its own VPC 10.0.0.0/16, node subnet 10.0.1.0/24 and GR
# container network 172.16.0.0/16. The SGs below are shared by the clusters of
# this folder (SGs are regional, not bound to a VPC): "nodes" holds TKE's worker
# rules, the others one extra rule each.
#
# This file holds the cases that fire, and the shared SGs; silent.tf holds
# the near misses.

# The shared SGs.
resource "tencentcloud_security_group" "nodes" {
  name        = "tkesg304-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

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

resource "tencentcloud_security_group" "monitoring" {
  name        = "tkesg304-monitoring"
  description = "prometheus scraping"
}

resource "tencentcloud_security_group_rule_set" "monitoring" {
  security_group_id = tencentcloud_security_group.monitoring.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "9100"
    description = "node-exporter"
  }
}

resource "tencentcloud_security_group" "logging" {
  name        = "tkesg304-logging"
  description = "log shippers"
}

resource "tencentcloud_security_group_rule_set" "logging" {
  security_group_id = tencentcloud_security_group.logging.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "24224"
    description = "fluentd forward"
  }
}

resource "tencentcloud_security_group" "mesh" {
  name        = "tkesg304-mesh"
  description = "service mesh"
}

resource "tencentcloud_security_group_rule_set" "mesh" {
  security_group_id = tencentcloud_security_group.mesh.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "15000-15090"
    description = "istio sidecars"
  }
}

resource "tencentcloud_security_group" "backup" {
  name        = "tkesg304-backup"
  description = "backup agents"
}

resource "tencentcloud_security_group_rule_set" "backup" {
  security_group_id = tencentcloud_security_group.backup.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "8200"
    description = "backup agent"
  }
}

resource "tencentcloud_security_group" "bastion_access" {
  name        = "tkesg304-bastion-access"
  description = "ssh from the bastion"
}

resource "tencentcloud_security_group_rule_set" "bastion_access" {
  security_group_id = tencentcloud_security_group.bastion_access.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.250.0/28"
    protocol    = "TCP"
    port        = "22"
    description = "bastion subnet"
  }
}

# The worker_config binds six SGs: error on security_group_ids.
resource "tencentcloud_vpc" "worker_six" {
  name       = "tkesg304-worker-six"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "worker_six_nodes" {
  name              = "tkesg304-worker-six-nodes"
  vpc_id            = tencentcloud_vpc.worker_six.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "worker_six" {
  vpc_id                  = tencentcloud_vpc.worker_six.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg304-worker-six"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count             = 2
    availability_zone = "ap-guangzhou-3"
    instance_type     = "SA5.MEDIUM4"
    system_disk_type  = "CLOUD_SSD"
    system_disk_size  = 60
    subnet_id         = tencentcloud_subnet.worker_six_nodes.id
    security_group_ids = [ # want "TKESG304 .*worker.six"
      tencentcloud_security_group.nodes.id,
      tencentcloud_security_group.monitoring.id,
      tencentcloud_security_group.logging.id,
      tencentcloud_security_group.mesh.id,
      tencentcloud_security_group.backup.id,
      tencentcloud_security_group.bastion_access.id,
    ]
    key_ids = ["skey-a1b2c3d4"]
  }
}

# A node pool binds six SGs in orderly_security_group_ids: error there. (The
# worker_config binds one.)
resource "tencentcloud_vpc" "pool_six" {
  name       = "tkesg304-pool-six"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pool_six_nodes" {
  name              = "tkesg304-pool-six-nodes"
  vpc_id            = tencentcloud_vpc.pool_six.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_kubernetes_cluster" "pool_six" {
  vpc_id                  = tencentcloud_vpc.pool_six.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg304-pool-six"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count             = 2
    availability_zone = "ap-guangzhou-3"
    instance_type     = "SA5.MEDIUM4"
    system_disk_type  = "CLOUD_SSD"
    system_disk_size  = 60
    subnet_id         = tencentcloud_subnet.pool_six_nodes.id
    security_group_ids = [
      tencentcloud_security_group.nodes.id,
    ]
    key_ids = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "pool_six_pool" {
  name              = "tkesg304-pool-six-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.pool_six.id
  vpc_id            = tencentcloud_vpc.pool_six.id
  subnet_ids        = [tencentcloud_subnet.pool_six_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type    = "SA5.MEDIUM4"
    system_disk_type = "CLOUD_SSD"
    system_disk_size = 60
    orderly_security_group_ids = [ # want "TKESG304 .*pool.six"
      tencentcloud_security_group.nodes.id,
      tencentcloud_security_group.monitoring.id,
      tencentcloud_security_group.logging.id,
      tencentcloud_security_group.mesh.id,
      tencentcloud_security_group.backup.id,
      tencentcloud_security_group.bastion_access.id,
    ]
    key_ids = ["skey-a1b2c3d4"]
  }
}

# A standalone CVM with six SGs in orderly_security_groups: error there.
resource "tencentcloud_vpc" "instance_six" {
  name       = "tkesg304-instance-six"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "instance_six_vms" {
  name              = "tkesg304-instance-six-vms"
  vpc_id            = tencentcloud_vpc.instance_six.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_instance" "instance_six_vm" {
  instance_name     = "tkesg304-instance-six-vm"
  availability_zone = "ap-guangzhou-3"
  image_id          = "img-eb30mz89"
  instance_type     = "SA5.MEDIUM2"
  vpc_id            = tencentcloud_vpc.instance_six.id
  subnet_id         = tencentcloud_subnet.instance_six_vms.id
  orderly_security_groups = [ # want "TKESG304 .*instance.six"
    tencentcloud_security_group.nodes.id,
    tencentcloud_security_group.monitoring.id,
    tencentcloud_security_group.logging.id,
    tencentcloud_security_group.mesh.id,
    tencentcloud_security_group.backup.id,
    tencentcloud_security_group.bastion_access.id,
  ]
  key_ids = ["skey-a1b2c3d4"]
}
