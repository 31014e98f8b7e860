package analysistest

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/parsers/inputs"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// ReadOptions say which files of a fixture folder [ReadDir] reads, and
// how.
type ReadOptions struct {
	// Accept chooses the files to read by name; nil takes every file.
	Accept func(name string) bool
	// Strict makes a file taken that is no input of any kind an error: a
	// misnamed fixture would test nothing.
	Strict bool
	// Inputs are the parsers' options (variables, parameters). Modules
	// outside the files taken are read from disk, relative to the working
	// directory.
	Inputs inputs.Options
}

// ReadDir returns a LoadFunc that reads the files of a fixture folder, and
// of its folders (but .terraform, which modules are read from, as the
// command line does), as the command line reads them: parsers/inputs, a
// unit per Terraform root module and per template, the exports merged.
func ReadDir(opts ReadOptions) LoadFunc {
	return func(ctx context.Context, dir string) ([]checker.Unit, []*model.Error) {
		var files []inputs.File
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && d.Name() == ".terraform":
				return filepath.SkipDir
			case d.IsDir(), strings.HasSuffix(d.Name(), ".want"), opts.Accept != nil && !opts.Accept(d.Name()):
				return nil
			}
			src, err := os.ReadFile(p) //nolint:gosec // test fixtures of the repository, read as the command line reads a folder
			if err != nil {
				return err
			}
			files = append(files, inputs.File{Path: filepath.ToSlash(p), Src: src})
			return nil
		})
		if err != nil {
			return nil, []*model.Error{{Range: model.Range{Filename: dir}, Summary: err.Error()}}
		}
		res := inputs.Parse(ctx, files, opts.Inputs)
		errs := res.Errors
		for _, f := range files {
			if opts.Strict && !res.Used[f.Path] {
				errs = append(errs, &model.Error{Range: model.Range{Filename: f.Path}, Summary: "not read as an input of any kind"})
			}
		}
		return units(res), errs
	}
}

// units turns what inputs read into the checker's units.
func units(res inputs.Result) []checker.Unit {
	out := make([]checker.Unit, len(res.Units))
	for i, u := range res.Units {
		out[i] = checker.Unit{Input: u.Input, Root: u.Root}
	}
	return out
}

// Lint reads files (name to content; a name's folder is its module) as the
// command line reads them and returns what analyzers report on them, in
// order, with their fixes placed: the table tests of a check, which write
// their inputs inline as tflint's rules do. A file that does not parse, or
// is no input, fails tb.
func Lint(tb testing.TB, analyzers []*analysis.Analyzer, files map[string]string) []checker.Finding {
	tb.Helper()
	var in []inputs.File
	sources := map[string][]byte{}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		in = append(in, inputs.File{Path: name, Src: []byte(files[name])})
		sources[name] = []byte(files[name])
	}
	res := inputs.Parse(tb.Context(), in, inputs.Options{})
	for _, e := range res.Errors {
		tb.Fatalf("%v", e)
	}
	for _, f := range in {
		if !res.Used[f.Path] {
			tb.Fatalf("%s is no input of any kind", f.Path)
		}
	}
	us := units(res)
	for i := range us {
		us[i].Sources = sources
	}
	return Findings(tb, analyzers, us...)
}

// Expect compares findings with wants, each "CHECKID LINE pattern": the
// check, the line the finding points at, and a regular expression its
// message matches ("CHECKID LINE note: pattern" for a note, which must be
// expected as one). Every finding must match one want and every want one
// finding; tb is told of each that does not.
func Expect(tb testing.TB, got []checker.Finding, wants ...string) {
	tb.Helper()
	type want struct {
		check, line string
		note        bool
		re          *regexp.Regexp
	}
	ws := make([]want, len(wants))
	for i, w := range wants {
		parts := strings.SplitN(w, " ", 3)
		if len(parts) != 3 {
			tb.Fatalf("want %q: not \"CHECKID LINE pattern\"", w)
		}
		pattern, note := strings.CutPrefix(parts[2], "note: ")
		re, err := regexp.Compile(pattern)
		if err != nil {
			tb.Fatalf("want %q: %v", w, err)
		}
		ws[i] = want{parts[0], parts[1], note, re}
	}
	gotMatch, wantMatch := match(len(got), len(ws), func(i, j int) bool {
		f, w := got[i], ws[j]
		return f.Check.ID == w.check && strconv.Itoa(f.Range.Start.Line) == w.line &&
			isNote(f) == w.note && w.re.MatchString(f.Message)
	})
	for i, j := range gotMatch {
		if j < 0 {
			tb.Errorf("unexpected finding: %s %d %s: %s", got[i].Check.ID, got[i].Range.Start.Line, got[i].Level, got[i].Message)
		}
	}
	for j, i := range wantMatch {
		if i < 0 {
			tb.Errorf("no finding matches %q", wants[j])
		}
	}
}
