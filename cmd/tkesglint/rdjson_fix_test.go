package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// renumberBase is a node group among tencentcloud_security_group_rule
// resources; renumberDrop, added above its pods' rule, drops DNS, so that
// the fix inserts an ACCEPT at policy_index 1 and moves every rule below
// it one place down: an insertion and three renumberings, some far from
// the change.
const (
	renumberHead = `resource "tencentcloud_vpc" "main" {
  name       = "renumber"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "renumber-nodes"
}

resource "tencentcloud_security_group_rule" "vpc" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  policy            = "ACCEPT"
  policy_index      = 0
}

`
	renumberDrop = `resource "tencentcloud_security_group_rule" "no_dns" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "UDP"
  port_range        = "53"
  policy            = "DROP"
  policy_index      = 1
}

`
	renumberTail = `resource "tencentcloud_security_group_rule" "pods" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  cidr_ip           = "172.16.0.0/16"
  policy            = "ACCEPT"
  policy_index      = %d
}

resource "tencentcloud_security_group_rule" "nodeport_tcp" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "TCP"
  port_range        = "30000-32768"
  policy            = "ACCEPT"
  policy_index      = %d
}

resource "tencentcloud_security_group_rule" "nodeport_udp" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "UDP"
  port_range        = "30000-32768"
  policy            = "ACCEPT"
  policy_index      = %d
}

resource "tencentcloud_security_group_rule" "out" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "egress"
  cidr_ip           = "0.0.0.0/0"
  policy            = "ACCEPT"
  policy_index      = 0
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "renumber"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
`
)

// renumberTF returns the module with the DROP (then the rules below it
// have policy_index 2, 3, 4) or without it (1, 2, 3).
func renumberTF(drop bool) string {
	if drop {
		return renumberHead + renumberDrop + fmtTail(2)
	}
	return renumberHead + fmtTail(1)
}

func fmtTail(first int) string {
	s := renumberTail
	for i := range 3 {
		s = strings.Replace(s, "%d", strconv.Itoa(first+i), 1)
	}
	return s
}

// rdDoc is the rdjson output, as the tests read it.
type rdDoc struct {
	Diagnostics []struct {
		Message  string
		Location struct {
			Path  string
			Range struct{ Start, End struct{ Line int } }
		}
		Suggestions []struct {
			Range struct{ Start, End struct{ Line int } }
			Text  string
		}
	}
}

// TestRDJSONOneSuggestionPerFix: a fix that inserts a rule and renumbers
// the rules below it is one suggestion over one run of lines, which
// applied alone repairs the finding, so that a reviewer cannot commit
// part of it (an insertion without the renumbering leaves two rules at
// one policy_index).
func TestRDJSONOneSuggestionPerFix(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": renumberTF(true)})
	r := lintIn(t, dir, "--format", "rdjson", ".")
	var doc rdDoc
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	var with []int
	for i, d := range doc.Diagnostics {
		if len(d.Suggestions) > 0 {
			with = append(with, i)
		}
	}
	if len(with) != 1 || len(doc.Diagnostics[with[0]].Suggestions) != 1 {
		t.Fatalf("want one diagnostic with one suggestion, got %d: %s", len(with), r.stdout)
	}
	s := doc.Diagnostics[with[0]].Suggestions[0]
	lines := strings.Split(renumberTF(true), "\n")
	var mid []string
	if s.Text != "" {
		mid = strings.Split(s.Text, "\n")
	}
	lines = append(append(append([]string{}, lines[:s.Range.Start.Line-1]...), mid...), lines[s.Range.End.Line:]...)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	if after := lintIn(t, dir, "."); after.code != exitOK {
		t.Errorf("after the one suggestion, status %d:\n%s", after.code, after.stdout+after.stderr)
	}
}

// reviewdogBinary returns the reviewdog that .ci/run installs in its
// cache, or "" when there is none.
func reviewdogBinary() string {
	cache := os.Getenv("TKESGLINT_CI_CACHE")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache", "tkesglint-ci")
	}
	bin := filepath.Join(cache, "reviewdog-v0.21.0", "reviewdog")
	if _, err := os.Stat(bin); err != nil {
		if p, err := exec.LookPath("reviewdog"); err == nil {
			return p
		}
		return ""
	}
	return bin
}

// suggestionRange matches the range of a suggestion as reviewdog's local
// reporter prints it.
var suggestionRange = regexp.MustCompile(`suggestions:\{range:\{start:\{line:(\d+)\}\s+end:\{line:(\d+)\}`)

// TestRDJSONReviewdogDiffContext runs the real reviewdog as a pull-request
// workflow does, with -filter-mode=diff_context, on a change that adds the
// DROP: the fix comes out once, with a suggestion that spans the
// insertion and every renumbered policy_index, also those outside the
// change's diff.
func TestRDJSONReviewdogDiffContext(t *testing.T) {
	bin := reviewdogBinary()
	if bin == "" {
		t.Skip("reviewdog is not installed (.ci/run installs it in its cache)")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": renumberTF(false)})
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "base")
	writeFiles(t, dir, map[string]string{"main.tf": renumberTF(true)})
	r := lintIn(t, dir, "--format", "rdjson", ".")
	cmd := exec.Command(bin, "-f=rdjson", "-name=tkesglint", "-reporter=local", "-filter-mode=diff_context", "-diff=git diff")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(r.stdout)
	out, _ := cmd.CombinedOutput()
	var fixes []string
	for line := range strings.SplitSeq(string(out), "\n") {
		if strings.HasPrefix(line, `message:"fix for TKESG103`) {
			fixes = append(fixes, line)
		}
	}
	if len(fixes) != 1 {
		t.Fatalf("reviewdog shows %d fixes of TKESG103, want 1:\n%s", len(fixes), out)
	}
	m := suggestionRange.FindStringSubmatch(fixes[0])
	if m == nil {
		t.Fatalf("the fix has no suggestion:\n%s", out)
	}
	first, _ := strconv.Atoi(m[1])
	last, _ := strconv.Atoi(m[2])
	// The last renumbered policy_index is that of nodeport_udp.
	lines := strings.Split(renumberTF(true), "\n")
	want := 0
	for i, l := range lines {
		if strings.Contains(l, "policy_index      = 4") {
			want = i + 1
		}
	}
	if first > 20 || last < want {
		t.Errorf("the suggestion spans lines %d-%d, want the insertion at line 20 to the last renumbering at line %d:\n%s", first, last, want, out)
	}
}

// gitIn runs git in dir.
func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}
