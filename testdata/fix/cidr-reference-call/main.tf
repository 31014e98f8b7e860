# The module makes the node group's rules with a dynamic block over its
# ingress_rules argument, which this root module writes: the pod rule goes
# into that argument, and names var.pod_cidr, which the root module reads
# as the cluster does. The egress rule the module lacks goes into the
# module, which cannot read var.pod_cidr of the root: it holds the value,
# and the fix says what it assumed.

variable "pod_cidr" {
  type    = string
  default = "172.16.0.0/16"
}

resource "tencentcloud_vpc" "main" {
  name       = "fix-ref-call"
  cidr_block = "10.0.0.0/16"
}

module "nodes" {
  source = "./modules/nodes"
  name   = "fix-ref-call-nodes"
  ingress_rules = [
    { cidr = "10.0.0.0/16", protocol = "ALL", port = "ALL", note = "N2 vpc" },
    { cidr = "0.0.0.0/0", protocol = "TCP", port = "30000-32768", note = "N4 NodePort" },
    { cidr = "0.0.0.0/0", protocol = "UDP", port = "30000-32768", note = "N5 NodePort" },
  ]
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "fix-ref-call"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = var.pod_cidr

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.nodes.id]
  }
}
