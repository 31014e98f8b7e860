// Package fix turns the repairs that checks describe into edits of the
// input files, proves each edit before it is offered, and applies the
// proved edits for --fix (docs/fixing.md).
//
// An edit is proved when the lint, run again through the driver with the
// edited files overlaid on the disk, no longer reports the finding it
// targets and reports nothing, at any level, that it did not report before
// (and reads every file it read). Edits that are not proved are dropped,
// and the finding says why.
package fix

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/internal/parallel"
	"github.com/tkesglint/tkesglint/parsers/edit"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// candidate is an edit of the files that would repair one finding.
type candidate struct {
	finding int
	message string
	// files are the new contents of the files edited, by the names the
	// driver shows.
	files map[string][]byte
	// command is the API call that would make the change in the live
	// account, for an export: files then only serve the proof.
	command string
	export  bool
}

// settled is what proving the fixes of one finding came to: the fix to
// offer (an edit, or an API call for an export), or why there is none.
type settled struct {
	fix     *analysis.SuggestedFix
	command *checker.Command
	why     string
	// files are the files as fix leaves them.
	files map[string][]byte
}

// Prove writes out the repair of each finding of res that is not
// suppressed, proves it, and sets the finding's Fixes (the proved edits),
// Command (for an export) or NoFix (why none is offered). Of the repairs
// an analyzer gives in order of preference, the first that is written and
// proved is kept. res must be what driver.Run returned for opts.
func Prove(ctx context.Context, opts driver.Options, res *driver.Result) error {
	return prove(ctx, &prover{opts: opts, res: res, before: identities(res)})
}

// prove is Prove with p.
func prove(ctx context.Context, p *prover) error {
	opts, res := p.opts, p.res
	var todo []int
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppression != nil {
			f.Fixes, f.Repairs = nil, nil
			continue
		}
		if len(f.Repairs) > 0 || len(f.Fixes) > 0 {
			todo = append(todo, i)
		}
	}
	// Each finding's fixes are written and proved on their own, several
	// findings at once.
	out := make([]settled, len(todo))
	errs := make([]error, len(todo))
	parallel.ForEach(ctx, len(todo), parallel.Workers(opts.Jobs), func(i int) {
		out[i], errs[i] = p.settle(ctx, todo[i])
	})
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("prove fixes: %w", err)
	}
	for i, at := range todo {
		if errs[i] != nil {
			return errs[i]
		}
		f := &res.Findings[at]
		f.Fixes, f.Command = nil, out[i].command
		if out[i].fix != nil {
			f.Fixes = []analysis.SuggestedFix{*out[i].fix}
		}
		if out[i].fix == nil && out[i].command == nil && out[i].why != "" {
			f.NoFix = out[i].why
		}
	}
	proved := map[int]map[string][]byte{}
	for i, at := range todo {
		if out[i].fix != nil {
			proved[at] = out[i].files
		}
	}
	return p.compose(ctx, proved)
}

// prover holds what proving the fixes of one result needs.
type prover struct {
	opts   driver.Options
	res    *driver.Result
	before map[identity]bool
	// chosen, when set, tells the findings whose fixes --fix applies: only
	// theirs are combined (compose).
	chosen func(*driver.Finding) bool
}

// settle writes out and proves the fixes of finding i in order, and keeps
// the first that holds. Its error is for a run that could not be made.
func (p *prover) settle(ctx context.Context, i int) (settled, error) {
	var whys []string
	for _, c := range p.candidates(i, &whys) {
		verdict, err := p.prove(ctx, c)
		if err != nil {
			return settled{}, err
		}
		if verdict != "" {
			whys = append(whys, "it was not proved: "+verdict)
			continue
		}
		if c.export {
			return settled{command: &checker.Command{Message: c.message, Line: c.command}}, nil
		}
		return settled{fix: &analysis.SuggestedFix{Message: c.message + p.callers(c), TextEdits: textEdits(p.res.Sources, c.files)}, files: c.files}, nil
	}
	if len(whys) > 1 {
		return settled{why: fmt.Sprintf("none of the %d ways to repair it holds: %s", len(whys), strings.Join(whys, "; "))}, nil
	}
	return settled{why: strings.Join(whys, "")}, nil
}

