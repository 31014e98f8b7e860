package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestEditLatency measures what issue 15 asks of the server on a module of
// 300 files: the time from the end of the debounce to the diagnostics
// after a one-character edit, and the live heap over many edits. It runs
// only when TKESGLINT_LSP_EDITS gives the number of edits (1,000 for the
// figures of the README), as it takes a while:
//
//	TKESGLINT_LSP_EDITS=1000 go test ./cmd/tkesglint/internal/lsp -run '^TestEditLatency$' -v
//
// Each edit inserts or deletes one character of the open file, as typing
// does, and waits for the diagnostics of its version.
func TestEditLatency(t *testing.T) {
	edits, _ := strconv.Atoi(os.Getenv("TKESGLINT_LSP_EDITS"))
	if edits <= 0 {
		t.Skip("TKESGLINT_LSP_EDITS is not set")
	}
	const files = 300
	dir := t.TempDir()
	for i := range files {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("sg%03d.tf", i)), []byte(moduleFile(i)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "sg000.tf")
	uri := pathToURI(path)
	text := moduleFile(0)
	const debounce = 20 * time.Millisecond
	c := startServer(t, Config{Options: testOptions, Debounce: debounce})
	c.initialize(dir)
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "terraform", Version: 1, Text: text}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 1 {
		t.Fatalf("want the one TKESG202 of sg000.tf, got %+v", p.Diagnostics)
	}

	var latencies []time.Duration
	var heaps []uint64
	for i := range edits {
		// Type into the description, then take it back.
		edited := text
		if i%2 == 0 {
			edited = text[:len(text)-3] + "x" + text[len(text)-3:]
		}
		version := i + 2
		start := time.Now()
		c.notify("textDocument/didChange", DidChangeTextDocumentParams{
			TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: version},
			ContentChanges: []TextDocumentContentChangeEvent{{Text: edited}},
		})
		for {
			p := c.diagnostics(uri)
			if p.Version != nil && *p.Version == version {
				if len(p.Diagnostics) != 1 {
					t.Fatalf("edit %d: %+v", i, p.Diagnostics)
				}
				break
			}
		}
		latencies = append(latencies, time.Since(start)-debounce)
		if i == edits/10 || i == edits-1 {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			heaps = append(heaps, ms.HeapAlloc)
		}
	}
	c.shutdown()
	slices.Sort(latencies)
	q := func(f float64) time.Duration {
		return latencies[int(f*float64(len(latencies)-1))].Round(time.Millisecond)
	}
	t.Logf("%d edits of a module of %d files: after the debounce, median %v, p90 %v, max %v", edits, files, q(0.5), q(0.9), q(1))
	if len(heaps) == 2 {
		t.Logf("live heap after %d edits %.1f MiB, after %d edits %.1f MiB", edits/10+1, float64(heaps[0])/(1<<20), edits, float64(heaps[1])/(1<<20))
	}
}

// moduleFile is file i of the module: a security group with a rule set of
// six rules, bound to a CVM; the first one accepts SSH from the world.
func moduleFile(i int) string {
	open := "10.0.0.0/8"
	if i == 0 {
		open = "0.0.0.0/0"
	}
	s := fmt.Sprintf("resource \"tencentcloud_security_group\" \"sg%d\" {\n  name        = \"sg-%d\"\n  description = \"service %d\"\n}\n\n", i, i, i)
	s += fmt.Sprintf("resource \"tencentcloud_security_group_rule_set\" \"sg%d\" {\n  security_group_id = tencentcloud_security_group.sg%d.id\n", i, i)
	for r := range 6 {
		cidr := fmt.Sprintf("10.%d.%d.0/24", i%250, r)
		if r == 0 {
			cidr = open
		}
		port := fmt.Sprint(22 + r*1000)
		s += fmt.Sprintf("\n  ingress {\n    action      = \"ACCEPT\"\n    cidr_block  = %q\n    protocol    = \"TCP\"\n    port        = %q\n    description = \"rule %d\"\n  }\n", cidr, port, r)
	}
	s += "}\n\n"
	s += fmt.Sprintf("resource \"tencentcloud_instance\" \"vm%d\" {\n  instance_name           = \"vm-%d\"\n  orderly_security_groups = [tencentcloud_security_group.sg%d.id]\n  # owner: team %d\n}\n", i, i, i, i)
	return s
}
