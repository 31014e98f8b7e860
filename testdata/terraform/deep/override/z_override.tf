# A second override, applied after main_override.tf.
resource "tencentcloud_security_group_lite_rule" "l" {
  ingress = ["ACCEPT#0.0.0.0/0#3389#TCP"] # want "TKESG202 .*3389"
}
