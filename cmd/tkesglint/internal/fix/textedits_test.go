package fix

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestTextEditsSlide: a block inserted above a rule is one insertion of
// the block, above the rule's comment, not the end of the block before it
// followed by a new block without its end.
func TestTextEditsSlide(t *testing.T) {
	old := "  ingress {\n    a = 1\n  }\n\n  # the DROP\n  ingress {\n    d = 1\n  }\n"
	cur := "  ingress {\n    a = 1\n  }\n\n  ingress {\n    n = 1\n  }\n\n  # the DROP\n  ingress {\n    d = 1\n  }\n"
	edits := textEdits(map[string][]byte{"f": []byte(old)}, map[string][]byte{"f": []byte(cur)})
	if len(edits) != 1 || edits[0].Range.Start.Line != 5 || edits[0].NewText != "  ingress {\n    n = 1\n  }\n\n" {
		t.Errorf("edits = %+v, want the block inserted at line 5", edits)
	}
}

// TestTextEditsApply: the edits made of any change, applied, make the new
// text, and no two of them start at the same place (whose order an editor
// could take either way).
func TestTextEditsApply(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		line := rapid.SampledFrom([]string{"  }", "", "  ingress {", "    Action: ACCEPT", "- x: 1", "a"})
		old := strings.Join(rapid.SliceOfN(line, 0, 10).Draw(t, "old"), "\n") + "\n"
		cur := strings.Join(rapid.SliceOfN(line, 0, 10).Draw(t, "cur"), "\n") + "\n"
		sources := map[string][]byte{"f": []byte(old)}
		edits := textEdits(sources, map[string][]byte{"f": []byte(cur)})
		for i := 1; i < len(edits); i++ {
			if edits[i].Range.Start.Byte <= edits[i-1].Range.End.Byte && edits[i].Range.Start.Byte == edits[i-1].Range.Start.Byte {
				t.Fatalf("two edits start at byte %d: %+v", edits[i].Range.Start.Byte, edits)
			}
		}
		got, err := applyEdits(sources, edits)
		if err != nil {
			t.Fatal(err)
		}
		if want := cur; old != cur && string(got["f"]) != want {
			t.Fatalf("edits %+v of %q give %q, want %q", edits, old, got["f"], want)
		}
	})
}
