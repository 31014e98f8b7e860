package terraform

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// readTree reads every file under dir, as the walk of the command line
// does (.terraform folders left to the Reader), with paths relative to
// dir.
func readTree(tb testing.TB, dir string) []File {
	tb.Helper()
	var files []File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == ".terraform":
			return filepath.SkipDir
		case d.IsDir():
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: filepath.ToSlash(rel), Src: src})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// TestParseTreeParallel: root modules evaluated several at once, with
// modules shared between them, downloaded modules, modules read through
// the Reader, plans, variable files and errors, give the units and errors
// of one evaluated after the other; a visitor sees every unit once, and
// what it leaves is what ParseTree returns. Run it with -race.
func TestParseTreeParallel(t *testing.T) {
	const root = "../../testdata/terraform"
	files := readTree(t, root)
	opts := Options{Reader: OSReader(root), Variables: map[string]string{"undeclared_anywhere": "x"}}
	opts.Jobs = 1
	want, wantErrs := ParseTree(t.Context(), files, opts)
	if len(want) < 20 || len(wantErrs) == 0 {
		t.Fatalf("%d units and %d errors: the fixtures should give many of both", len(want), len(wantErrs))
	}
	if len(want[0].Input.Notes) == 0 || !strings.Contains(want[0].Input.Notes[0].Message, "undeclared_anywhere") {
		t.Fatalf("the first unit lacks the note about --var undeclared_anywhere: %v", want[0].Input.Notes)
	}
	for _, jobs := range []int{2, 8} {
		opts.Jobs = jobs
		got, errs := ParseTree(t.Context(), files, opts)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("jobs %d: the units differ from those of one job", jobs)
		}
		if !reflect.DeepEqual(errs, wantErrs) {
			t.Errorf("jobs %d: errors\n%v\nwant\n%v", jobs, errs, wantErrs)
		}
	}

	// A visitor that drops each model after taking it.
	var (
		mu      sync.Mutex
		visited = map[string]*model.Input{}
	)
	opts.Jobs = 8
	opts.Visit = func(u *Unit) {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := visited[u.Dir]; ok {
			t.Errorf("%s visited twice", u.Dir)
		}
		visited[u.Dir] = u.Input
		u.Input = nil
	}
	got, errs := ParseTree(t.Context(), files, opts)
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("with a visitor: errors differ")
	}
	if len(got) != len(want) {
		t.Fatalf("with a visitor: %d units, want %d", len(got), len(want))
	}
	for i, u := range got {
		w := want[i]
		if u.Dir != w.Dir || !reflect.DeepEqual(u.Loaded, w.Loaded) {
			t.Errorf("unit %d: %s with %d files loaded, want %s with %d", i, u.Dir, len(u.Loaded), w.Dir, len(w.Loaded))
		}
		in := visited[u.Dir]
		if i == 0 {
			// The notes of the command line come after the visit.
			if u.Input == nil || !reflect.DeepEqual(append(slices.Clone(u.Input.Notes), in.Notes...), w.Input.Notes) {
				t.Errorf("unit 0: the notes of the command line are not added after the visit")
			}
			in.Notes = w.Input.Notes
		} else if u.Input != nil {
			t.Errorf("unit %s: the model the visitor dropped is back", u.Dir)
		}
		if !reflect.DeepEqual(in, w.Input) {
			t.Errorf("unit %s: the visitor saw another model", u.Dir)
		}
	}
}

// TestScanSources: the scan that tells which folders no module calls finds
// every local source, in native syntax and JSON, however it is spaced; a
// folder it missed would be evaluated as a root module before its caller
// is known.
func TestScanSources(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{`module "a" { source = "./a" }`, []string{"./a"}},
		{"module \"a\" {\n  source=\"../b//sub\"\n  version = \"1\"\n}", []string{"../b//sub"}},
		{"module \"a\" {\n\tsource\t=\n\t\".\"\n}", []string{"."}},
		{`{"module": {"a": {"source": "./c"}}}`, []string{"./c"}},
		{`{"module":{"a":{"source" :"../d"}}}`, []string{"../d"}},
		{`module "r" { source = "terraform-tencentcloud-modules/sg/tencentcloud" }`, nil},
		{`resource "x" "y" { data_source = "./no" }`, nil},
		{`resource "x" "y" { sources = "./no" }`, nil},
		{`module "a" { source = "./unterminated`, nil},
		{"# source = \"./in-a-comment\"\nmodule \"a\" { source = \"./e\" }", []string{"./in-a-comment", "./e"}},
	} {
		if got := scanSources([]byte(c.src)); !slices.Equal(got, c.want) {
			t.Errorf("scanSources(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}
