# TKESG404: one SG's rules owned by a rule_set or a lite_rule and also defined
# by another rule resource. Each exclusive owner replaces all rules of the SG
# when applied, so the resources overwrite each other. The finding is on the
# header of the later resource (by position in the file) that conflicts with
# an exclusive owner. The rules of the owners below do not overlap, so no other
# check applies. Annotated for every 2xx and 4xx check.

# A rule set and a lite rule for the same SG: fires on the lite rule.
resource "tencentcloud_security_group" "app" {
  name        = "tkesg404-app"
  description = "application servers"
}

resource "tencentcloud_security_group_rule_set" "app" {
  security_group_id = tencentcloud_security_group.app.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "8080"
  }
}

resource "tencentcloud_security_group_lite_rule" "app_extra" { # want "TKESG404"
  security_group_id = tencentcloud_security_group.app.id
  ingress = [
    "ACCEPT#10.1.0.0/16#9090#TCP",
  ]
}

# A rule set and then a legacy rule for the same SG: fires on the legacy rule.
resource "tencentcloud_security_group" "db" {
  name        = "tkesg404-db"
  description = "database servers"
}

resource "tencentcloud_security_group_rule_set" "db" {
  security_group_id = tencentcloud_security_group.db.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "3306"
  }
}

resource "tencentcloud_security_group_rule" "db_replica" { # want "TKESG404"
  security_group_id = tencentcloud_security_group.db.id
  type              = "ingress"
  cidr_ip           = "10.2.0.0/16"
  ip_protocol       = "TCP"
  port_range        = "3306"
  policy            = "ACCEPT"
}

# A legacy rule first and a rule set later: the rule set is the later resource
# and carries the finding.
resource "tencentcloud_security_group" "cache" {
  name = "tkesg404-cache"
}

resource "tencentcloud_security_group_rule" "cache_clients" {
  security_group_id = tencentcloud_security_group.cache.id
  type              = "ingress"
  cidr_ip           = "10.3.0.0/16"
  ip_protocol       = "TCP"
  port_range        = "6379"
  policy            = "ACCEPT"
}

resource "tencentcloud_security_group_rule_set" "cache" { # want "TKESG404"
  security_group_id = tencentcloud_security_group.cache.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "6379"
  }
}

# Two rule sets for the same SG: fires on the second.
resource "tencentcloud_security_group" "queue" {
  name = "tkesg404-queue"
}

resource "tencentcloud_security_group_rule_set" "queue_ingress" {
  security_group_id = tencentcloud_security_group.queue.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "5672"
  }
}

resource "tencentcloud_security_group_rule_set" "queue_egress" { # want "TKESG404"
  security_group_id = tencentcloud_security_group.queue.id

  egress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "5672"
  }
}

# --- Silent: rule sets for two different SGs, and several legacy rules for
# one SG (legacy rules add one rule each and replace nothing).

resource "tencentcloud_security_group" "web" {
  name = "tkesg404-web"
}

resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "80"
  }
}

resource "tencentcloud_security_group" "api" {
  name = "tkesg404-api"
}

resource "tencentcloud_security_group_rule_set" "api" {
  security_group_id = tencentcloud_security_group.api.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "80"
  }
}

resource "tencentcloud_security_group" "batch" {
  name = "tkesg404-batch"
}

resource "tencentcloud_security_group_rule" "batch_http" {
  security_group_id = tencentcloud_security_group.batch.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "TCP"
  port_range        = "80"
  policy            = "ACCEPT"
}

resource "tencentcloud_security_group_rule" "batch_https" {
  security_group_id = tencentcloud_security_group.batch.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "TCP"
  port_range        = "443"
  policy            = "ACCEPT"
}
