# A reference interpolated into a lite-rule string stands for the id of what
# it names, as in rule_set fields: ${tencentcloud_security_group.nodes.id}
# is the node group itself (not an invalid CIDR), ${tencentcloud_address_
# template.x.id} is the template with its addresses, ${tencentcloud_protocol_
# template.x.id} the service template with its protocols and ports.
#
# The node group accepts everything from itself (node <-> node), which
# satisfies TKESG102 without the VPC CIDR; SSH reaches it through an address
# template that holds 0.0.0.0/0, RDP through a template group holding that
# template, kubelet through a protocol template and etcd through a protocol
# template group, from the world. The office template, reached through a
# local, exposes nothing.

resource "tencentcloud_vpc" "refs" {
  name       = "lite-refs"
  cidr_block = "10.50.0.0/16"
}

resource "tencentcloud_subnet" "refs_nodes" {
  name              = "lite-refs-nodes"
  vpc_id            = tencentcloud_vpc.refs.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.50.1.0/24"
}

resource "tencentcloud_address_template" "anywhere" {
  name      = "lite-refs-anywhere"
  addresses = ["198.51.100.0/24", "0.0.0.0/0"]
}

resource "tencentcloud_address_template_group" "partners" {
  name         = "lite-refs-partners"
  template_ids = [tencentcloud_address_template.anywhere.id]
}

resource "tencentcloud_protocol_template" "kubelet" {
  name      = "lite-refs-kubelet"
  protocols = ["tcp:10250"]
}

resource "tencentcloud_protocol_template" "etcd" {
  name      = "lite-refs-etcd"
  protocols = ["tcp:2379-2380"]
}

resource "tencentcloud_protocol_template_group" "agents" {
  name         = "lite-refs-agents"
  template_ids = [tencentcloud_protocol_template.etcd.id]
}

resource "tencentcloud_address_template" "office" {
  name      = "lite-refs-office"
  addresses = ["203.0.113.0/24"]
}

resource "tencentcloud_security_group" "nodes" {
  name = "lite-refs-nodes"
}

locals {
  # The same reference through a local.
  office = tencentcloud_address_template.office.id
}

resource "tencentcloud_security_group_lite_rule" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress = [
    "ACCEPT#172.22.0.0/16#ALL#ALL",
    "ACCEPT#${tencentcloud_security_group.nodes.id}#ALL#ALL",
    "ACCEPT#0.0.0.0/0#30000-32768#TCP",
    "ACCEPT#0.0.0.0/0#30000-32768#UDP",
    "ACCEPT#${tencentcloud_address_template.anywhere.id}#22#TCP",          # want "TKESG202 .*22"
    "ACCEPT#${tencentcloud_address_template_group.partners.id}#3389#TCP",  # want "TKESG202 .*3389"
    "ACCEPT#0.0.0.0/0##${tencentcloud_protocol_template.kubelet.id}",      # want "TKESG203 .*10250"
    "ACCEPT#0.0.0.0/0##${tencentcloud_protocol_template_group.agents.id}", # want "TKESG203 .*2379"
    "ACCEPT#${local.office}#443#TCP",
    "DROP#0.0.0.0/0#ALL#ALL",
  ]
  egress = [
    "ACCEPT#0.0.0.0/0#ALL#ALL",
  ]
}

resource "tencentcloud_kubernetes_cluster" "refs" {
  vpc_id                  = tencentcloud_vpc.refs.id
  cluster_cidr            = "172.22.0.0/16"
  service_cidr            = "192.168.0.0/22"
  cluster_name            = "lite-refs"
  cluster_version         = "1.30.0"
  cluster_max_pod_num     = 64
  cluster_max_service_num = 256

  worker_config {
    count              = 2
    availability_zone  = "ap-guangzhou-3"
    instance_type      = "SA5.MEDIUM4"
    system_disk_type   = "CLOUD_SSD"
    system_disk_size   = 60
    subnet_id          = tencentcloud_subnet.refs_nodes.id
    security_group_ids = [tencentcloud_security_group.nodes.id]
    key_ids            = ["skey-a1b2c3d4"]
  }
}

# A reference whose id is known only after apply (a data source) leaves that
# field unresolved; the action, port and protocol around it are read: a note
# about SSH from a peer that may be the world, naming the data source.
data "tencentcloud_security_groups" "partner" {
  name = "partner"
}

resource "tencentcloud_security_group" "partner_access" {
  name = "lite-refs-partner-access"
}

resource "tencentcloud_security_group_lite_rule" "partner_access" {
  security_group_id = tencentcloud_security_group.partner_access.id
  ingress = [
    "ACCEPT#${data.tencentcloud_security_groups.partner.security_groups[0].security_group_id}#22#TCP", # want "TKESG202 note: .*TCP 22 from <unresolved>.*data\\.tencentcloud_security_groups\\.partner"
  ]
}
