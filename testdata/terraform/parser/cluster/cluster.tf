resource "tencentcloud_security_group" "workers" {
  name = "tke-workers"
}

resource "tencentcloud_security_group" "extra" {
  name = "tke-extra"
}

resource "tencentcloud_kubernetes_cluster" "example" {
  vpc_id                          = tencentcloud_vpc.vpc.id
  cluster_cidr                    = "172.16.0.0/16"
  service_cidr                    = "10.96.0.0/22"
  cluster_max_pod_num             = 32
  cluster_name                    = "tf_example_cluster"
  cluster_internet                = true
  cluster_internet_security_group = "sg-apiinet1"
  cluster_version                 = "1.30.0"
  managed_cluster_internet_security_policies = ["0.0.0.0/0"]

  worker_config {
    count              = 2
    instance_type      = "S5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.workers.id
    security_group_ids = [tencentcloud_security_group.workers.id, tencentcloud_security_group.extra.id]
  }

  exist_instance {
    node_role = "WORKER"
    instances_para {
      instance_ids       = ["ins-a1b2c3d4"]
      security_group_ids = ["sg-existing"]
    }
  }
}

resource "tencentcloud_kubernetes_cluster_endpoint" "example" {
  cluster_id                      = tencentcloud_kubernetes_cluster.example.id
  cluster_internet                = true
  cluster_intranet                = "true"
  cluster_internet_security_group = tencentcloud_security_group.extra.id
  cluster_intranet_subnet_id      = tencentcloud_subnet.workers.id
  depends_on                      = [tencentcloud_kubernetes_node_pool.ordered]
}

resource "tencentcloud_kubernetes_node_pool" "ordered" {
  name       = "ordered"
  cluster_id = tencentcloud_kubernetes_cluster.example.id
  max_size   = 6
  min_size   = 1
  vpc_id     = tencentcloud_vpc.vpc.id
  subnet_ids = [tencentcloud_subnet.workers.id]

  auto_scaling_config {
    instance_type              = "S5.MEDIUM4"
    orderly_security_group_ids = [tencentcloud_security_group.workers.id]
  }
}

resource "tencentcloud_kubernetes_node_pool" "unordered" {
  name       = "unordered"
  cluster_id = tencentcloud_kubernetes_cluster.example.id
  max_size   = 6
  min_size   = 1
  vpc_id     = tencentcloud_vpc.vpc.id
  subnet_ids = [tencentcloud_subnet.workers.id]

  auto_scaling_config {
    instance_type      = "S5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.extra.id, tencentcloud_security_group.workers.id]
  }
}

resource "tencentcloud_kubernetes_native_node_pool" "native" {
  name       = "native"
  cluster_id = tencentcloud_kubernetes_cluster.example.id
  type       = "Native"

  native {
    instance_types     = ["SA2.MEDIUM2"]
    security_group_ids = [tencentcloud_security_group.workers.id]
    subnet_ids         = [tencentcloud_subnet.workers.id]
  }
}

resource "tencentcloud_kubernetes_scale_worker" "example" {
  cluster_id = "cls-0o0dpx1a"

  worker_config {
    count              = 2
    instance_type      = "S5.MEDIUM2"
    subnet_id          = "subnet-muu9a0gk"
    security_group_ids = ["sg-4z20n68d"]
  }
}

resource "tencentcloud_kubernetes_serverless_node_pool" "example" {
  cluster_id = tencentcloud_kubernetes_cluster.example.id
  name       = "super"

  serverless_nodes {
    display_name = "node1"
    subnet_id    = tencentcloud_subnet.workers.id
  }

  security_group_ids = [tencentcloud_security_group.workers.id]
}

resource "tencentcloud_kubernetes_cluster_attachment" "existing" {
  cluster_id      = tencentcloud_kubernetes_cluster.example.id
  instance_id     = tencentcloud_instance.worker.id
  security_groups = [tencentcloud_security_group.workers.id]
}

resource "tencentcloud_instance" "worker" {
  instance_name           = "worker"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "S5.MEDIUM4"
  vpc_id                  = tencentcloud_vpc.vpc.id
  subnet_id               = tencentcloud_subnet.workers.id
  orderly_security_groups = [tencentcloud_security_group.workers.id]
}

resource "tencentcloud_instance" "bastion" {
  instance_name   = "bastion"
  vpc_id          = "vpc-i5yyodl9"
  subnet_id       = "subnet-hhi88a58"
  security_groups = ["sg-bastion1", tencentcloud_security_group.workers.id]
}

resource "tencentcloud_cvm_security_group_attachment" "bastion" {
  instance_id       = tencentcloud_instance.bastion.id
  security_group_id = tencentcloud_security_group.extra.id
}

resource "tencentcloud_eni" "pods" {
  name                    = "pods"
  vpc_id                  = tencentcloud_vpc.vpc.id
  subnet_id               = tencentcloud_subnet.workers.id
  orderly_security_groups = [tencentcloud_security_group.workers.id]
}

resource "tencentcloud_eni_sg_attachment" "pods" {
  network_interface_ids = [tencentcloud_eni.pods.id]
  security_group_ids    = [tencentcloud_security_group.extra.id]
}
