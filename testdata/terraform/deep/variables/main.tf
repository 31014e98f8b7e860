# Variable sources, weakest first: default, TF_VAR_name, terraform.tfvars,
# *.auto.tfvars (lexical), --var-file (extra/prod.tfvars), --var. The test
# gives TF_VAR_from_env, TF_VAR_env_then_tfvars, --var-file extra/prod.tfvars
# and --var from_cli=0.0.0.0/0. Each case is a group whose one rule accepts
# SSH from the variable; it fires only when the winning value is the world.

# the default
variable "from_default" {
  type = string
  default = "0.0.0.0/0"
}

resource "tencentcloud_security_group" "from_default" {
  name = "from_default"
}

resource "tencentcloud_security_group_lite_rule" "from_default" {
  security_group_id = tencentcloud_security_group.from_default.id
  ingress           = ["ACCEPT#${var.from_default}#22#TCP"]  # want "TKESG202 .*22"
}

# terraform.tfvars beats the default
variable "from_tfvars" {
  type = string
  default = "10.0.0.0/8"
}

resource "tencentcloud_security_group" "from_tfvars" {
  name = "from_tfvars"
}

resource "tencentcloud_security_group_lite_rule" "from_tfvars" {
  security_group_id = tencentcloud_security_group.from_tfvars.id
  ingress           = ["ACCEPT#${var.from_tfvars}#22#TCP"]  # want "TKESG202 .*22"
}

# b.auto.tfvars beats a.auto.tfvars (lexical order)
variable "auto_order" {
  type = string
  default = "10.0.0.0/8"
}

resource "tencentcloud_security_group" "auto_order" {
  name = "auto_order"
}

resource "tencentcloud_security_group_lite_rule" "auto_order" {
  security_group_id = tencentcloud_security_group.auto_order.id
  ingress           = ["ACCEPT#${var.auto_order}#22#TCP"]
}

# *.auto.tfvars beats terraform.tfvars
variable "tfvars_then_auto" {
  type = string
  default = "10.0.0.0/8"
}

resource "tencentcloud_security_group" "tfvars_then_auto" {
  name = "tfvars_then_auto"
}

resource "tencentcloud_security_group_lite_rule" "tfvars_then_auto" {
  security_group_id = tencentcloud_security_group.tfvars_then_auto.id
  ingress           = ["ACCEPT#${var.tfvars_then_auto}#22#TCP"]  # want "TKESG202 .*22"
}

# TF_VAR_from_env
variable "from_env" {
  type = string
}

resource "tencentcloud_security_group" "from_env" {
  name = "from_env"
}

resource "tencentcloud_security_group_lite_rule" "from_env" {
  security_group_id = tencentcloud_security_group.from_env.id
  ingress           = ["ACCEPT#${var.from_env}#22#TCP"]  # want "TKESG202 .*22"
}

# terraform.tfvars beats TF_VAR_env_then_tfvars
variable "env_then_tfvars" {
  type = string
}

resource "tencentcloud_security_group" "env_then_tfvars" {
  name = "env_then_tfvars"
}

resource "tencentcloud_security_group_lite_rule" "env_then_tfvars" {
  security_group_id = tencentcloud_security_group.env_then_tfvars.id
  ingress           = ["ACCEPT#${var.env_then_tfvars}#22#TCP"]
}

# --var-file beats *.auto.tfvars
variable "from_varfile" {
  type = string
}

resource "tencentcloud_security_group" "from_varfile" {
  name = "from_varfile"
}

resource "tencentcloud_security_group_lite_rule" "from_varfile" {
  security_group_id = tencentcloud_security_group.from_varfile.id
  ingress           = ["ACCEPT#${var.from_varfile}#22#TCP"]  # want "TKESG202 .*22"
}

# --var beats --var-file
variable "from_cli" {
  type = string
}

resource "tencentcloud_security_group" "from_cli" {
  name = "from_cli"
}

resource "tencentcloud_security_group_lite_rule" "from_cli" {
  security_group_id = tencentcloud_security_group.from_cli.id
  ingress           = ["ACCEPT#${var.from_cli}#22#TCP"]  # want "TKESG202 .*22"
}

# no value anywhere: the source is unresolved, never a finding; the action,
# port and protocol around it are known (a note about SSH).
variable "unset" {
  type = string
}

resource "tencentcloud_security_group" "unset" {
  name = "unset"
}

resource "tencentcloud_security_group_lite_rule" "unset" {
  security_group_id = tencentcloud_security_group.unset.id
  ingress           = ["ACCEPT#${var.unset}#22#TCP"] # want "TKESG202 note: .*TCP 22 from <unresolved>.*var.unset"
}

# Typed conversion: optional attributes get their defaults (port 22).
variable "typed" {
  type = list(object({ cidr = string, port = optional(string, "22") }))
}

resource "tencentcloud_security_group" "typed" {
  name = "typed"
}

resource "tencentcloud_security_group_rule_set" "typed" {
  security_group_id = tencentcloud_security_group.typed.id
  dynamic "ingress" {
    for_each = var.typed
    content { # want "TKESG202 .*22"
      action     = "ACCEPT"
      cidr_block = ingress.value.cidr
      protocol   = "TCP"
      port       = ingress.value.port
    }
  }
}