// candidates writes out the fixes of finding i: its analyzer's repairs, or
// the edits its analyzer placed. It adds to whys why each repair that
// cannot be written is not.
func (p *prover) candidates(i int, whys *[]string) []candidate {
	f := &p.res.Findings[i]
	var out []candidate
	for _, r := range f.Repairs {
		res, err := edit.Write(r.Change, edit.Options{Files: p.res.Sources, VarFromCommandLine: p.varFromCommandLine, VarFromEnvironment: p.varFromEnvironment})
		if err != nil {
			*whys = append(*whys, edit.Reason(err))
			continue
		}
		msg := r.Message
		if res.Where != "" {
			msg += "; written " + res.Where
		}
		out = append(out, candidate{finding: i, message: msg, files: res.Files, command: res.Command, export: res.Export})
	}
	if len(f.Repairs) == 0 && len(f.Fixes) > 0 {
		fix := f.Fixes[0]
		files, err := applyEdits(p.res.Sources, fix.TextEdits)
		if err != nil {
			*whys = append(*whys, "its edit does not apply: "+err.Error())
			return nil
		}
		for name := range files {
			if ok, why := edit.Editable(name, p.res.Sources[name]); !ok {
				*whys = append(*whys, why)
				return nil
			}
		}
		out = append(out, candidate{finding: i, message: fix.Message, files: files})
	}
	return out
}

// varFromCommandLine reports whether --var or --var-file may give a
// Terraform variable its value.
func (p *prover) varFromCommandLine(name string) bool {
	if _, ok := p.opts.Variables[name]; ok {
		return true
	}
	return slices.ContainsFunc(p.opts.VarArgs, func(a driver.VarArg) bool { return a.File != "" || a.Name == name })
}

// varFromEnvironment reports whether TF_VAR_name, or the configuration's
// variables, give a Terraform variable its value.
func (p *prover) varFromEnvironment(name string) bool {
	return p.opts.Getenv != nil && p.opts.Getenv("TF_VAR_"+name) != ""
}

// identity is what tells a finding from another across two runs: its
// check, its fingerprint and its level.
type identity struct {
	check, fingerprint string
	level              analysis.Level
}

func identities(res *driver.Result) map[identity]bool {
	out := map[identity]bool{}
	for i := range res.Findings {
		f := &res.Findings[i]
		out[identity{f.Check.ID, f.Fingerprint, f.Level}] = true
	}
	return out
}

// place is where a finding is: its check, its level, its file and line.
type place struct {
	check, file string
	level       analysis.Level
	line        int
}

// knownFindings tells the findings of a run with an edit that the run
// before it had: by identity, or, on a line the edit left alone in an
// edited file, by place. An edit of a rule's text (0.0.0.0/8 written as
// 0.0.0.0/0) changes the identity of the findings about that rule, which
// stay where they were.
type knownFindings struct {
	ids    map[identity]bool
	places map[place]bool
	// lines map a line of an edited file, after the edit, to the line it
	// was before; false for a line the edit wrote.
	lines map[string]func(int) (int, bool)
}

func (k knownFindings) has(f *driver.Finding) bool {
	if k.ids[identity{f.Check.ID, f.Fingerprint, f.Level}] {
		return true
	}
	m, edited := k.lines[f.Range.Filename]
	if !edited {
		return false
	}
	line, ok := m(f.Range.Start.Line)
	return ok && k.places[place{f.Check.ID, f.Range.Filename, f.Level, line}]
}

// known returns what the findings before an edit of files were.
func (p *prover) known(files map[string][]byte) knownFindings {
	k := knownFindings{ids: p.before, places: map[place]bool{}, lines: map[string]func(int) (int, bool){}}
	for i := range p.res.Findings {
		f := &p.res.Findings[i]
		if _, edited := files[f.Range.Filename]; edited {
			k.places[place{f.Check.ID, f.Range.Filename, f.Level, f.Range.Start.Line}] = true
		}
	}
	for name, src := range files {
		k.lines[name] = lineMap(p.res.Sources[name], src)
	}
	return k
}

// lineMap returns the function that maps a line of cur to the line it was
// in old, for the lines that an edit from old to cur left alone.
func lineMap(old, cur []byte) func(int) (int, bool) {
	edits := udiff.Lines(string(old), string(cur))
	return func(line int) (int, bool) {
		shift := 0
		for _, e := range edits {
			from := model.PosAt(old, e.Start).Line // first line replaced, in old
			to := model.PosAt(old, e.End).Line     // first line kept after it
			added := strings.Count(e.New, "\n")
			if line < from+shift {
				break
			}
			if line < from+shift+added {
				return 0, false
			}
			shift += added - (to - from)
		}
		return line - shift, true
	}
}

// prove lints again with c's files overlaid: "" when the finding is gone
// and nothing is new, else what went wrong. The error is for a run that
// could not be made at all.
func (p *prover) prove(ctx context.Context, c candidate) (string, error) {
	paths, roots := p.scope(c.files)
	after, err := p.run(ctx, c.files, paths)
	if err != nil {
		return "", err
	}
	return verdict(within(p.res, roots), within(after, roots), &p.res.Findings[c.finding], p.known(c.files)), nil
}

