# TKESG107 near misses: clusters that must not get a TKESG107 finding. Every
# cluster has its own VPC 10.0.0.0/16 with the node subnet 10.0.1.0/24 and the
# GR container network 172.16.0.0/16.

# Public API server with an endpoint SG (HTTPS from the office only).
resource "tencentcloud_vpc" "internet_with_sg" {
  name       = "tkesg107-internet-with-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "internet_with_sg_nodes" {
  name              = "tkesg107-internet-with-sg-nodes"
  vpc_id            = tencentcloud_vpc.internet_with_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "internet_with_sg_nodes" {
  name        = "tkesg107-internet-with-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "internet_with_sg_nodes" {
  security_group_id = tencentcloud_security_group.internet_with_sg_nodes.id

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

resource "tencentcloud_security_group" "internet_with_sg_endpoint" {
  name        = "tkesg107-internet-with-sg-endpoint"
  description = "internet endpoint of the api server"
}

resource "tencentcloud_security_group_rule_set" "internet_with_sg_endpoint" {
  security_group_id = tencentcloud_security_group.internet_with_sg_endpoint.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "203.0.113.0/24"
    protocol    = "TCP"
    port        = "443"
    description = "kubectl from the office"
  }

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "deny the rest"
  }
}

resource "tencentcloud_kubernetes_cluster" "internet_with_sg" {
  vpc_id                          = tencentcloud_vpc.internet_with_sg.id
  cluster_cidr                    = "172.16.0.0/16"
  service_cidr                    = "192.168.0.0/22"
  cluster_name                    = "tkesg107-internet-with-sg"
  cluster_version                 = "1.30.0"
  cluster_max_pod_num             = 64
  cluster_max_service_num         = 256
  cluster_internet                = true
  cluster_internet_security_group = tencentcloud_security_group.internet_with_sg_endpoint.id

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.internet_with_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.internet_with_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# The endpoint SG is given by id (an SG managed elsewhere): it is named.
resource "tencentcloud_vpc" "internet_sg_by_id" {
  name       = "tkesg107-internet-sg-by-id"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "internet_sg_by_id_nodes" {
  name              = "tkesg107-internet-sg-by-id-nodes"
  vpc_id            = tencentcloud_vpc.internet_sg_by_id.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "internet_sg_by_id_nodes" {
  name        = "tkesg107-internet-sg-by-id-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "internet_sg_by_id_nodes" {
  security_group_id = tencentcloud_security_group.internet_sg_by_id_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "internet_sg_by_id" {
  vpc_id                          = tencentcloud_vpc.internet_sg_by_id.id
  cluster_cidr                    = "172.16.0.0/16"
  service_cidr                    = "192.168.0.0/22"
  cluster_name                    = "tkesg107-internet-sg-by-id"
  cluster_version                 = "1.30.0"
  cluster_max_pod_num             = 64
  cluster_max_service_num         = 256
  cluster_internet                = true
  cluster_internet_security_group = "sg-5ecr3tk1"

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.internet_sg_by_id_nodes.id
    security_group_ids = [tencentcloud_security_group.internet_sg_by_id_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# No public API access, and no SG.
resource "tencentcloud_vpc" "internet_false" {
  name       = "tkesg107-internet-false"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "internet_false_nodes" {
  name              = "tkesg107-internet-false-nodes"
  vpc_id            = tencentcloud_vpc.internet_false.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "internet_false_nodes" {
  name        = "tkesg107-internet-false-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "internet_false_nodes" {
  security_group_id = tencentcloud_security_group.internet_false_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "internet_false" {
  vpc_id                  = tencentcloud_vpc.internet_false.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg107-internet-false"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256
  cluster_internet        = false

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.internet_false_nodes.id
    security_group_ids = [tencentcloud_security_group.internet_false_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# cluster_internet left out: it defaults to false.
resource "tencentcloud_vpc" "internet_omitted" {
  name       = "tkesg107-internet-omitted"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "internet_omitted_nodes" {
  name              = "tkesg107-internet-omitted-nodes"
  vpc_id            = tencentcloud_vpc.internet_omitted.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "internet_omitted_nodes" {
  name        = "tkesg107-internet-omitted-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "internet_omitted_nodes" {
  security_group_id = tencentcloud_security_group.internet_omitted_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "internet_omitted" {
  vpc_id                  = tencentcloud_vpc.internet_omitted.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg107-internet-omitted"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.internet_omitted_nodes.id
    security_group_ids = [tencentcloud_security_group.internet_omitted_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A separate endpoint resource that names the endpoint SG.
resource "tencentcloud_vpc" "endpoint_with_sg" {
  name       = "tkesg107-endpoint-with-sg"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "endpoint_with_sg_nodes" {
  name              = "tkesg107-endpoint-with-sg-nodes"
  vpc_id            = tencentcloud_vpc.endpoint_with_sg.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "endpoint_with_sg_nodes" {
  name        = "tkesg107-endpoint-with-sg-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "endpoint_with_sg_nodes" {
  security_group_id = tencentcloud_security_group.endpoint_with_sg_nodes.id

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

resource "tencentcloud_security_group" "endpoint_with_sg_endpoint" {
  name        = "tkesg107-endpoint-with-sg-endpoint"
  description = "internet endpoint of the api server"
}

resource "tencentcloud_security_group_rule_set" "endpoint_with_sg_endpoint" {
  security_group_id = tencentcloud_security_group.endpoint_with_sg_endpoint.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "203.0.113.0/24"
    protocol    = "TCP"
    port        = "443"
    description = "kubectl from the office"
  }

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "deny the rest"
  }
}

resource "tencentcloud_kubernetes_cluster" "endpoint_with_sg" {
  vpc_id                  = tencentcloud_vpc.endpoint_with_sg.id
  cluster_cidr            = "172.16.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "tkesg107-endpoint-with-sg"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.endpoint_with_sg_nodes.id
    security_group_ids = [tencentcloud_security_group.endpoint_with_sg_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_cluster_endpoint" "endpoint_with_sg" {
  cluster_id                      = tencentcloud_kubernetes_cluster.endpoint_with_sg.id
  cluster_internet                = true
  cluster_internet_security_group = tencentcloud_security_group.endpoint_with_sg_endpoint.id
  depends_on                      = [tencentcloud_kubernetes_cluster.endpoint_with_sg]
}

# Only the private (intranet) endpoint is open, without an SG: TKESG107 is
# about the public endpoint.
resource "tencentcloud_vpc" "intranet_only" {
  name       = "tkesg107-intranet-only"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "intranet_only_nodes" {
  name              = "tkesg107-intranet-only-nodes"
  vpc_id            = tencentcloud_vpc.intranet_only.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "intranet_only_nodes" {
  name        = "tkesg107-intranet-only-nodes"
  description = "worker nodes"
}

resource "tencentcloud_security_group_rule_set" "intranet_only_nodes" {
  security_group_id = tencentcloud_security_group.intranet_only_nodes.id

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

resource "tencentcloud_kubernetes_cluster" "intranet_only" {
  vpc_id                     = tencentcloud_vpc.intranet_only.id
  cluster_cidr               = "172.16.0.0/16"
  service_cidr               = "192.168.0.0/22"
  cluster_name               = "tkesg107-intranet-only"
  cluster_version            = "1.30.0"
  cluster_max_pod_num        = 64
  cluster_max_service_num    = 256
  cluster_intranet           = true
  cluster_intranet_subnet_id = tencentcloud_subnet.intranet_only_nodes.id

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.intranet_only_nodes.id
    security_group_ids = [tencentcloud_security_group.intranet_only_nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}
