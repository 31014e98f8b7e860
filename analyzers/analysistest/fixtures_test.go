package analysistest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclparse" //nolint:depguard // test only: checks that the fixtures are valid HCL
)

// TestTerraformFixtures checks that every check fixture under
// testdata/terraform is valid HCL and that its expectations parse, so that a
// broken fixture fails here rather than as a puzzling check failure.
func TestTerraformFixtures(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "terraform", "TKESG*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("found no fixture folders")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
			if err != nil {
				t.Fatal(err)
			}
			if len(files) == 0 {
				t.Fatalf("%s holds no .tf file", dir)
			}
			parser := hclparse.NewParser()
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if _, diags := parser.ParseHCL(src, f); diags.HasErrors() {
					t.Errorf("%s", diags.Error())
				}
			}
			fx := readFixture(dir)
			for _, p := range fx.problems {
				t.Errorf("%s", p)
			}
			if !fx.tested() {
				t.Errorf("%s: found no tests", dir)
			}
			// Patterns name the check they expect, so that a folder can be
			// run for a subset of checks.
			for _, w := range fx.wants {
				if w.check == "" {
					t.Errorf("%s:%d: pattern %s does not start with a check id", w.shown, w.line, w.src)
				}
			}
			if name := filepath.Base(dir); !strings.Contains(wantedChecks(fx), name) {
				t.Errorf("%s: no pattern expects %s", dir, name)
			}
		})
	}
}

func wantedChecks(fx *fixture) string {
	var ids []string
	for _, w := range fx.wants {
		ids = append(ids, w.check)
	}
	return strings.Join(ids, " ")
}
