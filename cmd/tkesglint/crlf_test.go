package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// toCRLF ends every line of src with "\r\n", as a Windows checkout does.
func toCRLF(src []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

// bareLF reports whether s has a line break without its "\r".
func bareLF(s string) bool {
	return strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n")
}

// TestFixKeepsCRLF fixes the fixture folders of testdata/fix with every
// line ended "\r\n": the lines the fixes write end so too, in the files
// --fix writes, in the SARIF replacements and in the rdjson suggestions
// (the quick fixes of the language server carry the same edits as SARIF).
func TestFixKeepsCRLF(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"rule-set", "legacy-rules", "lite-variable", "template-styles", "template-json", "set-binding", "node-pool-binding"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			copyTree(t, filepath.Join("..", "..", "testdata", "fix", name), dir)
			_ = os.Remove(filepath.Join(dir, "want.txt"))
			for rel, src := range readTree(t, dir) {
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), toCRLF(src), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			sarif := lintIn(t, dir, "--format", "sarif", ".")
			var log struct {
				Runs []struct {
					Results []struct {
						Fixes []struct {
							ArtifactChanges []struct {
								Replacements []struct {
									InsertedContent struct{ Text string }
								}
							}
						}
					}
				}
			}
			if err := json.Unmarshal([]byte(sarif.stdout), &log); err != nil {
				t.Fatal(err)
			}
			texts := 0
			for _, res := range log.Runs[0].Results {
				for _, f := range res.Fixes {
					for _, c := range f.ArtifactChanges {
						for _, r := range c.Replacements {
							texts++
							if bareLF(r.InsertedContent.Text) {
								t.Errorf("a SARIF replacement ends a line with LF only: %q", r.InsertedContent.Text)
							}
						}
					}
				}
			}
			if texts == 0 {
				t.Fatal("no SARIF fix")
			}
			var doc rdDoc
			if err := json.Unmarshal([]byte(lintIn(t, dir, "--format", "rdjson", ".").stdout), &doc); err != nil {
				t.Fatal(err)
			}
			for _, d := range doc.Diagnostics {
				for _, s := range d.Suggestions {
					if bareLF(s.Text) || strings.HasSuffix(s.Text, "\r") {
						t.Errorf("an rdjson suggestion ends a line with LF only, or ends with CR: %q", s.Text)
					}
				}
			}
			if r := lintIn(t, dir, "--fix", "."); r.code == exitFailure {
				t.Fatalf("--fix: %s", r.stderr)
			}
			for rel, src := range readTree(t, dir) {
				if bareLF(string(src)) {
					t.Errorf("after --fix, %s has lines ended with LF only", rel)
				}
			}
		})
	}
}
