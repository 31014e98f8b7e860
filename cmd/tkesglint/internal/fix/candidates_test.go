package fix

import (
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestCandidatesSayWhyAnEditDoesNotApply: a placed edit whose text is no
// longer where it points gives no candidate, and the finding says why.
func TestCandidatesSayWhyAnEditDoesNotApply(t *testing.T) {
	src := []byte("cidr_block = \"0.0.0.0/8\"\n")
	at := model.Range{Filename: "main.tf", Start: model.PosAt(src, 14), End: model.PosAt(src, 23)}
	res := &driver.Result{
		Sources: map[string][]byte{"main.tf": src},
		Findings: []driver.Finding{{Finding: checker.Finding{
			Check: &analysis.Check{ID: "TKESG205"},
			Range: at,
			Fixes: []analysis.SuggestedFix{{Message: "write 0.0.0.0/0", TextEdits: []analysis.TextEdit{{Range: at, Old: "0.0.0.0/16", NewText: "0.0.0.0/0"}}}},
		}}},
	}
	p := &prover{res: res}
	var whys []string
	if got := p.candidates(0, &whys); len(got) != 0 {
		t.Fatalf("candidates = %+v, want none", got)
	}
	if len(whys) != 1 || !strings.Contains(whys[0], "does not apply") || !strings.Contains(whys[0], "main.tf:1:15") {
		t.Errorf("whys = %q, want why the edit at main.tf:1:15 does not apply", whys)
	}
}
