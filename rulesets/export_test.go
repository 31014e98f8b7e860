package rulesets

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
)

// exportChecks are the checks with export fixtures, testdata/export/<ID>.
func exportChecks() []string {
	return []string{"TKESG105", "TKESG201", "TKESG202", "TKESG203", "TKESG205", "TKESG206", "TKESG302", "TKESG305", "TKESG401", "TKESG402", "TKESG403"}
}

// TestExportFixtures runs the checks on their export fixture folders,
// comparing with the sidecar .want files there.
func TestExportFixtures(t *testing.T) {
	all := All(Options{})
	for _, id := range exportChecks() {
		if _, err := os.Stat(filepath.Join("..", "testdata", "export", id)); err != nil {
			t.Errorf("check %s has no fixture folder testdata/export/%s", id, id)
			continue
		}
		analysistest.Run(t, "../testdata", all, []string{id}, loadExport, "export/"+id)
	}
	ents, err := os.ReadDir("../testdata/export")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "TKESG") && !slices.Contains(exportChecks(), e.Name()) {
			t.Errorf("testdata/export/%s is not run: add it to exportChecks", e.Name())
		}
	}
}

// TestExportRegressions runs every check on testdata/export/regressions:
// exports that once gave a wrong answer, each folder annotated for all
// checks.
func TestExportRegressions(t *testing.T) {
	dirs, err := os.ReadDir(filepath.Join("..", "testdata", "export", "regressions"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("found no regressions: %v", err)
	}
	for _, d := range dirs {
		analysistest.Run(t, "../testdata", All(Options{}), nil, loadExport, "export/regressions/"+d.Name())
	}
}

// twinChecks are the checks whose findings must not depend on the format.
// twinChecks are the checks compared between twins: every check but those
// about Terraform's own rule resources (TKESG404, TKESG405), which exports
// cannot express.
func twinChecks() []string {
	var ids []string
	for _, a := range All(Options{}) {
		for _, c := range a.Checks {
			if c.ID != "TKESG404" && c.ID != "TKESG405" {
				ids = append(ids, c.ID)
			}
		}
	}
	return ids
}

// TestExportTwins reads each folder of testdata/twins-export twice: its
// main.tf with the Terraform parser and its export bundle with the export
// parser. Both describe the same security groups, so every check must give
// the same findings: same check ids, same counts, same messages (which name
// the group, the rule's place and its text).
func TestExportTwins(t *testing.T) {
	const root = "../testdata/twins-export"
	ents, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(root, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			tf := exportFindings(t, loadTerraform, dir)
			ex := exportFindings(t, loadExport, dir)
			if len(tf) == 0 {
				t.Fatal("the Terraform twin gives no finding: the case tests nothing")
			}
			for _, id := range twinChecks() {
				a, b := tf[id], ex[id]
				if strings.Join(a, "\n") != strings.Join(b, "\n") {
					t.Errorf("%s differs:\nterraform (%d):\n  %s\nexport (%d):\n  %s", id,
						len(a), strings.Join(a, "\n  "), len(b), strings.Join(b, "\n  "))
				}
				if len(a) > 0 {
					covered[id] = true
				}
			}
		})
	}
	for _, id := range []string{"TKESG201", "TKESG202", "TKESG203", "TKESG205", "TKESG206", "TKESG401", "TKESG402"} {
		if !covered[id] {
			t.Errorf("no twin case covers %s", id)
		}
	}
}

// exportFindings runs every analyzer on what load reads from dir and returns the
// sorted messages of each check.
func exportFindings(t *testing.T, load analysistest.LoadFunc, dir string) map[string][]string {
	t.Helper()
	units, errs := load(t.Context(), dir)
	for _, e := range errs {
		t.Errorf("load error: %v", e)
	}
	if len(units) == 0 {
		t.Fatalf("%s: nothing loaded", dir)
	}
	out := map[string][]string{}
	for _, d := range analysistest.Findings(t, All(Options{}), units...) {
		out[d.Check.ID] = append(out[d.Check.ID], d.Message)
	}
	for _, msgs := range out {
		slices.Sort(msgs)
	}
	return out
}
