# A module that calls itself is an error at the call (errors.want), never an
# infinite loop; what the first instance defines is still checked.

module "loop" {
  source = "./mod"
}
