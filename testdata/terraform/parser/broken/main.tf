resource "tencentcloud_security_group" "broken" {
  name = "broken"

resource "tencentcloud_security_group_rule_set" "broken" {
  security_group_id = tencentcloud_security_group.broken.id
  ingress {
    action = "ACCEPT"
  }
}
