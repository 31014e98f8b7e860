# TKESG205: a source written as 0.0.0.0/n with n > 0. Tencent Cloud treats it
# as 0.0.0.0/0, the whole world, whatever the author meant. The finding is on
# the value; the exposure the rule then causes is reported by the other 2xx
# checks on the rule itself. Annotated for every 2xx and 4xx check.

# HTTPS from 0.0.0.0/8: only TKESG205 (443 is no 2xx port).
resource "tencentcloud_security_group" "https_slash8" {
  name = "tkesg205-https-slash8"
}

resource "tencentcloud_security_group_rule_set" "https_slash8" {
  security_group_id = tencentcloud_security_group.https_slash8.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/8" # want "TKESG205 .*0\\.0\\.0\\.0/8"
    protocol   = "TCP"
    port       = "443"
  }
}

# Even /32 is widened: 0.0.0.0/32 is treated as the world.
resource "tencentcloud_security_group" "https_slash32" {
  name = "tkesg205-https-slash32"
}

resource "tencentcloud_security_group_rule_set" "https_slash32" {
  security_group_id = tencentcloud_security_group.https_slash32.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/32" # want "TKESG205 .*0\\.0\\.0\\.0/32"
    protocol   = "TCP"
    port       = "443"
  }
}

# SSH from 0.0.0.0/24: TKESG205 on the value and TKESG202 on the rule.
resource "tencentcloud_security_group" "ssh_slash24" {
  name = "tkesg205-ssh-slash24"
}

resource "tencentcloud_security_group_rule_set" "ssh_slash24" {
  security_group_id = tencentcloud_security_group.ssh_slash24.id

  ingress { # want "TKESG202 .*22"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/24" # want "TKESG205 .*0\\.0\\.0\\.0/24"
    protocol   = "TCP"
    port       = "22"
  }
}

# Everything from 0.0.0.0/1: TKESG205 on the value and TKESG201 on the rule.
resource "tencentcloud_security_group" "all_slash1" {
  name = "tkesg205-all-slash1"
}

resource "tencentcloud_security_group_rule_set" "all_slash1" {
  security_group_id = tencentcloud_security_group.all_slash1.id

  ingress { # want "TKESG201"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/1" # want "TKESG205 .*0\\.0\\.0\\.0/1"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# A DROP written with 0.0.0.0/16 drops the whole world, not a /16: the value is
# still misleading, so TKESG205 fires whatever the action.
resource "tencentcloud_security_group" "drop_slash16" {
  name = "tkesg205-drop-slash16"
}

resource "tencentcloud_security_group_rule_set" "drop_slash16" {
  security_group_id = tencentcloud_security_group.drop_slash16.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/16" # want "TKESG205 .*0\\.0\\.0\\.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }
}

# A lite rule string with 0.0.0.0/8: the finding is on the string's line.
resource "tencentcloud_security_group" "lite_slash8" {
  name = "tkesg205-lite-slash8"
}

resource "tencentcloud_security_group_lite_rule" "lite_slash8" {
  security_group_id = tencentcloud_security_group.lite_slash8.id
  ingress = [
    "ACCEPT#0.0.0.0/8#443#TCP", # want "TKESG205 .*0\\.0\\.0\\.0/8"
  ]
}

# A lite rule that exposes SSH through 0.0.0.0/12: both findings sit on the
# string's line.
resource "tencentcloud_security_group" "lite_ssh_slash12" {
  name = "tkesg205-lite-ssh-slash12"
}

resource "tencentcloud_security_group_lite_rule" "lite_ssh_slash12" {
  security_group_id = tencentcloud_security_group.lite_ssh_slash12.id
  ingress = [
    "ACCEPT#0.0.0.0/12#22#TCP", # want "TKESG205 .*0\\.0\\.0\\.0/12" "TKESG202 .*22"
  ]
}

# A legacy rule: the finding is on the cidr_ip line.
resource "tencentcloud_security_group" "legacy_slash8" {
  name = "tkesg205-legacy-slash8"
}

resource "tencentcloud_security_group_rule" "legacy_slash8" {
  security_group_id = tencentcloud_security_group.legacy_slash8.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/8" # want "TKESG205 .*0\\.0\\.0\\.0/8"
  ip_protocol       = "TCP"
  port_range        = "8443"
  policy            = "ACCEPT"
}

# --- Silent: 0.0.0.0/0 says what it means, a bare 0.0.0.0 is one address, and
# 10.0.0.0/8 is an ordinary private network.

resource "tencentcloud_security_group" "plain_sources" {
  name = "tkesg205-plain-sources"
}

resource "tencentcloud_security_group_rule_set" "plain_sources" {
  security_group_id = tencentcloud_security_group.plain_sources.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "443"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0"
    protocol   = "TCP"
    port       = "8080"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = "8443"
  }
}

# The alias written in the IPv6 field is read as IPv4 too: it still means the
# whole IPv4 internet.
resource "tencentcloud_security_group" "alias_in_ipv6_field" {
  name = "tkesg205-alias-in-ipv6-field"
}

resource "tencentcloud_security_group_rule_set" "alias_in_ipv6_field" {
  security_group_id = tencentcloud_security_group.alias_in_ipv6_field.id

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "0.0.0.0/8" # want "TKESG205 .*source 0\\.0\\.0\\.0/8"
    protocol        = "TCP"
    port            = "443"
  }

  ingress {
    action          = "ACCEPT"
    ipv6_cidr_block = "::/0"
    protocol        = "TCP"
    port            = "8443"
  }
}
