# Notes a user reads instead of skipping: each undecided cause is said once,
# at the place where supplying the missing value would decide it, and never
# where a finding already says it.

resource "tencentcloud_security_group" "nodes" {
  name = "notes-nodes"
}

resource "tencentcloud_security_group_lite_rule" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress = [
    "ACCEPT#172.16.0.0/16#ALL#ALL",
    "ACCEPT#10.0.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
  egress = ["ACCEPT#172.16.0.0/16#ALL#ALL", "ACCEPT#10.0.0.0/16#ALL#ALL"]
}

# The VPC and the node subnet are named by id and are not in the input, and
# three worker groups name the same subnet: the cluster network is unknown,
# and the note says why once, each reason once.
resource "tencentcloud_kubernetes_cluster" "subnets" { # want `TKESG102 note: the cluster network of cluster notes-subnets is unknown \(its VPC vpc-1a2b3c4d is not in the input; the node subnet subnet-1a2b3c4d is not in the input\), so TKESG102, TKESG105 are decided`
  vpc_id       = "vpc-1a2b3c4d"
  cluster_name = "notes-subnets"
  cluster_cidr = "172.16.0.0/16"
  service_cidr = "192.168.0.0/22"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = "subnet-1a2b3c4d"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }

  worker_config {
    instance_type      = "SA5.LARGE8"
    subnet_id          = "subnet-1a2b3c4d"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }

  worker_config {
    instance_type      = "SA5.2XLARGE16"
    subnet_id          = "subnet-1a2b3c4d"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}

# A cluster whose only workers bind no SG, and whose VPC is not in the input
# either: TKESG305 says what to fix. No note repeats at that line that the TKE
# requirements are undecided, and none asks for the cluster network, which
# would decide nothing while no SG is bound.
resource "tencentcloud_kubernetes_cluster" "no_sg" {
  vpc_id       = "vpc-5e6f7a8b"
  cluster_name = "notes-no-sg"
  cluster_cidr = "172.17.0.0/16"
  service_cidr = "192.168.4.0/22"

  worker_config { # want "TKESG305 a worker group of cluster notes-no-sg binds no security group"
    instance_type = "SA5.MEDIUM4"
    subnet_id     = "subnet-5e6f7a8b"
  }
}

# The workers' SG is known only by id: its ingress and its egress rules are
# unknown. One note, for both directions, at the binding.
resource "tencentcloud_vpc" "opaque" {
  name       = "notes-opaque"
  cidr_block = "10.2.0.0/16"
}

resource "tencentcloud_kubernetes_cluster" "opaque" {
  vpc_id       = tencentcloud_vpc.opaque.id
  cluster_name = "notes-opaque"
  cluster_cidr = "172.18.0.0/16"
  service_cidr = "192.168.8.0/22"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = "subnet-9c0d1e2f"
    security_group_ids = ["sg-0a1b2c3d"] # want "TKESG101 note: TKESG101, TKESG102, TKESG103, TKESG104, TKESG105 could not be decided for every flow .*sg-0a1b2c3d"
  }
}

# A cluster that exists only if a variable without a value says so: what its
# workers lack is a note, as for any resource that may not exist.
variable "with_spare" {
  type = bool
}

resource "tencentcloud_kubernetes_cluster" "maybe" {
  count        = var.with_spare ? 1 : 0
  vpc_id       = tencentcloud_vpc.opaque.id
  cluster_name = "notes-maybe"
  cluster_cidr = "172.19.0.0/16"
  service_cidr = "192.168.12.0/22"

  worker_config { # want "TKESG305 note: a worker group of cluster notes-maybe binds no security group.*only if"
    instance_type = "SA5.MEDIUM4"
    subnet_id     = "subnet-9c0d1e2f"
  }
}

# Two node pools bind a variable that has no value: one missing value, one
# note, at the first pool; the second is a related location.
variable "pool_security_group_ids" {
  type = list(string)
}

resource "tencentcloud_kubernetes_node_pool" "var_a" {
  name       = "notes-var-a"
  cluster_id = tencentcloud_kubernetes_cluster.opaque.id
  vpc_id     = tencentcloud_vpc.opaque.id
  subnet_ids = ["subnet-9c0d1e2f"]
  max_size   = 4
  min_size   = 1

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = var.pool_security_group_ids # want "TKESG101 note: TKESG101, TKESG102, TKESG103, TKESG104, TKESG105 could not be decided .*var.pool_security_group_ids has no value"
  }
}

resource "tencentcloud_kubernetes_node_pool" "var_b" {
  name       = "notes-var-b"
  cluster_id = tencentcloud_kubernetes_cluster.opaque.id
  vpc_id     = tencentcloud_vpc.opaque.id
  subnet_ids = ["subnet-9c0d1e2f"]
  max_size   = 4
  min_size   = 1

  auto_scaling_config {
    instance_type              = "SA5.MEDIUM4"
    orderly_security_group_ids = var.pool_security_group_ids
  }
}

# A VPC-CNI cluster with one of its two ENI subnets in the input: the pod
# network is known in part. The node SG accepts the known part; what it does
# with the pods of the other subnet depends on that subnet's CIDR, so the
# note asks for it even though the known part passes.
resource "tencentcloud_vpc" "eni" {
  name       = "notes-eni"
  cidr_block = "10.3.0.0/16"
}

resource "tencentcloud_subnet" "eni_nodes" {
  name              = "notes-eni-nodes"
  vpc_id            = tencentcloud_vpc.eni.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.3.1.0/24"
}

resource "tencentcloud_subnet" "eni_pods" {
  name              = "notes-eni-pods"
  vpc_id            = tencentcloud_vpc.eni.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.3.8.0/24"
}

resource "tencentcloud_security_group" "eni_nodes" {
  name = "notes-eni-nodes"
}

resource "tencentcloud_security_group_lite_rule" "eni_nodes" {
  security_group_id = tencentcloud_security_group.eni_nodes.id
  ingress = [
    "ACCEPT#10.3.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
  egress = ["ACCEPT#10.3.0.0/16#ALL#ALL"]
}

resource "tencentcloud_kubernetes_cluster" "eni" { # want "TKESG101 note: the container network of cluster notes-eni is unknown \\(the ENI subnet subnet-0f0e0d0c is not in the input\\), so TKESG101, TKESG103, TKESG105 are decided only where"
  vpc_id         = tencentcloud_vpc.eni.id
  cluster_name   = "notes-eni"
  network_type   = "VPC-CNI"
  eni_subnet_ids = [tencentcloud_subnet.eni_pods.id, "subnet-0f0e0d0c"]
  service_cidr   = "192.168.16.0/22"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.eni_nodes.id
    security_group_ids = [tencentcloud_security_group.eni_nodes.id]
  }
}
