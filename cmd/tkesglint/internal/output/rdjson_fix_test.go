package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestRDJSONFixOfSeveralFiles: a fix that edits two files is no
// suggestion (a reviewer could commit half of it); the finding says which
// files it edits and how to apply it. A fix two findings share is one
// diagnostic.
func TestRDJSONFixOfSeveralFiles(t *testing.T) {
	main, vars := []byte("a = 1\nb = 2\n"), []byte("x = [\n]\n")
	at := func(name string, src []byte, off int) model.Range {
		p := model.PosAt(src, off)
		return model.Range{Filename: name, Start: p, End: p}
	}
	two := analysis.SuggestedFix{Message: "Add the rule", TextEdits: []analysis.TextEdit{
		{Range: at("main.tf", main, 6), NewText: "c = 3\n"},
		{Range: at("terraform.tfvars", vars, 6), NewText: "  \"r\",\n"},
	}}
	one := analysis.SuggestedFix{Message: "One fix for both", TextEdits: []analysis.TextEdit{{Range: at("main.tf", main, 0), NewText: "z = 0\n"}}}
	finding := func(id string, fix analysis.SuggestedFix) driver.Finding {
		return driver.Finding{Finding: checker.Finding{Check: &analysis.Check{ID: id}, Level: analysis.LevelError, Range: at("main.tf", main, 6), Message: "broken", Fixes: []analysis.SuggestedFix{fix}}}
	}
	res := &driver.Result{
		Findings: []driver.Finding{finding("TKESG101", two), finding("TKESG103", one), finding("TKESG105", one)},
		Sources:  map[string][]byte{"main.tf": main, "terraform.tfvars": vars},
	}
	var out bytes.Buffer
	if err := WriteRDJSON(&out, &Report{Result: res}); err != nil {
		t.Fatal(err)
	}
	var doc rdResult
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var msgs []string
	suggestions := 0
	for _, d := range doc.Diagnostics {
		msgs = append(msgs, d.Message)
		suggestions += len(d.Suggestions)
	}
	want := []string{
		"broken (fix: Add the rule; it edits main.tf and terraform.tfvars together, which one suggestion cannot: apply it with tkesglint --fix)",
		"broken", "One fix for both", "broken",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") || suggestions != 1 {
		t.Errorf("diagnostics:\n%s\nwith %d suggestions; want:\n%s\nwith 1", strings.Join(msgs, "\n"), suggestions, strings.Join(want, "\n"))
	}
}
