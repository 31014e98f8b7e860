package fix

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/rulesets"
)

// BenchmarkProve proves the fixes of the fixtures of testdata/fix, linted
// in one run as a user's tree would be: every lint pays for it.
func BenchmarkProve(b *testing.B) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "..", "testdata", "fix"))
	if err != nil {
		b.Fatal(err)
	}
	opts := driver.Options{Dir: dir, Paths: []string{"."}, Analyzers: rulesets.All(rulesets.Options{}), DropModels: true}
	res, err := driver.Run(b.Context(), opts)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		r := *res
		r.Findings = slices.Clone(res.Findings)
		if err := Prove(b.Context(), opts, &r); err != nil {
			b.Fatal(err)
		}
	}
}
