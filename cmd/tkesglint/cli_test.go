package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/rulesets"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/e2e")

// e2eDir is the folder of the end-to-end fixtures, relative to the
// repository root, which is the working directory of every test run.
const e2eDir = "testdata/e2e"

// testVersion is the version the golden files show.
const testVersion = "1.2.3-test"

type result struct {
	code           int
	stdout, stderr string
}

// newTestCLI returns a CLI with a fixed clock (every run takes 42ms), a fixed
// version, no terminal, no environment, run from the repository root.
func newTestCLI(t *testing.T, analyzers func(rulesets.Options) []*analysis.Analyzer) (c *cli, stdout, stderr *bytes.Buffer) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	calls := 0
	c = &cli{
		stdout:     stdout,
		stderr:     stderr,
		dir:        root,
		getenv:     func(string) string { return "" },
		isTerminal: func(io.Writer) bool { return false },
		now: func() time.Time {
			calls++
			return t0.Add(time.Duration(calls-1) * 42 * time.Millisecond)
		},
		version:   testVersion,
		analyzers: analyzers,
	}
	return c, stdout, stderr
}

// runFake runs the CLI with the fake parser and analyzers.
func runFake(t *testing.T, args ...string) result {
	t.Helper()
	c, stdout, stderr := newTestCLI(t, fakeAnalyzers)
	c.parseTree = fakeParseTree
	code := c.run(t.Context(), args)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// runReal runs the CLI with the real parser and the built-in analyzers.
func runReal(t *testing.T, args ...string) result {
	t.Helper()
	c, stdout, stderr := newTestCLI(t, rulesets.All)
	code := c.run(t.Context(), args)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// golden compares got with the file at path (relative to the repository
// root), or rewrites the file under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	full := filepath.Join("..", "..", filepath.FromSlash(path))
	if *update {
		if err := os.WriteFile(full, []byte(got), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(full)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/tkesglint -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got); review and run with -update if intended:\n%s", path, diff)
	}
}

func TestFakeGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		code int
	}{
		{"fake-findings", exitFindings},
		{"fake-broken", exitFailure},
		{"fake-clean", exitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := e2eDir + "/" + tc.name
			for _, format := range []string{"text", "json", "sarif"} {
				r := runFake(t, "--format", format, dir)
				if r.code != tc.code {
					t.Errorf("--format %s: exit status %d, want %d; stderr:\n%s", format, r.code, tc.code, r.stderr)
				}
				golden(t, dir+"/want."+ext(format), r.stdout)
			}
		})
	}
}

// ext is the golden file extension of a format.
func ext(format string) string {
	if format == "text" {
		return "txt"
	}
	return format
}

// TestE2E runs the real parser and checks over every fixture folder that is
// not a fake one, against golden files and the exit status in want.exit.
func TestE2E(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("..", "..", e2eDir))
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), "fake-") {
			continue
		}
		ran++
		t.Run(e.Name(), func(t *testing.T) {
			dir := e2eDir + "/" + e.Name()
			codes := map[int]bool{}
			for _, format := range []string{"text", "json", "sarif"} {
				r := runReal(t, "--format", format, dir)
				codes[r.code] = true
				golden(t, dir+"/want."+ext(format), r.stdout)
				if format == "text" {
					golden(t, dir+"/want.exit", strconv.Itoa(r.code)+"\n")
				}
			}
			if len(codes) != 1 {
				t.Errorf("the exit status depends on the format: %v", codes)
			}
			if e.Name() == "parse-error" {
				r := runReal(t, dir)
				if r.code != exitFailure || !strings.Contains(r.stdout, dir+"/broken.tf:3:") {
					t.Errorf("a syntax error must be located in broken.tf and give exit status %d; got %d:\n%s", exitFailure, r.code, r.stdout)
				}
			}
		})
	}
	if ran == 0 {
		t.Fatal("found no end-to-end fixtures")
	}
}

func TestBrokenBesideGood(t *testing.T) {
	r := runFake(t, e2eDir+"/fake-broken")
	if r.code != exitFailure {
		t.Errorf("exit status %d, want %d", r.code, exitFailure)
	}
	for _, want := range []string{
		"testdata/e2e/fake-broken/broken.tf:3:13: error: invalid syntax",
		"testdata/e2e/fake-broken/good.tf:6:5: error TKESG990:",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.stderr != "" {
		t.Errorf("errors went to stdout with the text; stderr should be empty, is:\n%s", r.stderr)
	}
	// Without text on stdout, errors also go to stderr.
	r = runFake(t, "--format", "json", e2eDir+"/fake-broken")
	if !strings.Contains(r.stderr, "broken.tf:3:13: invalid syntax") {
		t.Errorf("stderr lacks the parse error:\n%s", r.stderr)
	}
}

func TestExitStatus(t *testing.T) {
	findings := e2eDir + "/fake-findings"
	notes := e2eDir + "/fake-findings/sub"
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"default fails on warning", []string{findings}, exitFindings},
		{"fail-on none", []string{"--fail-on", "none", findings}, exitOK},
		{"fail-on error", []string{"--fail-on=error", findings}, exitFindings},
		{"notes only", []string{notes}, exitOK},
		{"notes only fail-on note", []string{"--fail-on", "note", notes}, exitFindings},
		{"clean", []string{e2eDir + "/fake-clean"}, exitOK},
		{"missing path", []string{"testdata/e2e/no-such-folder"}, exitFailure},
		{"missing path beside findings", []string{"testdata/e2e/no-such-folder", findings}, exitFailure},
		{"unknown flag", []string{"--bogus"}, exitFailure},
		{"bad fail-on", []string{"--fail-on", "fatal"}, exitFailure},
		{"bad var", []string{"--var", "novalue"}, exitFailure},
		{"unknown format", []string{"--format", "xml"}, exitFailure},
		{"two formats on stdout", []string{"--format", "json,sarif"}, exitFailure},
		{"help", []string{"-h"}, exitOK},
		{"version", []string{"version"}, exitOK},
		{"version with argument", []string{"version", "x"}, exitFailure},
		{"explain unknown", []string{"explain", "TKESG000"}, exitFailure},
		{"explain without id", []string{"explain"}, exitFailure},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runFake(t, tc.args...)
			if r.code != tc.want {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.want, r.stdout, r.stderr)
			}
		})
	}
}

func TestPanicsAreErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a/main.tf", "x = 1 # PANIC\n")
	write("b/main.tf", "y = 1 # fake TKESG990 still reported\n")
	write("c/main.tf", "# ANALYZER-PANIC\n")
	r := runFake(t, "--format", "json", dir)
	if r.code != exitFailure {
		t.Errorf("exit status %d, want %d", r.code, exitFailure)
	}
	for _, want := range []string{
		`"message": "internal error in the terraform parser: fake parser: cannot go on at `,
		`"message": "analyzer fakefailing failed: panic: fake analyzer panic"`,
		`"check": "TKESG990"`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %s:\n%s", want, r.stdout)
		}
	}
	write("c/main.tf", "# ANALYZER-ERROR\n")
	r = runFake(t, "--format", "json", dir)
	if !strings.Contains(r.stdout, `"message": "analyzer fakefailing failed: fake analyzer failure"`) {
		t.Errorf("output lacks the analyzer failure:\n%s", r.stdout)
	}
}

func TestDeterminism(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif"} {
		args := []string{"--format", format, e2eDir, "examples"}
		first := runFake(t, args...)
		second := runFake(t, args...)
		if first.stdout != second.stdout {
			t.Errorf("--format %s: two runs differ:\n%s", format, cmp.Diff(first.stdout, second.stdout))
		}
		real1, real2 := runReal(t, args...), runReal(t, args...)
		if real1.stdout != real2.stdout {
			t.Errorf("--format %s with the real checks: two runs differ:\n%s", format, cmp.Diff(real1.stdout, real2.stdout))
		}
	}
}

func TestFormatsToFiles(t *testing.T) {
	dir := t.TempDir()
	sarifPath := filepath.Join(dir, "out.sarif")
	textPath := filepath.Join(dir, "out.txt")
	r := runFake(t, "--format", "sarif="+sarifPath+",text", "--format", "json", "--output", textPath, e2eDir+"/fake-findings")
	if r.code != exitFailure {
		// json and text both go to --output: refused.
		t.Fatalf("exit status %d, want %d (two formats on one file)", r.code, exitFailure)
	}
	r = runFake(t, "--format", "sarif="+sarifPath+",text", "--output", textPath, e2eDir+"/fake-findings")
	if r.code != exitFindings {
		t.Fatalf("exit status %d, want %d; stderr:\n%s", r.code, exitFindings, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout should be empty, is:\n%s", r.stdout)
	}
	sarifOut, err := os.ReadFile(sarifPath)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, e2eDir+"/fake-findings/want.sarif", string(sarifOut))
	textOut, err := os.ReadFile(textPath)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, e2eDir+"/fake-findings/want.txt", string(textOut))

	r = runFake(t, "--format", "json="+filepath.Join(dir, "missing", "x.json"), e2eDir+"/fake-findings")
	if r.code != exitFailure || !strings.Contains(r.stderr, "write json output") {
		t.Errorf("an unwritable output: exit status %d, stderr %q", r.code, r.stderr)
	}
}

func TestColor(t *testing.T) {
	for _, tc := range []struct {
		name     string
		terminal bool
		noColor  string
		args     []string
		want     bool
	}{
		{"terminal", true, "", nil, true},
		{"pipe", false, "", nil, false},
		{"NO_COLOR", true, "1", nil, false},
		{"--no-color", true, "", []string{"--no-color"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, stdout, _ := newTestCLI(t, fakeAnalyzers)
			c.parseTree = fakeParseTree
			c.isTerminal = func(io.Writer) bool { return tc.terminal }
			c.getenv = func(k string) string {
				if k == "NO_COLOR" {
					return tc.noColor
				}
				return ""
			}
			c.run(t.Context(), append(tc.args, e2eDir+"/fake-findings"))
			if got := strings.Contains(stdout.String(), "\x1b["); got != tc.want {
				t.Errorf("color: %v, want %v", got, tc.want)
			}
		})
	}
}

