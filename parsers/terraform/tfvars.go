package terraform

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// givenValues collects the values that the root module in dir gets from
// outside, weakest first as Terraform applies them: TF_VAR_name from the
// environment, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and
// *.auto.tfvars.json in lexical order, each --var-file in order, and --var.
// A later source replaces an earlier one. It also returns the errors of
// the variable files read.
func (t *tree) givenValues(m *module) (map[string]givenValue, []*model.Error) {
	out := map[string]givenValue{}
	var errs []*model.Error
	if t.opts.Getenv != nil {
		for _, name := range sortedKeys(m.variables) {
			if raw := t.opts.Getenv("TF_VAR_" + name); raw != "" {
				from := "the environment variable TF_VAR_" + name
				if t.opts.EnvSource != nil {
					from = cmp.Or(t.opts.EnvSource(name), from)
				}
				out[name] = givenValue{raw: raw, isRaw: true, from: from, rng: m.variables[name].decl}
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
		vf := t.readVarFile(f)
		maps.Copy(out, vf.vals)
		errs = append(errs, vf.errs...)
	}
	args := t.commandLine()
	for _, a := range args {
		if a.File != nil {
			vf := t.readVarFile(*a.File)
			maps.Copy(out, vf.vals)
			errs = append(errs, vf.errs...)
			continue
		}
		decl := hcl.Range{}
		if v, ok := m.variables[a.Name]; ok {
			decl = v.decl
		}
		out[a.Name] = givenValue{raw: a.Value, isRaw: true, from: "--var " + a.Name, rng: decl}
	}
	return out, errs
}

// commandLine is the --var and --var-file of the command line in the order
// Terraform applies them.
func (t *tree) commandLine() []VarArg {
	if len(t.opts.Args) > 0 {
		return t.opts.Args
	}
	var args []VarArg
	for _, f := range t.opts.VarFiles {
		args = append(args, VarArg{File: &f})
	}
	for _, name := range sortedKeys(t.opts.Variables) {
		args = append(args, VarArg{Name: name, Value: t.opts.Variables[name]})
	}
	return args
}

// varFile is what one tfvars file assigns, and its errors: they are the
// errors of each root module that reads it.
type varFile struct {
	vals map[string]givenValue
	errs []*model.Error
}

// readVarFile reads the assignments of one tfvars file, once per run.
func (t *tree) readVarFile(f File) varFile {
	return t.varFiles.get(f.Path, func() varFile { return t.parseVarFile(f) })
}

func (t *tree) parseVarFile(f File) varFile {
	t.pos.add(f.Path, f.Src)
	file, diags := parseSyntax(f, strings.HasSuffix(f.Path, ".json"))
	out := varFile{vals: map[string]givenValue{}}
	out.errs = t.errorsOf(out.errs, diags)
	if diags.HasErrors() || file == nil {
		return out
	}
	attrs, diags := file.Body.JustAttributes()
	out.errs = t.errorsOf(out.errs, diags)
	for _, a := range sortedAttributes(attrs) {
		v, diags := a.Expr.Value(nil)
		out.errs = t.errorsOf(out.errs, diags)
		if diags.HasErrors() {
			continue
		}
		out.vals[a.Name] = givenValue{val: v, from: f.Path, rng: a.Expr.Range()}
	}
	return out
}

// undeclaredArgs says which values of the command line (--var, and the
// assignments of each --var-file) no root module in roots declares: a
// mistyped name would otherwise leave the variable at its default without
// a word. Terraform itself refuses an undeclared --var; in a scan of several
// roots a value may be meant for some of them only, so one declaration
// anywhere is enough.
func (t *tree) undeclaredArgs(roots []string) []model.Note {
	if len(roots) == 0 {
		return nil
	}
	declared := map[string]bool{}
	for _, dir := range roots {
		if sh := t.shapes[dir]; sh != nil {
			for _, name := range sh.variables {
				declared[name] = true
			}
		}
	}
	args := t.commandLine()
	var notes []model.Note
	seen := map[string]bool{}
	for _, a := range args {
		if a.File == nil {
			if !declared[a.Name] && !seen["--var "+a.Name] {
				seen["--var "+a.Name] = true
				notes = append(notes, model.Note{Message: fmt.Sprintf("--var %s: no root module declares a variable %q, so the value is not used", a.Name, a.Name)})
			}
			continue
		}
		vf := t.readVarFile(*a.File)
		t.report(vf.errs...)
		vals := vf.vals
		for _, name := range sortedKeys(vals) {
			if !declared[name] && !seen[a.File.Path+" "+name] {
				seen[a.File.Path+" "+name] = true
				notes = append(notes, model.Note{Range: t.pos.rng(vals[name].rng), Message: fmt.Sprintf("variable %q is set here, but no root module declares it, so the value is not used", name)})
			}
		}
	}
	return notes
}
