resource "tencentcloud_vpc" "prod" {
  name       = "prod"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "nodes" {
  name              = "prod-nodes"
  vpc_id            = tencentcloud_vpc.prod.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}

resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.nodes.id
    protocol           = "ALL"
    port               = "ALL"
    description        = "node to node"
  }

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "53"
    description = "no DNS from the internet (and, by mistake, from the pods)"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "pods"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-32768"
    description = "NodePorts"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_security_group" "gpu" {
  name = "gpu"
}

resource "tencentcloud_security_group_rule_set" "gpu" {
  security_group_id = tencentcloud_security_group.gpu.id

  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "30000-30999"
    description = "no NodePorts on the GPU nodes"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_security_group" "masters" {
  name = "masters"
}

resource "tencentcloud_security_group_rule_set" "masters" {
  security_group_id = tencentcloud_security_group.masters.id

  ingress {
    action             = "ACCEPT"
    source_security_id = tencentcloud_security_group.nodes.id
    protocol           = "TCP"
    port               = "443"
    description        = "API server from the nodes"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "the VPC"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "the pods"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_security_group" "bastion" {
  name = "bastion"
}

resource "tencentcloud_security_group_rule_set" "bastion" {
  security_group_id = tencentcloud_security_group.bastion.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "203.0.113.0/24"
    protocol   = "TCP"
    port       = "22"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "22"
  }
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  vpc_id              = tencentcloud_vpc.prod.id
  cluster_cidr        = "172.16.0.0/16"
  service_cidr        = "192.168.0.0/22"
  cluster_name        = "prod"
  cluster_version     = "1.30.0"
  cluster_deploy_type = "INDEPENDENT_CLUSTER"

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }

  master_config {
    count              = 3
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.LARGE8"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 100
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [tencentcloud_security_group.masters.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_kubernetes_node_pool" "gpu" {
  name             = "gpu"
  cluster_id       = tencentcloud_kubernetes_cluster.prod.id
  vpc_id           = tencentcloud_vpc.prod.id
  subnet_ids       = [tencentcloud_subnet.nodes.id]
  max_size         = 4
  min_size         = 1
  desired_capacity = 1

  auto_scaling_config {
    instance_type              = "GN7.2XLARGE32"
    system_disk_type           = "CLOUD_SSD"
    system_disk_size           = 100
    orderly_security_group_ids = [tencentcloud_security_group.gpu.id, tencentcloud_security_group.nodes.id]
    key_ids                    = ["skey-a1b2c3d4"]
  }
}

resource "tencentcloud_instance" "bastion" {
  instance_name           = "bastion"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.prod.id
  subnet_id               = tencentcloud_subnet.nodes.id
  orderly_security_groups = [tencentcloud_security_group.bastion.id]
}

resource "tencentcloud_instance" "legacy" {
  instance_name           = "legacy"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.prod.id
  subnet_id               = tencentcloud_subnet.nodes.id
  orderly_security_groups = ["sg-0a1b2c3d"]
}
