package driver

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

func TestNormalize(t *testing.T) {
	check := func(id string) *analysis.Check { return &analysis.Check{ID: id} }
	f := func(id string, line int, msg string, level analysis.Level) Finding {
		return Finding{Finding: checker.Finding{Check: check(id), Level: level, Message: msg,
			Range: model.Range{Filename: "a.tf", Start: model.Pos{Line: line, Column: 1}}}}
	}
	got := Normalize([]Finding{
		f("TKESG202", 5, "b", analysis.LevelWarning),
		f("TKESG201", 5, "a", analysis.LevelWarning),
		f("TKESG201", 5, "a", analysis.LevelError),
		f("TKESG201", 2, "z", analysis.LevelNote),
	})
	type row struct {
		ID    string
		Line  int
		Level analysis.Level
	}
	var rows []row
	for _, g := range got {
		rows = append(rows, row{g.Check.ID, g.Range.Start.Line, g.Level})
	}
	want := []row{{"TKESG201", 2, analysis.LevelNote}, {"TKESG201", 5, analysis.LevelError}, {"TKESG202", 5, analysis.LevelWarning}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("Normalize (-want +got):\n%s", diff)
	}
}

// TestNormalizeInstances: findings of one place whose identities differ
// (one module in two root modules) stay two, in the order of their roots,
// each with its own related locations; identical ones are one.
func TestNormalizeInstances(t *testing.T) {
	check := &analysis.Check{ID: "TKESG202"}
	f := func(root, fingerprint string) Finding {
		call := model.Range{Filename: root + "/main.tf", Start: model.Pos{Line: 1, Column: 1}}
		return Finding{Finding: checker.Finding{Check: check, Level: analysis.LevelWarning, Message: "m", Root: root, Fingerprint: fingerprint,
			Range:     model.Range{Filename: "modules/sg/main.tf", Start: model.Pos{Line: 5, Column: 3}},
			CallChain: []model.Range{call}, Related: []analysis.Related{{Range: call, Message: "the module call"}}}}
	}
	got := Normalize([]Finding{f("examples/two", "a2"), f("examples/one", "f1"), f("examples/two", "a2")})
	var roots []string
	for _, g := range got {
		roots = append(roots, g.Root)
		if len(g.Related) != 1 || g.Related[0].Range.Filename != g.Root+"/main.tf" {
			t.Errorf("the finding of %s has related locations %v, want its own call only", g.Root, g.Related)
		}
	}
	if want := []string{"examples/one", "examples/two"}; !slices.Equal(roots, want) {
		t.Errorf("Normalize gives the findings of %v, want %v", roots, want)
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"b/main.tf", "a/z.tf", "a/a.tf.json", "a/values.json", "a/notes.yaml",
		".git/x.tf", "a/.terraform/modules/m/main.tf", "c/readme.md",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# "+name+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The Terraform parser gets every Terraform file found, once, and finds
	// the modules itself (terraform.ParseTree).
	var calls [][]string
	parse := func(_ context.Context, files []terraform.File, _ terraform.Options) ([]terraform.Unit, []*model.Error) {
		var names []string
		for _, f := range files {
			names = append(names, f.Path)
		}
		calls = append(calls, names)
		return nil, nil
	}
	// The walk says how much it read before anything is parsed.
	var sizes []int64
	read := func(size int64) {
		if len(calls) != 0 {
			t.Error("Read called after parsing")
		}
		sizes = append(sizes, size)
	}
	res, err := Run(t.Context(), Options{Dir: dir, Paths: []string{".", "b/main.tf", filepath.Join(dir, "a")}, ParseTree: parse, Read: read})
	if err != nil {
		t.Fatal(err)
	}
	// Every file the walk read: the JSON and YAML files too, which it
	// reads to learn what they hold.
	if wantSize := int64(len("# b/main.tf\n# a/z.tf\n# a/a.tf.json\n# a/values.json\n# a/notes.yaml\n")); !slices.Equal(sizes, []int64{wantSize}) {
		t.Errorf("Read got %v, want [%d]", sizes, wantSize)
	}
	want := [][]string{{"a/a.tf.json", "a/z.tf", "b/main.tf"}}
	if diff := cmp.Diff(want, calls); diff != "" {
		t.Errorf("files parsed (-want +got):\n%s", diff)
	}
	if len(res.Errors) != 0 {
		t.Errorf("unexpected errors: %v", res.Errors)
	}
	if diff := cmp.Diff([]string{"a/a.tf.json", "a/z.tf", "b/main.tf"}, res.Files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

func TestUndeclaredCheck(t *testing.T) {
	a := &analysis.Analyzer{
		Name:   "liar",
		Checks: []*analysis.Check{{ID: "TKESG900", Title: "t", Help: "h"}},
		Run: func(p *analysis.Pass) (any, error) {
			p.Report(analysis.Diagnostic{Check: "TKESG901", Range: model.Range{Filename: "x.tf"}, Message: "not mine"})
			return nil, nil
		},
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.tf"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	parse := func(context.Context, []terraform.File, terraform.Options) ([]terraform.Unit, []*model.Error) {
		return []terraform.Unit{{Dir: ".", Input: &model.Input{}}}, nil
	}
	res, err := Run(t.Context(), Options{Dir: dir, Paths: []string{"."}, ParseTree: parse, Analyzers: []*analysis.Analyzer{a}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || res.Successful() {
		t.Errorf("errors: %v", res.Errors)
	}
}

// TestModulesAreAnalyzedApart checks that each folder's model is analyzed on
// its own: two folders may use the same resource addresses.
func TestModulesAreAnalyzedApart(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"x/main.tf", "y/main.tf", "y/more.tf"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// A unit per folder, as terraform.ParseTree makes one per root module.
	parse := func(_ context.Context, files []terraform.File, _ terraform.Options) ([]terraform.Unit, []*model.Error) {
		var units []terraform.Unit
		for _, f := range files {
			if n := len(units); n == 0 || units[n-1].Dir != path.Dir(f.Path) {
				units = append(units, terraform.Unit{Dir: path.Dir(f.Path), Input: &model.Input{}})
			}
			in := units[len(units)-1].Input
			in.SecurityGroups = append(in.SecurityGroups, &model.SecurityGroup{
				Resource: model.Resource{Address: "tencentcloud_security_group.nodes", Range: model.Range{Filename: f.Path}},
			})
		}
		return units, nil
	}
	var seen []int
	a := &analysis.Analyzer{Name: "count", Run: func(p *analysis.Pass) (any, error) {
		seen = append(seen, len(p.Input.SecurityGroups))
		return nil, nil
	}}
	res, err := Run(t.Context(), Options{Dir: dir, Paths: []string{"."}, ParseTree: parse, Analyzers: []*analysis.Analyzer{a}, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{1, 2}, seen); diff != "" {
		t.Errorf("security groups per analyzer run (-want +got):\n%s", diff)
	}
	if n := len(res.Input.SecurityGroups); n != 3 {
		t.Errorf("merged input has %d security groups, want 3", n)
	}
}
