package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixChecks: --fix leaves TKESG205's rewrite of 0.0.0.0/8 offered and
// says how to make it; --fix-checks TKESG205 makes it and nothing else;
// --fix-checks needs --fix.
func TestFixChecks(t *testing.T) {
	t.Parallel()
	read := func(dir string) string {
		b, err := os.ReadFile(filepath.Join(dir, "main.tf"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const alias, world = `cidr_block  = "0.0.0.0/8"`, `cidr_block  = "0.0.0.0/0"`
	const dns = `port        = "53"`

	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "testdata", "fix", "rule-set"), dir)
	if !strings.Contains(read(dir), alias) {
		t.Fatal("testdata/fix/rule-set has no 0.0.0.0/8 rule")
	}
	r := lintIn(t, dir, "--fix", ".")
	if src := read(dir); !strings.Contains(src, alias) || strings.Count(src, dns) != 2 {
		t.Errorf("--fix rewrote 0.0.0.0/8, or did not add the DNS rule:\n%s", src)
	}
	if want := "tkesglint: 1 fix of TKESG205 left offered, not made: --fix makes it only when named, as the fix may not be what was meant (--fix --fix-checks TKESG205)\n"; !strings.Contains(r.stderr, want) {
		t.Errorf("--fix does not say the TKESG205 fix was left:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout+r.stderr, "fix: Write 0.0.0.0/8 as 0.0.0.0/0") {
		t.Errorf("the TKESG205 finding no longer shows its fix:\n%s", r.stdout+r.stderr)
	}

	dir = t.TempDir()
	copyTree(t, filepath.Join("..", "..", "testdata", "fix", "rule-set"), dir)
	r = lintIn(t, dir, "--fix", "--fix-checks", "TKESG205", ".")
	if src := read(dir); strings.Contains(src, alias) || !strings.Contains(src, world) || strings.Count(src, dns) != 1 {
		t.Errorf("--fix-checks TKESG205 did not rewrite only 0.0.0.0/8:\n%s", src)
	}
	if !strings.Contains(r.stderr, "tkesglint: 1 fix of TKESG103 left offered, not made, as --fix-checks does not name it\n") {
		t.Errorf("--fix-checks TKESG205 does not say the TKESG103 fix was left:\n%s", r.stderr)
	}

	if r := lintIn(t, dir, "--fix-checks", "TKESG205", "."); r.code != exitFailure || !strings.Contains(r.stderr, "--fix-checks goes with --fix") {
		t.Errorf("--fix-checks without --fix: status %d\n%s", r.code, r.stderr)
	}
}