// run lints paths (nil: those of opts) with files overlaid on the overlay
// of opts.
func (p *prover) run(ctx context.Context, files map[string][]byte, paths []string) (*driver.Result, error) {
	o := p.opts
	o.Overlay = overlay(p.opts, files)
	o.Progress = nil
	o.Jobs = 1
	if paths != nil {
		o.Paths = paths
	}
	res, err := driver.Run(ctx, o)
	if err != nil {
		return nil, fmt.Errorf("prove a fix: %w", err)
	}
	return res, nil
}

// scope returns the paths to lint again to prove an edit of files, and the
// roots of the units whose findings it can change: the Terraform root
// modules that read an edited file (or hold it in their folder), the
// templates edited, the exports. Nil, nil means every path and unit: when
// a file was named on the command line, which changes which findings are
// shown, the run is made as it was.
func (p *prover) scope(files map[string][]byte) (paths []string, roots map[string]bool) {
	for _, arg := range p.opts.Paths {
		if info, err := os.Stat(absPath(p.opts.Dir, arg)); err != nil || !info.IsDir() {
			return nil, nil
		}
	}
	roots = map[string]bool{}
	for _, u := range p.res.Footprints {
		touched := false
		var own []string
		for _, r := range u.Resources {
			if _, ok := files[r.Range.Filename]; ok {
				touched = true
			}
			if u.Root == "" && r.Range.Filename != "" && !slices.Contains(own, r.Range.Filename) {
				own = append(own, r.Range.Filename)
			}
		}
		for name := range files {
			touched = touched || u.Root != "" && (name == u.Root || path.Dir(name) == u.Root)
		}
		if !touched {
			continue
		}
		roots[u.Root] = true
		if u.Root == "" {
			paths = append(paths, own...)
		} else {
			paths = append(paths, u.Root)
		}
	}
	if len(paths) == 0 {
		return nil, nil
	}
	slices.Sort(paths)
	return slices.Compact(paths), roots
}

// within returns res with only the findings of the units of roots (all of
// them when roots is nil).
func within(res *driver.Result, roots map[string]bool) *driver.Result {
	if roots == nil {
		return res
	}
	out := *res
	out.Findings = nil
	for _, f := range res.Findings {
		root := f.Root
		if root == f.Range.Filename && !roots[root] {
			root = "" // an export's finding lives in its own file
		}
		if roots[root] {
			out.Findings = append(out.Findings, f)
		}
	}
	return &out
}

// overlay returns the overlay of opts with files (by the names the driver
// shows) on top.
func overlay(opts driver.Options, files map[string][]byte) map[string][]byte {
	out := maps.Clone(opts.Overlay)
	if out == nil {
		out = map[string][]byte{}
	}
	for name, src := range files {
		out[absPath(opts.Dir, name)] = src
	}
	return out
}

// absPath returns the path of a file the driver names, as the overlay
// keys it.
func absPath(dir, name string) string {
	p := filepath.FromSlash(name)
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	return filepath.Clean(p)
}

// verdict compares a run with an edit (after) to the run before it: ""
// when target is gone and nothing is new.
func verdict(before, after *driver.Result, target *driver.Finding, known knownFindings) string {
	had := map[string]bool{}
	for _, e := range before.Errors {
		had[e.Error()] = true
	}
	for _, e := range after.Errors {
		if !had[e.Error()] {
			return "the edited files would not read: " + e.Error()
		}
	}
	for i := range after.Findings {
		f := &after.Findings[i]
		if f.Check.ID == target.Check.ID && f.Fingerprint == target.Fingerprint {
			return "the finding would remain: " + f.Message
		}
	}
	for i := range after.Findings {
		f := &after.Findings[i]
		if !known.has(f) {
			return fmt.Sprintf("it would add %s %s at %s: %s", article(f.Level.String()), f.Check.ID, f.Range, f.Message)
		}
	}
	return ""
}

// article returns a word with its indefinite article: "an error".
func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

// applyEdits returns the files that edits change, with the edits made.
// Every edit must still find its Old text at its place.
func applyEdits(sources map[string][]byte, edits []analysis.TextEdit) (map[string][]byte, error) {
	byFile := map[string][]analysis.TextEdit{}
	for _, e := range edits {
		byFile[e.Range.Filename] = append(byFile[e.Range.Filename], e)
	}
	out := map[string][]byte{}
	for name, es := range byFile {
		src, ok := sources[name]
		if !ok {
			return nil, fmt.Errorf("%s was not read", name)
		}
		slices.SortFunc(es, func(a, b analysis.TextEdit) int {
			return model.Offset(src, b.Range.Start) - model.Offset(src, a.Range.Start)
		})
		cur := slices.Clone(src)
		for _, e := range es {
			from, to := model.Offset(src, e.Range.Start), model.Offset(src, e.Range.End)
			if from < 0 || to < from || string(src[from:to]) != e.Old {
				return nil, fmt.Errorf("%s: the text to replace is not there", e.Range)
			}
			cur = append(cur[:from:from], append([]byte(e.NewText), cur[to:]...)...)
		}
		out[name] = cur
	}
	return out, nil
}

