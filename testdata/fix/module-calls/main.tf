# One module makes the security groups of three calls: the nodes of two
# clusters with different container networks, and a database. Its egress
# rules reach the VPC only. Adding a cluster's container network in the
# module would give it to every call, the database too, so no fix is
# offered: the calls must be able to set the rule apart.

resource "tencentcloud_vpc" "main" {
  name       = "fix-module-calls"
  cidr_block = "10.0.0.0/16"
}

module "prod" {
  source = "./modules/nodes"
  name   = "fix-module-calls-prod"
}

module "staging" {
  source = "./modules/nodes"
  name   = "fix-module-calls-staging"
}

module "db" {
  source = "./modules/nodes"
  name   = "fix-module-calls-db"
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  cluster_name = "fix-module-calls-prod"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.prod.id]
  }
}

resource "tencentcloud_kubernetes_cluster" "staging" {
  cluster_name = "fix-module-calls-staging"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.17.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.staging.id]
  }
}

resource "tencentcloud_instance" "db" {
  instance_name           = "fix-module-calls-db"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.main.id
  subnet_id               = "subnet-12345678"
  orderly_security_groups = [module.db.id]
}