func TestQuiet(t *testing.T) {
	r := runFake(t, "--quiet", e2eDir+"/fake-clean")
	if r.stdout != "" {
		t.Errorf("--quiet on clean input printed:\n%s", r.stdout)
	}
}

func TestSubcommands(t *testing.T) {
	r := runFake(t, "rules")
	golden(t, e2eDir+"/fake-findings/want-rules.txt", r.stdout)
	r = runFake(t, "explain", "tkesg990")
	golden(t, e2eDir+"/fake-findings/want-explain.txt", r.stdout)
	r = runFake(t, "version")
	if r.stdout != "tkesglint "+testVersion+"\n" {
		t.Errorf("version printed %q", r.stdout)
	}
	if r := runReal(t, "rules"); r.code != exitOK || !strings.HasPrefix(r.stdout, "ID") {
		t.Errorf("rules with the built-in checks: status %d, output:\n%s", r.code, r.stdout)
	}
}

func TestFlagsAfterPaths(t *testing.T) {
	opts, err := parseFlags([]string{"a", "--format", "json", "b", "--var", "x=1=2", "--", "--c"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b", "--c"}, opts.paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if opts.vars["x"] != "1=2" || len(opts.formats) != 1 || opts.formats[0].name != "json" {
		t.Errorf("options: %+v", opts)
	}
}

// TestCommandLine: a command is the first argument that is neither a flag
// nor a flag's value, so flags go before or after it; after "--" a word is
// a path, even one named like a command.
func TestCommandLine(t *testing.T) {
	cmds := commands()
	for _, tc := range []struct {
		args []string
		want string // the command's name; "" for a lint run
		at   int
	}{
		{[]string{"diff", "HEAD"}, "diff", 0},
		{[]string{"--no-color", "diff", "HEAD"}, "diff", 1},
		{[]string{"--format", "json", "diff", "HEAD"}, "diff", 2},
		{[]string{"--format=json", "diff"}, "diff", 1},
		{[]string{"--output", "diff", "rules"}, "rules", 2},
		{[]string{"infra", "diff"}, "", -1},
		{[]string{"--", "diff"}, "", -1},
		{[]string{"--stdio", "lsp"}, "lsp", 1},
	} {
		cmd, at := findCommand(cmds, tc.args)
		if cmd.name != tc.want || at != tc.at {
			t.Errorf("%q: command %q at %d, want %q at %d", tc.args, cmd.name, at, tc.want, tc.at)
		}
	}
	r := runFake(t, "--", "diff")
	if r.code != exitFailure || !strings.Contains(r.stdout, "diff: error: cannot read path") {
		t.Errorf("-- diff did not lint the path diff: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runFake(t, "--quiet", "--format", "json", e2eDir+"/fake-clean")
	if r.code != exitOK || !strings.Contains(r.stdout, `"successful": true`) {
		t.Errorf("flags before the paths: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runFake(t, "--no-color", "rules"); r.code != exitFailure || !strings.Contains(r.stderr, "rules: flag provided but not defined: -no-color") {
		t.Errorf("a flag rules does not take: exit %d, stderr %s", r.code, r.stderr)
	}
	for _, args := range [][]string{{"-h"}, {"help"}} {
		if r := runFake(t, args...); r.code != exitOK || r.stdout != usageText(commands()) {
			t.Errorf("%q: exit %d, printed:\n%s", args, r.code, r.stdout)
		}
	}
	// A command's -h prints that command's usage and flags.
	diff, _ := findCommand(commands(), []string{"diff"})
	for _, args := range [][]string{{"diff", "-h"}, {"--help", "diff"}} {
		if r := runFake(t, args...); r.code != exitOK || r.stdout != usageText([]*command{diff}) {
			t.Errorf("%q: exit %d, printed:\n%s", args, r.code, r.stdout)
		}
	}
}

// TestUsage: the usage names every command and flag, from their
// definitions.
func TestUsage(t *testing.T) {
	u := usageText(commands())
	for _, cmd := range commands() {
		if !strings.Contains(u, "  tkesglint "+cmd.name) {
			t.Errorf("the usage lacks the command %q", cmd.name)
		}
		for _, g := range cmd.flags {
			for _, d := range g.flags {
				if !strings.Contains(u, "  --"+d.name+" "+d.arg) && !strings.Contains(u, "  --"+d.name+"\n") {
					t.Errorf("the usage lacks --%s", d.name)
				}
			}
		}
	}
	for i, line := range strings.Split(u, "\n") {
		if len([]rune(line)) > 90 {
			t.Errorf("usage line %d is %d characters long: %q", i+1, len([]rune(line)), line)
		}
	}
}

// TestRun calls the real entry point once, as main does.
func TestRun(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), []string{"--format", "json", "../../" + e2eDir + "/fake-clean"}, &stdout, &stderr)
	if code != exitOK {
		t.Errorf("exit status %d, want %d; stderr:\n%s", code, exitOK, stderr.String())
	}
	if !strings.Contains(stdout.String(), `"successful": true`) {
		t.Errorf("unexpected output:\n%s", stdout.String())
	}
}
