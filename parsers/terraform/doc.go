// Package terraform reads Terraform configurations (.tf and .tf.json),
// their variable files and Terraform plans in JSON, and turns the
// tencentcloud resources they define into the common model of package
// model.
//
// [ParseTree] takes every Terraform file of a scanned tree. Each folder
// with configuration files is a root module, except a folder that another
// module of the tree calls as a local module; each root module, with every
// module it calls, is one [Unit]. Values flow through an hcl.EvalContext the
// way Terraform computes them, as far as that is possible without running
// Terraform: literals; input variables from their defaults, TF_VAR_name,
// terraform.tfvars, *.auto.tfvars, --var-file and --var, in Terraform's
// precedence, converted to their type constraints (optional attributes
// included); locals; Terraform's built-in functions; count and for_each
// (instances `T.N[0]`, `T.N["key"]`); dynamic blocks; module calls with a
// local source, recursively, and modules that `terraform init` downloaded
// (.terraform/modules/modules.json), with count and for_each; override
// files, merged the way Terraform merges them. Locals, resources, outputs
// and module calls are evaluated lazily, so that file, block and module
// order never change a result.
//
// A resource `T.N` is visible to expressions as an object holding the
// attributes its block writes plus `id`, which is the resource's full
// address (`module.net.tencentcloud_security_group.nodes["a"]`): that is how
// the model names security groups, templates, VPCs and clusters that the
// input defines but whose cloud ids are known only after apply. A resource
// inside a module carries, in Resource.CallChain, the module calls that
// created it, outermost first. Attributes that the block does not write,
// data sources, variables without a value, remote modules that were not
// downloaded and everything else that Terraform would know only later are
// unknown; every unknown value carries, as a cty mark, a sentence that names
// the missing value, and that sentence becomes the reason of the unresolved
// model value. Where Terraform's semantics decide part of a value that cty
// holds as wholly unknown (the keys a later merge argument sets, a for
// expression over them, an empty flatten of a list of unknown length), the
// evaluation keeps that part (see refined). A count or for_each that is not
// known reads the block once, with unknown keys, and a note says so; its
// instances carry model.Resource.Condition, so that what they open is a
// note too: never dropped silently, never a finding about a resource that
// may not exist.
//
// A plan (`terraform show -json`) gives fully resolved values: resources
// from planned_values, references between them from configuration. A plan
// in the folder of a root module it was made from is read with it: the
// plan's values win for the resources it holds, and the .tf files give the
// locations. Any other plan is a unit of its own, located in the plan file.
//
// In the blocks whose fields change a verdict (rules, templates, the
// attachments that bind groups), an argument the provider's schema does not
// have is an input error, as Terraform refuses it, and the block is read as
// model.Rule.InputError says: what it leaves out is unresolved, not
// defaulted, since the wrong argument may have been meant for it.
//
// The parser only reads: rule strings, protocols, ports and CIDRs are kept as
// written, and their validation is the job of analyzers/flows. It never
// decides what is a finding. Generated rules of a dynamic block point at its
// content block, their values at the content's attributes. When a dynamic
// block's for_each is unknown, its content is read once with the iterator's
// key and value unknown and everything else as written: its rules stand at
// their place as that one rule (an unknown peer when nothing else is unknown,
// as there may be none), and a worker or master group it makes exists only
// under that condition (model.Resource.Condition).
package terraform
