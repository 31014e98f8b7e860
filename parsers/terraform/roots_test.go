package terraform

import (
	"slices"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestRootsChosen checks Options.Roots: only the root modules chosen are
// evaluated, with the modules they call; a folder that no module source
// names and that is not chosen is not even parsed (its syntax error is
// not reported), and one that a source names still is, for root discovery.
func TestRootsChosen(t *testing.T) {
	files := []File{
		{Path: "main.tf", Src: []byte("module \"m\" {\n  source = \"./modules/m\"\n}\n")},
		{Path: "modules/m/main.tf", Src: []byte("resource \"tencentcloud_security_group\" \"this\" {\n  name = \"m\"\n}\n")},
		{Path: "examples/a/main.tf", Src: []byte("resource \"tencentcloud_security_group\" \"a\" {\n")},
		{Path: "examples/b/main.tf", Src: []byte("module \"m\" {\n  source = \"../../modules/m\"\n}\n")},
	}
	dirs := func(units []Unit) []string {
		var out []string
		for _, u := range units {
			out = append(out, u.Dir)
		}
		return out
	}
	units, errs := ParseTree(t.Context(), files, Options{})
	if got, want := dirs(units), []string{".", "examples/a", "examples/b"}; !slices.Equal(got, want) {
		t.Fatalf("without Roots, units %q, want %q", got, want)
	}
	if !slices.ContainsFunc(errs, func(e *model.Error) bool { return e.Range.Filename == "examples/a/main.tf" }) {
		t.Fatalf("without Roots, no error on examples/a/main.tf: %v", errs)
	}
	units, errs = ParseTree(t.Context(), files, Options{Roots: func(dir string) bool { return dir == "." }})
	if got := dirs(units); !slices.Equal(got, []string{"."}) {
		t.Fatalf("with Roots {.}, units %q", got)
	}
	if len(errs) > 0 {
		t.Errorf("with Roots {.}, errors %v: examples/a was parsed", errs)
	}
	if sgs := units[0].Input.SecurityGroups; len(sgs) != 1 || sgs[0].Resource.Address != "module.m.tencentcloud_security_group.this" {
		t.Errorf("the root module's call is not evaluated: %v", sgs)
	}
	units, _ = ParseTree(t.Context(), files, Options{Roots: func(dir string) bool { return dir == "examples/b" }})
	if got := dirs(units); !slices.Equal(got, []string{"examples/b"}) {
		t.Fatalf("with Roots {examples/b}, units %q", got)
	}
}
