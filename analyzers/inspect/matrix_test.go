package inspect_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/rulesets"
)

// TestMatrixAgreesWithFindings: on every fixture, a requirement finding
// about a cause has its row broken in the matrix of its target, and every
// broken row is explained by a finding about the same cause (one cause,
// one finding: perhaps under another check); no row of a requirement that
// has a finding on its target is satisfied but the ones it does not break.
func TestMatrixAgreesWithFindings(t *testing.T) {
	ctx := t.Context()
	load := analysistest.ReadDir(analysistest.ReadOptions{})
	var dirs []string
	for _, pattern := range []string{"../../testdata/*/*", "../../examples/*"} {
		m, _ := filepath.Glob(pattern)
		for _, d := range m {
			if fi, err := os.Stat(d); err == nil && fi.IsDir() {
				dirs = append(dirs, d)
			}
		}
	}
	broken := 0
	for _, dir := range dirs {
		units, _ := load(ctx, dir)
		for _, cu := range units {
			analyzers := rulesets.All(rulesets.Options{})
			findings, _, err := checker.Run(ctx, analyzers, cu)
			if err != nil {
				t.Fatal(err)
			}
			u, err := inspect.Analyze(ctx, analyzers, cu.Root, cu.Input)
			if err != nil {
				t.Fatal(err)
			}
			causes := u.Requirements.Causes
			for _, m := range u.Matrices() {
				for _, tg := range m.Targets {
					for _, r := range tg.Rows {
						if r.Status != requirements.Broken {
							continue
						}
						broken++
						if !explained(causes, m, tg, r) {
							t.Errorf("%s: row %s of %s on %s is broken by %v, and no finding says so", dir, r.Name, r.Req.ID, tg.Who, r.Rule)
						}
					}
				}
			}
			for _, f := range findings {
				if len(f.Undecided) > 0 || !strings.HasPrefix(f.Check.ID, "TKESG10") {
					continue
				}
				for _, c := range causes {
					if c.Check == f.Check.ID && c.Range == f.Range && (c.Role == "node" || c.Role == "master") && !rowBroken(u, c) {
						t.Errorf("%s: %s at %v: no row of it is broken in the matrix", dir, f.Check.ID, f.Range)
					}
				}
			}
		}
	}
	if broken < 20 {
		t.Errorf("only %d broken rows in the fixtures", broken)
	}
}

func explained(causes []*requirements.Cause, m *inspect.Matrix, tg *inspect.Target, r *inspect.Row) bool {
	for _, c := range causes {
		if c.Cluster != m.Cluster || c.Role != tg.Role || c.Direction != r.Req.Direction || c.Rule != r.Rule {
			continue
		}
		if r.Rule != nil || c.Binding == tg.Binding {
			return true
		}
	}
	return false
}

func rowBroken(u *inspect.Unit, c *requirements.Cause) bool {
	for _, m := range u.Matrices() {
		for _, tg := range m.Targets {
			if tg.Binding != c.Binding {
				continue
			}
			for _, r := range tg.Rows {
				if r.Req.ID == c.Check && r.Status == requirements.Broken {
					return true
				}
			}
		}
	}
	return false
}
