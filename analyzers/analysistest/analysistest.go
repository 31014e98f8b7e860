package analysistest

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// LoadFunc turns one fixture folder into the model. Tests pass a function
// that calls a parser on the folder's files.
type LoadFunc func(ctx context.Context, dir string) (*model.Input, []*model.Error)

// Reporter is the part of [testing.TB] that [RunDir] reports failures to.
// Tests of the harness itself pass a recorder instead.
type Reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// Options says what [RunDir] runs and which diagnostics it compares.
type Options struct {
	// Analyzers run, in order, on the loaded model.
	Analyzers []*analysis.Analyzer
	// Checks are the check ids under test. Diagnostics of other checks are
	// dropped, and so are patterns that start with another check's id. Empty
	// means every check.
	Checks []string
	// Load reads a fixture folder.
	Load LoadFunc
	// Config is handed to every analyzer.
	Config analysis.Config
}

// Run loads each folder under root named in dirs, runs the analyzers, keeps
// the diagnostics whose check is in checks, and compares them with the
// expectations of the folder (see the package documentation). Each folder is
// a subtest named after it.
func Run(t *testing.T, root string, analyzers []*analysis.Analyzer, checks []string, load LoadFunc, dirs ...string) {
	t.Helper()
	if len(dirs) == 0 {
		t.Fatalf("analysistest.Run: no fixture folders given")
	}
	opts := Options{Analyzers: analyzers, Checks: checks, Load: load}
	for _, d := range dirs {
		t.Run(d, func(t *testing.T) {
			RunDir(t.Context(), t, filepath.Join(root, filepath.FromSlash(d)), opts)
		})
	}
}

// RunDir checks one fixture folder and reports every mismatch to r. It
// returns the diagnostics that were compared (those of the checks under
// test), for tests that want to look at more than the message.
func RunDir(ctx context.Context, r Reporter, dir string, opts Options) []analysis.Diagnostic {
	r.Helper()
	if opts.Load == nil {
		r.Errorf("%s: no LoadFunc given", dir)
		return nil
	}
	if bad := undeclared(opts.Analyzers, opts.Checks); len(bad) > 0 {
		r.Errorf("%s: no analyzer declares check %s", dir, strings.Join(bad, ", "))
		return nil
	}
	fx := readFixture(dir)
	for _, p := range fx.problems {
		r.Errorf("%s", p)
	}
	if fx.inputs == 0 {
		r.Errorf("%s: found no tests: the folder holds no input file", dir)
		return nil
	}
	if !fx.tested() {
		r.Errorf("%s: found no tests: no want annotation, sidecar or errors.want (mark a folder that expects nothing with `# want none`)", dir)
		return nil
	}

	in, errs := opts.Load(ctx, dir)
	compareErrors(r, fx, errs)
	if in == nil {
		if len(errs) == 0 {
			r.Errorf("%s: LoadFunc returned neither a model nor an error", dir)
		}
		in = &model.Input{}
	}

	var diags []analysis.Diagnostic
	conditional := analysis.Conditional(in) // as the driver does
	for _, a := range opts.Analyzers {
		if a.Run == nil {
			r.Errorf("%s: analyzer %s has no Run", dir, a.Name)
			continue
		}
		pass := &analysis.Pass{
			Analyzer: a,
			Input:    in,
			Config:   opts.Config,
			Report: func(d analysis.Diagnostic) {
				if len(opts.Checks) == 0 || slices.Contains(opts.Checks, d.Check) {
					diags = append(diags, conditional(d))
				}
			},
		}
		if err := a.Run(pass); err != nil {
			r.Errorf("%s: analyzer %s failed: %v", dir, a.Name, err)
		}
	}

	var wants []*expectation
	for _, w := range fx.wants {
		if len(opts.Checks) == 0 || w.check == "" || slices.Contains(opts.Checks, w.check) {
			wants = append(wants, w)
		}
	}
	compareDiagnostics(r, fx, diags, wants, notesOf(opts.Analyzers, diags))
	return diags
}

// undeclared returns the checks that no analyzer declares: a typo there
// would make every folder pass vacuously.
func undeclared(analyzers []*analysis.Analyzer, checks []string) []string {
	declared := map[string]bool{}
	for _, a := range analyzers {
		for _, c := range a.Checks {
			declared[c.ID] = true
		}
	}
	var bad []string
	for _, c := range checks {
		if !declared[c] {
			bad = append(bad, c)
		}
	}
	return bad
}

func compareErrors(r Reporter, fx *fixture, errs []*model.Error) {
	r.Helper()
	if !fx.hasErrors {
		for _, e := range errs {
			r.Errorf("%s: unexpected load error: %v", fx.dir, e)
		}
		return
	}
	used := make([]bool, len(fx.errorWants))
	for _, e := range errs {
		text := e.Error()
		found := false
		for i, w := range fx.errorWants {
			if strings.Contains(text, w.text) {
				used[i], found = true, true
			}
		}
		if !found {
			r.Errorf("%s: unexpected load error: %v", fx.dir, e)
		}
	}
	for i, w := range fx.errorWants {
		if !used[i] {
			r.Errorf("%s:%d: no load error contains %q", filepath.Join(fx.dir, "errors.want"), w.line, w.text)
		}
	}
}

// key is a line of a file.
type key struct {
	file string
	line int
}

