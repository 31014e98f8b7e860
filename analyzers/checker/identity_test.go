package checker

import (
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// thing is an object of the tests: where it is, what it belongs to and its
// key.
type thing struct {
	rng model.Range
	res model.Resource
	key string
}

func (t thing) Range() model.Range       { return t.rng }
func (t thing) Resource() model.Resource { return t.res }
func (t thing) Key() string              { return t.key }

func fingerprintOf(id, root string, d analysis.Diagnostic) string {
	return NewFinding(&analysis.Check{ID: id}, d, root, nil).Fingerprint
}

func TestFingerprintIgnoresLines(t *testing.T) {
	at := func(line int) analysis.Diagnostic {
		return analysis.Diagnostic{
			At: thing{
				rng: model.Range{Filename: "main.tf", Start: model.Pos{Line: line, Column: 3}},
				res: model.Resource{Address: "tencentcloud_security_group_rule_set.nodes"},
			},
			Message: "rule 2 of sg nodes accepts TCP 22 from 0.0.0.0/0, hidden by main.tf:12:5",
		}
	}
	moved := at(40)
	moved.Message = "rule 2 of sg nodes accepts TCP 22 from 0.0.0.0/0, hidden by main.tf:31:5"
	if fingerprintOf("TKESG202", ".", at(10)) != fingerprintOf("TKESG202", ".", moved) {
		t.Error("moving a block changed the fingerprint")
	}
	// Moved to another file of the same module, the message names it.
	otherFile := at(3)
	otherFile.Range = model.Range{Filename: "sgs.tf", Start: model.Pos{Line: 3, Column: 3}}
	otherFile.Message = "rule 2 of sg nodes accepts TCP 22 from 0.0.0.0/0, hidden by sgs.tf:1:5"
	if fingerprintOf("TKESG202", ".", at(10)) != fingerprintOf("TKESG202", ".", otherFile) {
		t.Error("moving a block to another file of the module changed the fingerprint")
	}
	other := at(10)
	other.Message = "rule 2 of sg nodes accepts TCP 23 from 0.0.0.0/0, hidden by main.tf:12:5"
	if fingerprintOf("TKESG202", ".", at(10)) == fingerprintOf("TKESG202", ".", other) {
		t.Error("a different port gave the same fingerprint")
	}
	if fingerprintOf("TKESG202", ".", at(10)) == fingerprintOf("TKESG203", ".", at(10)) {
		t.Error("a different check gave the same fingerprint")
	}
	if fingerprintOf("TKESG202", "envs/prod", at(10)) == fingerprintOf("TKESG202", "envs/staging", at(10)) {
		t.Error("two root modules gave the same fingerprint")
	}
	if fingerprintOf("TKESG202", "", at(10)) != fingerprintOf("TKESG202", "main.tf", at(10)) {
		t.Error("an empty root does not stand for the diagnostic's file")
	}
	withKey, movedKey := at(10), at(40)
	withKey.At = thing{rng: withKey.At.Range(), key: "key"}
	movedKey.At = thing{rng: movedKey.At.Range(), key: "key"}
	movedKey.Message = "anything"
	if fingerprintOf("TKESG202", ".", withKey) != fingerprintOf("TKESG202", ".", movedKey) {
		t.Error("the object's key was not used")
	}
	aspect := withKey
	aspect.Aspect = []string{"egress"}
	if fingerprintOf("TKESG202", ".", withKey) == fingerprintOf("TKESG202", ".", aspect) {
		t.Error("the aspect was not part of the identity")
	}
}

// TestFindingFromObject: the checker locates a finding with its object,
// narrowed by Range, and takes the address and module calls from the
// object's resource.
func TestFindingFromObject(t *testing.T) {
	call := model.Range{Filename: "main.tf", Start: model.Pos{Line: 7, Column: 1}}
	obj := thing{
		rng: model.Range{Filename: "m/sg.tf", Start: model.Pos{Line: 2, Column: 1}},
		res: model.Resource{Address: "module.m.tencentcloud_security_group.a", CallChain: []model.Range{call}},
		key: "k",
	}
	part := model.Range{Filename: "m/sg.tf", Start: model.Pos{Line: 4, Column: 5}}
	c := &analysis.Check{ID: "TKESG201", Level: analysis.LevelError}
	f := NewFinding(c, analysis.Diagnostic{Check: c.ID, At: obj, Range: part, Message: "m",
		Related: []analysis.Related{{Message: "nowhere"}, {Range: obj.rng, Message: "a"}, {Range: obj.rng, Message: "again"}}}, ".", nil)
	if f.Range != part || f.Address != obj.res.Address || len(f.CallChain) != 1 || f.Level != analysis.LevelError {
		t.Errorf("finding %+v", f)
	}
	if len(f.Related) != 2 || f.Related[0].Message != "a" || f.Related[1].Range != call {
		t.Errorf("related %+v, want the object's place once, then the module call", f.Related)
	}
	if whole := NewFinding(c, analysis.Diagnostic{Check: c.ID, At: obj}, ".", nil); whole.Range != obj.rng {
		t.Errorf("range %v, want the object's", whole.Range)
	}
}

// TestUndecidedIsANote: one way to a note for what is undecided: the
// diagnostic's own reasons, or a resource that may not exist; a finding
// that only leaves other checks undecided keeps its level.
func TestUndecidedIsANote(t *testing.T) {
	c := &analysis.Check{ID: "TKESG305", Level: analysis.LevelWarning}
	warning := analysis.LevelError
	obj := thing{res: model.Resource{Address: "a"}, rng: model.Range{Filename: "x.tf"}}
	for _, tc := range []struct {
		name       string
		d          analysis.Diagnostic
		conditions map[string]string
		want       analysis.Level
		undecided  int
	}{
		{"undecided", analysis.Diagnostic{At: obj, Level: &warning, Undecided: []string{"x is unknown"}}, nil, analysis.LevelNote, 1},
		{"leaves others undecided", analysis.Diagnostic{At: obj, LeavesUndecided: []string{"no group"}}, nil, analysis.LevelWarning, 1},
		{"resource that may not exist", analysis.Diagnostic{At: obj, Message: "m"}, map[string]string{"a": "count is unknown"}, analysis.LevelNote, 1},
		{"decided", analysis.Diagnostic{At: obj, Level: &warning}, map[string]string{"b": "c"}, analysis.LevelError, 0},
	} {
		f := NewFinding(c, tc.d, "", tc.conditions)
		if f.Level != tc.want || len(f.Undecided) != tc.undecided {
			t.Errorf("%s: level %s, undecided %q; want %s and %d reasons", tc.name, f.Level, f.Undecided, tc.want, tc.undecided)
		}
	}
}
