package terraform

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// givenValues collects the values that the root module in dir gets from
// outside, weakest first as Terraform applies them: TF_VAR_name from the
// environment, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and
// *.auto.tfvars.json in lexical order, each --var-file in order, and --var.
// A later source replaces an earlier one.
func (t *tree) givenValues(m *module) map[string]givenValue {
	out := map[string]givenValue{}
	if t.opts.Getenv != nil {
		for _, name := range sortedKeys(m.variables) {
			if raw := t.opts.Getenv("TF_VAR_" + name); raw != "" {
				out[name] = givenValue{raw: raw, isRaw: true, from: "the environment variable TF_VAR_" + name, rng: m.variables[name].decl}
			}
		}
	}
	var auto []File
	for _, name := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if src, ok := t.fileNamed(path.Join(m.dir, name)); ok {
			auto = append(auto, File{Path: path.Join(m.dir, name), Src: src})
		}
	}
	var autos []File
	for _, f := range t.byDir[m.dir] {
		base := path.Base(f.Path)
		if strings.HasSuffix(base, ".auto.tfvars") || strings.HasSuffix(base, ".auto.tfvars.json") {
			autos = append(autos, f)
		}
	}
	slices.SortFunc(autos, func(a, b File) int { return strings.Compare(path.Base(a.Path), path.Base(b.Path)) })
	auto = append(auto, autos...)
	for _, f := range auto {
		maps.Copy(out, t.readVarFile(f))
	}
	args := t.opts.Args
	if len(args) == 0 {
		for _, f := range t.opts.VarFiles {
			args = append(args, VarArg{File: &f})
		}
		for _, name := range sortedKeys(t.opts.Variables) {
			args = append(args, VarArg{Name: name, Value: t.opts.Variables[name]})
		}
	}
	for _, a := range args {
		if a.File != nil {
			maps.Copy(out, t.readVarFile(*a.File))
			continue
		}
		decl := hcl.Range{}
		if v, ok := m.variables[a.Name]; ok {
			decl = v.decl
		}
		out[a.Name] = givenValue{raw: a.Value, isRaw: true, from: "--var " + a.Name, rng: decl}
	}
	return out
}

// readVarFile reads the assignments of one tfvars file, once per run.
func (t *tree) readVarFile(f File) map[string]givenValue {
	if vals, ok := t.varFiles[f.Path]; ok {
		return vals
	}
	t.pos.src[f.Path] = f.Src
	var (
		file  *hcl.File
		diags hcl.Diagnostics
	)
	if strings.HasSuffix(f.Path, ".json") {
		file, diags = parseJSON(f)
	} else {
		file, diags = hclsyntax.ParseConfig(f.Src, f.Path, hcl.InitialPos)
	}
	t.addDiags(diags)
	out := map[string]givenValue{}
	t.varFiles[f.Path] = out
	if diags.HasErrors() || file == nil {
		return out
	}
	attrs, diags := file.Body.JustAttributes()
	t.addDiags(diags)
	for _, a := range sortedAttributes(attrs) {
		v, diags := a.Expr.Value(nil)
		t.addDiags(diags)
		if diags.HasErrors() {
			continue
		}
		out[a.Name] = givenValue{val: v, from: f.Path, rng: a.Expr.Range()}
	}
	return out
}
