resource "tencentcloud_address_template" "anywhere" {
  name      = "lite-module-anywhere"
  addresses = ["0.0.0.0/0"]
}

resource "tencentcloud_address_template" "office" {
  name      = "lite-module-office"
  addresses = ["203.0.113.0/24"]
}

output "anywhere_id" {
  value = tencentcloud_address_template.anywhere.id
}

output "office_id" {
  value = tencentcloud_address_template.office.id
}
