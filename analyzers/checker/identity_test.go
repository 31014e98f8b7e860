package checker

import (
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

func TestFingerprintIgnoresLines(t *testing.T) {
	at := func(line int) analysis.Diagnostic {
		return analysis.Diagnostic{
			Range:   model.Range{Filename: "main.tf", Start: model.Pos{Line: line, Column: 3}},
			Message: "rule 2 of sg nodes accepts TCP 22 from 0.0.0.0/0, hidden by main.tf:12:5",
			Address: "tencentcloud_security_group_rule_set.nodes",
		}
	}
	moved := at(40)
	moved.Message = "rule 2 of sg nodes accepts TCP 22 from 0.0.0.0/0, hidden by main.tf:31:5"
	if Fingerprint("TKESG202", ".", at(10)) != Fingerprint("TKESG202", ".", moved) {
		t.Error("moving a block changed the fingerprint")
	}
	// Moved to another file of the same module, the message names it.
	otherFile := at(3)
	otherFile.Range.Filename = "sgs.tf"
	otherFile.Message = "rule 2 of sg nodes accepts TCP 22 from 0.0.0.0/0, hidden by sgs.tf:1:5"
	if Fingerprint("TKESG202", ".", at(10)) != Fingerprint("TKESG202", ".", otherFile) {
		t.Error("moving a block to another file of the module changed the fingerprint")
	}
	other := at(10)
	other.Message = "rule 2 of sg nodes accepts TCP 23 from 0.0.0.0/0, hidden by main.tf:12:5"
	if Fingerprint("TKESG202", ".", at(10)) == Fingerprint("TKESG202", ".", other) {
		t.Error("a different port gave the same fingerprint")
	}
	if Fingerprint("TKESG202", ".", at(10)) == Fingerprint("TKESG203", ".", at(10)) {
		t.Error("a different check gave the same fingerprint")
	}
	if Fingerprint("TKESG202", "envs/prod", at(10)) == Fingerprint("TKESG202", "envs/staging", at(10)) {
		t.Error("two root modules gave the same fingerprint")
	}
	if Fingerprint("TKESG202", "", at(10)) != Fingerprint("TKESG202", "main.tf", at(10)) {
		t.Error("an empty root does not stand for the diagnostic's file")
	}
	withKey := at(10)
	withKey.Fingerprint = "key"
	moved.Fingerprint = "key"
	moved.Message = "anything"
	if Fingerprint("TKESG202", ".", withKey) != Fingerprint("TKESG202", ".", moved) {
		t.Error("the analyzer's fingerprint was not used")
	}
}
