package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/fix"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/rulesets"
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

// TestFixUnwritableFile: when a file a fix edits cannot be written, the
// fix is not said to be made, the other fixes are, and the findings and
// the exit status are those of the files as --fix leaves them, read again
// from disk. The write fails through an injected writer, as root writes
// read-only files.
func TestFixUnwritableFile(t *testing.T) {
	tmp := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "testdata", "fix", "lite-variable"), tmp)
	before := readTree(t, tmp)
	c, stdout, stderr := newTestCLI(t, rulesets.All)
	c.dir = tmp
	c.writeFile = func(p string, src []byte) error {
		if filepath.Base(p) == "terraform.tfvars" {
			return fmt.Errorf("open %s: %w", p, fs.ErrPermission)
		}
		return writeKeepingMode(p, src)
	}
	code := c.run(t.Context(), []string{"--no-color", "--fix", "."})
	after := readTree(t, tmp)
	if !bytes.Equal(after["terraform.tfvars"], before["terraform.tfvars"]) || bytes.Equal(after["main.tf"], before["main.tf"]) {
		t.Fatalf("--fix wrote:\n%s", treeDiff(t, before, after))
	}
	if code != exitFailure {
		t.Errorf("--fix exits %d, want %d (a file could not be written)", code, exitFailure)
	}
	for _, want := range []string{
		"tkesglint: write the fix of terraform.tfvars: open " + filepath.Join(tmp, "terraform.tfvars") + ": permission denied\n",
		"tkesglint: fixed main.tf:24:24 TKESG105: ",
		"tkesglint: not fixed main.tf:34:26 TKESG101 (terraform.tfvars could not be written): Add ACCEPT ALL from 172.16.0.0/16 ",
		"tkesglint: 1 fix changed main.tf\n",
		"tkesglint: 1 fix was not written, as terraform.tfvars could not be: the findings are those of the files as they are left\n",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr.String(), "tkesglint: fixed main.tf:34:26") || strings.Contains(stderr.String(), "2 fixes") {
		t.Errorf("stderr counts the unwritten fix as made:\n%s", stderr)
	}
	left := lintIn(t, tmp, ".")
	if got, want := findingLines(stdout.String()), findingLines(left.stdout); len(want) != 1 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("--fix reports %q, the files as left have %q (want 1 finding)\n%s", got, want, stdout)
	}
	if !strings.Contains(stdout.String(), "1 finding (1 error,") {
		t.Errorf("--fix does not count the finding left:\n%s", stdout)
	}
}

// TestFixSummaryPartlyWritten: a fix whose edits span a file that was
// written and one that was not is not made, and the line says which part
// is on disk; the count names only the fixes made.
func TestFixSummaryPartlyWritten(t *testing.T) {
	applied := func(id string, line int, files ...string) fix.Applied {
		return fix.Applied{
			Finding: driver.Finding{Finding: checker.Finding{Check: &analysis.Check{ID: id}, Range: model.Range{Filename: "main.tf", Start: model.Pos{Line: line, Column: 1}}}},
			Message: "edit " + strings.Join(files, " and "),
			Files:   files,
		}
	}
	out := &fix.Outcome{
		Files:   map[string][]byte{"main.tf": nil, "vars.tfvars": nil, "other.tf": nil},
		Applied: []fix.Applied{applied("TKESG101", 3, "main.tf", "vars.tfvars"), applied("TKESG105", 9, "other.tf")},
	}
	var b bytes.Buffer
	writeFixSummary(&b, out, &driver.Result{}, []string{"vars.tfvars"}, false, nil)
	want := "tkesglint: not fixed main.tf:3:1 TKESG101 (vars.tfvars could not be written; its part in main.tf was): edit main.tf and vars.tfvars\n" +
		"tkesglint: fixed main.tf:9:1 TKESG105: edit other.tf\n" +
		"tkesglint: 1 fix changed other.tf\n" +
		"tkesglint: 1 fix was not written, as vars.tfvars could not be: the findings are those of the files as they are left\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", &b, want)
	}
}

// TestNoFixVarFile: a rule list that --var-file gives is not edited, and
// the finding says which rules to add, and where in the list (above the
// DROP that breaks the requirement, element 2 of the file's list).
func TestNoFixVarFile(t *testing.T) {
	tmp := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "testdata", "fix", "lite-variable"), tmp)
	writeFiles(t, tmp, map[string]string{"ops.tfvars": `node_ingress = [
  "ACCEPT#10.0.0.0/16#ALL#ALL",
  "DROP#172.16.0.0/12#ALL#ALL",
  "ACCEPT#0.0.0.0/0#30000-32768#TCP",
  "ACCEPT#0.0.0.0/0#30000-32768#UDP",
]
`})
	r := lintIn(t, tmp, "--var-file", "ops.tfvars", ".")
	want := `no fix: var.node_ingress is set with --var or --var-file, whose value wins over the files a fix may edit (it edits no file --var-file names); ` +
		`add "ACCEPT#172.16.0.0/12#30000-32768#TCP", "ACCEPT#172.16.0.0/12#30000-32768#UDP", "ACCEPT#172.16.0.0/16#ALL#ALL" to it before its element 2, "DROP#172.16.0.0/12#ALL#ALL"` + "\n"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("the finding does not say where to add the rules, want %q:\n%s", want, r.stdout)
	}
}