// notesOf reports, for each diagnostic, whether its level is note: notes
// must be expected explicitly, with a pattern that contains "note:".
func notesOf(analyzers []*analysis.Analyzer, diags []analysis.Diagnostic) []bool {
	levels := map[string]analysis.Level{}
	for _, a := range analyzers {
		for _, c := range a.Checks {
			levels[c.ID] = c.Level
		}
	}
	out := make([]bool, len(diags))
	for i, d := range diags {
		l := levels[d.Check]
		if d.Level != nil {
			l = *d.Level
		}
		out[i] = l == analysis.LevelNote
	}
	return out
}

// subject is the text a pattern is matched against: "CHECKID message", or
// "CHECKID note: message" for a note.
func subject(d analysis.Diagnostic, note bool) string {
	if note {
		return d.Check + " note: " + d.Message
	}
	return d.Check + " " + d.Message
}

func compareDiagnostics(r Reporter, fx *fixture, diags []analysis.Diagnostic, wants []*expectation, notes []bool) {
	r.Helper()
	byKey := map[key][]*expectation{}
	for _, w := range wants {
		k := key{w.file, w.line}
		byKey[k] = append(byKey[k], w)
	}
	diagsByKey := map[key][]int{}
	var failures []failure
	for i, d := range diags {
		file, ok := fx.resolve(d.Range.Filename)
		if !ok {
			failures = append(failures, failure{
				file: d.Range.Filename, line: d.Range.Start.Line, col: d.Range.Start.Column,
				msg: fmt.Sprintf("%s: unexpected diagnostic outside the fixture: %s %s",
					d.Range, d.Check, d.Message),
			})
			continue
		}
		k := key{file, d.Range.Start.Line}
		diagsByKey[k] = append(diagsByKey[k], i)
	}
	keys := slices.Collect(maps.Keys(diagsByKey))
	for k := range byKey {
		if _, ok := diagsByKey[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		ds, ws := diagsByKey[k], byKey[k]
		diagMatch, wantMatch := match(len(ds), len(ws), func(i, j int) bool {
			d, note := diags[ds[i]], notes[ds[i]]
			if note != strings.Contains(ws[j].src, "note:") {
				return false
			}
			return ws[j].re.MatchString(subject(d, note))
		})
		for i, j := range diagMatch {
			if j >= 0 {
				continue
			}
			d := diags[ds[i]]
			shown := fx.files[k.file]
			failures = append(failures, failure{
				file: shown, line: k.line, col: d.Range.Start.Column,
				msg: fmt.Sprintf("%s:%d:%d: unexpected diagnostic: %s",
					shown, k.line, d.Range.Start.Column, subject(d, notes[ds[i]])),
			})
		}
		for j, i := range wantMatch {
			if i >= 0 {
				continue
			}
			w := ws[j]
			failures = append(failures, failure{file: w.shown, line: w.line, msg: w.String()})
		}
	}
	slices.SortFunc(failures, func(a, b failure) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line),
			cmp.Compare(a.col, b.col), cmp.Compare(a.msg, b.msg))
	})
	for _, f := range failures {
		r.Errorf("%s", f.msg)
	}
}

type failure struct {
	file      string
	line, col int
	msg       string
}

// resolve maps the file name of a diagnostic to a file of the fixture: an
// absolute path, a path relative to the working directory, or one relative
// to the fixture folder.
func (f *fixture) resolve(name string) (string, bool) {
	if name == "" {
		return "", false
	}
	var candidates []string
	if filepath.IsAbs(name) {
		candidates = append(candidates, filepath.Clean(name))
	} else {
		if abs, err := filepath.Abs(name); err == nil {
			candidates = append(candidates, abs)
		}
		if abs, err := filepath.Abs(filepath.Join(f.dir, name)); err == nil {
			candidates = append(candidates, abs)
		}
	}
	for _, c := range candidates {
		if _, ok := f.files[c]; ok {
			return c, true
		}
	}
	return "", false
}

// match pairs n diagnostics with m patterns so that as many as possible are
// matched (augmenting paths; a greedy pairing could leave a diagnostic
// unmatched although a pairing exists). It returns, for each diagnostic, its
// pattern or -1, and for each pattern its diagnostic or -1.
func match(n, m int, ok func(i, j int) bool) (diagMatch, wantMatch []int) {
	diagMatch = make([]int, n)
	wantMatch = make([]int, m)
	for i := range diagMatch {
		diagMatch[i] = -1
	}
	for j := range wantMatch {
		wantMatch[j] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for j := range m {
			if seen[j] || !ok(i, j) {
				continue
			}
			seen[j] = true
			if wantMatch[j] < 0 || try(wantMatch[j], seen) {
				wantMatch[j], diagMatch[i] = i, j
				return true
			}
		}
		return false
	}
	for i := range n {
		try(i, make([]bool, m))
	}
	return diagMatch, wantMatch
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// Diagnostics runs analyzers on in, as the driver does (findings on
// resources that may not exist become notes), and returns what they
// report in order; an analyzer that fails fails tb.
func Diagnostics(tb testing.TB, in *model.Input, analyzers []*analysis.Analyzer) []analysis.Diagnostic {
	tb.Helper()
	conditional := analysis.Conditional(in)
	var out []analysis.Diagnostic
	for _, a := range analyzers {
		pass := &analysis.Pass{Analyzer: a, Input: in, Report: func(d analysis.Diagnostic) { out = append(out, conditional(d)) }}
		if err := a.Run(pass); err != nil {
			tb.Fatalf("analyzer %s: %v", a.Name, err)
		}
	}
	return out
}
