# Terraform decides values through a map of which some keys are unknown
# (modules/catalog merges an unknown map from a data source with its own
# entries). Each group below has rules whose source or port is chosen
# through that map: where Terraform's semantics decide the value, the rule is
# checked like a written one; where they do not, no finding, and the note
# names the data source that would decide it.

module "catalog" {
  source = "./modules/catalog"
}

locals {
  cidrs  = module.catalog.cidrs
  public = false
  # A for expression over the map keeps the entries it decides.
  upper_keys = { for name, cidr in module.catalog.cidrs : upper(name) => cidr }
}

# A later argument of merge wins: "world" is the module's own 0.0.0.0/0.
resource "tencentcloud_security_group" "index" {
  name = "index"
}

resource "tencentcloud_security_group_rule_set" "index" {
  security_group_id = tencentcloud_security_group.index.id
  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = module.catalog.cidrs["world"]
    protocol   = "TCP"
    port       = "22"
  }
}

# "partner" is not among the module's entries: only the data source could
# hold it, so the source is unknown: a note, not a finding.
resource "tencentcloud_security_group" "unknown_key" {
  name = "unknown-key"
}

resource "tencentcloud_security_group_rule_set" "unknown_key" {
  security_group_id = tencentcloud_security_group.unknown_key.id
  ingress { # want "TKESG202 note: .*data\\.tencentcloud_address_templates\\.account"
    action     = "ACCEPT"
    cidr_block = local.cidrs["partner"]
    protocol   = "TCP"
    port       = "22"
  }
}

# lookup finds the decided key; for a key the data source may hold, its
# default may or may not apply: unknown.
resource "tencentcloud_security_group" "lookup" {
  name = "lookup"
}

resource "tencentcloud_security_group_rule_set" "lookup" {
  security_group_id = tencentcloud_security_group.lookup.id
  ingress { # want "TKESG202 .*3389"
    action     = "ACCEPT"
    cidr_block = lookup(local.cidrs, "world", "10.0.0.0/8")
    protocol   = "TCP"
    port       = "3389"
  }
  ingress { # want "TKESG202 note: .*data\\.tencentcloud_address_templates\\.account"
    action     = "ACCEPT"
    cidr_block = lookup(local.cidrs, "partner", "0.0.0.0/0")
    protocol   = "TCP"
    port       = "22"
  }
}

# try takes its first argument when that evaluates and is known; an index
# of a key the data source may hold is unknown, and try stops there.
resource "tencentcloud_security_group" "try" {
  name = "try"
}

resource "tencentcloud_security_group_rule_set" "try" {
  security_group_id = tencentcloud_security_group.try.id
  ingress { # want "TKESG203 .*10250"
    action     = "ACCEPT"
    cidr_block = try(local.cidrs["world"], "10.0.0.0/8")
    protocol   = "TCP"
    port       = "10250"
  }
  ingress { # want "TKESG203 note: .*6443.*data\\.tencentcloud_address_templates\\.account"
    action     = "ACCEPT"
    cidr_block = try(local.cidrs["partner"], "0.0.0.0/0")
    protocol   = "TCP"
    port       = "6443"
  }
}

# coalesce skips "" and takes the next argument; a known first argument wins.
resource "tencentcloud_security_group" "coalesce" {
  name = "coalesce"
}

resource "tencentcloud_security_group_rule_set" "coalesce" {
  security_group_id = tencentcloud_security_group.coalesce.id
  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = coalesce(local.cidrs["unset"], "0.0.0.0/0")
    protocol   = "TCP"
    port       = "22"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = coalesce(local.cidrs["admin"], "0.0.0.0/0")
    protocol   = "TCP"
    port       = "3389"
  }
}

# A conditional whose condition is known takes its branch.
resource "tencentcloud_security_group" "conditional" {
  name = "conditional"
}

resource "tencentcloud_security_group_rule_set" "conditional" {
  security_group_id = tencentcloud_security_group.conditional.id
  ingress {
    action     = "ACCEPT"
    cidr_block = local.public ? local.cidrs["world"] : local.cidrs["office"]
    protocol   = "TCP"
    port       = "22"
  }
  ingress { # want "TKESG202 .*3389"
    action     = "ACCEPT"
    cidr_block = !local.public ? local.cidrs["world"] : local.cidrs["office"]
    protocol   = "TCP"
    port       = "3389"
  }
}

# A for expression over the map: the entries it decides stay decided.
resource "tencentcloud_security_group" "for" {
  name = "for"
}

resource "tencentcloud_security_group_rule_set" "for" {
  security_group_id = tencentcloud_security_group.for.id
  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = local.upper_keys["WORLD"]
    protocol   = "TCP"
    port       = "22"
  }
  ingress { # want "TKESG202 note: .*3389.*data\\.tencentcloud_address_templates\\.account"
    action     = "ACCEPT"
    cidr_block = local.upper_keys["world"]
    protocol   = "TCP"
    port       = "3389"
  }
}

# concat of lists whose lengths are known keeps every element where it is.
resource "tencentcloud_security_group" "concat" {
  name = "concat"
}

resource "tencentcloud_security_group_rule_set" "concat" {
  security_group_id = tencentcloud_security_group.concat.id
  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = concat([local.cidrs["admin"]], [local.cidrs["world"]])[1]
    protocol   = "TCP"
    port       = "22"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = concat([local.cidrs["admin"]], [local.cidrs["world"]])[0]
    protocol   = "TCP"
    port       = "3389"
  }
}

# The data source comes last in the ports map: it may override "ssh".
resource "tencentcloud_security_group" "overridable" {
  name = "overridable"
}

resource "tencentcloud_security_group_rule_set" "overridable" {
  security_group_id = tencentcloud_security_group.overridable.id
  ingress { # want "TKESG201 note: .*data\\.tencentcloud_protocol_templates\\.account"
    action     = "ACCEPT"
    cidr_block = local.cidrs["world"]
    protocol   = "TCP"
    port       = module.catalog.ports["ssh"]
  }
}
