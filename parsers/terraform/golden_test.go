package terraform

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "update the golden files of testdata/terraform/parser")

// TestGolden parses every fixture folder and compares a dump of the model
// and the errors with <folder>.golden. Regenerate with -update and review
// the diff.
func TestGolden(t *testing.T) {
	for _, name := range fixtureNames(t) {
		t.Run(name, func(t *testing.T) {
			in, errs := ParseModule(t.Context(), loadModule(t, name), Options{})
			var b strings.Builder
			for _, e := range errs {
				b.WriteString("error " + e.Error() + "\n")
			}
			b.WriteString(dump(in))
			got := b.String()
			path := filepath.Join(fixtures, name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("model of %s differs from %s (-want +got):\n%s", name, path, diff)
			}
		})
	}
}
