package terraform

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"

	"github.com/tkesglint/tkesglint/internal/parallel"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// module returns the parsed module of folder dir, reading it on first use
// from the files handed over or, failing that, through the Reader. It
// returns nil when the folder holds no configuration file.
func (t *tree) module(dir string) *module {
	return t.modules.get(dir, func() *module { return t.readModule(dir, nil) })
}

// parseModules parses the configuration files of the folders dirs, all
// files at once, then builds their modules, several folders at once.
func (t *tree) parseModules(dirs []string) {
	var files []File
	for _, d := range dirs {
		for _, f := range t.byDir[d] {
			if isConfigFile(f.Path) {
				files = append(files, f)
			}
		}
	}
	jobs := parallel.Workers(t.opts.Jobs)
	parsed := make([]parsedFile, len(files))
	parallel.ForEach(t.ctx, len(files), jobs, func(i int) { parsed[i] = parseFile(files[i]) })
	byPath := make(map[string]*parsedFile, len(files))
	for i := range parsed {
		if parsed[i].done {
			byPath[files[i].Path] = &parsed[i]
		}
	}
	parallel.ForEach(t.ctx, len(dirs), jobs, func(i int) {
		t.modules.get(dirs[i], func() *module { return t.readModule(dirs[i], byPath) })
	})
}

// readModule builds the module of folder dir from its files, taking each
// file's syntax from parsed when it is there.
func (t *tree) readModule(dir string, parsed map[string]*parsedFile) *module {
	files := t.configFiles(dir)
	if len(files) == 0 {
		return nil
	}
	m := newModule(t, dir)
	var overrides []File
	for _, f := range files {
		if err := t.ctx.Err(); err != nil {
			t.report(&model.Error{Range: model.Range{Filename: f.Path}, Summary: "not read", Detail: fmt.Sprintf("reading stopped: %v", err)})
			continue
		}
		m.files = append(m.files, f.Path)
		t.byFile.Store(f.Path, m)
		if isOverride(f.Path) {
			overrides = append(overrides, f)
			continue
		}
		m.addFile(f, parsed[f.Path], false)
	}
	for _, f := range overrides {
		m.addFile(f, parsed[f.Path], true)
	}
	return m
}

// configFiles returns the .tf and .tf.json files of dir in lexical order.
func (t *tree) configFiles(dir string) []File {
	var out []File
	for _, f := range t.byDir[dir] {
		if isConfigFile(f.Path) {
			out = append(out, f)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, f := range t.readDir(dir) {
		if isConfigFile(f.Path) {
			out = append(out, f)
		}
	}
	return out
}

// readDir reads the files of a folder that the walk did not hand over. It
// is called once per folder, as the folder's module is read once.
func (t *tree) readDir(dir string) []File {
	if t.opts.Reader == nil {
		return nil
	}
	ents, err := t.opts.Reader.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []File
	for _, e := range ents {
		if e.IsDir() || !isConfigFile(e.Name()) {
			continue
		}
		p := path.Join(dir, e.Name())
		src, err := t.opts.Reader.ReadFile(p)
		if err != nil {
			t.report(&model.Error{Range: model.Range{Filename: p}, Summary: "cannot read file", Detail: err.Error()})
			continue
		}
		f := File{Path: p, Src: src}
		out = append(out, f)
		t.pos.add(p, src)
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	t.mu.Lock()
	t.loaded[dir] = out
	t.mu.Unlock()
	return out
}

// parsedFile is the syntax of one configuration file.
type parsedFile struct {
	file  *hcl.File
	diags hcl.Diagnostics
	done  bool
}

// parseFile parses one configuration file.
func parseFile(f File) parsedFile {
	var p parsedFile
	switch {
	case strings.HasSuffix(f.Path, ".tf.json"):
		p.file, p.diags = parseJSON(f)
	default:
		p.file, p.diags = hclsyntax.ParseConfig(f.Src, f.Path, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	}
	p.done = true
	return p
}

// addFile collects the top-level blocks of one file, parsing it unless p
// holds its syntax. A file with syntax errors contributes only its errors:
// a partly read rule list would look complete when it is not.
func (m *module) addFile(f File, p *parsedFile, override bool) {
	if p == nil {
		parsed := parseFile(f)
		p = &parsed
	}
	m.addDiags(p.diags)
	if p.diags.HasErrors() || p.file == nil || p.file.Body == nil {
		m.broken = true
		return
	}
	m.collect(p.file.Body, override)
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
