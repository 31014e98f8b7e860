package template

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/modeltest"
)

var update = flag.Bool("update", false, "update the golden files of testdata/template/parser")

const fixtures = "../../testdata/template/parser"

// TestGolden parses every template of testdata/template/parser and compares
// a dump of the model and the errors with <file>.golden. Regenerate with
// -update and review the diff.
func TestGolden(t *testing.T) {
	ents, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, ".golden") || strings.HasSuffix(name, ".params") {
			continue
		}
		ran++
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(fixtures, name))
			if err != nil {
				t.Fatal(err)
			}
			in, errs := Parse(t.Context(), File{Path: name, Src: src}, Options{Params: fixtureParams(t, name)})
			modeltest.Golden(t, filepath.Join(fixtures, name+".golden"), in, errs, *update)
		})
	}
	if ran == 0 {
		t.Fatal("found no fixtures")
	}
}

// fixtureParams reads <name>.params, a parameter file, when there is one.
func fixtureParams(t *testing.T, name string) map[string]string {
	t.Helper()
	path := filepath.Join(fixtures, name+".params")
	src, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	params, errs := ParseParamFile(File{Path: name + ".params", Src: src})
	for _, e := range errs {
		t.Errorf("parameter file: %v", e)
	}
	return params
}
