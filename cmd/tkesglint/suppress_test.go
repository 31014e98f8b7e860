package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/docs"
	"github.com/tkesglint/tkesglint/rulesets"
)

// suppressDir holds the fixture of inline and configuration suppressions.
const suppressDir = "testdata/suppress"

// TestSuppressFixture runs the real checks over testdata/suppress: comments
// above blocks, trailing, several ids, expiry, a missing reason, malformed,
// unused, TKESG001 suppressed, a module call, a YAML template, and
// configuration entries. The golden files show every case.
func TestSuppressFixture(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif"} {
		// The SARIF golden file shows every kind of suppression: they are in
		// a log only with --sarif-include (see TestSARIFSelection).
		r := runReal(t, "--format", format, "--sarif-include", "all", suppressDir)
		if r.code != exitFindings {
			t.Errorf("--format %s: exit status %d, want %d; stderr:\n%s", format, r.code, exitFindings, r.stderr)
		}
		golden(t, suppressDir+"/want."+ext(format), r.stdout)
	}
	// With a baseline: every kind of suppression in one SARIF log, which
	// .ci/run validates with the SARIF Multitool.
	r := runReal(t, "--format", "sarif", "--sarif-include", "suppressed", "--baseline", suppressDir+"/baseline.json", suppressDir)
	golden(t, suppressDir+"/want-baseline.sarif", r.stdout)
	for _, want := range []string{`"kind": "inSource"`, `"justification": "baseline"`, `"justification": "rule order is reviewed by hand"`, `"relatedLocations"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the SARIF log with a baseline lacks %s", want)
		}
	}
}

// jsonDoc is the part of the JSON output the tests read.
type jsonDoc struct {
	Findings []struct {
		Check      string `json:"check"`
		File       string `json:"file"`
		Start      struct{ Line int }
		Address    string `json:"address"`
		Suppressed *struct {
			Kind          string `json:"kind"`
			Justification string `json:"justification"`
		} `json:"suppressed"`
	} `json:"findings"`
	Summary struct {
		Suppressed int `json:"suppressed"`
	} `json:"summary"`
}

func decodeJSON(t *testing.T, out string) jsonDoc {
	t.Helper()
	var d jsonDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("the JSON output does not parse: %v\n%s", err, out)
	}
	return d
}

// find returns "kind:justification" of the finding of check at file:line
// ("" when not suppressed, "missing" when there is none).
func (d jsonDoc) find(check, file string, line int) string {
	for _, f := range d.Findings {
		if f.Check == check && f.File == file && f.Start.Line == line {
			if f.Suppressed == nil {
				return ""
			}
			return f.Suppressed.Kind + ":" + f.Suppressed.Justification
		}
	}
	return "missing"
}

func TestSuppressionCases(t *testing.T) {
	main := suppressDir + "/main.tf"
	tmpl := suppressDir + "/template/template.yaml"
	d := decodeJSON(t, runReal(t, "--format", "json", suppressDir).stdout)
	for _, tc := range []struct {
		name, check, file string
		line              int
		want              string
	}{
		{"above a block, after another comment", "TKESG202", main, 13, "inSource:bastion only, VPN fronted"},
		{"trailing // inside the block, exp in the future", "TKESG202", main, 21, "inSource:RDP jump host"},
		{"expired: not applied", "TKESG203", main, 30, ""},
		{"expired: reported", "TKESG001", main, 29, ""},
		{"several ids, inside the block", "TKESG201", main, 38, "inSource:lab SG, torn down nightly"},
		{"several ids, the unused one reported", "TKESG001", main, 40, ""},
		{"no reason: reported", "TKESG001", main, 44, ""},
		{"no reason: not applied", "TKESG205", main, 47, ""},
		{"unused", "TKESG001", main, 52, ""},
		{"malformed", "TKESG001", main, 59, ""},
		{"TKESG001 suppressed by the comment above", "TKESG001", main, 63, "inSource:kept for the audit of 2026"},
		{"config: path glob", "TKESG401", main, 45, "external:rule order is reviewed by hand"},
		{"YAML comment above a list item", "TKESG202", tmpl, 12, "inSource:bastion behind the VPN"},
		{"YAML trailing comment", "TKESG202", tmpl, 13, "inSource:RDP jump"},
		{"config: resource address", "TKESG203", tmpl, 14, "external:kubelet of the bastion, firewalled upstream"},
		{"config: expired entry reported at its line", "TKESG001", suppressDir + "/.tkesglint.yml", 6, ""},
		{"config: unused entry reported at its line", "TKESG001", suppressDir + "/.tkesglint.yml", 7, ""},
	} {
		if got := d.find(tc.check, tc.file, tc.line); got != tc.want {
			t.Errorf("%s: %s at %s:%d is %q, want %q", tc.name, tc.check, tc.file, tc.line, got, tc.want)
		}
	}
	// A comment above a module call suppresses the finding of that call's
	// instance only: the other call's instance keeps its own.
	inModule := map[string]string{}
	for _, f := range d.Findings {
		if f.Check == "TKESG202" && strings.Contains(f.File, "modules/jump") {
			inModule[f.Address] = ""
			if f.Suppressed != nil {
				inModule[f.Address] = f.Suppressed.Kind + ":" + f.Suppressed.Justification
			}
		}
	}
	if want := map[string]string{
		"module.jump.tencentcloud_security_group_rule_set.this":       "inSource:jump host module, VPN fronted",
		"module.jump_other.tencentcloud_security_group_rule_set.this": "",
	}; !maps.Equal(inModule, want) {
		t.Errorf("TKESG202 in the module called twice, by instance: %q, want %q", inModule, want)
	}

	// Text output leaves the suppressed findings out, and counts them apart.
	r := runReal(t, suppressDir)
	if strings.Contains(r.stdout, "main.tf:13:3") || !strings.Contains(r.stdout, strconv.Itoa(d.Summary.Suppressed)+" suppressed") {
		t.Errorf("text output shows a suppressed finding or lacks the count:\n%s", r.stdout)
	}
}

func TestNoInlineSuppressions(t *testing.T) {
	d := decodeJSON(t, runReal(t, "--format", "json", "--no-inline-suppressions", suppressDir).stdout)
	for _, f := range d.Findings {
		if f.Suppressed != nil && f.Suppressed.Kind == "inSource" {
			t.Errorf("%s at %s:%d is suppressed by a comment", f.Check, f.File, f.Start.Line)
		}
		if f.Check == "TKESG001" && !strings.HasSuffix(f.File, ".tkesglint.yml") {
			t.Errorf("a comment is reported with --no-inline-suppressions: %s:%d", f.File, f.Start.Line)
		}
	}
	if got := d.find("TKESG202", suppressDir+"/main.tf", 13); got != "" {
		t.Errorf("TKESG202 at main.tf:13 is %q, want shown", got)
	}
	if got := d.find("TKESG401", suppressDir+"/main.tf", 45); got == "" {
		t.Errorf("configuration entries must still apply")
	}
}

// TestDisabledCheckSuppression: a suppression of a disabled check is not
// reported; TKESG001 can be disabled like any check.
func TestDisabledCheckSuppression(t *testing.T) {
	d := decodeJSON(t, runReal(t, "--format", "json", "--disable", "TKESG402", suppressDir).stdout)
	if got := d.find("TKESG001", suppressDir+"/main.tf", 52); got != "missing" {
		t.Errorf("the suppression of disabled TKESG402 is reported: %q", got)
	}
	d = decodeJSON(t, runReal(t, "--format", "json", "--disable", "TKESG001", suppressDir).stdout)
	for _, f := range d.Findings {
		if f.Check == "TKESG001" {
			t.Errorf("TKESG001 reported while disabled: %s:%d", f.File, f.Start.Line)
		}
	}
	if got := d.find("TKESG202", suppressDir+"/main.tf", 13); got == "" {
		t.Errorf("suppressions must apply with TKESG001 disabled")
	}
}

func TestDirectiveSyntax(t *testing.T) {
	src := `resource "tencentcloud_security_group" "b" {
  name = "b"
}

resource "tencentcloud_security_group_rule_set" "b" {
  security_group_id = tencentcloud_security_group.b.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22" # tkesglint:ignore tkesg202 reason=one-word
  }
  /* tkesglint:ignore TKESG999 */
}

