package rulesets

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/analysistest"
)

func TestAnalyzersAreValid(t *testing.T) {
	if err := analysis.Validate(All(Options{})); err != nil {
		t.Fatal(err)
	}
}

// TestTerraformFixtures runs every check on its fixture folder,
// testdata/terraform/<ID>, comparing with the `# want` annotations there.
func TestTerraformFixtures(t *testing.T) {
	all := All(Options{})
	var ids []string
	for _, a := range all {
		for _, c := range a.Checks {
			ids = append(ids, c.ID)
		}
	}
	slices.Sort(ids)
	ran := 0
	for _, id := range ids {
		if _, err := os.Stat(filepath.Join("..", "testdata", "terraform", id)); err != nil {
			t.Errorf("check %s has no fixture folder testdata/terraform/%s", id, id)
			continue
		}
		analysistest.Run(t, "../testdata", all, []string{id}, loadTerraform, "terraform/"+id)
		ran++
	}
	if ran == 0 {
		t.Fatal("found no tests")
	}
}

// TestRegressions runs every check on testdata/terraform/regressions: inputs
// that once gave a wrong answer (found by independent review), each folder
// annotated for all checks.
func TestRegressions(t *testing.T) {
	dirs, err := os.ReadDir(filepath.Join("..", "testdata", "terraform", "regressions"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("found no regressions: %v", err)
	}
	for _, d := range dirs {
		analysistest.Run(t, "../testdata", All(Options{}), nil, loadTerraform, "terraform/regressions/"+d.Name())
	}
}
