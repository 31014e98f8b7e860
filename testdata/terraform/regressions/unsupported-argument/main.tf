# An argument the provider's schema does not have is an input error, as
# Terraform refuses it ("Unsupported argument"). The rule it is written in
# is not read as if the argument were absent: what it leaves out may be
# what the argument was meant to be, so no finding rests on that, and no
# note restates the error. Meta-arguments are never reported.

resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}

# "prot" is a typo of port: the rule accepts TCP on ports not known, not
# every TCP port.
resource "tencentcloud_security_group" "port_typo" {
  name = "port-typo"
}

resource "tencentcloud_security_group_rule_set" "port_typo" {
  security_group_id = tencentcloud_security_group.port_typo.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    prot       = "443"
  }
}

# protocol_template_id is not service_template_id: the rule is not ACCEPT
# ALL.
resource "tencentcloud_security_group" "template_typo" {
  name = "template-typo"
}

resource "tencentcloud_security_group_rule_set" "template_typo" {
  security_group_id = tencentcloud_security_group.template_typo.id
  ingress {
    action               = "ACCEPT"
    cidr_block           = "0.0.0.0/0"
    protocol_template_id = "ppm-12345678"
  }
}

# A misspelt block is a rule at its place whose direction and values are
# not known: the DROP below it is not the first match for certain, so the
# requirements of the cluster's nodes are undecided, not dropped.
resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  count             = 1
  depends_on        = [tencentcloud_vpc.main]
  security_group_id = tencentcloud_security_group.nodes.id
  lifecycle {
    create_before_destroy = true
  }
  ingres {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
  }
  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "prod"
  cluster_cidr = "172.16.0.0/16"
  service_cidr = "192.168.0.0/22"
  worker_config {
    security_group_ids = [tencentcloud_security_group.nodes.id] # want "TKESG101 note: .*ingress rule 1 of sg nodes .*has an unsupported argument \"ingres\"" "TKESG105 note: .*has an unsupported argument \"ingres\""
  }
}

# A legacy rule with a misspelt argument in its address_template block: its
# peer is not known.
resource "tencentcloud_security_group" "legacy" {
  name = "legacy"
}

resource "tencentcloud_security_group_rule" "legacy" {
  security_group_id = tencentcloud_security_group.legacy.id
  type              = "ingress"
  policy            = "ACCEPT"
  ip_protocol       = "TCP"
  port_range        = "22"
  address_template {
    template_idd = "ipm-12345678"
  }
}

# A lite rule with a misspelt list: that list is not known.
resource "tencentcloud_security_group" "lite" {
  name = "lite"
}

resource "tencentcloud_security_group_lite_rule" "lite" {
  security_group_id = tencentcloud_security_group.lite.id
  ingres            = ["ACCEPT#0.0.0.0/0#ALL#ALL"]
}

# An address template with a misspelt list: its members are not known, not
# none.
resource "tencentcloud_address_template" "office" {
  name     = "office"
  adresses = ["203.0.113.0/24"]
}

resource "tencentcloud_security_group" "office" {
  name = "office"
}

resource "tencentcloud_security_group_rule_set" "office" {
  security_group_id = tencentcloud_security_group.office.id
  ingress { # want "TKESG202 note: .*TCP 22.*whose members are not known"
    action              = "ACCEPT"
    address_template_id = tencentcloud_address_template.office.id
    protocol            = "TCP"
    port                = "22"
  }
}

# A misspelt description cannot change what the rule matches: every field
# that decides it is written, and no other can be added without a conflict,
# so the rule is still judged.
resource "tencentcloud_security_group" "description_typo" {
  name = "description-typo"
}

resource "tencentcloud_security_group_rule_set" "description_typo" {
  security_group_id = tencentcloud_security_group.description_typo.id
  ingress { # want "TKESG201 .*accepts all protocols and ports from the world"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
    descripton = "everything"
  }
}

# Rules written as an argument rather than as blocks: Terraform refuses
# them, and they stand at their place as rules not known, which may drop
# what the ACCEPT after them opens.
resource "tencentcloud_security_group" "as_argument" {
  name = "as-argument"
}

resource "tencentcloud_security_group_rule_set" "as_argument" {
  security_group_id = tencentcloud_security_group.as_argument.id
  ingress = [{
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
  }]
  ingress { # want "TKESG202 note: .*TCP 22.*has an unsupported argument \"ingress\""
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
}
