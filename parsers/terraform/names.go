package terraform

import "strings"

// FileKind is what a file is to Terraform, told by its name alone: the one
// place that knows Terraform's file names. The command line, the language
// server, the comment reader of suppressions and this parser all ask it.
type FileKind uint8

// The kinds of file names.
const (
	// NotTerraform is a name Terraform does not read. A .json file of that
	// kind may still be a plan: IsPlan tells by its content.
	NotTerraform FileKind = iota
	// ConfigHCL is a configuration file in the native syntax (.tf).
	ConfigHCL
	// ConfigJSON is a configuration file in JSON (.tf.json).
	ConfigJSON
	// VariablesHCL is a variable file in the native syntax (.tfvars).
	VariablesHCL
	// VariablesJSON is a variable file in JSON (.tfvars.json).
	VariablesJSON
)

// KindOf returns the kind of a file name (a base name or a path).
func KindOf(name string) FileKind {
	switch {
	case strings.HasSuffix(name, ".tf"):
		return ConfigHCL
	case strings.HasSuffix(name, ".tf.json"):
		return ConfigJSON
	case strings.HasSuffix(name, ".tfvars"):
		return VariablesHCL
	case strings.HasSuffix(name, ".tfvars.json"):
		return VariablesJSON
	}
	return NotTerraform
}

// Config reports whether the file is configuration: what makes its folder
// a module.
func (k FileKind) Config() bool { return k == ConfigHCL || k == ConfigJSON }

// InModule reports whether the file belongs to the module of its folder:
// configuration, and the variable files Terraform loads with it.
func (k FileKind) InModule() bool { return k != NotTerraform }

// MayBePlan reports whether a file name may hold a plan (`terraform show
// -json`): JSON that is neither configuration nor variables.
func MayBePlan(name string) bool {
	return KindOf(name) == NotTerraform && strings.HasSuffix(name, ".json")
}
