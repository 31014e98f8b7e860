package rulesets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
)

// TestRuleFixturesAcrossChecks: the fixture folders of the rule checks
// (TKESG2xx, TKESG4xx) are annotated for every one of those checks
// (testdata/terraform/README.md, "Scope of the annotations"), so that a new
// check of the family, or a changed one, cannot leave a finding unexpected in
// another folder. TestTerraformFixtures and its peers run each folder with
// its own check only.
func TestRuleFixturesAcrossChecks(t *testing.T) {
	all := All(Options{})
	var family []string
	for _, a := range all {
		for _, c := range a.Checks {
			if strings.HasPrefix(c.ID, "TKESG2") || strings.HasPrefix(c.ID, "TKESG4") {
				family = append(family, c.ID)
			}
		}
	}
	kinds := []struct {
		kind string
		load analysistest.LoadFunc
	}{{"terraform", loadTerraform}, {"template", loadTemplates}, {"export", loadExport}}
	for _, k := range kinds {
		for _, id := range family {
			if _, err := os.Stat(filepath.Join("..", "testdata", k.kind, id)); err == nil {
				analysistest.Run(t, "../testdata", all, family, k.load, k.kind+"/"+id)
			}
		}
	}
}
