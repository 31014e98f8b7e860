# Fixture of the CLI tests (fake parser): nothing to report.
resource "tencentcloud_security_group" "quiet" {
  name = "quiet"
}
