package fix

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/english"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// The proof of an edit lints again the root modules that the scan read
// and that read an edited file. Two things put part of what Terraform
// reads out of its sight, and an edit proved without them is not offered:
// Terraform files that the scan leaves out (--exclude) in a module folder
// the edit reaches, which may hold rules of the same group; and root
// modules outside the scan that call an edited module, whose groups the
// edit changes too.

// unprovable returns why an edit of files cannot be proved by linting
// again what the scan read, or "".
func (p *prover) unprovable(files map[string][]byte) string {
	if why := p.leftOut(files); why != "" {
		return why
	}
	return p.outsideCallers(files)
}

// isModuleFile reports whether name is a Terraform configuration file,
// one that every module of its folder reads.
func isModuleFile(name string) bool {
	k := terraform.KindOf(name)
	return k == terraform.ConfigHCL || k == terraform.ConfigJSON
}

// leftOut says which Terraform files of the module folders an edit of
// files reaches the scan did not read.
func (p *prover) leftOut(files map[string][]byte) string {
	var out []string
	for _, folder := range slices.Sorted(maps.Keys(p.reached(files))) {
		ents, err := os.ReadDir(absPath(p.opts.Dir, folder))
		if err != nil {
			continue
		}
		for _, e := range ents {
			name := path.Join(folder, e.Name())
			if _, read := p.res.Sources[name]; !read && !e.IsDir() && isModuleFile(e.Name()) {
				out = append(out, name)
			}
		}
	}
	if len(out) == 0 {
		return ""
	}
	return fmt.Sprintf("%s, of a Terraform module that the edit reaches, %s left out of the scan (--exclude or exclude in .tkesglint.yml), but Terraform reads %s: it may hold rules of the same group, and a fix proved without %s cannot be trusted; lint without excluding %s to have the fix offered",
		strings.Join(out, ", "), english.IsAre(len(out)), english.ItThem(len(out)), english.ItThem(len(out)), english.ItThem(len(out)))
}

// reached returns the module folders an edit of files reaches: the
// folders of the edited Terraform files, and of the modules of every root
// module that reads one of them.
func (p *prover) reached(files map[string][]byte) map[string]bool {
	folders := map[string]bool{}
	for name := range files {
		if isModuleFile(name) {
			folders[path.Dir(name)] = true
		}
	}
	if len(folders) == 0 {
		return nil
	}
	for _, u := range p.res.Footprints {
		touched := false
		for name := range files {
			touched = touched || u.Root != "" && path.Dir(name) == u.Root
		}
		var dirs []string
		for _, r := range u.Resources {
			_, edited := files[r.Range.Filename]
			touched = touched || edited
			if isModuleFile(r.Range.Filename) {
				dirs = append(dirs, path.Dir(r.Range.Filename))
			}
			for _, call := range r.CallChain {
				dirs = append(dirs, path.Dir(call.Filename))
			}
		}
		if touched {
			for _, d := range dirs {
				folders[d] = true
			}
		}
	}
	return folders
}

// textSource matches, in a file that does not parse, what may be the
// source of a module call that is a local path, in HCL or JSON syntax:
// the folder it names. It errs towards finding a call where there is none.
var textSource = regexp.MustCompile(`(?:^|[^\w"-])"?source"?\s*[=:]\s*"(\.\.?(?:[/\\][^"]*)?)"`)

// moduleHeader matches the header of a module block in HCL.
var moduleHeader = regexp.MustCompile(`(?m)^[ \t]*module[ \t]+"[^"]*"`)

// localCall is a module call with a local source: the folder it names, as
// written, and the line of the call.
type localCall struct {
	source string
	line   int
}

