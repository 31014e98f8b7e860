package rulesets

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/docs"
)

// TestEveryCheckHasItsPage: the page behind `explain`, the SARIF help and
// helpUri exists for every registered check, with the same level.
func TestEveryCheckHasItsPage(t *testing.T) {
	for _, a := range All(Options{}) {
		for _, c := range a.Checks {
			page, ok := docs.Rule(c.ID)
			if !ok {
				t.Errorf("check %s has no page docs/rules/%s.md", c.ID, c.ID)
				continue
			}
			if page.Level != c.Level.String() {
				t.Errorf("%s: the page says level %s, the check %s", c.ID, page.Level, c.Level)
			}
			if c.Help != page.Markdown || c.Title != page.Title {
				t.Errorf("%s: help or title differ from the page", c.ID)
			}
		}
	}
}

// TestDocumentCopies: documenting the checks of a shared analyzer leaves
// the analyzer as it was, so that runs never share what one of them made.
func TestDocumentCopies(t *testing.T) {
	a := &analysis.Analyzer{Name: "x", Checks: []*analysis.Check{analysis.NewCheck("TKESG201", "n", analysis.LevelError, "9.8", "high")}}
	got := Document(a)
	if got[0] == a || got[0].Checks[0] == a.Checks[0] {
		t.Fatal("Document returned the analyzer or check it was given")
	}
	if a.Checks[0].Help != "" || got[0].Checks[0].Help == "" || got[0].Checks[0].Title == "" {
		t.Errorf("help: original %q, documented %q", a.Checks[0].Help, got[0].Checks[0].Help)
	}
}

// TestPageExamples: each page's Bad example really fires its check, and its
// Good example really passes (no finding of that check, and no error or
// warning of any other).
func TestPageExamples(t *testing.T) {
	all := All(Options{})
	registered := map[string]bool{}
	for _, a := range all {
		for _, c := range a.Checks {
			registered[c.ID] = true
		}
	}
	for _, id := range docs.IDs() {
		if !registered[id] {
			continue // documented ahead of its check (TKESG001 comes with suppressions)
		}
		page, _ := docs.Rule(id)
		t.Run(id, func(t *testing.T) {
			if page.BadTestable {
				got := runExample(t, all, page.Bad)
				if got[id] == 0 {
					t.Errorf("the Bad example of %s does not fire it (findings: %v)", id, got)
				}
			}
			if page.GoodTestable {
				got := runExample(t, all, page.Good)
				for check, n := range got {
					if check == id || check[len(check)-1] != 'n' && n > 0 {
						t.Errorf("the Good example of %s has findings: %v", id, got)
						break
					}
				}
			}
		})
	}
}

// runExample lints src as main.tf and counts findings by check, with notes
// counted under "<id>n" so callers can tell them apart.
func runExample(t *testing.T, analyzers []*analysis.Analyzer, src string) map[string]int {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	units, errs := loadTerraform(t.Context(), dir)
	if len(errs) > 0 {
		t.Fatalf("the example does not load: %v", errs[0])
	}
	got := map[string]int{}
	for _, d := range analysistest.Findings(t, analyzers, units...) {
		if d.Level == analysis.LevelNote {
			got[d.Check.ID+"n"]++
			continue
		}
		got[d.Check.ID]++
	}
	return got
}
