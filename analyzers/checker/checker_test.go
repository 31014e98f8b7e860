package checker

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestRequiredRunOnce: an analyzer that two checks require runs once per
// unit, before them, and both read its result; it reports nothing itself.
func TestRequiredRunOnce(t *testing.T) {
	runs := 0
	shared := &analysis.Analyzer{Name: "shared", Run: func(*analysis.Pass) (any, error) {
		runs++
		return runs, nil
	}}
	check := func(id string) *analysis.Analyzer {
		return &analysis.Analyzer{
			Name:     strings.ToLower(id),
			Checks:   []*analysis.Check{{ID: id}},
			Requires: []*analysis.Analyzer{shared},
			Run: func(pass *analysis.Pass) (any, error) {
				pass.Report(analysis.Diagnostic{Check: id, Range: model.Range{Filename: "a.tf"}, Message: fmt.Sprint("saw ", pass.ResultOf[shared])})
				return nil, nil
			},
		}
	}
	for range 2 {
		runs = 0
		fs, errs, err := Run(t.Context(), []*analysis.Analyzer{check("TKESG901"), check("TKESG902")}, Unit{Input: &model.Input{}})
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		if runs != 1 || len(fs) != 2 || fs[0].Message != "saw 1" || fs[1].Message != "saw 1" {
			t.Errorf("runs %d, findings %+v; want one run whose result both checks read", runs, fs)
		}
	}
}

// TestRequiredFailure: when a required analyzer fails, the analyzers that
// require it do not run, and each is said to; the others still run.
func TestRequiredFailure(t *testing.T) {
	broken := &analysis.Analyzer{Name: "broken", Run: func(*analysis.Pass) (any, error) { return nil, errors.New("boom") }}
	ran := false
	dependent := &analysis.Analyzer{Name: "dependent", Requires: []*analysis.Analyzer{broken}, Run: func(*analysis.Pass) (any, error) {
		ran = true
		return nil, nil
	}}
	other := &analysis.Analyzer{Name: "other", Checks: []*analysis.Check{{ID: "TKESG903"}}, Run: func(pass *analysis.Pass) (any, error) {
		pass.Report(analysis.Diagnostic{Check: "TKESG903", Range: model.Range{Filename: "a.tf"}, Message: "still here"})
		return nil, nil
	}}
	fs, errs, err := Run(t.Context(), []*analysis.Analyzer{dependent, other}, Unit{Input: &model.Input{}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := "analyzer broken failed: boom|analyzer dependent did not run: it requires analyzer broken, which failed"
	if strings.Join(got, "|") != want || ran {
		t.Errorf("errors %q (dependent ran: %v), want %q", got, ran, want)
	}
	if len(fs) != 1 || fs[0].Message != "still here" {
		t.Errorf("findings %+v, want the other analyzer's", fs)
	}
}

// TestValidateCycle: an analyzer that requires itself through another is
// refused before any run.
func TestValidateCycle(t *testing.T) {
	a := &analysis.Analyzer{Name: "a", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	b := &analysis.Analyzer{Name: "b", Requires: []*analysis.Analyzer{a}, Run: a.Run}
	a.Requires = []*analysis.Analyzer{b}
	if err := analysis.Validate([]*analysis.Analyzer{a}); err == nil || !strings.Contains(err.Error(), "requires itself") {
		t.Errorf("Validate = %v, want a cycle error", err)
	}
}
