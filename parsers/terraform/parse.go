package terraform

import (
	"bytes"
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

// moduleResult is a folder read: its module, nil when it holds no
// configuration file, and the errors found reading it. The errors of a
// folder handed over are the tree's; those of a folder read through the
// Reader are the errors of each unit that calls it.
type moduleResult struct {
	m    *module
	errs []*model.Error
}

// module returns the parsed module of folder dir, reading it on first use
// from the files handed over or, failing that, through the Reader. It
// returns nil when the folder holds no configuration file.
func (t *tree) module(dir string) *module { return t.loadModule(dir).m }

// loadModule is module, with the errors found reading the folder.
func (t *tree) loadModule(dir string) moduleResult {
	return t.modules.get(dir, func() moduleResult { return t.readModule(dir) })
}

// readModule parses the configuration files of folder dir, several at
// once, and builds its module.
func (t *tree) readModule(dir string) moduleResult {
	var r moduleResult
	files, errs := t.configFiles(dir)
	r.errs = errs
	if len(files) == 0 {
		return r
	}
	parsed := make([]parsedFile, len(files))
	if len(files) == 1 {
		parsed[0] = t.parse(files[0])
	} else {
		parallel.ForEach(t.ctx, len(files), parallel.Workers(t.opts.Jobs), func(i int) { parsed[i] = t.parse(files[i]) })
	}
	m := newModule(t, dir)
	r.m = m
	var overrides []int
	for i, f := range files {
		if err := t.ctx.Err(); err != nil || !parsed[i].done {
			r.errs = append(r.errs, &model.Error{Range: model.Range{Filename: f.Path}, Summary: "not read", Detail: fmt.Sprintf("reading stopped: %v", err)})
			continue
		}
		m.files = append(m.files, f.Path)
		t.byFile.Store(f.Path, m)
		if isOverride(f.Path) {
			overrides = append(overrides, i)
			continue
		}
		m.addFile(&parsed[i], false)
	}
	for _, i := range overrides {
		m.addFile(&parsed[i], true)
	}
	r.errs = append(r.errs, m.errs...)
	m.errs = nil
	if len(t.byDir[dir]) > 0 {
		sh := &shape{variables: sortedKeys(m.variables)}
		for _, name := range m.callOrder {
			if c := m.calls[name]; isLocalSource(c.source) {
				sh.calls = append(sh.calls, joinDir(dir, c.source))
			}
		}
		t.mu.Lock()
		t.shapes[dir] = sh
		t.mu.Unlock()
	}
	return r
}

// configFiles returns the .tf and .tf.json files of dir in lexical order,
// and the errors of those that could not be read.
func (t *tree) configFiles(dir string) ([]File, []*model.Error) {
	var out []File
	for _, f := range t.byDir[dir] {
		if KindOf(f.Path).Config() {
			out = append(out, f)
		}
	}
	if len(out) > 0 {
		return out, nil
	}
	return t.readDir(dir)
}

// readDir reads the configuration files of a folder that the walk did not
// hand over, and the errors of those that could not be read.
func (t *tree) readDir(dir string) ([]File, []*model.Error) {
	if t.opts.Reader == nil {
		return nil, nil
	}
	ents, err := t.opts.Reader.ReadDir(dir)
	if err != nil {
		return nil, nil
	}
	var (
		out  []File
		errs []*model.Error
	)
	for _, e := range ents {
		if e.IsDir() || !KindOf(e.Name()).Config() {
			continue
		}
		p := path.Join(dir, e.Name())
		src, err := t.opts.Reader.ReadFile(p)
		if err != nil {
			errs = append(errs, &model.Error{Range: model.Range{Filename: p}, Summary: "cannot read file", Detail: err.Error()})
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
	return out, errs
}

// parsedFile is the syntax of one configuration file.
type parsedFile struct {
	file  *hcl.File
	diags hcl.Diagnostics
	done  bool
	// refs, for a file kept in a ParseCache, are its references once
	// found (module.addReferences); nil otherwise.
	refs *fileRefs
}

// parse returns the syntax of one configuration file, from opts.Cache
// when it holds it.
func (t *tree) parse(f File) parsedFile {
	if t.opts.Cache != nil {
		return t.opts.Cache.parse(t.cacheRun, f)
	}
	return parseFile(f)
}

// parseFile parses one configuration file.
func parseFile(f File) parsedFile {
	file, diags := parseSyntax(f, KindOf(f.Path) == ConfigJSON)
	return parsedFile{file: file, diags: diags, done: true}
}

// parseSyntax parses one configuration or tfvars file, in the JSON syntax
// when json is set: the one place where a file's syntax errors are found,
// its numbers bounded and its cascades of multi-line string errors folded.
func parseSyntax(f File, json bool) (*hcl.File, hcl.Diagnostics) {
	var (
		file  *hcl.File
		diags hcl.Diagnostics
	)
	if json {
		file, diags = parseJSON(f)
		if !diags.HasErrors() {
			diags = append(diags, boundJSONNumbers(f)...)
		}
	} else {
		file, diags = hclsyntax.ParseConfig(f.Src, f.Path, hcl.InitialPos)
		diags = append(diags, boundNumbers(file, f.Src)...)
	}
	return file, foldCascade(diags)
}

// addFile collects the top-level blocks of one parsed file. A file with
// syntax errors contributes only its errors: a partly read rule list would
// look complete when it is not.
func (m *module) addFile(p *parsedFile, override bool) {
	m.addDiags(p.diags)
	if p.diags.HasErrors() || p.file == nil || p.file.Body == nil {
		m.broken = true
		return
	}
	m.collect(p.file.Body, override, p.refs)
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

// scanSources returns the local module sources that a configuration file
// may name: every string after `source =` (native syntax) or `"source":`
// (JSON) that starts with ./ or ../, wherever it stands. It reads no syntax,
// so it may find sources that are none (in a comment, a heredoc), which is
// harmless; ParseTree uses it only to tell which folders no module calls.
func scanSources(src []byte) []string {
	var out []string
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("source"))
		if j < 0 {
			return out
		}
		at := i + j
		i = at + len("source")
		if at > 0 && isNameByte(src[at-1]) || i < len(src) && isNameByte(src[i]) {
			continue
		}
		k := i
		if k < len(src) && src[k] == '"' {
			k++ // the key of a JSON object
		}
		k = skipBlanks(src, k)
		if k >= len(src) || src[k] != '=' && src[k] != ':' {
			continue
		}
		k = skipBlanks(src, k+1)
		if k >= len(src) || src[k] != '"' {
			continue
		}
		end := bytes.IndexByte(src[k+1:], '"')
		if end < 0 {
			return out
		}
		if s := string(src[k+1 : k+1+end]); isLocalSource(s) {
			out = append(out, s)
		}
	}
}

func isNameByte(b byte) bool {
	return b == '_' || b == '-' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

func skipBlanks(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' || src[i] == '\n') {
		i++
	}
	return i
}
