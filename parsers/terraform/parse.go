package terraform

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// module returns the parsed module of folder dir, reading it on first use
// from the files handed over or, failing that, through the Reader. It
// returns nil when the folder holds no configuration file.
func (t *tree) module(dir string) *module {
	if m, ok := t.modules[dir]; ok {
		return m
	}
	files := t.configFiles(dir)
	if len(files) == 0 {
		t.modules[dir] = nil
		return nil
	}
	m := newModule(t, dir)
	t.modules[dir] = m
	var overrides []File
	for _, f := range files {
		if err := t.ctx.Err(); err != nil {
			t.errs = append(t.errs, &model.Error{Range: model.Range{Filename: f.Path}, Summary: "not read", Detail: fmt.Sprintf("reading stopped: %v", err)})
			continue
		}
		m.files = append(m.files, f.Path)
		if isOverride(f.Path) {
			overrides = append(overrides, f)
			continue
		}
		m.addFile(f, false)
	}
	for _, f := range overrides {
		m.addFile(f, true)
	}
	return m
}

// configFiles returns the .tf and .tf.json files of dir in lexical order.
func (t *tree) configFiles(dir string) []File {
	var out []File
	for _, f := range t.byDir[dir] {
		if KindOf(f.Path).Config() {
			out = append(out, f)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, f := range t.readDir(dir) {
		if KindOf(f.Path).Config() {
			out = append(out, f)
		}
	}
	return out
}

// readDir reads the files of a folder that the walk did not hand over.
func (t *tree) readDir(dir string) []File {
	if fs, ok := t.loaded[dir]; ok {
		return fs
	}
	t.loaded[dir] = nil
	if t.opts.Reader == nil {
		return nil
	}
	ents, err := t.opts.Reader.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []File
	for _, e := range ents {
		if e.IsDir() || !KindOf(e.Name()).Config() {
			continue
		}
		p := path.Join(dir, e.Name())
		src, err := t.opts.Reader.ReadFile(p)
		if err != nil {
			t.errs = append(t.errs, &model.Error{Range: model.Range{Filename: p}, Summary: "cannot read file", Detail: err.Error()})
			continue
		}
		f := File{Path: p, Src: src}
		out = append(out, f)
		t.pos.src[p] = src
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	t.loaded[dir] = out
	return out
}

// addFile parses one file and collects its top-level blocks. A file with
// syntax errors contributes only its errors: a partly read rule list would
// look complete when it is not.
func (m *module) addFile(f File, override bool) {
	var (
		file  *hcl.File
		diags hcl.Diagnostics
	)
	switch {
	case KindOf(f.Path) == ConfigJSON:
		file, diags = parseJSON(f)
	default:
		file, diags = hclsyntax.ParseConfig(f.Src, f.Path, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	}
	m.addDiags(foldCascade(diags))
	if diags.HasErrors() || file == nil || file.Body == nil {
		m.broken = true
		return
	}
	m.collect(file.Body, override)
}

// parseJSON parses a .tf.json file, turning a panic of the JSON parser into
// an error on the file.
func parseJSON(f File) (file *hcl.File, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			file = nil
			diags = hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Invalid JSON",
				Detail:   fmt.Sprintf("The JSON parser failed on this file: %v.", r),
				Subject:  &hcl.Range{Filename: f.Path, Start: hcl.InitialPos, End: hcl.InitialPos},
			}}
		}
	}()
	return hcljson.Parse(f.Src, f.Path)
}

// isOverride reports whether a file is an override file, merged after the
// others.
func isOverride(p string) bool {
	base := path.Base(p)
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}
