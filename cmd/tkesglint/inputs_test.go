package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/rulesets"
)

// splitModuleMain and splitModuleExtra are one module in two files: the
// node SG's pod rule in main.tf, its VPC rule and a world-open SSH rule in
// extra.tf.
const splitModuleMain = `resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule" "pods" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  policy            = "ACCEPT"
  cidr_ip           = "172.16.0.0/16"
  ip_protocol       = "ALL"
}

resource "tencentcloud_kubernetes_cluster" "shop" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"
  cluster_name = "shop"
  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
`

const splitModuleExtra = `resource "tencentcloud_security_group_rule" "vpc" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  policy            = "ACCEPT"
  cidr_ip           = "10.0.0.0/16"
  ip_protocol       = "ALL"
}

# tkesglint:ignore TKESG203 reason="matches nothing: reported only with extra.tf"
resource "tencentcloud_security_group_rule" "ssh" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  policy            = "ACCEPT"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "TCP"
  port_range        = "22"
}
`

// findingHead matches the head of a finding in the text output.
var findingHead = regexp.MustCompile(`(?m)^\S+:\d+:\d+: (error|warning|note) TKESG\d+`)

// findingLines returns the "file:line:col: level ID" heads of the text
// output.
func findingLines(out string) []string {
	return findingHead.FindAllString(out, -1)
}

// TestFileArgumentReadsItsModule: a .tf file named on the command line is
// evaluated with the rest of its module, as the folder is, and shows the
// findings of that file only.
func TestFileArgumentReadsItsModule(t *testing.T) {
	files := map[string]string{"main.tf": splitModuleMain, "extra.tf": splitModuleExtra}
	folder := runIn(t, files, ".")
	all := findingLines(folder.stdout)
	if len(all) != 4 {
		t.Fatalf("the folder: %d findings, want 4:\n%s", len(all), folder.stdout)
	}
	for _, tc := range []struct {
		args []string
		want string // the prefix of the findings shown
	}{
		{[]string{"main.tf"}, "main.tf:"},
		{[]string{"extra.tf"}, "extra.tf:"},
		{[]string{"main.tf", "extra.tf"}, ""},
		{[]string{"extra.tf", "."}, ""},
	} {
		r := runIn(t, files, tc.args...)
		var want []string
		for _, h := range all {
			if strings.HasPrefix(h, tc.want) {
				want = append(want, h)
			}
		}
		got := findingLines(r.stdout)
		if strings.Join(got, "\n") != strings.Join(want, "\n") || strings.Contains(r.stdout, "error:") {
			t.Errorf("%v: findings\n%s\nwant\n%s\noutput:\n%s%s", tc.args, strings.Join(got, "\n"), strings.Join(want, "\n"), r.stdout, r.stderr)
		}
		if strings.Contains(r.stdout, "TKESG102") {
			t.Errorf("%v: the VPC rule of extra.tf was not read:\n%s", tc.args, r.stdout)
		}
	}
}

// TestDanglingSymlink: a *.tf symbolic link to nothing is an error; a link
// to a file is read.
func TestDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"real/sg.tf": identityGroups + "\n" + identityNodeRules})
	if err := os.Symlink(filepath.Join("real", "sg.tf"), filepath.Join(dir, "link.tf")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("gone.tf", filepath.Join(dir, "dangling.tf")); err != nil {
		t.Fatal(err)
	}
	r := identityRun(t, dir, "link.tf", "dangling.tf")
	for _, want := range []string{
		`dangling.tf: error: cannot read path: no such file or directory`,
		"link.tf:32:3: warning TKESG202",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("files named: missing %q in\n%s%s", want, r.stdout, r.stderr)
		}
	}
	r = identityRun(t, dir, ".")
	for _, want := range []string{
		`dangling.tf: error: cannot read file: it is a symbolic link to "gone.tf", which cannot be read: no such file or directory`,
		"link.tf:32:3: warning TKESG202",
		"real/sg.tf:32:3: warning TKESG202",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the folder: missing %q in\n%s%s", want, r.stdout, r.stderr)
		}
	}
	if r.code != exitFailure {
		t.Errorf("exit %d, want %d", r.code, exitFailure)
	}
}

