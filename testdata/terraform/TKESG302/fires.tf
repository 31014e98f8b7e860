# TKESG302 (warning): a node SG of a cluster is also bound to a CVM that is
# not part of that cluster (TKE recommendation R1). Such a CVM gets every rule
# meant for the nodes, and rules that name the node SG admit it as a node. The
# finding is on the element of the instance's SG list (or the attachment's
# security_group_id) that names the node SG. Only TKESG302 is annotated here.
#
# Every cluster has its own VPC 10.0.0.0/16, node subnet 10.0.1.0/24, GR
# container network 172.16.0.0/16 and its own SGs.
#
# This file holds the cases that fire; silent.tf holds the near misses.

# A bastion host in the cluster's VPC is bound to its own SG and, "so that it
# can reach the nodes", to the node SG: warning on that element.
resource "tencentcloud_vpc" "bastion_in_node_sg" {
  name       = "tkesg302-bastion-in-node-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "bastion_in_node_sg_nodes" {
  name              = "tkesg302-bastion-in-node-sg-nodes"
  vpc_id            = tencentcloud_vpc.bastion_in_node_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "bastion_in_node_sg_nodes" {
  name        = "tkesg302-bastion-in-node-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "bastion_in_node_sg_nodes" {
  security_group_id = tencentcloud_security_group.bastion_in_node_sg_nodes.id

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

resource "tencentcloud_security_group" "bastion_in_node_sg_bastion" {
  name        = "tkesg302-bastion-in-node-sg-bastion"
  description = "bastion"
}

resource "tencentcloud_security_group_rule_set" "bastion_in_node_sg_bastion" {
  security_group_id = tencentcloud_security_group.bastion_in_node_sg_bastion.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "203.0.113.0/24"
    protocol    = "TCP"
    port        = "22"
    description = "ssh from the office"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "bastion_in_node_sg" {
  vpc_id                  = tencentcloud_vpc.bastion_in_node_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg302-bastion-in-node-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.bastion_in_node_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.bastion_in_node_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_instance" "bastion_in_node_sg_bastion" {
  instance_name     = "tkesg302-bastion-in-node-sg-bastion"
  availability_zone = "ap-guangzhou-3"
  image_id          = "img-eb30mz89"
  instance_type     = "SA5.MEDIUM2"
  vpc_id            = tencentcloud_vpc.bastion_in_node_sg.id
  subnet_id         = tencentcloud_subnet.bastion_in_node_sg_nodes.id
  orderly_security_groups = [
    tencentcloud_security_group.bastion_in_node_sg_bastion.id,
    tencentcloud_security_group.bastion_in_node_sg_nodes.id, # want "TKESG302 .*bastion.in.node.sg"
  ]
  key_ids = ["skey-a1b2c3d4"]
}

# A build VM bound to the node SG through the deprecated security_groups set,
# on one line: warning on that line.
resource "tencentcloud_vpc" "legacy_set" {
  name       = "tkesg302-legacy-set"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "legacy_set_nodes" {
  name              = "tkesg302-legacy-set-nodes"
  vpc_id            = tencentcloud_vpc.legacy_set.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "legacy_set_nodes" {
  name        = "tkesg302-legacy-set-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "legacy_set_nodes" {
  security_group_id = tencentcloud_security_group.legacy_set_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "legacy_set" {
  vpc_id                  = tencentcloud_vpc.legacy_set.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg302-legacy-set"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.legacy_set_nodes.id
    security_group_ids = [tencentcloud_security_group.legacy_set_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_instance" "legacy_set_build" {
  instance_name     = "tkesg302-legacy-set-build"
  availability_zone = "ap-guangzhou-3"
  image_id          = "img-eb30mz89"
  instance_type     = "SA5.MEDIUM2"
  vpc_id            = tencentcloud_vpc.legacy_set.id
  subnet_id         = tencentcloud_subnet.legacy_set_nodes.id
  security_groups   = [tencentcloud_security_group.legacy_set_nodes.id] # want "TKESG302 .*legacy.set"
  key_ids           = ["skey-a1b2c3d4"]
}

# A jump host bound to its own SG, and to the node SG by a
# tencentcloud_cvm_security_group_attachment: warning on the attachment's
# security_group_id.
resource "tencentcloud_vpc" "cvm_attachment" {
  name       = "tkesg302-cvm-attachment"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "cvm_attachment_nodes" {
  name              = "tkesg302-cvm-attachment-nodes"
  vpc_id            = tencentcloud_vpc.cvm_attachment.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "cvm_attachment_nodes" {
  name        = "tkesg302-cvm-attachment-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "cvm_attachment_nodes" {
  security_group_id = tencentcloud_security_group.cvm_attachment_nodes.id

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

resource "tencentcloud_security_group" "cvm_attachment_jump" {
  name        = "tkesg302-cvm-attachment-jump"
  description = "jump host"
}

resource "tencentcloud_security_group_rule_set" "cvm_attachment_jump" {
  security_group_id = tencentcloud_security_group.cvm_attachment_jump.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "203.0.113.0/24"
    protocol    = "TCP"
    port        = "22"
    description = "ssh from the office"
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound"
  }
}

resource "tencentcloud_kubernetes_cluster" "cvm_attachment" {
  vpc_id                  = tencentcloud_vpc.cvm_attachment.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg302-cvm-attachment"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.cvm_attachment_nodes.id
    security_group_ids = [tencentcloud_security_group.cvm_attachment_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_instance" "cvm_attachment_jump" {
  instance_name           = "tkesg302-cvm-attachment-jump"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.cvm_attachment.id
  subnet_id               = tencentcloud_subnet.cvm_attachment_nodes.id
  orderly_security_groups = [tencentcloud_security_group.cvm_attachment_jump.id]
  key_ids                 = ["skey-a1b2c3d4"]
}

resource "tencentcloud_cvm_security_group_attachment" "cvm_attachment" {
  instance_id       = tencentcloud_instance.cvm_attachment_jump.id
  security_group_id = tencentcloud_security_group.cvm_attachment_nodes.id # want "TKESG302 .*cvm.attachment"
}

# The node SG is bound only by a node pool (no worker_config); a monitoring VM
# outside the cluster binds it too: warning on the VM's list.
resource "tencentcloud_vpc" "pool_sg_on_vm" {
  name       = "tkesg302-pool-sg-on-vm"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "pool_sg_on_vm_nodes" {
  name              = "tkesg302-pool-sg-on-vm-nodes"
  vpc_id            = tencentcloud_vpc.pool_sg_on_vm.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "pool_sg_on_vm_nodes" {
  name        = "tkesg302-pool-sg-on-vm-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "pool_sg_on_vm_nodes" {
  security_group_id = tencentcloud_security_group.pool_sg_on_vm_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "pool_sg_on_vm" {
  vpc_id                  = tencentcloud_vpc.pool_sg_on_vm.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg302-pool-sg-on-vm"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
}

resource "tencentcloud_kubernetes_node_pool" "pool_sg_on_vm_pool" {
  name              = "tkesg302-pool-sg-on-vm-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.pool_sg_on_vm.id
  vpc_id            = tencentcloud_vpc.pool_sg_on_vm.id
  subnet_ids        = [tencentcloud_subnet.pool_sg_on_vm_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.pool_sg_on_vm_nodes.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_instance" "pool_sg_on_vm_monitor" {
  instance_name           = "tkesg302-pool-sg-on-vm-monitor"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.pool_sg_on_vm.id
  subnet_id               = tencentcloud_subnet.pool_sg_on_vm_nodes.id
  orderly_security_groups = [tencentcloud_security_group.pool_sg_on_vm_nodes.id] # want "TKESG302 .*pool.sg.on.vm"
  key_ids                 = ["skey-a1b2c3d4"]
}

# Two clusters' node pools share one node SG. Cluster "shared_a" binds it to
# its workers; a node pool of cluster "shared_b" binds it too, and so does an
# auto-scaling group of cluster "shared_c": their CVMs are not nodes of
# shared_a but carry its node SG. One finding per other node group, at the
# element that names the SG; shared_a's own binding is a related location.
resource "tencentcloud_vpc" "shared" {
  name       = "tkesg302-shared"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "shared_nodes" {
  name              = "tkesg302-shared-nodes"
  vpc_id            = tencentcloud_vpc.shared.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "shared_nodes" {
  name        = "tkesg302-shared-nodes"
  description = "worker nodes of every cluster"
}

resource "tencentcloud_security_group_lite_rule" "shared_nodes" {
  security_group_id = tencentcloud_security_group.shared_nodes.id
  ingress = [
    "ACCEPT#172.16.0.0/12#ALL#ALL",
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
  egress = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_kubernetes_cluster" "shared_a" {
  vpc_id                  = tencentcloud_vpc.shared.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg302-shared-a"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.shared_nodes.id
    security_group_ids = [tencentcloud_security_group.shared_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_cluster" "shared_b" {
  vpc_id                  = tencentcloud_vpc.shared.id
  cluster_cidr            = "172.17.0.0/16"
  service_cidr            = "192.168.4.0/22"
  cluster_name            = "tkesg302-shared-b"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
}

resource "tencentcloud_kubernetes_node_pool" "shared_b" {
  name       = "tkesg302-shared-b-pool"
  cluster_id = tencentcloud_kubernetes_cluster.shared_b.id
  vpc_id     = tencentcloud_vpc.shared.id
  subnet_ids = [tencentcloud_subnet.shared_nodes.id]
  max_size   = 4
  min_size   = 1

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.shared_nodes.id] # want "TKESG302 a node pool of cluster tkesg302-shared-b binds sg tkesg302-shared-nodes, a node security group of cluster tkesg302-shared-a"
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_cluster" "shared_c" {
  vpc_id                  = tencentcloud_vpc.shared.id
  cluster_cidr            = "172.18.0.0/16"
  service_cidr            = "192.168.8.0/22"
  cluster_name            = "tkesg302-shared-c"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
}

resource "tencentcloud_kubernetes_as_scaling_group" "shared_c" {
  cluster_id = tencentcloud_kubernetes_cluster.shared_c.id

  auto_scaling_group {
    scaling_group_name = "tkesg302-shared-c"
    max_size           = 4
    min_size           = 1
    vpc_id             = tencentcloud_vpc.shared.id
    subnet_ids         = [tencentcloud_subnet.shared_nodes.id]
  }

  auto_scaling_config {
    configuration_name = "tkesg302-shared-c"
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.shared_nodes.id] # want "TKESG302 a scaling group of cluster tkesg302-shared-c binds sg tkesg302-shared-nodes, a node security group of cluster tkesg302-shared-a"
    key_ids            = ["skey-a1b2c3d4"]
  }
}
