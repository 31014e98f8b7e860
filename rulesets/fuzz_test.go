package rulesets

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/parsers/inputs"
)

// FuzzAnalyzers parses Terraform and runs every analyzer on the result: no
// input may make a check panic or fail, whatever odd model the parser makes
// of it. Seeded with the check fixtures.
//
//	go test -fuzz=FuzzAnalyzers -fuzzminimizetime=5s ./rulesets
func FuzzAnalyzers(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("..", "testdata", "terraform", "TKESG*", "*.tf"))
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, p := range seeds {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(src) < 8<<10 {
			f.Add(src)
		}
	}
	analyzers := All(Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		res := inputs.Parse(t.Context(), []inputs.File{{Path: "main.tf", Src: src}}, inputs.Options{})
		for _, u := range res.Units {
			analysistest.Findings(t, analyzers, checker.Unit{Input: u.Input, Root: u.Root})
		}
	})
}
