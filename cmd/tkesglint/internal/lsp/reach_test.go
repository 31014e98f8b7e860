package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNoQuickFixForOutsideCallers checks that the quick fixes of a root
// module that calls a shared module are proved against the other root
// modules that call it too (testdata/fix/module-outside): the language
// server lints the module of the file open, envA, and the edit of
// modules/nodes would open envB's group. With envB gone, the fix is
// offered.
func TestNoQuickFixForOutsideCallers(t *testing.T) {
	for _, withB := range []bool{true, false} {
		dir := t.TempDir()
		src := filepath.Join("..", "..", "..", "..", "testdata", "fix", "module-outside")
		for _, name := range []string{"envA/main.tf", "envB/main.tf", "modules/nodes/main.tf"} {
			if !withB && strings.HasPrefix(name, "envB/") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		envA := filepath.Join(dir, "envA", "main.tf")
		text, err := os.ReadFile(envA)
		if err != nil {
			t.Fatal(err)
		}
		uri := pathToURI(envA)
		c := startServer(t, Config{Options: testOptions, Debounce: 10 * time.Millisecond})
		c.initialize(dir)
		c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "terraform", Version: 1, Text: string(text)}})
		p := c.diagnostics(uri)
		var fixes []string
		for _, d := range p.Diagnostics {
			if d.Code != "TKESG101" {
				continue
			}
			r := c.call("textDocument/codeAction", CodeActionParams{
				TextDocument: TextDocumentIdentifier{URI: uri},
				Range:        d.Range,
				Context:      CodeActionContext{Diagnostics: []Diagnostic{d}},
			})
			var actions []CodeAction
			if err := json.Unmarshal(r.Result, &actions); err != nil {
				t.Fatal(err)
			}
			for _, a := range actions {
				if !strings.HasPrefix(a.Title, "Suppress ") {
					fixes = append(fixes, a.Title)
				}
			}
		}
		c.shutdown()
		if withB && len(fixes) > 0 {
			t.Errorf("envB calls modules/nodes too, yet envA's TKESG101 has quick fixes: %q", fixes)
		}
		if !withB && len(fixes) == 0 {
			t.Errorf("envA alone calls modules/nodes, yet its TKESG101 has no quick fix (diagnostics %v)", codes(p.Diagnostics))
		}
	}
}
