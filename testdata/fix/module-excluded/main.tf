# The rules of sg fix-module-excluded-nodes are in rules.tf, which the
# configuration leaves out of the scan. Terraform reads it all the same: a
# fix written without it (a second rule set for the group in this file)
# would make the module fail to parse, or two rule sets own the group. The
# findings say which file is left out, and offer no fix.

resource "tencentcloud_vpc" "main" {
  name       = "fix-module-excluded"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "fix-module-excluded-nodes"
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "fix-module-excluded"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
