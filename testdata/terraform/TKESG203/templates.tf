# An address template the input does not hold may hold the whole internet:
# an ACCEPT of control-plane ports from it is a note that names the template
# (never a finding, never silence), in every form a rule names a template.
# A template the input holds is judged by its addresses.

resource "tencentcloud_security_group" "unknown_template" {
  name = "tkesg203-unknown-template"
}

resource "tencentcloud_security_group_rule_set" "unknown_template" {
  security_group_id = tencentcloud_security_group.unknown_template.id

  ingress { # want "TKESG203 note: .*TCP 2379 \\(etcd\\);.*names template ipm-2uw6ujo6, whose members are not known"
    action              = "ACCEPT"
    address_template_id = "ipm-2uw6ujo6"
    protocol            = "TCP"
    port                = "2379"
  }

  ingress { # want "TKESG203 note: .*TCP 10250.*ipmg-6cxhq2qa, whose members are not known"
    action                 = "ACCEPT"
    address_template_group = "ipmg-6cxhq2qa"
    protocol               = "TCP"
    port                   = "10250"
  }

  # Known, and private: nothing to say.
  ingress {
    action              = "ACCEPT"
    address_template_id = tencentcloud_address_template.office.id
    protocol            = "TCP"
    port                = "6443"
  }
}

resource "tencentcloud_address_template" "office" {
  name      = "tkesg203-office"
  addresses = ["10.8.0.0/16", "192.168.10.1"]
}

resource "tencentcloud_security_group" "unknown_template_legacy" {
  name = "tkesg203-unknown-template-legacy"
}

resource "tencentcloud_security_group_rule" "unknown_template_legacy" { # want "TKESG203 note: .*TCP 2379 \\(etcd\\);.*ipm-2uw6ujo6, whose members are not known"
  security_group_id = tencentcloud_security_group.unknown_template_legacy.id
  type              = "ingress"
  policy            = "ACCEPT"
  ip_protocol       = "TCP"
  port_range        = "2379"
  address_template {
    template_id = "ipm-2uw6ujo6"
  }
}

resource "tencentcloud_security_group" "unknown_template_lite" {
  name = "tkesg203-unknown-template-lite"
}

resource "tencentcloud_security_group_lite_rule" "unknown_template_lite" {
  security_group_id = tencentcloud_security_group.unknown_template_lite.id
  ingress = [
    "ACCEPT#ipm-2uw6ujo6#2379#TCP", # want "TKESG203 note: .*TCP 2379 \\(etcd\\);.*ipm-2uw6ujo6, whose members are not known"
    "ACCEPT#10.0.0.0/8#ALL#ALL",
  ]
}
