package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tkesglint/tkesglint/rulesets"
)

// strictSchema loads docs/json-schema.json with additionalProperties false
// added to every object that lists its properties, so that a field the
// output gains without being documented fails the test.
func strictSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "docs", "json-schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var strict func(any)
	strict = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["properties"]; ok {
				v["additionalProperties"] = false
			}
			for _, c := range v {
				strict(c)
			}
		case []any:
			for _, c := range v {
				strict(c)
			}
		}
	}
	strict(doc)
	c := jsonschema.NewCompiler()
	if err := c.AddResource("json-schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("json-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestJSONSchema validates real JSON output, with findings, suppressions,
// related locations and errors, against docs/json-schema.json.
func TestJSONSchema(t *testing.T) {
	schema := strictSchema(t)
	for _, target := range []string{suppressDir, e2eDir + "/exposed", e2eDir + "/parse-error", e2eDir + "/healthy", "examples"} {
		r := runReal(t, "--format", "json", target)
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(r.stdout))
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("the JSON output of %s does not follow docs/json-schema.json: %v", target, err)
		}
	}
	// The schema rejects what it must reject.
	bad := `{"version": 1, "tool": {"name": "tkesglint", "version": "1"}, "findings": [], "errors": [], "summary": {}}`
	v, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if schema.Validate(v) == nil {
		t.Error("the schema accepts a summary without its fields")
	}
}

// unescapeGitHub undoes the escaping of workflow commands as the Actions
// runner does (ActionCommand.cs: %0D, %0A, %3A, %2C, then %25).
func unescapeGitHub(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// parseCommand splits "::cmd k=v,k=v::message" as the runner does.
func parseCommand(t *testing.T, line string) (cmd string, props map[string]string, msg string) {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		t.Fatalf("not a workflow command: %q", line)
	}
	head, msg, ok := strings.Cut(rest, "::")
	if !ok {
		t.Fatalf("no message separator: %q", line)
	}
	cmd, list, _ := strings.Cut(head, " ")
	props = map[string]string{}
	for kv := range strings.SplitSeq(list, ",") {
		k, v, _ := strings.Cut(kv, "=")
		props[k] = unescapeGitHub(v)
	}
	return cmd, props, unescapeGitHub(msg)
}

