package rulesets

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/checker"
)

// TestTemplateFixtures runs every check that has a template fixture folder,
// testdata/template/<ID>, comparing with the `# want` annotations and .want
// sidecars there.
func TestTemplateFixtures(t *testing.T) {
	all := All(Options{})
	ran := 0
	for _, a := range all {
		for _, c := range a.Checks {
			if _, err := os.Stat(filepath.Join("..", "testdata", "template", c.ID)); err != nil {
				continue
			}
			analysistest.Run(t, "../testdata", all, []string{c.ID}, loadTemplates, "template/"+c.ID)
			ran++
		}
	}
	if ran < 9 {
		t.Fatalf("ran %d template fixture folders, want at least 9 (TKESG201-205, 401-404)", ran)
	}
}

// TestTemplateRegressions runs every check on testdata/template/regressions:
// templates that once gave a wrong answer, each folder annotated for all
// checks.
func TestTemplateRegressions(t *testing.T) {
	dirs, err := os.ReadDir(filepath.Join("..", "testdata", "template", "regressions"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("found no regressions: %v", err)
	}
	for _, d := range dirs {
		analysistest.Run(t, "../testdata", All(Options{}), nil, loadTemplates, "template/regressions/"+d.Name())
	}
}

// finding is what a twin test compares: the check and the message, which
// names the rule by group name and position and shows the rule's text.
type finding struct{ check, message string }

// findings runs every analyzer on units. Messages name templates by address
// when they show a rule's peer; the address is replaced by the template's
// name, which is the same in both twins. Messages that tell the user which
// field to set name it in the input's format; the name is replaced by what
// the field is.
func findings(t *testing.T, units []checker.Unit) []finding {
	t.Helper()
	var names []string // address, name, address, name …
	for _, u := range units {
		for _, x := range u.Input.AddressTemplates {
			if n, ok := x.Name.Get(); ok && n != "" {
				names = append(names, x.Resource.Address, "«"+n+"»")
			}
		}
		for _, x := range u.Input.ServiceTemplates {
			if n, ok := x.Name.Get(); ok && n != "" {
				names = append(names, x.Resource.Address, "«"+n+"»")
			}
		}
		for _, c := range u.Input.Clusters {
			if f := c.Endpoint.InternetSecurityGroupField; f != "" {
				names = append(names, "("+f+")", "(«the internet endpoint's group»)")
			}
			if f := c.DeprecatedInternetPoliciesField; f != "" {
				names = append(names, "("+f+")", "(«the internet access list»)")
			}
		}
	}
	normalize := strings.NewReplacer(names...)
	var out []finding
	for _, d := range analysistest.Findings(t, All(Options{}), units...) {
		out = append(out, finding{d.Check.ID, normalize.Replace(d.Message)})
	}
	slices.SortFunc(out, func(a, b finding) int {
		return strings.Compare(a.check+"\x00"+a.message, b.check+"\x00"+b.message)
	})
	return out
}

// TestTwins loads each testdata/twins/<case>, which describes one network
// twice, as Terraform (main.tf) and as a template (template.yaml), and
// checks that every check reports the same findings on both: the same check
// ids, as many times, with the same messages. Only lines differ.
func TestTwins(t *testing.T) {
	const root = "../testdata/twins"
	cases, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		dir := filepath.Join(root, c.Name())
		t.Run(c.Name(), func(t *testing.T) {
			tf, errs := loadTerraform(t.Context(), dir)
			for _, e := range errs {
				t.Errorf("terraform: %v", e)
			}
			tpl, errs := loadTemplates(t.Context(), dir)
			for _, e := range errs {
				t.Errorf("template: %v", e)
			}
			if len(tf) == 0 || len(tpl) == 0 {
				t.Fatal("a twin did not load")
			}
			want, got := findings(t, tf), findings(t, tpl)
			if len(want) == 0 {
				t.Errorf("the Terraform twin has no findings: a twin case must exercise some check")
			}
			for _, f := range want {
				seen[f.check] = true
				t.Logf("%s %s", f.check, f.message)
			}
			for _, f := range missing(want, got) {
				t.Errorf("only Terraform reports %s %s", f.check, f.message)
			}
			for _, f := range missing(got, want) {
				t.Errorf("only the template reports %s %s", f.check, f.message)
			}
		})
	}
	for _, id := range []string{"TKESG201", "TKESG202", "TKESG203", "TKESG205", "TKESG401", "TKESG402"} {
		if !seen[id] {
			t.Errorf("no twin case exercises %s", id)
		}
	}
}

// missing returns the findings of a that b lacks, counting repeats.
func missing(a, b []finding) []finding {
	left := slices.Clone(b)
	var out []finding
	for _, f := range a {
		if i := slices.Index(left, f); i >= 0 {
			left = slices.Delete(left, i, i+1)
			continue
		}
		out = append(out, f)
	}
	return out
}
