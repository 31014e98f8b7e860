resource "tencentcloud_vpc" "main" {
  name       = "fix-module-outside-B"
  cidr_block = "10.0.0.0/16"
}

module "nodes" {
  source = "../modules/nodes"
  name   = "fix-module-outside-B-nodes"
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "fix-module-outside-B"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.17.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.nodes.id]
  }
}
