# A variable's default is the ingress list of two lite rules: the node
# group's and a database group's. The pods are missing from the node
# group, but adding them to the default would open the database to every
# pod: the rule goes in the node group's own lite rule, after the list.

# A second variable, whose first rule drops the DNS of the pods: the rule
# that lets it through goes before the list.
variable "edge_ingress" {
  type = list(string)
  default = [
    "DROP#0.0.0.0/0#53#UDP",
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#172.17.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
}

variable "internal_ingress" {
  type = list(string)
  default = [
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
}

resource "tencentcloud_vpc" "main" {
  name       = "fix-shared-var"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "fix-shared-var-nodes"
}

resource "tencentcloud_security_group" "db" {
  name = "fix-shared-var-db"
}

resource "tencentcloud_security_group_lite_rule" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress           = var.internal_ingress
  egress            = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

# The database group reuses the list.
resource "tencentcloud_security_group_lite_rule" "db" {
  security_group_id = tencentcloud_security_group.db.id
  ingress           = var.internal_ingress
  egress            = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_security_group" "edge_nodes" {
  name = "fix-shared-var-edge-nodes"
}

resource "tencentcloud_security_group" "edge_db" {
  name = "fix-shared-var-edge-db"
}

resource "tencentcloud_security_group_lite_rule" "edge_nodes" {
  security_group_id = tencentcloud_security_group.edge_nodes.id
  ingress           = var.edge_ingress
  egress            = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_security_group_lite_rule" "edge_db" {
  security_group_id = tencentcloud_security_group.edge_db.id
  ingress           = var.edge_ingress
  egress            = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_instance" "db" {
  instance_name           = "fix-shared-var-db"
  availability_zone       = "ap-guangzhou-3"
  image_id                = "img-eb30mz89"
  instance_type           = "SA5.MEDIUM2"
  vpc_id                  = tencentcloud_vpc.main.id
  subnet_id               = "subnet-12345678"
  orderly_security_groups = [tencentcloud_security_group.db.id, tencentcloud_security_group.edge_db.id]
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "fix-shared-var"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}

resource "tencentcloud_kubernetes_cluster" "edge" {
  cluster_name = "fix-shared-var-edge"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.17.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.edge_nodes.id]
  }
}