func TestGitHubFormat(t *testing.T) {
	r := runReal(t, "--format", "github", suppressDir)
	if r.code != exitFindings {
		t.Fatalf("exit status %d", r.code)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	seen := map[string]bool{}
	for _, line := range lines {
		cmd, props, msg := parseCommand(t, line)
		if cmd != "error" && cmd != "warning" && cmd != "notice" {
			t.Errorf("unknown command %q", cmd)
		}
		if props["file"] == "" || props["line"] == "" || props["title"] == "" || msg == "" {
			t.Errorf("incomplete annotation: %q", line)
		}
		seen[props["title"]+" "+props["file"]+":"+props["line"]] = true
		if strings.Contains(line, "\n") {
			t.Errorf("a raw line break in %q", line)
		}
	}
	for _, want := range []string{"TKESG203 testdata/suppress/main.tf:30", "TKESG001 testdata/suppress/.tkesglint.yml:6"} {
		if !seen[want] {
			t.Errorf("no annotation %s in:\n%s", want, r.stdout)
		}
	}
	if seen["TKESG202 testdata/suppress/main.tf:13"] {
		t.Error("a suppressed finding is annotated")
	}
	// Escaping: a message with %, :, , and a line break, and a file name
	// with : and , survive the runner's unescaping.
	r = runIn(t, map[string]string{"a,b:c%.tf": worldSSHTF}, "--format", "github", ".")
	_, props, msg := parseCommand(t, strings.Split(r.stdout, "\n")[0])
	if props["file"] != "a,b:c%.tf" || !strings.Contains(msg, "\n") || !strings.Contains(msg, "(0.0.0.0/0): TCP 22") {
		t.Errorf("escaping lost something: file %q, message %q, raw %q", props["file"], msg, r.stdout)
	}
}

func TestCheckstyleFormat(t *testing.T) {
	r := runReal(t, "--format", "checkstyle", suppressDir)
	var doc struct {
		XMLName xml.Name `xml:"checkstyle"`
		Version string   `xml:"version,attr"`
		Files   []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     int    `xml:"line,attr"`
				Column   int    `xml:"column,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, r.stdout)
	}
	var names []string
	n := 0
	for _, f := range doc.Files {
		names = append(names, f.Name)
		for _, e := range f.Errors {
			n++
			if e.Line == 0 || e.Message == "" || !strings.HasPrefix(e.Source, "tkesglint.TKESG") || (e.Severity != "error" && e.Severity != "warning" && e.Severity != "info") {
				t.Errorf("incomplete error in %s: %+v", f.Name, e)
			}
		}
	}
	if !strings.HasPrefix(r.stdout, `<?xml version="1.0" encoding="UTF-8"?>`) || doc.Version == "" {
		t.Errorf("no XML declaration or version:\n%s", r.stdout)
	}
	d := decodeJSON(t, runReal(t, "--format", "json", suppressDir).stdout)
	open := 0
	for _, f := range d.Findings {
		if f.Suppressed == nil {
			open++
		}
	}
	if n != open {
		t.Errorf("checkstyle has %d errors, want the %d findings that are not suppressed", n, open)
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("files are not sorted and unique: %v", names)
		}
	}
}

// TestJobsSameBytes: parsing and analyzing in parallel does not change a
// byte of any format.
func TestJobsSameBytes(t *testing.T) {
	targets := []string{"examples", "testdata/e2e", suppressDir, "testdata/terraform", "testdata/template"}
	for _, format := range []string{"text", "json", "sarif", "github", "checkstyle"} {
		args := append([]string{"--format", format}, targets...)
		one := runReal(t, append([]string{"--jobs", "1"}, args...)...)
		for _, jobs := range []string{"4", "16"} {
			many := runReal(t, append([]string{"--jobs", jobs}, args...)...)
			if one.stdout != many.stdout || one.code != many.code {
				t.Errorf("--format %s: --jobs %s differs from --jobs 1", format, jobs)
			}
		}
	}
	if r := runReal(t, "--jobs", "0", "."); r.code != exitFailure {
		t.Errorf("--jobs 0 is accepted")
	}
}

// worldSSHTF is one SG that accepts SSH from the world: TKESG202 at
// main.tf:7.
const worldSSHTF = `resource "tencentcloud_security_group" "x" {
  name = "x"
}

resource "tencentcloud_security_group_rule_set" "x" {
  security_group_id = tencentcloud_security_group.x.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
}
`

func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": worldSSHTF})
	run := func(args ...string) result {
		c, stdout, stderr := newTestCLI(t, rulesets.All)
		c.dir = dir
		code := c.run(t.Context(), append([]string{"--no-color"}, args...))
		return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
	}
	if r := run("--write-baseline", "base.json", "."); r.code != exitFindings {
		t.Fatalf("writing a baseline: exit %d, stderr %s", r.code, r.stderr)
	}
	first, err := os.ReadFile(filepath.Join(dir, "base.json"))
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		Version  int `json:"version"`
		Findings []struct {
			Fingerprint, Check string
		} `json:"findings"`
	}
	if err := json.Unmarshal(first, &b); err != nil || b.Version != 2 || len(b.Findings) != 1 || b.Findings[0].Check != "TKESG202" {
		t.Fatalf("baseline: %v\n%s", err, first)
	}
	// Move the block down: the finding stays baselined.
	writeFiles(t, dir, map[string]string{"main.tf": "# moved\n\n\n\nlocals {\n  a = 1\n}\n\n" + worldSSHTF})
	r := run("--baseline", "base.json", ".")
	if r.code != exitOK || strings.Contains(r.stdout, "TKESG202") || !strings.Contains(r.stdout, "0 findings") || !strings.Contains(r.stdout, "1 suppressed") {
		t.Errorf("with the baseline after a move: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run("--baseline", "base.json", "--format", "sarif", "--sarif-include", "suppressed", ".")
	if !strings.Contains(r.stdout, `"kind": "external"`) || !strings.Contains(r.stdout, `"justification": "baseline"`) {
		t.Errorf("SARIF lacks the baseline suppression:\n%s", r.stdout)
	}
	// Writing again, with the baseline applied, gives the same bytes.
	run("--baseline", "base.json", "--write-baseline", "again.json", ".")
	again, err := os.ReadFile(filepath.Join(dir, "again.json"))
	if err != nil || !bytes.Equal(first, again) {
		t.Errorf("the baseline changed on rewrite:\n%s\n%s", first, again)
	}
	// A new finding is not baselined.
	writeFiles(t, dir, map[string]string{"main.tf": strings.Replace(worldSSHTF, `"22"`, `"3389"`, 1)})
	if r := run("--baseline", "base.json", "."); r.code != exitFindings {
		t.Errorf("a new finding passes the baseline: exit %d\n%s", r.code, r.stdout)
	}
	// A broken baseline is an error.
	writeFiles(t, dir, map[string]string{"bad.json": `{"version": 9, "findings": []}`})
	if r := run("--baseline", "bad.json", "."); r.code != exitFailure || !strings.Contains(r.stderr, "baseline version 9") {
		t.Errorf("a bad baseline: exit %d, stderr %s", r.code, r.stderr)
	}
}

func TestProgress(t *testing.T) {
	for _, tc := range []struct {
		name     string
		terminal bool
		ci       string
		want     bool
	}{
		{"terminal", true, "", true},
		{"pipe", false, "", false},
		{"CI", true, "true", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _, stderr := newTestCLI(t, rulesets.All)
			c.isTerminal = func(w io.Writer) bool { return tc.terminal && w == c.stderr }
			c.getenv = func(k string) string {
				if k == "CI" {
					return tc.ci
				}
				return ""
			}
			// Every clock read is 300ms after the previous one.
			clock := c.now()
			c.now = func() time.Time { clock = clock.Add(300 * time.Millisecond); return clock }
			c.run(t.Context(), []string{"--format", "json", "examples", suppressDir})
			got := stderr.String()
			if shown := strings.Contains(got, "linting ") && strings.Contains(got, " files…"); shown != tc.want {
				t.Errorf("progress shown: %v, want %v; stderr %q", shown, tc.want, got)
			}
			if tc.want && !strings.HasSuffix(got, "\r\x1b[K") {
				t.Errorf("the progress line is not cleared at the end: %q", got)
			}
		})
	}
}

// TestSARIFURIs: artifact locations are URI references (RFC 3986): spaces,
// colons and non-ASCII characters are percent-encoded, and a file name that
// is not UTF-8 is named exactly, with a notice instead of a silent U+FFFD.
func TestSARIFURIs(t *testing.T) {
	names := map[string]string{
		"my dir/main.tf":  "my%20dir/main.tf",
		"a:b/main.tf":     "a%3Ab/main.tf",
		"节点/main.tf":      "%E8%8A%82%E7%82%B9/main.tf",
		"100%/main.tf":    "100%25/main.tf",
		"caf\xe9/main.tf": "caf%E9/main.tf",
	}
	dir := t.TempDir()
	for name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Skipf("this file system refuses the name %q: %v", name, err)
		}
		if err := os.WriteFile(p, []byte(worldSSHTF), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	run := func(format string) string {
		c, stdout, _ := newTestCLI(t, rulesets.All)
		c.dir = dir
		c.run(t.Context(), []string{"--format", format, "."})
		return stdout.String()
	}
	log := run("sarif")
	var got []string
	for _, r := range sarifResults(t, log) {
		got = append(got, r.file)
	}
	for name, uri := range names {
		if !slices.Contains(got, uri) {
			t.Errorf("no result at %q (for %q) among %q", uri, name, got)
		}
		if back, err := url.PathUnescape(uri); err != nil || back != name {
			t.Errorf("%q decodes to %q (%v), not %q", uri, back, err, name)
		}
	}
	if !strings.Contains(log, `"uri": "caf%E9/main.tf"`) || !strings.Contains(log, "the name of this file is not UTF-8") {
		t.Errorf("the name that is not UTF-8 is not reported:\n%s", log)
	}
	if strings.ContainsRune(log, utf8.RuneError) {
		t.Error("the SARIF log holds U+FFFD")
	}
	if js := run("json"); strings.ContainsRune(js, utf8.RuneError) || !strings.Contains(js, `"file": "caf\\xe9/main.tf"`) {
		t.Errorf("the JSON output mangles the name:\n%s", js)
	}
}