// textEdits returns the edits that turn each file of sources into its new
// content in files, whole lines at a time, files in name order.
func textEdits(sources, files map[string][]byte) []analysis.TextEdit {
	var out []analysis.TextEdit
	for _, name := range slices.Sorted(maps.Keys(files)) {
		old := sources[name]
		edits := lineEdits(string(old), string(files[name]))
		for i, e := range edits {
			if e.Start == len(old) && e.End == len(old) && len(old) > 0 && old[len(old)-1] == '\n' {
				// After the last line break is no line: the text goes at
				// the end of the last line, with the break before it (in
				// the edit before, when that one ends there: two edits at
				// one place could be made in either order).
				tail := "\n" + strings.TrimSuffix(e.New, "\n")
				if i > 0 && edits[i-1].End == len(old)-1 {
					out[len(out)-1].NewText += tail
					continue
				}
				e.Start, e.End, e.New = len(old)-1, len(old)-1, tail
			}
			out = append(out, analysis.TextEdit{
				Range:   model.Range{Filename: name, Start: model.PosAt(old, e.Start), End: model.PosAt(old, e.End)},
				Old:     string(old[e.Start:e.End]),
				NewText: e.New,
			})
		}
	}
	return out
}

// lineEdits returns the edits of whole lines from old to cur, each
// insertion slid down (slideDown).
func lineEdits(old, cur string) []udiff.Edit {
	edits := udiff.Lines(old, cur)
	for i := range edits {
		next := len(old)
		if i+1 < len(edits) {
			next = edits[i+1].Start
		}
		edits[i] = slideDown([]byte(old), edits[i], next)
	}
	return edits
}

// slideDown moves an insertion of whole lines down past the lines of old
// that it starts with, as far as the next edit (at next), as git's diff
// does: a rule block inserted above a DROP is shown as the block, above
// the DROP's own lines, and not as the end of the block before it followed
// by a new block without its end.
func slideDown(old []byte, e udiff.Edit, next int) udiff.Edit {
	if e.Start != e.End || !strings.HasSuffix(e.New, "\n") || e.Start > 0 && old[e.Start-1] != '\n' {
		return e
	}
	for {
		first := e.New[:strings.IndexByte(e.New, '\n')+1]
		if e.Start+len(first) >= next || !bytes.HasPrefix(old[e.Start:], []byte(first)) {
			return e
		}
		e.Start += len(first)
		e.End = e.Start
		e.New = e.New[len(first):] + first
	}
}

// moduleCall matches the header of a module block: its name.
var moduleCall = regexp.MustCompile(`^\s*module\s+"([^"]+)"`)

// callers says which module calls an edit of a module that is called
// from elsewhere affects: every call that evaluates a resource of an
// edited file.
func (p *prover) callers(c candidate) string {
	var calls []string
	for _, u := range p.res.Footprints {
		for _, r := range u.Resources {
			if _, edited := c.files[r.Range.Filename]; !edited || len(r.CallChain) == 0 {
				continue
			}
			var names []string
			for _, call := range r.CallChain {
				name := "module.?"
				if m := moduleCall.FindSubmatch(lineOf(p.res.Sources[call.Filename], call.Start.Line)); m != nil {
					name = "module." + string(m[1])
				}
				names = append(names, name)
			}
			outer := r.CallChain[0]
			if text := fmt.Sprintf("%s (%s:%d)", strings.Join(names, "."), outer.Filename, outer.Start.Line); !slices.Contains(calls, text) {
				calls = append(calls, text)
			}
		}
	}
	if len(calls) < 2 {
		return ""
	}
	slices.Sort(calls)
	return fmt.Sprintf("; this edits a module that %d calls evaluate, and changes all of them: %s", len(calls), strings.Join(calls, ", "))
}

// lineOf returns line n (1-based) of src.
func lineOf(src []byte, n int) []byte {
	off := model.Offset(src, model.Pos{Line: n, Column: 1, Byte: -1})
	if off < 0 {
		return nil
	}
	line, _, _ := bytes.Cut(src[off:], []byte("\n"))
	return line
}
