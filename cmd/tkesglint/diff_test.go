package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/rulesets"
)

// gitRepo returns an empty folder and a function that runs git in it; the
// test is skipped where git is not installed.
func gitRepo(t *testing.T) (dir string, gitIn func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir = t.TempDir()
	return dir, func(args ...string) {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), "git", append([]string{"-C", dir, "-c", "user.email=t@example.com", "-c", "user.name=t"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// TestDiff runs the real CLI's diff against a real git repository: a
// commit with TKE's default node rules, then a working tree that adds a
// DROP of DNS from the world on top and opens SSH.
func TestDiff(t *testing.T) {
	dir, gitIn := gitRepo(t)
	write := func(src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	const cluster = `
resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "prod"
  cluster_cidr = "172.16.0.0/16"
  worker_config {
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}

resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}
`
	rules := func(extra string) string {
		return `resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
` + extra + `
  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/16"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
`
	}
	write(cluster + rules(""))
	gitIn("init", "-q")
	gitIn("add", "-A")
	gitIn("commit", "-qm", "base")
	write(cluster + rules(`
  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "53"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }`))

	c, stdout, stderr := newTestCLI(t, rulesets.All)
	c.dir = dir
	code := c.run(t.Context(), []string{"diff", "HEAD", "--fail-on", "error"})
	out := stdout.String()
	for _, want := range []string{
		"main.tf:22:3: sg nodes, ingress: now drops UDP 53 from 10.0.0.1 (ingress rule 1 of sg nodes: DROP UDP 53 from 0.0.0.0/0)",
		"main.tf:28:3: sg nodes, ingress: newly accepts TCP 22 from 203.0.113.7 (ingress rule 2 of sg nodes: ACCEPT TCP 22 from 0.0.0.0/0)",
		"main.tf:22:3: new error TKESG103: UDP 53 from 172.16.0.1",
		"main.tf:28:3: new warning TKESG202",
		"since HEAD: 2 flow changes, 2 new findings, 0 resolved",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s%s", want, out, stderr)
		}
	}
	if code != exitFindings {
		t.Errorf("exit %d, want %d (a new error)", code, exitFindings)
	}
	// --output gets what stdout got; other formats are refused.
	outFile := filepath.Join(t.TempDir(), "diff.txt")
	stdout.Reset()
	if code := c.run(t.Context(), []string{"diff", "HEAD", "--fail-on", "error", "--output", outFile}); code != exitFindings || stdout.Len() != 0 {
		t.Errorf("--output: exit %d, stdout %q", code, stdout)
	}
	if got, err := os.ReadFile(outFile); err != nil || string(got) != out {
		t.Errorf("--output wrote %q (%v), want %q", got, err, out)
	}
	if code := c.run(t.Context(), []string{"diff", "HEAD", "--format", "json"}); code != exitFailure || !strings.Contains(stderr.String(), "diff writes only --format text, not json") {
		t.Errorf("--format json: exit %d, stderr %s", code, stderr)
	}
	code = c.run(t.Context(), []string{"diff", "no-such-rev"})
	if code != exitFailure || !strings.Contains(stderr.String(), `unknown revision "no-such-rev"`) {
		t.Errorf("unknown revision: exit %d, stderr %s", code, stderr)
	}
}

// TestDiffEgress: the peer of an egress flow is where it goes.
func TestDiffEgress(t *testing.T) {
	dir, gitIn := gitRepo(t)
	write := func(cidr string) {
		t.Helper()
		src := `resource "tencentcloud_security_group" "app" {
  name = "app"
}

resource "tencentcloud_security_group_rule_set" "app" {
  security_group_id = tencentcloud_security_group.app.id
  egress {
    action     = "ACCEPT"
    cidr_block = "` + cidr + `"
    protocol   = "TCP"
    port       = "443"
  }
}
`
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("10.0.0.0/8")
	gitIn("init", "-q")
	gitIn("add", "-A")
	gitIn("commit", "-qm", "base")
	write("0.0.0.0/0")
	c, stdout, stderr := newTestCLI(t, rulesets.All)
	c.dir = dir
	c.run(t.Context(), []string{"diff", "HEAD"})
	want := "main.tf:7:3: sg app, egress: newly accepts TCP 443 to 203.0.113.7 (egress rule 1 of sg app: ACCEPT TCP 443 to 0.0.0.0/0)"
	if !strings.Contains(stdout.String(), want) {
		t.Errorf("missing %q in:\n%s%s", want, stdout, stderr)
	}
}

// TestDiffCommandLine: flags go before or after diff; diff finds the
// repository of its paths when run from outside it (or from above it);
// counts are singular when they are one.
func TestDiffCommandLine(t *testing.T) {
	repo, gitIn := gitRepo(t)
	dir := filepath.Join(repo, "infra")
	ssh := `  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
`
	if !strings.Contains(identityNodeRules, ssh) {
		t.Fatal("no SSH rule to add")
	}
	writeFiles(t, dir, map[string]string{"main.tf": strings.Replace(identityNodeRules, ssh, "", 1) + "\n" + identityGroups})
	gitIn("init", "-q")
	gitIn("add", "-A")
	gitIn("commit", "-qm", "base")
	writeFiles(t, dir, map[string]string{"main.tf": identityNodeRules + "\n" + identityGroups})
	run := func(in string, args ...string) result {
		t.Helper()
		c, stdout, stderr := newTestCLI(t, rulesets.All)
		c.dir = in
		code := c.run(t.Context(), args)
		return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
	}
	const change = "sg nodes, ingress: newly accepts TCP 22 from 203.0.113.7"
	outside := t.TempDir()
	for _, tc := range []struct {
		in   string
		args []string
		file string // as the output names it
	}{
		{repo, []string{"diff", "--no-color", "HEAD", "infra"}, "infra/main.tf"},
		{repo, []string{"--no-color", "diff", "HEAD", "infra"}, "infra/main.tf"},
		{repo, []string{"--format", "text", "diff", "HEAD", "--no-color", "infra"}, "infra/main.tf"},
		{dir, []string{"diff", "HEAD", filepath.Join(dir, "main.tf")}, "main.tf"},
		{outside, []string{"diff", "HEAD", dir}, "infra/main.tf"},
		{filepath.Dir(repo), []string{"diff", "HEAD", filepath.Join(filepath.Base(repo), "infra")}, filepath.Base(repo) + "/infra/main.tf"},
	} {
		r := run(tc.in, tc.args...)
		if r.code != exitFindings || !strings.Contains(r.stdout, tc.file+":") || !strings.Contains(r.stdout, change) ||
			!strings.Contains(r.stdout, "since HEAD: 1 flow change, 1 new finding, 0 resolved") {
			t.Errorf("%v in %s: exit %d\n%s%s", tc.args, tc.in, r.code, r.stdout, r.stderr)
		}
	}
	if r := run(outside, "diff", "HEAD", outside); r.code != exitFailure || !strings.Contains(r.stderr, "not in a git repository") {
		t.Errorf("diff outside any repository: exit %d, stderr %s", r.code, r.stderr)
	}
	other, gitOther := gitRepo(t)
	gitOther("init", "-q")
	if r := run(outside, "diff", "HEAD", dir, other); r.code != exitFailure || !strings.Contains(r.stderr, "different git repositories") {
		t.Errorf("diff over two repositories: exit %d, stderr %s", r.code, r.stderr)
	}
}

// TestDiffSharedModule: two root modules call one module, which calls the
// module of a bastion SG, with a CIDR for SSH. Each root has its own
// instance of the group, at the same lines: a change made in one root
// shows the flows of that root's instance, and one made in both shows
// both, each naming its instance.
func TestDiffSharedModule(t *testing.T) {
	dir, gitIn := gitRepo(t)
	writeFiles(t, dir, sharedModule("10.0.0.0/8", "10.0.0.0/8"))
	gitIn("init", "-q")
	gitIn("add", "-A")
	gitIn("commit", "-qm", "base")
	run := func() string {
		t.Helper()
		c, stdout, stderr := newTestCLI(t, rulesets.All)
		c.dir = dir
		if code := c.run(t.Context(), []string{"diff", "HEAD", "--no-color"}); code != exitFindings {
			t.Errorf("exit %d, want %d:\n%s%s", code, exitFindings, stdout, stderr)
		}
		return stdout.String()
	}
	change := func(root string) string {
		return "modules/sg/main.tf:9:3: sg bastion of module.stack.module.sg in " + root +
			", ingress: newly accepts TCP 22 from 203.0.113.7 (ingress rule 1 of sg bastion: ACCEPT TCP 22 from 0.0.0.0/0)\n"
	}

	writeFiles(t, dir, sharedModule("10.0.0.0/8", "0.0.0.0/0"))
	out := run()
	if !strings.Contains(out, change("examples/two")) || strings.Contains(out, "examples/one") ||
		!strings.Contains(out, "since HEAD: 1 flow change,") {
		t.Errorf("SSH opened in examples/two:\n%s", out)
	}

	writeFiles(t, dir, sharedModule("0.0.0.0/0", "0.0.0.0/0"))
	out = run()
	finding := func(root string) string {
		return "modules/sg/main.tf:9:3: new warning TKESG202 of module.stack.module.sg in " + root + ": ingress rule 1 of sg bastion"
	}
	if !strings.Contains(out, change("examples/one")+change("examples/two")) || !strings.Contains(out, finding("examples/one")) ||
		!strings.Contains(out, finding("examples/two")) || !strings.Contains(out, "since HEAD: 2 flow changes, 2 new findings, 0 resolved") {
		t.Errorf("SSH opened in both roots:\n%s", out)
	}
}
