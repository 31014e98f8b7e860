# A module makes the node group's rules with a dynamic block over its
# ingress_rules variable, which this root module sets: the pod rule it
# lacks is added to that list, not to the module. The same module, called
# twice, also writes its egress rules itself: the egress rule it lacks is
# added in the module, and changes both calls.

resource "tencentcloud_vpc" "main" {
  name       = "fix-dynamic"
  cidr_block = "10.0.0.0/16"
}

module "prod_nodes" {
  source = "./modules/nodes"
  name   = "fix-dynamic-prod"
  ingress_rules = [
    { cidr = "10.0.0.0/16", protocol = "ALL", port = "ALL", note = "N2 vpc" },
    { cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768", note = "N4 NodePort" },
    { cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768", note = "N5 NodePort" },
  ]
}

module "staging_nodes" {
  source = "./modules/nodes"
  name   = "fix-dynamic-staging"
  ingress_rules = [
    { cidr = "172.16.0.0/16", protocol = "ALL", port = "ALL", note = "N1 pods" },
    { cidr = "10.0.0.0/16", protocol = "ALL", port = "ALL", note = "N2 vpc" },
    { cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768", note = "N4 NodePort" },
    { cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768", note = "N5 NodePort" },
  ]
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  cluster_name = "fix-dynamic-prod"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.prod_nodes.id]
  }
}

resource "tencentcloud_kubernetes_cluster" "staging" {
  cluster_name = "fix-dynamic-staging"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.staging_nodes.id]
  }
}
