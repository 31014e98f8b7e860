package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixOutsideCallers checks that an edit of a module that a root
// module outside the scan calls too is not offered (testdata/fix/module-
// outside: envA and envB call modules/nodes, each for a cluster of its
// own): linting envA alone, the proof would not see envB's group, which
// the edit opens to envA's pods. The same edit is offered once envB is
// gone, and refused with the caller said excluded when --exclude leaves
// it out; envB's call written in JSON is found alike. The fix opens
// NodePorts to the internet, so --fix makes it only when named.
func TestFixOutsideCallers(t *testing.T) {
	src := filepath.Join("..", "..", "testdata", "fix", "module-outside")
	t.Run("outside", func(t *testing.T) {
		tmp := t.TempDir()
		copyTree(t, src, tmp)
		orig := readTree(t, tmp)
		r := lintIn(t, tmp, "--fix", "--fix-checks", "TKESG101", "envA")
		if got := readTree(t, tmp); !equalTrees(got, orig) {
			t.Errorf("--fix envA changed files:\n%s", r.stderr)
		}
		want := "no fix: the edit of modules/nodes/main.tf changes a module that envB/main.tf:6 calls too, which the scan (envA) does not read: the proof covers only the root modules linted; to have the fix offered, lint a folder that holds every caller, e.g. `tkesglint --fix .`"
		if !strings.Contains(r.stdout+r.stderr, want) {
			t.Errorf("--fix envA does not say\n%s\n%s%s", want, r.stdout, r.stderr)
		}
		// Every way of offering fixes proves them alike: the JSON report
		// (as SARIF and rdjson) has none.
		j := lintIn(t, tmp, "--format", "json", "envA")
		var rep fixReport
		if err := json.Unmarshal([]byte(j.stdout), &rep); err != nil {
			t.Fatalf("%v\n%s", err, j.stderr)
		}
		for _, f := range rep.Findings {
			if len(f.Fixes) > 0 {
				t.Errorf("%s has a fix: %s", f.Check, f.Fixes[0].Message)
			}
		}
	})
	t.Run("json-caller", func(t *testing.T) {
		// envB's call in mod.tf.json, on one line, as a generator writes it.
		tmp := t.TempDir()
		copyTree(t, src, tmp)
		mainB := filepath.Join(tmp, "envB", "main.tf")
		b, err := os.ReadFile(mainB)
		if err != nil {
			t.Fatal(err)
		}
		call := "module \"nodes\" {\n  source = \"../modules/nodes\"\n  name   = \"fix-module-outside-B-nodes\"\n}\n\n"
		if !strings.Contains(string(b), call) {
			t.Fatalf("envB/main.tf has no call %q", call)
		}
		if err := os.WriteFile(mainB, []byte(strings.Replace(string(b), call, "", 1)), 0o600); err != nil {
			t.Fatal(err)
		}
		js := `{"module":{"nodes":{"source":"../modules/nodes","name":"fix-module-outside-B-nodes"}}}`
		if err := os.WriteFile(filepath.Join(tmp, "envB", "mod.tf.json"), []byte(js), 0o600); err != nil {
			t.Fatal(err)
		}
		orig := readTree(t, tmp)
		r := lintIn(t, tmp, "--fix", "--fix-checks", "TKESG101", "envA")
		if got := readTree(t, tmp); !equalTrees(got, orig) {
			t.Errorf("--fix envA changed files:\n%s", r.stderr)
		}
		want := "no fix: the edit of modules/nodes/main.tf changes a module that envB/mod.tf.json:1 calls too, which the scan (envA) does not read"
		if !strings.Contains(r.stdout+r.stderr, want) {
			t.Errorf("--fix envA does not say\n%s\n%s%s", want, r.stdout, r.stderr)
		}
	})
	t.Run("inside", func(t *testing.T) {
		// Run from envA: the module is outside the working folder too.
		tmp := t.TempDir()
		copyTree(t, src, tmp)
		r := lintIn(t, filepath.Join(tmp, "envA"), ".")
		want := "no fix: the edit of ../modules/nodes/main.tf changes a module that ../envB/main.tf:6 calls too, which the scan (.) does not read"
		if !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "e.g. `tkesglint --fix ..`") {
			t.Errorf("lint of envA from envA does not say\n%s\n%s", want, r.stdout)
		}
	})
	t.Run("excluded", func(t *testing.T) {
		tmp := t.TempDir()
		copyTree(t, src, tmp)
		r := lintIn(t, tmp, "--exclude", "envB", ".")
		want := "no fix: the edit of modules/nodes/main.tf changes a module that envB/main.tf:6 calls too, which the scan leaves out (--exclude or exclude in .tkesglint.yml): the proof covers only the root modules linted; to have the fix offered, lint without excluding the callers"
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--exclude envB does not say\n%s\n%s", want, r.stdout)
		}
	})
	t.Run("only-caller", func(t *testing.T) {
		// With envA the module's only caller, the proof sees every group
		// the edit changes: the fix is made.
		tmp := t.TempDir()
		copyTree(t, src, tmp)
		if err := os.RemoveAll(filepath.Join(tmp, "envB")); err != nil {
			t.Fatal(err)
		}
		orig := readTree(t, tmp)
		r := lintIn(t, tmp, "--fix", "--fix-checks", "TKESG101", "envA")
		if got := readTree(t, tmp); equalTrees(got, orig) {
			t.Errorf("--fix envA, the only caller, fixed nothing:\n%s%s", r.stdout, r.stderr)
		}
	})
}