// moduleCalls returns the module calls with a local source in the
// Terraform file name, whose text is src. A file that does not parse is
// read as text, and every local path given as a source counts as a call:
// Terraform may read the file otherwise than the parser, and a caller
// missed lets an edit change a root module unseen.
func moduleCalls(name string, src []byte) []localCall {
	if !bytes.Contains(src, []byte("module")) || !bytes.Contains(src, []byte("source")) {
		return nil
	}
	var file *hcl.File
	var diags hcl.Diagnostics
	if terraform.KindOf(name) == terraform.ConfigJSON {
		file, diags = hcljson.Parse(src, name)
	} else {
		file, diags = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	}
	if diags.HasErrors() {
		return textCalls(src)
	}
	content, _, diags := file.Body.PartialContent(&hcl.BodySchema{
		Blocks: []hcl.BlockHeaderSchema{{Type: "module", LabelNames: []string{"name"}}},
	})
	if diags.HasErrors() {
		return textCalls(src)
	}
	var calls []localCall
	for _, b := range content.Blocks {
		attrs, _, diags := b.Body.PartialContent(&hcl.BodySchema{
			Attributes: []hcl.AttributeSchema{{Name: "source"}},
		})
		if diags.HasErrors() {
			return textCalls(src)
		}
		a, ok := attrs.Attributes["source"]
		if !ok {
			continue
		}
		// Terraform takes only a literal string as a source.
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() || v.IsNull() || !v.IsKnown() || !v.Type().Equals(cty.String) {
			continue
		}
		if s := v.AsString(); isLocalSource(s) {
			calls = append(calls, localCall{source: s, line: b.DefRange.Start.Line})
		}
	}
	return calls
}

