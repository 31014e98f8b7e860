# An address template that exists only if an unknown variable says so: its
# invalid entry is a note that says on what it depends, like any finding on a
# resource that may not exist.
variable "office_enabled" {
  type = bool
}

resource "tencentcloud_address_template" "office" {
  count     = var.office_enabled ? 1 : 0
  name      = "office"
  addresses = ["10.9.0.0/24", "10.9.0.0/33"] # want "TKESG402 note: .*10\\.9\\.0\\.0/33.*only if tencentcloud_address_template\\.office exists"
}
