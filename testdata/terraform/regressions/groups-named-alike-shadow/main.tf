# want none
resource "tencentcloud_security_group" "a" {
  name = "app"
}
resource "tencentcloud_security_group" "b" {
  name = "app"
}
resource "tencentcloud_security_group" "web" {
  name = "web"
}
resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id
  ingress {
    action             = "ACCEPT"
    protocol           = "TCP"
    port               = "8080"
    source_security_id = tencentcloud_security_group.a.id
  }
  ingress {
    action             = "DROP"
    protocol           = "TCP"
    port               = "8080"
    source_security_id = tencentcloud_security_group.b.id
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
