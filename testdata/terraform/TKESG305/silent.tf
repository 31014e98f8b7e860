# TKESG305 near misses: node groups that must not get a TKESG305 finding.
# Every cluster has its own VPC 10.0.0.0/16, node subnet 10.0.1.0/24 and GR
# container network 172.16.0.0/16; the node SGs hold TKE's worker rules.

# worker_config and a node pool that both bind the node SG.
resource "tencentcloud_vpc" "worker_with_sg" {
  name       = "tkesg305-worker-with-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "worker_with_sg_nodes" {
  name              = "tkesg305-worker-with-sg-nodes"
  vpc_id            = tencentcloud_vpc.worker_with_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "worker_with_sg_nodes" {
  name        = "tkesg305-worker-with-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "worker_with_sg_nodes" {
  security_group_id = tencentcloud_security_group.worker_with_sg_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "worker_with_sg" {
  vpc_id                  = tencentcloud_vpc.worker_with_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg305-worker-with-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.worker_with_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.worker_with_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "worker_with_sg_pool" {
  name              = "tkesg305-worker-with-sg-pool"
  cluster_id        = tencentcloud_kubernetes_cluster.worker_with_sg.id
  vpc_id            = tencentcloud_vpc.worker_with_sg.id
  subnet_ids        = [tencentcloud_subnet.worker_with_sg_nodes.id]
  max_size          = 6
  min_size          = 1
  desired_capacity  = 2
  enable_auto_scale = true
  retry_policy      = "INCREMENTAL_INTERVALS"

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 60
    orderly_security_group_ids = [tencentcloud_security_group.worker_with_sg_nodes.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

# A serverless node pool without security_group_ids: super nodes are not
# CVMs, so this is no node group that falls back to the default SG.
resource "tencentcloud_vpc" "serverless_no_sg" {
  name       = "tkesg305-serverless-no-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "serverless_no_sg_nodes" {
  name              = "tkesg305-serverless-no-sg-nodes"
  vpc_id            = tencentcloud_vpc.serverless_no_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "serverless_no_sg_nodes" {
  name        = "tkesg305-serverless-no-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "serverless_no_sg_nodes" {
  security_group_id = tencentcloud_security_group.serverless_no_sg_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "serverless_no_sg" {
  vpc_id                  = tencentcloud_vpc.serverless_no_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg305-serverless-no-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.serverless_no_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.serverless_no_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_serverless_node_pool" "serverless_no_sg_super" {
  cluster_id = tencentcloud_kubernetes_cluster.serverless_no_sg.id
  name       = "tkesg305-serverless-no-sg-super"

  serverless_nodes {
    display_name = "tkesg305-serverless-no-sg-super-1"
    subnet_id    = tencentcloud_subnet.serverless_no_sg_nodes.id
  }
}

# A cluster attachment without security_groups: the attached CVM keeps its own
# SGs, which include the node SG.
resource "tencentcloud_vpc" "attachment_keeps_sg" {
  name       = "tkesg305-attachment-keeps-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "attachment_keeps_sg_nodes" {
  name              = "tkesg305-attachment-keeps-sg-nodes"
  vpc_id            = tencentcloud_vpc.attachment_keeps_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "attachment_keeps_sg_nodes" {
  name        = "tkesg305-attachment-keeps-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "attachment_keeps_sg_nodes" {
  security_group_id = tencentcloud_security_group.attachment_keeps_sg_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "attachment_keeps_sg" {
  vpc_id                  = tencentcloud_vpc.attachment_keeps_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg305-attachment-keeps-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.attachment_keeps_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.attachment_keeps_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_instance" "attachment_keeps_sg_worker" {
  instance_name           = "tkesg305-attachment-keeps-sg-worker"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.attachment_keeps_sg.id
  subnet_id               = tencentcloud_subnet.attachment_keeps_sg_nodes.id
  orderly_security_groups = [tencentcloud_security_group.attachment_keeps_sg_nodes.id]
  key_ids                 = ["skey-a1b2c3d4"]
}

resource "tencentcloud_kubernetes_cluster_attachment" "attachment_keeps_sg" {
  cluster_id  = tencentcloud_kubernetes_cluster.attachment_keeps_sg.id
  instance_id = tencentcloud_instance.attachment_keeps_sg_worker.id
  key_ids     = ["skey-a1b2c3d4"]
}

# A self-deployed cluster whose master_config binds no SG: masters are not a
# node group, so TKESG305 (about worker CVMs) does not apply. The workers bind
# the node SG.
resource "tencentcloud_vpc" "master_no_sg" {
  name       = "tkesg305-master-no-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "master_no_sg_nodes" {
  name              = "tkesg305-master-no-sg-nodes"
  vpc_id            = tencentcloud_vpc.master_no_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "master_no_sg_nodes" {
  name        = "tkesg305-master-no-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "master_no_sg_nodes" {
  security_group_id = tencentcloud_security_group.master_no_sg_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "master_no_sg" {
  vpc_id                  = tencentcloud_vpc.master_no_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg305-master-no-sg"
  cluster_version         = "1.30.0"
  cluster_deploy_type     = "INDEPENDENT_CLUSTER"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.master_no_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.master_no_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count             = 3
    availability_zone = "ap-guangzhou-3"
    instance_type     = "SA5.LARGE8"
    system_disk_type  = "CLOUD_SSD"
    system_disk_size  = 100
    subnet_id         = tencentcloud_subnet.master_no_sg_nodes.id
    key_ids           = ["skey-a1b2c3d4"]
  }
}
