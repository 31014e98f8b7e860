# A catalog of named CIDRs: the address templates of the account (a data
# source, known only after apply), overridden by the module's own entries,
# which are merged in last. The ports map is the other way round: the data
# source comes last and may override every entry.

data "tencentcloud_address_templates" "account" {}

data "tencentcloud_protocol_templates" "account" {}

locals {
  own = {
    admin  = "10.8.0.0/16"
    world  = "0.0.0.0/0"
    office = "192.0.2.0/24"
    unset  = ""
  }
}

output "cidrs" {
  value = merge(
    { for t in data.tencentcloud_address_templates.account.template_list : t.name => t.addresses[0] },
    local.own,
  )
}

output "ports" {
  value = merge(
    { ssh = "22", rdp = "3389" },
    { for t in data.tencentcloud_protocol_templates.account.template_list : t.name => t.protocols[0] },
  )
}
