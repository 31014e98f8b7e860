# Fixture of the CLI tests (fake parser): a syntax error.
resource "tencentcloud_security_group" "broken" {
  name =    BROKEN
}
