# Fixture of the CLI tests (fake parser): only notes.
resource "tencentcloud_security_group" "extra" {
  name = "extra" # fake TKESG990 as-note a finding whose level the analyzer lowers to note
}
