# A platform module used for two environments: it makes the network and
# calls a cluster module, which binds the node security groups that the
# environment passes down. The staging SG accepts the VPC and NodePorts but
# not the pod network; prod's holds TKE's rules. The staging finding is
# inside the cluster module, two module calls down: it names both calls,
# outermost first, and the argument below where staging chose its SG.

resource "tencentcloud_security_group" "staging_nodes" {
  name = "chain-staging-nodes"
}

resource "tencentcloud_security_group_lite_rule" "staging_nodes" {
  security_group_id = tencentcloud_security_group.staging_nodes.id
  ingress = [
    "ACCEPT#10.50.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
  egress = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

resource "tencentcloud_security_group" "prod_nodes" {
  name = "chain-prod-nodes"
}

resource "tencentcloud_security_group_lite_rule" "prod_nodes" {
  security_group_id = tencentcloud_security_group.prod_nodes.id
  ingress = [
    "ACCEPT#172.31.0.0/16#ALL#ALL",
    "ACCEPT#10.60.0.0/16#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
  ]
  egress = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

module "staging" {
  source                  = "./modules/platform"
  env                     = "staging"
  vpc_cidr                = "10.50.0.0/16"
  pod_cidr                = "172.30.0.0/16"
  node_security_group_ids = [tencentcloud_security_group.staging_nodes.id]
}

module "prod" {
  source                  = "./modules/platform"
  env                     = "prod"
  vpc_cidr                = "10.60.0.0/16"
  pod_cidr                = "172.31.0.0/16"
  node_security_group_ids = [tencentcloud_security_group.prod_nodes.id]
}