locals {
  text = <<-EOT
    # tkesglint:ignore TKESG202 inside a heredoc is no comment
  EOT
  s = "// tkesglint:ignore TKESG202 inside a string is no comment"
}
`
	r := runIn(t, map[string]string{"main.tf": src}, "--format", "json", "--fail-on", "none", ".")
	d := decodeJSON(t, r.stdout)
	if got := d.find("TKESG202", "main.tf", 7); got != "inSource:one-word" {
		t.Errorf("lower-case id, bare reason: %q", got)
	}
	if got := d.find("TKESG001", "main.tf", 13); got != "" {
		t.Errorf("a block comment naming an unknown check must be reported: %q", got)
	}
	for _, line := range []int{18, 20} {
		if got := d.find("TKESG001", "main.tf", line); got != "missing" {
			t.Errorf("a directive inside a string (line %d) was taken for a comment", line)
		}
	}
}

// TestTKESG001PageExamples runs the Bad and Good examples of TKESG001's page
// through the whole program (rulesets/docs_test.go runs analyzers alone,
// which cannot see comments).
func TestTKESG001PageExamples(t *testing.T) {
	page, ok := docs.Rule("TKESG001")
	if !ok || !page.BadTestable || !page.GoodTestable {
		t.Fatal("docs/rules/TKESG001.md has no testable Bad and Good examples")
	}
	bad := decodeJSON(t, runIn(t, map[string]string{"main.tf": page.Bad}, "--format", "json", ".").stdout)
	n := 0
	for _, f := range bad.Findings {
		if f.Check == "TKESG001" {
			n++
		}
	}
	if n == 0 {
		t.Errorf("the Bad example of TKESG001 does not fire it")
	}
	good := runIn(t, map[string]string{"main.tf": page.Good}, "--format", "json", ".")
	if strings.Contains(good.stdout, `"check": "TKESG001"`) || good.code != exitOK {
		t.Errorf("the Good example of TKESG001 has findings (exit %d):\n%s", good.code, good.stdout)
	}
	checks, err := newCLIForChecks(t).checks()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if c.ID == "TKESG001" && (c.Help != page.Markdown || c.Level.String() != page.Level) {
			t.Errorf("TKESG001's help or level differ from its page")
		}
	}
}

func newCLIForChecks(t *testing.T) *cli {
	t.Helper()
	c, _, _ := newTestCLI(t, rulesets.All)
	return c
}

// writeFiles writes files under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
