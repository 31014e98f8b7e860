# TKESG302 near misses: CVMs that must not get a TKESG302 finding. Every
# cluster has its own VPC 10.0.0.0/16, node subnet 10.0.1.0/24, GR container
# network 172.16.0.0/16 and its own SGs.

# A bastion bound to its own SG only.
resource "tencentcloud_vpc" "instance_own_sg" {
  name       = "tkesg302-instance-own-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "instance_own_sg_nodes" {
  name              = "tkesg302-instance-own-sg-nodes"
  vpc_id            = tencentcloud_vpc.instance_own_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "instance_own_sg_nodes" {
  name        = "tkesg302-instance-own-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "instance_own_sg_nodes" {
  security_group_id = tencentcloud_security_group.instance_own_sg_nodes.id

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

resource "tencentcloud_security_group" "instance_own_sg_bastion" {
  name        = "tkesg302-instance-own-sg-bastion"
  description = "bastion"
}

resource "tencentcloud_security_group_rule_set" "instance_own_sg_bastion" {
  security_group_id = tencentcloud_security_group.instance_own_sg_bastion.id

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

resource "tencentcloud_kubernetes_cluster" "instance_own_sg" {
  vpc_id                  = tencentcloud_vpc.instance_own_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg302-instance-own-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.instance_own_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.instance_own_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_instance" "instance_own_sg_bastion" {
  instance_name           = "tkesg302-instance-own-sg-bastion"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.instance_own_sg.id
  subnet_id               = tencentcloud_subnet.instance_own_sg_nodes.id
  orderly_security_groups = [tencentcloud_security_group.instance_own_sg_bastion.id]
  key_ids                 = ["skey-a1b2c3d4"]
}

# A CVM bound to the node SG that joins the cluster through a
# tencentcloud_kubernetes_cluster_attachment: it is a node of the cluster. The
# attachment keeps the CVM's own SGs.
resource "tencentcloud_vpc" "attached_instance" {
  name       = "tkesg302-attached-instance"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "attached_instance_nodes" {
  name              = "tkesg302-attached-instance-nodes"
  vpc_id            = tencentcloud_vpc.attached_instance.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "attached_instance_nodes" {
  name        = "tkesg302-attached-instance-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "attached_instance_nodes" {
  security_group_id = tencentcloud_security_group.attached_instance_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "attached_instance" {
  vpc_id                  = tencentcloud_vpc.attached_instance.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg302-attached-instance"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.attached_instance_nodes.id
    security_group_ids = [tencentcloud_security_group.attached_instance_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_instance" "attached_instance_worker" {
  instance_name           = "tkesg302-attached-instance-worker"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.attached_instance.id
  subnet_id               = tencentcloud_subnet.attached_instance_nodes.id
  orderly_security_groups = [tencentcloud_security_group.attached_instance_nodes.id]
  key_ids                 = ["skey-a1b2c3d4"]
}

resource "tencentcloud_kubernetes_cluster_attachment" "attached_instance" {
  cluster_id  = tencentcloud_kubernetes_cluster.attached_instance.id
  instance_id = tencentcloud_instance.attached_instance_worker.id
  key_ids     = ["skey-a1b2c3d4"]
}

# The same, with the attachment naming the node SG itself.
resource "tencentcloud_vpc" "attached_with_sgs" {
  name       = "tkesg302-attached-with-sgs"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "attached_with_sgs_nodes" {
  name              = "tkesg302-attached-with-sgs-nodes"
  vpc_id            = tencentcloud_vpc.attached_with_sgs.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "attached_with_sgs_nodes" {
  name        = "tkesg302-attached-with-sgs-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "attached_with_sgs_nodes" {
  security_group_id = tencentcloud_security_group.attached_with_sgs_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "attached_with_sgs" {
  vpc_id                  = tencentcloud_vpc.attached_with_sgs.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg302-attached-with-sgs"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.attached_with_sgs_nodes.id
    security_group_ids = [tencentcloud_security_group.attached_with_sgs_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_instance" "attached_with_sgs_worker" {
  instance_name           = "tkesg302-attached-with-sgs-worker"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.attached_with_sgs.id
  subnet_id               = tencentcloud_subnet.attached_with_sgs_nodes.id
  orderly_security_groups = [tencentcloud_security_group.attached_with_sgs_nodes.id]
  key_ids                 = ["skey-a1b2c3d4"]
}

resource "tencentcloud_kubernetes_cluster_attachment" "attached_with_sgs" {
  cluster_id      = tencentcloud_kubernetes_cluster.attached_with_sgs.id
  instance_id     = tencentcloud_instance.attached_with_sgs_worker.id
  key_ids         = ["skey-a1b2c3d4"]
  security_groups = [tencentcloud_security_group.attached_with_sgs_nodes.id]
}

# A VM bound to the SG of the cluster's serverless node pool: that SG belongs
# to pods on super nodes, it is not a node SG.
resource "tencentcloud_vpc" "serverless_sg_on_vm" {
  name       = "tkesg302-serverless-sg-on-vm"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "serverless_sg_on_vm_nodes" {
  name              = "tkesg302-serverless-sg-on-vm-nodes"
  vpc_id            = tencentcloud_vpc.serverless_sg_on_vm.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "serverless_sg_on_vm_nodes" {
  name        = "tkesg302-serverless-sg-on-vm-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "serverless_sg_on_vm_nodes" {
  security_group_id = tencentcloud_security_group.serverless_sg_on_vm_nodes.id

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

resource "tencentcloud_security_group" "serverless_sg_on_vm_super" {
  name        = "tkesg302-serverless-sg-on-vm-super"
  description = "super node pods"
}

resource "tencentcloud_security_group_rule_set" "serverless_sg_on_vm_super" {
  security_group_id = tencentcloud_security_group.serverless_sg_on_vm_super.id

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

resource "tencentcloud_kubernetes_cluster" "serverless_sg_on_vm" {
  vpc_id                  = tencentcloud_vpc.serverless_sg_on_vm.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg302-serverless-sg-on-vm"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.serverless_sg_on_vm_nodes.id
    security_group_ids = [tencentcloud_security_group.serverless_sg_on_vm_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_serverless_node_pool" "serverless_sg_on_vm_super" {
  cluster_id = tencentcloud_kubernetes_cluster.serverless_sg_on_vm.id
  name       = "tkesg302-serverless-sg-on-vm-super"

  serverless_nodes {
    display_name = "tkesg302-serverless-sg-on-vm-super-1"
    subnet_id    = tencentcloud_subnet.serverless_sg_on_vm_nodes.id
  }

  security_group_ids = [tencentcloud_security_group.serverless_sg_on_vm_super.id]
}

resource "tencentcloud_instance" "serverless_sg_on_vm_app" {
  instance_name           = "tkesg302-serverless-sg-on-vm-app"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.serverless_sg_on_vm.id
  subnet_id               = tencentcloud_subnet.serverless_sg_on_vm_nodes.id
  orderly_security_groups = [tencentcloud_security_group.serverless_sg_on_vm_super.id]
  key_ids                 = ["skey-a1b2c3d4"]
}

# Two node pools whose cluster_id is unknown (a variable without a value)
# bind the same SG: they may be node pools of one cluster, so nothing is
# reported. Two node pools of one cluster named by the same literal id bind
# one SG too: one cluster.
variable "unknown_cluster_id" {
  type = string
}

resource "tencentcloud_security_group" "maybe_same_nodes" {
  name        = "tkesg302-maybe-same-nodes"
  description = "worker nodes"
}

resource "tencentcloud_kubernetes_node_pool" "maybe_same_a" {
  name       = "tkesg302-maybe-same-a"
  cluster_id = var.unknown_cluster_id
  vpc_id     = "vpc-1a2b3c4d"
  subnet_ids = ["subnet-1a2b3c4d"]
  max_size   = 4
  min_size   = 1

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.maybe_same_nodes.id]
  }
}

resource "tencentcloud_kubernetes_node_pool" "maybe_same_b" {
  name       = "tkesg302-maybe-same-b"
  cluster_id = var.unknown_cluster_id
  vpc_id     = "vpc-1a2b3c4d"
  subnet_ids = ["subnet-1a2b3c4d"]
  max_size   = 4
  min_size   = 1

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.maybe_same_nodes.id]
  }
}

resource "tencentcloud_security_group" "by_id_nodes" {
  name        = "tkesg302-by-id-nodes"
  description = "worker nodes"
}

resource "tencentcloud_kubernetes_node_pool" "by_id_a" {
  name       = "tkesg302-by-id-a"
  cluster_id = "cls-1a2b3c4d"
  vpc_id     = "vpc-1a2b3c4d"
  subnet_ids = ["subnet-1a2b3c4d"]
  max_size   = 4
  min_size   = 1

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.by_id_nodes.id]
  }
}

resource "tencentcloud_kubernetes_node_pool" "by_id_b" {
  name       = "tkesg302-by-id-b"
  cluster_id = "cls-1a2b3c4d"
  vpc_id     = "vpc-1a2b3c4d"
  subnet_ids = ["subnet-1a2b3c4d"]
  max_size   = 4
  min_size   = 1

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.by_id_nodes.id]
  }
}
