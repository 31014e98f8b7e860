# A syntax error: the closing quote of the name is missing.
resource "tencentcloud_security_group" "broken" {
  name = "e2e-broken
}
