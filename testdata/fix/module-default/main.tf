# One module makes the security groups of three calls, whose ingress
# rules all come from the default of its ingress_rules variable: the nodes
# of two clusters with different container networks, and a database. Each
# node call gets its own copy of the default with its own cluster's pods;
# the database call keeps the default.

resource "tencentcloud_vpc" "main" {
  name       = "fix-module-default"
  cidr_block = "10.0.0.0/16"
}

module "prod" {
  source = "./modules/nodes"
  name   = "fix-module-default-prod"
}

module "staging" {
  source = "./modules/nodes"
  name   = "fix-module-default-staging"
}

module "db" {
  source = "./modules/nodes"
  name   = "fix-module-default-db"
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  cluster_name = "fix-module-default-prod"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.prod.id]
  }
}

resource "tencentcloud_kubernetes_cluster" "staging" {
  cluster_name = "fix-module-default-staging"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.17.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.staging.id]
  }
}

resource "tencentcloud_instance" "db" {
  instance_name           = "fix-module-default-db"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.main.id
  subnet_id               = "subnet-12345678"
  orderly_security_groups = [module.db.id]
}
