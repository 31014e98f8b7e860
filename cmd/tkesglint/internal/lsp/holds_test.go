package lsp

import "testing"

// TestFixHoldsOnce: a quick fix that inserts lines holds on the document
// as linted, and no longer once it is applied, so that a fix several
// diagnostics share (or one offered again before the next lint) is not
// applied twice.
func TestFixHoldsOnce(t *testing.T) {
	const path = "/w/main.yaml"
	before := "Resources:\n  nodes:\n    Type: TencentCloud::VPC::SecurityGroup\n"
	at := Position{Line: 2, Character: 0}
	fix := quickFix{edits: []fileEdit{{
		path:  path,
		edit:  TextEdit{Range: Range{Start: at, End: at}, NewText: "    SecurityGroupPolicySet: {}\n"},
		lines: newText(before).wholeLines(Range{Start: at, End: at}),
	}}}
	doc := &document{path: path, text: before}
	s := &server{docs: map[string]*document{path: doc}}
	if !s.holds(fix) {
		t.Fatal("the fix does not hold on the document it was made for")
	}
	doc.text = applyEdits(before, []TextEdit{fix.edits[0].edit})
	if s.holds(fix) {
		t.Errorf("the fix still holds once applied:\n%s", doc.text)
	}
}
