package terraform

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/modeltest"
)

var update = flag.Bool("update", false, "update the golden files of testdata/terraform/parser")

// TestGolden parses every fixture folder and compares a dump of the model
// and the errors with <folder>.golden. Regenerate with -update and review
// the diff.
func TestGolden(t *testing.T) {
	for _, name := range fixtureNames(t) {
		t.Run(name, func(t *testing.T) {
			in, errs := parseModule(t.Context(), loadModule(t, name), Options{})
			modeltest.Golden(t, filepath.Join(fixtures, name+".golden"), in, errs, *update)
		})
	}
}
