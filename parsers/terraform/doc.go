// Package terraform reads the .tf and .tf.json files of one Terraform root
// module and turns the tencentcloud resources they define into the common
// model of package model.
//
// Values flow through an hcl.EvalContext the way Terraform computes them, as
// far as that is possible without running Terraform: literals, variable
// defaults and values given on the command line, locals (in dependency
// order), Terraform's built-in functions, and references between resources.
// A resource `T.N` is visible to expressions as an object holding the
// attributes its block writes plus `id`, which is the resource's address
// (`tencentcloud_security_group.nodes`): that is how the model names security
// groups, templates, VPCs and clusters that the input defines but whose cloud
// ids are known only after apply. Attributes that the block does not write,
// data sources, variables without a value and everything else that Terraform
// would know only later are unknown; every unknown value carries, as a cty
// mark, a sentence that names the missing traversal, and that sentence becomes
// the reason of the unresolved model value.
//
// The parser only reads: rule strings, protocols, ports and CIDRs are kept as
// written, and their validation is the job of analyzers/flows. It never
// decides what is a finding.
//
// `dynamic` blocks are expanded (hcl's dynblock extension); generated rules
// point at the dynamic block, their values at the content block. When a
// for_each is unknown, the rule list it feeds is incomplete and unordered.
//
// Not evaluated yet: `count` and `for_each` on resources (a counted resource
// is read once, with a note), module calls, tfvars files and override files
// (skipped, with a note).
package terraform
