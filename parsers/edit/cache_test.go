package edit_test

import (
	"bytes"
	"maps"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/edit"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestWriteCache checks that Writes that share a Cache write what a Write
// alone writes, and parse the files as read once: a warm cache makes far
// fewer allocations than none.
func TestWriteCache(t *testing.T) {
	in, files := parse(t, "main.tf", ruleSetTF)
	ch := insertion(t, in, "nodes", model.Egress, -1, accept(model.Egress, "ALL", "ALL", "172.16.0.0/16", "the pods"))
	alone, err := edit.Write(ch, edit.Options{Files: files})
	if err != nil {
		t.Fatal(err)
	}
	cache := &edit.Cache{}
	if len(alone.Files) == 0 {
		t.Fatal("nothing written")
	}
	for range 2 {
		got, err := edit.Write(ch, edit.Options{Files: files, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(got.Files, alone.Files, bytes.Equal) || got.Where != alone.Where {
			t.Fatalf("with a cache, Write gives %q (%s), alone %q (%s)", got.Files, got.Where, alone.Files, alone.Where)
		}
	}
	cold := testing.AllocsPerRun(20, func() { _, _ = edit.Write(ch, edit.Options{Files: files}) })
	warm := testing.AllocsPerRun(20, func() { _, _ = edit.Write(ch, edit.Options{Files: files, Cache: cache}) })
	if warm > cold*0.8 {
		t.Errorf("a Write with a warm cache makes %.0f allocations, without one %.0f: the files as read are parsed again", warm, cold)
	}
}