// isLocalSource reports whether a module source is a local path, which
// Terraform reads in place rather than installing a copy.
func isLocalSource(s string) bool {
	s = strings.ReplaceAll(s, `\`, "/")
	return s == "." || s == ".." || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../")
}

// textCalls returns what may be module calls with a local source in a
// Terraform file that does not parse. Each is said at the header of the
// module block before it, when there is one (HCL), else at its source.
func textCalls(src []byte) []localCall {
	var calls []localCall
	for _, m := range textSource.FindAllSubmatchIndex(src, -1) {
		at := m[2]
		if heads := moduleHeader.FindAllIndex(src[:m[0]], -1); len(heads) > 0 {
			at = heads[len(heads)-1][0]
		}
		calls = append(calls, localCall{source: string(src[m[2]:m[3]]), line: 1 + bytes.Count(src[:at], []byte("\n"))})
	}
	return calls
}

// moduleCallSite is a module call found by callersIndex: the file, shown
// as the driver shows files, and its line.
type moduleCallSite struct {
	file string
	line int
}

// callerIndex maps each folder (absolute) to the module calls in its
// area that name it as a local source.
type callerIndex map[string][]moduleCallSite

// callers keeps, for the prover, the caller index of each area (a
// repository) read so far: the fixes of one run are proved in parallel.
type callers struct {
	mu    sync.Mutex
	areas map[string]callerIndex
}

// outsideCallers says which module calls of an edited module, directly or
// through other modules, are in files that the scan did not read: root
// modules whose groups the edit changes, unseen by the proof. The calls
// are looked for in the git repository of the module (the folder holding
// .git), or, outside one, in the folder that holds it and the paths
// linted.
func (p *prover) outsideCallers(files map[string][]byte) string {
	var out, edited, linted []string
	for _, arg := range p.linted() {
		linted = append(linted, absPath(p.opts.Dir, arg))
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !isModuleFile(name) {
			continue
		}
		dir := filepath.Dir(absPath(p.opts.Dir, name))
		area := areaOf(dir, linted)
		if p.scansAll(area) {
			continue
		}
		index := p.callerIndex(area)
		had := len(out)
		seen := map[string]bool{dir: true}
		queue := []string{dir}
		for len(queue) > 0 {
			folder := queue[0]
			queue = queue[1:]
			for _, call := range index[folder] {
				if _, read := p.res.Sources[call.file]; !read {
					if at := fmt.Sprintf("%s:%d", call.file, call.line); !slices.Contains(out, at) {
						out = append(out, at)
					}
				}
				caller := filepath.Dir(absPath(p.opts.Dir, call.file))
				if !seen[caller] {
					seen[caller] = true
					queue = append(queue, caller)
				}
			}
		}
		if len(out) > had {
			edited = append(edited, name)
		}
	}
	if len(out) == 0 {
		return ""
	}
	slices.Sort(out)
	var excluded []string
	for _, at := range out {
		if p.underLinted(absPath(p.opts.Dir, at[:strings.LastIndexByte(at, ':')])) {
			excluded = append(excluded, at)
		}
	}
	verb := "calls"
	if len(out) > 1 {
		verb = "call"
	}
	msg := fmt.Sprintf("the edit of %s changes a module that %s %s too", strings.Join(edited, ", "), strings.Join(out, ", "), verb)
	if len(excluded) == len(out) {
		return msg + ", which the scan leaves out (--exclude or exclude in .tkesglint.yml): the proof covers only the root modules linted; to have the fix offered, lint without excluding the callers"
	}
	return fmt.Sprintf("%s, which the scan (%s) does not read: the proof covers only the root modules linted; to have the fix offered, lint a folder that holds every caller, e.g. `tkesglint --fix %s`",
		msg, strings.Join(p.linted(), ", "), p.commonFolder(out))
}

// underLinted reports whether a file is in a folder linted, or is a file
// linted.
func (p *prover) underLinted(file string) bool {
	for _, arg := range p.linted() {
		if holds(absPath(p.opts.Dir, arg), file) {
			return true
		}
	}
	return false
}

// linted returns the paths the run lints, as given.
func (p *prover) linted() []string {
	if len(p.opts.Paths) == 0 {
		return []string{"."}
	}
	return p.opts.Paths
}

// commonFolder returns the folder, shown relative to the working folder,
// that holds the paths linted and the files of calls ("file:line").
func (p *prover) commonFolder(calls []string) string {
	var all []string
	for _, arg := range p.linted() {
		abs := absPath(p.opts.Dir, arg)
		if info, err := os.Stat(abs); err != nil || !info.IsDir() {
			abs = filepath.Dir(abs)
		}
		all = append(all, abs)
	}
	for _, c := range calls {
		file := c[:strings.LastIndexByte(c, ':')]
		all = append(all, filepath.Dir(absPath(p.opts.Dir, file)))
	}
	common := all[0]
	for _, d := range all[1:] {
		for !holds(common, d) {
			parent := filepath.Dir(common)
			if parent == common {
				break
			}
			common = parent
		}
	}
	rel, err := filepath.Rel(p.opts.Dir, common)
	if err != nil {
		return filepath.ToSlash(common)
	}
	return filepath.ToSlash(rel)
}

// holds reports whether p is dir or below it.
func holds(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// scansAll reports whether the scan read every Terraform file of area:
// a folder linted holds it, and nothing is excluded.
func (p *prover) scansAll(area string) bool {
	if len(p.opts.Exclude) > 0 {
		return false
	}
	for _, arg := range p.opts.Paths {
		abs := absPath(p.opts.Dir, arg)
		if info, err := os.Stat(abs); err == nil && info.IsDir() && holds(abs, area) {
			return true
		}
	}
	return false
}

// areaOf returns the folder in which the callers of a module in dir are
// looked for: the top of its git repository, or, outside one, the folder
// that holds both dir and the paths linted, linted (dir alone, when only
// the file system's root holds them).
func areaOf(dir string, linted []string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	common := dir
	for _, p := range linted {
		for !holds(common, p) && filepath.Dir(common) != common {
			common = filepath.Dir(common)
		}
	}
	if filepath.Dir(common) == common {
		return dir
	}
	return common
}

// callerIndex returns the module calls with a local source in the
// Terraform files of area, by the folder they call, reading area once.
func (p *prover) callerIndex(area string) callerIndex {
	p.calls.mu.Lock()
	defer p.calls.mu.Unlock()
	if idx, ok := p.calls.areas[area]; ok {
		return idx
	}
	idx := callerIndex{}
	var found []string
	_ = filepath.WalkDir(area, func(f string, d os.DirEntry, err error) error {
		if err != nil {
			return nil //nolint:nilerr // a folder that cannot be read holds no caller to look at
		}
		switch {
		case d.IsDir() && f != area && (d.Name() == ".git" || d.Name() == ".terraform"):
			return filepath.SkipDir
		case !d.IsDir() && isModuleFile(d.Name()):
			found = append(found, f)
		}
		return nil
	})
	for _, f := range found {
		src, ok := p.opts.Overlay[filepath.Clean(f)]
		if !ok {
			var err error
			if src, err = os.ReadFile(f); err != nil {
				continue
			}
		}
		display := f
		if rel, err := filepath.Rel(p.opts.Dir, f); err == nil {
			display = filepath.ToSlash(rel)
		}
		for _, c := range moduleCalls(f, src) {
			target := filepath.Join(filepath.Dir(f), filepath.FromSlash(strings.ReplaceAll(c.source, `\`, "/")))
			idx[target] = append(idx[target], moduleCallSite{file: display, line: c.line})
		}
	}
	if p.calls.areas == nil {
		p.calls.areas = map[string]callerIndex{}
	}
	p.calls.areas[area] = idx
	return idx
}
