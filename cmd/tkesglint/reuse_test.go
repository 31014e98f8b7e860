package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/rulesets"
)

// TestAnalyzersReused checks that the language server's settings make the
// analyzers once for the same configuration and rulesets, and again as
// soon as either changes on disk.
func TestAnalyzersReused(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", nodeSG)
	write(".tkesglint.yml", "rulesets: [org.yaml]\n")
	org := "ruleset: org\nrequirements:\n  - { id: ORG001, level: warning, title: no SSH from the internet, applies_to: any, direction: ingress, require: forbid, flows: [{ protocol: TCP, ports: \"22\", peer: world4 }] }\n"
	write("org.yaml", org)
	made := 0
	c, _, _ := newTestCLI(t, func(o rulesets.Options) []*analysis.Analyzer {
		made++
		return rulesets.All(o)
	})
	c.reuse = &analyzerCache{}
	settings := func() []*analysis.Analyzer {
		t.Helper()
		opts := newOptions()
		opts.paths = []string{"main.tf"}
		d, _, errs := c.settings(opts, dir)
		if len(errs) > 0 {
			t.Fatalf("settings: %v", errs)
		}
		return d.Analyzers
	}
	first := settings()
	if again := settings(); made != 1 || &again[0] != &first[0] {
		t.Errorf("the same settings made the analyzers %d times, want once", made)
	}
	write("org.yaml", org+"  - { id: ORG002, level: error, title: no RDP from the internet, applies_to: any, direction: ingress, require: forbid, flows: [{ protocol: TCP, ports: \"3389\", peer: world4 }] }\n")
	settings()
	if made != 2 {
		t.Errorf("after the ruleset changed, the analyzers were made %d times, want 2", made)
	}
	write(".tkesglint.yml", "rulesets: [org.yaml]\nchecks: { disable: [TKESG202] }\n")
	settings()
	if made != 3 {
		t.Errorf("after the configuration changed, the analyzers were made %d times, want 3", made)
	}
	c.reuse = nil
	settings()
	if made != 4 {
		t.Errorf("without a cache (the command line), the analyzers were made %d times in all, want 4", made)
	}
}
