package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDryRunFormats: --fix --dry-run gives stdout to the diff and stderr
// to what it would fix, so a document format (JSON, SARIF, XML, a report)
// that names no file is a usage error that says how to give it one; with
// its own file or --output it parses, and the diff alone is on stdout.
// Text and github, read line by line, may share stderr.
func TestDryRunFormats(t *testing.T) {
	tmp := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "testdata", "fix", "lite-variable"), tmp)
	for _, format := range []string{"json", "sarif", "checkstyle", "rdjson", "markdown", "html"} {
		r := lintIn(t, tmp, "--fix", "--dry-run", "--format", format, ".")
		if r.code != exitFailure || r.stdout != "" || !strings.Contains(r.stderr, "give it a file (--format "+format+"=FILE)") {
			t.Errorf("--fix --dry-run --format %s: exit %d, want %d with a usage error that names --format %s=FILE\nstdout:\n%s\nstderr:\n%s", format, r.code, exitFailure, format, r.stdout, r.stderr)
		}
	}
	text := lintIn(t, tmp, "--fix", "--dry-run", ".")
	if text.code != exitOK || !strings.HasPrefix(text.stdout, "--- a/main.tf\n") {
		t.Fatalf("--fix --dry-run: exit %d, want %d (the fixes leave no finding) and the diff on stdout\nstdout:\n%s\nstderr:\n%s", text.code, exitOK, text.stdout, text.stderr)
	}
	for _, args := range [][]string{
		{"--format", "json=" + filepath.Join(tmp, "log.json")},
		{"--format", "sarif", "--output", filepath.Join(tmp, "log.sarif")},
		{"--format", "text,json=" + filepath.Join(tmp, "both.json")},
		{"--format", "github"},
	} {
		r := lintIn(t, tmp, append([]string{"--fix", "--dry-run"}, args...)...)
		if r.code != text.code || r.stdout != text.stdout {
			t.Errorf("--fix --dry-run %s: exit %d, want %d and the diff alone on stdout\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, text.code, r.stdout, r.stderr)
		}
	}
	for _, name := range []string{"log.json", "log.sarif", "both.json"} {
		src, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(src) {
			t.Errorf("%s does not parse:\n%s", name, src)
		}
	}
}