// TestControlCharacters: escape sequences in an input never reach the
// terminal or a CI log raw, in any human-readable format, with or without
// --no-color.
func TestControlCharacters(t *testing.T) {
	files := map[string]string{"main.tf": `resource "tencentcloud_security_group" "x" {
  name = "` + "\x1b[31mred\x1b]0;pwned\x07\u202e" + `"
}

resource "tencentcloud_security_group_rule_set" "x" {
  security_group_id = tencentcloud_security_group.x.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22" # ` + "\x1b[2J" + `
  }
}
`}
	for _, format := range []string{"text", "github", "checkstyle"} {
		for _, color := range []string{"--no-color", "--no-color=false"} {
			dir := t.TempDir()
			writeFiles(t, dir, files)
			c, stdout, stderr := newTestCLI(t, rulesets.All)
			c.dir = dir
			c.isTerminal = func(io.Writer) bool { return true }
			c.run(t.Context(), []string{color, "--format", format, "."})
			out := stdout.String()
			if !strings.Contains(out, "TKESG202") || !strings.Contains(out, `\x1b[31mred\x1b]0;pwned\x07\u202e`) {
				t.Errorf("%s %s: the name is not shown escaped:\n%s%s", format, color, out, stderr)
			}
			if format != "text" || color == "--no-color" {
				if strings.ContainsAny(out, "\x1b\x07\u202e") {
					t.Errorf("%s %s: raw control characters in\n%q", format, color, out)
				}
				continue
			}
			// In color, the only escape sequences are tkesglint's own.
			for _, seq := range []string{"\x1b]", "\x1b[2J", "\x1b[31mred", "\x07", "\u202e"} {
				if strings.Contains(out, seq) {
					t.Errorf("%s %s: %q from the input in\n%q", format, color, seq, out)
				}
			}
		}
	}
}

// TestNotText: a binary file named *.tf, and a .tf file in Latin-1, are
// one error each, not one per garbage token; a binary .json that is of no
// known kind is skipped as any such file.
func TestNotText(t *testing.T) {
	binary := make([]byte, 4096)
	for i := range binary {
		binary[i] = byte(i*7 + i/13)
	}
	files := map[string]string{
		"blob.tf":      string(binary),
		"latin1.tf":    "resource \"tencentcloud_security_group\" \"x\" {\n  # caf\xe9\n  name = \"x\"\n}\n",
		"picture.json": "\x89PNG\r\n\x1a\n\x00\x00",
		"ok.tf":        identityGroups,
	}
	r := runIn(t, files, ".")
	for _, want := range []string{
		"blob.tf:1:1: error: binary or not UTF-8: a NUL byte: this is a binary file, not text\n",
		"latin1.tf:2:8: error: binary or not UTF-8: byte 0xe9 is not UTF-8",
		"1 file read, 0 findings (0 errors, 0 warnings, 0 notes), 2 input errors",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q in\n%s%s", want, r.stdout, r.stderr)
		}
	}
	if n := strings.Count(r.stdout, "error:"); n != 2 || r.code != exitFailure || len(r.stdout) > 2000 {
		t.Errorf("%d errors in %d bytes, exit %d:\n%s", n, len(r.stdout), r.code, r.stdout)
	}
}

// TestLongLineBounded: a minified export of one 4 MB line with findings on
// it prints a bounded text output.
func TestLongLineBounded(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "export", "bundle.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	doc["Padding"] = strings.Repeat("x", 4<<20)
	line, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	r := runIn(t, map[string]string{"bundle.json": string(line), "broken.json": string(line[:len(line)-1]) + ","}, ".")
	if n := strings.Count(r.stdout, " TKESG"); n < 3 || len(r.stdout) > 50*1024 {
		t.Errorf("%d findings of a %d-byte line in %d bytes of output:\n%.3000s", n, len(line), len(r.stdout), r.stdout)
	}
	if !strings.Contains(r.stdout, "broken.json:1:") {
		t.Errorf("no error for broken.json:\n%.3000s", r.stdout)
	}
}
