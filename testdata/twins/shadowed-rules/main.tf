# Rules hidden by earlier rules (TKESG401), and an SSH rule that a DROP above
# it keeps from exposing anything.
resource "tencentcloud_security_group" "db" {
  name = "twin-db"
}

resource "tencentcloud_security_group_lite_rule" "db" {
  security_group_id = tencentcloud_security_group.db.id
  ingress = [
    "ACCEPT#10.0.0.0/16#3306#TCP",
    "DROP#10.0.9.0/24#3306#TCP",
    "DROP#0.0.0.0/0#22#TCP",
    "ACCEPT#0.0.0.0/0#22#TCP",
    "ACCEPT#0.0.0.0/0#3389#TCP",
  ]
  egress = [
    "ACCEPT#10.0.0.0/8#ALL#ALL",
    "ACCEPT#10.1.0.0/16#53#UDP",
  ]
}
