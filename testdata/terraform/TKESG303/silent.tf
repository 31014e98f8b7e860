# TKESG303 near misses: SGs bound in a way that must not get a TKESG303
# finding. Every cluster has its own VPC 10.0.0.0/16, node subnet 10.0.1.0/24,
# GR container network 172.16.0.0/16 and its own SGs.

# Two SGs through the set that do not conflict: nodes (TKE's rules, no DROP)
# and https (TCP 443 from the office). Whatever the order, the result is the
# same.
resource "tencentcloud_vpc" "set_no_conflict" {
  name       = "tkesg303-set-no-conflict"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "set_no_conflict_nodes" {
  name              = "tkesg303-set-no-conflict-nodes"
  vpc_id            = tencentcloud_vpc.set_no_conflict.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "set_no_conflict_nodes" {
  name        = "tkesg303-set-no-conflict-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "set_no_conflict_nodes" {
  security_group_id = tencentcloud_security_group.set_no_conflict_nodes.id

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

resource "tencentcloud_security_group" "set_no_conflict_https" {
  name        = "tkesg303-set-no-conflict-https"
  description = "https from the office"
}

resource "tencentcloud_security_group_rule_set" "set_no_conflict_https" {
  security_group_id = tencentcloud_security_group.set_no_conflict_https.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "203.0.113.0/24"
    protocol    = "TCP"
    port        = "443"
    description = "office"
  }
}

resource "tencentcloud_kubernetes_cluster" "set_no_conflict" {
  vpc_id                  = tencentcloud_vpc.set_no_conflict.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg303-set-no-conflict"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.set_no_conflict_nodes.id
    security_group_ids = [tencentcloud_security_group.set_no_conflict_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "set_no_conflict_pool" {
  name              = "tkesg303-set-no-conflict-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.set_no_conflict.id
  vpc_id            = tencentcloud_vpc.set_no_conflict.id
  subnet_ids        = [tencentcloud_subnet.set_no_conflict_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    security_group_ids = [tencentcloud_security_group.set_no_conflict_nodes.id, tencentcloud_security_group.set_no_conflict_https.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# One SG through the set: there is no order to lose.
resource "tencentcloud_vpc" "set_single" {
  name       = "tkesg303-set-single"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "set_single_nodes" {
  name              = "tkesg303-set-single-nodes"
  vpc_id            = tencentcloud_vpc.set_single.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "set_single_nodes" {
  name        = "tkesg303-set-single-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "set_single_nodes" {
  security_group_id = tencentcloud_security_group.set_single_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "set_single" {
  vpc_id                  = tencentcloud_vpc.set_single.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg303-set-single"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.set_single_nodes.id
    security_group_ids = [tencentcloud_security_group.set_single_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "set_single_pool" {
  name              = "tkesg303-set-single-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.set_single.id
  vpc_id            = tencentcloud_vpc.set_single.id
  subnet_ids        = [tencentcloud_subnet.set_single_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    security_group_ids = [tencentcloud_security_group.set_single_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The conflicting pair of pool_set_conflict (fires.tf), bound through
# orderly_security_group_ids: the order is kept, nodes comes first and SSH is
# closed. Not TKESG303.
resource "tencentcloud_vpc" "orderly_conflict" {
  name       = "tkesg303-orderly-conflict"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "orderly_conflict_nodes" {
  name              = "tkesg303-orderly-conflict-nodes"
  vpc_id            = tencentcloud_vpc.orderly_conflict.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "orderly_conflict_nodes" {
  name        = "tkesg303-orderly-conflict-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "orderly_conflict_nodes" {
  security_group_id = tencentcloud_security_group.orderly_conflict_nodes.id

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

resource "tencentcloud_security_group" "orderly_conflict_ssh" {
  name        = "tkesg303-orderly-conflict-ssh"
  description = "ssh for operators"
}

resource "tencentcloud_security_group_rule_set" "orderly_conflict_ssh" {
  security_group_id = tencentcloud_security_group.orderly_conflict_ssh.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "ssh from anywhere"
  }
}

resource "tencentcloud_kubernetes_cluster" "orderly_conflict" {
  vpc_id                  = tencentcloud_vpc.orderly_conflict.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg303-orderly-conflict"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.orderly_conflict_nodes.id
    security_group_ids = [tencentcloud_security_group.orderly_conflict_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "orderly_conflict_pool" {
  name              = "tkesg303-orderly-conflict-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.orderly_conflict.id
  vpc_id            = tencentcloud_vpc.orderly_conflict.id
  subnet_ids        = [tencentcloud_subnet.orderly_conflict_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.orderly_conflict_nodes.id, tencentcloud_security_group.orderly_conflict_ssh.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

# nodes DROPs TCP 3389 from the world, ssh ACCEPTs TCP 22: the two never
# decide the same flow differently.
resource "tencentcloud_vpc" "set_disjoint" {
  name       = "tkesg303-set-disjoint"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "set_disjoint_nodes" {
  name              = "tkesg303-set-disjoint-nodes"
  vpc_id            = tencentcloud_vpc.set_disjoint.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "set_disjoint_nodes" {
  name        = "tkesg303-set-disjoint-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "set_disjoint_nodes" {
  security_group_id = tencentcloud_security_group.set_disjoint_nodes.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "3389"
    description = "no rdp"
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

resource "tencentcloud_security_group" "set_disjoint_ssh" {
  name        = "tkesg303-set-disjoint-ssh"
  description = "ssh for operators"
}

resource "tencentcloud_security_group_rule_set" "set_disjoint_ssh" {
  security_group_id = tencentcloud_security_group.set_disjoint_ssh.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "ssh from anywhere"
  }
}

resource "tencentcloud_kubernetes_cluster" "set_disjoint" {
  vpc_id                  = tencentcloud_vpc.set_disjoint.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg303-set-disjoint"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.set_disjoint_nodes.id
    security_group_ids = [tencentcloud_security_group.set_disjoint_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "set_disjoint_pool" {
  name              = "tkesg303-set-disjoint-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.set_disjoint.id
  vpc_id            = tencentcloud_vpc.set_disjoint.id
  subnet_ids        = [tencentcloud_subnet.set_disjoint_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    security_group_ids = [tencentcloud_security_group.set_disjoint_nodes.id, tencentcloud_security_group.set_disjoint_ssh.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A standalone CVM with the conflicting pair in orderly_security_groups: the
# order is kept.
resource "tencentcloud_vpc" "instance_orderly" {
  name       = "tkesg303-instance-orderly"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "instance_orderly_vms" {
  name              = "tkesg303-instance-orderly-vms"
  vpc_id            = tencentcloud_vpc.instance_orderly.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "instance_orderly_baseline" {
  name        = "tkesg303-instance-orderly-baseline"
  description = "company baseline"
}

resource "tencentcloud_security_group_rule_set" "instance_orderly_baseline" {
  security_group_id = tencentcloud_security_group.instance_orderly_baseline.id

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

resource "tencentcloud_security_group" "instance_orderly_ssh" {
  name        = "tkesg303-instance-orderly-ssh"
  description = "ssh for operators"
}

resource "tencentcloud_security_group_rule_set" "instance_orderly_ssh" {
  security_group_id = tencentcloud_security_group.instance_orderly_ssh.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "ssh from anywhere"
  }
}

resource "tencentcloud_instance" "instance_orderly_vm" {
  instance_name           = "tkesg303-instance-orderly-vm"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.instance_orderly.id
  subnet_id               = tencentcloud_subnet.instance_orderly_vms.id
  orderly_security_groups = [tencentcloud_security_group.instance_orderly_baseline.id, tencentcloud_security_group.instance_orderly_ssh.id]
  key_ids                 = ["skey-a1b2c3d4"]
}
