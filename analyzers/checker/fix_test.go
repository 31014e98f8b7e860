package checker

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestPlaceFix: the edit of a fix given on a value's range is placed on
// the text it replaces, in code points, and a fix whose text is not there
// as a token of its own is dropped. (The cases of the TKESG205 quick fix
// the language server used to compute itself.)
func TestPlaceFix(t *testing.T) {
	for _, tc := range []struct{ line, value, old, want string }{
		{`  cidr_block = "0.0.0.0/8"`, `"0.0.0.0/8"`, "0.0.0.0/8", `  cidr_block = "0.0.0.0/0"`},
		{`  - "ACCEPT#0.0.0.0/16#22#TCP"`, `"ACCEPT#0.0.0.0/16#22#TCP"`, "0.0.0.0/16", `  - "ACCEPT#0.0.0.0/0#22#TCP"`},
		{`  cidr_block = /* 办公室 😀 */ "0.0.0.0/8" # 0.0.0.0/8`, `"0.0.0.0/8"`, "0.0.0.0/8", `  cidr_block = /* 办公室 😀 */ "0.0.0.0/0" # 0.0.0.0/8`},
		{`  cidr_block = "10.0.0.0/8"`, `"10.0.0.0/8"`, "0.0.0.0/8", ""},
		{`  cidr_block = "0.0.0.0\u002f8"`, `"0.0.0.0\u002f8"`, "0.0.0.0/8", ""},
	} {
		src := "resource {\n" + tc.line + "\n}\n"
		before, _, _ := strings.Cut(tc.line, tc.value)
		col := 1 + utf8.RuneCountInString(before)
		value := model.Range{Filename: "main.tf", Start: model.Pos{Line: 2, Column: col, Byte: -1},
			End: model.Pos{Line: 2, Column: col + utf8.RuneCountInString(tc.value), Byte: -1}}
		fixes, why := placeFixes([]analysis.SuggestedFix{{Message: "Fix it", TextEdits: []analysis.TextEdit{{Range: value, Old: tc.old, NewText: "0.0.0.0/0"}}}},
			map[string][]byte{"main.tf": []byte(src)})
		got := ""
		if len(fixes) == 1 {
			e := fixes[0].TextEdits[0]
			got = src[:e.Range.Start.Byte] + e.NewText + src[e.Range.End.Byte:]
			if p := model.PosAt([]byte(src), e.Range.Start.Byte); p != e.Range.Start {
				t.Errorf("%q: start %+v, want %+v", tc.line, e.Range.Start, p)
			}
			got = strings.Split(got, "\n")[1]
		}
		if got != tc.want {
			t.Errorf("fix of %q = %q, want %q", tc.line, got, tc.want)
		}
		// A fix left out says why (a finding must not lose it silently).
		if wantWhy := tc.want == ""; (why != "") != wantWhy || wantWhy && !strings.Contains(why, `("Fix it")`) {
			t.Errorf("fix of %q: why %q", tc.line, why)
		}
	}
	if fixes, why := placeFixes([]analysis.SuggestedFix{{TextEdits: []analysis.TextEdit{{Range: model.Range{Filename: "gone.tf", Start: model.Pos{Line: 1, Column: 1}}, Old: "x"}}}}, nil); len(fixes) != 0 || why != "" {
		t.Errorf("a fix without its source was kept, or said %q: the export's fix is its API call", why)
	}
}
