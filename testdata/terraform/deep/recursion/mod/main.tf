resource "tencentcloud_security_group" "this" {
  name = "loop"
}

resource "tencentcloud_security_group_lite_rule" "this" {
  security_group_id = tencentcloud_security_group.this.id
  ingress           = ["ACCEPT#0.0.0.0/0#22#TCP"] # want "TKESG202 .*22"
}

module "again" {
  source = "../mod"
}
