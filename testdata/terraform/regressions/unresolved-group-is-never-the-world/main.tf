# A rule whose peer is a security group read from a data source: its members
# may be any addresses, but a group is never the whole internet, so no
# exposure check has anything to say, not even a note. An unresolved CIDR in
# the same place may be the world: a note.
data "tencentcloud_security_groups" "bastion" {
  name = "bastion"
}

data "tencentcloud_vpc_instances" "office" {
  name = "office"
}

resource "tencentcloud_security_group" "app" {
  name = "app"
}

resource "tencentcloud_security_group_rule_set" "app" {
  security_group_id = tencentcloud_security_group.app.id
  ingress {
    action             = "ACCEPT"
    source_security_id = data.tencentcloud_security_groups.bastion.security_groups[0].security_group_id
    protocol           = "ALL"
    port               = "ALL"
  }
  ingress { # want "TKESG201 note: .*if its unresolved peer is the world"
    action     = "ACCEPT"
    cidr_block = data.tencentcloud_vpc_instances.office.instance_list[0].cidr_block
    protocol   = "ALL"
    port       = "ALL"
  }
}
