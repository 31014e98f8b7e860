package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// inspectDir holds the fixtures of trace and show.
const inspectDir = "testdata/inspect"

// TestInspectGolden runs trace and show on the fixtures and compares their
// output, and exit status, with the golden files.
func TestInspectGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		code   int
		args   []string
	}{
		// Ranges split into parts: NodePorts from the world reach the
		// worker_config's nodes, but the gpu pool drops part of them.
		{"trace-nodeports", exitFindings, []string{"trace", "--from", "world", "--to", "cluster:prod/nodes", "--proto", "tcp", "--port", "30000-32768", "testdata/inspect/prod"}},
		// Members: the masters accept TCP 443 from the node group itself.
		{"trace-nodes-masters", exitOK, []string{"trace", "--from", "cluster:prod/nodes", "--to", "cluster:prod/masters", "--proto", "tcp", "--port", "443", "testdata/inspect/prod"}},
		// The pods' DNS is dropped before the rule that would accept it.
		{"trace-pods-dns", exitFindings, []string{"trace", "--from", "cluster:prod/pods", "--to", "cluster:prod/nodes", "--proto", "udp", "--port", "53", "testdata/inspect/prod"}},
		// A CVM bound to a group whose rules are not in the input.
		{"trace-undecided", exitUndecided, []string{"trace", "--from", "tencentcloud_instance.bastion", "--to", "tencentcloud_instance.legacy", "--proto", "tcp", "--port", "22", "testdata/inspect/prod"}},
		{"trace-json", exitFindings, []string{"trace", "--format", "json", "--from", "world", "--to", "cluster:prod/nodes", "--proto", "tcp", "--port", "30000-32768", "testdata/inspect/prod"}},
		{"show", exitOK, []string{"show", "testdata/inspect/prod"}},
		{"show-json", exitOK, []string{"show", "--format", "json", "testdata/inspect/prod"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			r := runReal(t, tc.args...)
			if r.code != tc.code || r.stderr != "" {
				t.Errorf("exit status %d, want %d; stderr:\n%s", r.code, tc.code, r.stderr)
			}
			ext := ".txt"
			if strings.HasSuffix(tc.golden, "json") {
				ext = ".json"
				if !json.Valid([]byte(r.stdout)) {
					t.Errorf("not JSON:\n%s", r.stdout)
				}
			}
			golden(t, inspectDir+"/"+tc.golden+ext, r.stdout)
		})
	}
}

// TestTraceErrors: unknown and ambiguous ends say what exists and how to
// pick one; a bad flow is a usage error.
func TestTraceErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"unknown group", []string{"--from", "sg:nope", "--to", "world", "testdata/inspect/prod"},
			[]string{`no security group is named or has the id "nope"`, "sg:nodes, sg:gpu, sg:masters, sg:bastion"}},
		{"unknown cluster", []string{"--from", "world", "--to", "cluster:dev/nodes", "testdata/inspect/prod"},
			[]string{`no cluster is named "dev"`, "the clusters are cluster:prod"}},
		{"unknown resource", []string{"--from", "world", "--to", "tencentcloud_instance.nope", "testdata/inspect/prod"},
			[]string{"the instances are tencentcloud_instance.bastion, tencentcloud_instance.legacy"}},
		{"ambiguous across root modules", []string{"--from", "world", "--to", "sg:nodes", "testdata/inspect"},
			[]string{"2 root modules hold world and sg:nodes: testdata/inspect/prod, testdata/inspect/staging", "as the PATH argument"}},
		{"two addresses", []string{"--from", "world", "--to", "10.0.0.1", "testdata/inspect/prod"},
			[]string{"neither the internet nor 10.0.0.1 is bound to security groups"}},
		{"a cluster", []string{"--from", "world", "--to", "tencentcloud_kubernetes_cluster.prod", "testdata/inspect/prod"},
			[]string{"is a cluster: name its nodes, masters, pods or network, as cluster:prod/nodes"}},
		{"bad address", []string{"--from", "10.0.0.300", "--to", "sg:nodes", "testdata/inspect/prod"},
			[]string{`"10.0.0.300" is not a valid IP address or CIDR`}},
		{"port with ICMP", []string{"--from", "world", "--to", "sg:nodes", "--proto", "icmp", "--port", "22", "testdata/inspect/prod"},
			[]string{"only TCP and UDP have ports"}},
		{"the world twice", []string{"--from", "world", "--to", "world", "testdata/inspect/prod"},
			[]string{"the internet is bound to no security group in the input"}},
		{"ICMPv6 from IPv4", []string{"--from", "10.0.0.1", "--to", "cluster:prod/nodes", "--proto", "icmpv6", "testdata/inspect/prod"},
			[]string{"nothing to trace: no ICMPv6 flow goes from 10.0.0.1 to the nodes of cluster prod"}},
		{"no ends", []string{"testdata/inspect/prod"}, []string{"trace needs --from SRC and --to DST"}},
		{"format", []string{"--format", "sarif", "--from", "world", "--to", "sg:nodes", "testdata/inspect/prod"}, []string{"trace writes text or json, not sarif"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runReal(t, append([]string{"trace"}, tc.args...)...)
			if r.code != exitFailure {
				t.Errorf("exit status %d, want %d", r.code, exitFailure)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
				}
			}
		})
	}
}

// TestTraceAmbiguousName: two groups of one root module named alike are
// told apart by address.
func TestTraceAmbiguousName(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": `
resource "tencentcloud_security_group" "a" { name = "web" }
resource "tencentcloud_security_group" "b" { name = "web" }
`})
	r := runReal(t, "trace", "--from", "world", "--to", "sg:web", dir)
	for _, w := range []string{"2 security groups are named \"web\": tencentcloud_security_group.a", "tencentcloud_security_group.b", "name one by its resource address or id"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
		}
	}
	// The list of groups an unknown name gets tells the two apart.
	r = runReal(t, "trace", "--from", "world", "--to", "sg:nope", dir)
	if w := "the security groups are tencentcloud_security_group.a (sg web), tencentcloud_security_group.b (sg web)"; !strings.Contains(r.stderr, w) {
		t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
	}
	r = runReal(t, "trace", "--from", "world", "--to", "tencentcloud_security_group.b", "--port", "80", dir)
	if r.code != exitUndecided && r.code != exitFindings {
		t.Errorf("trace to the group by address: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestTraceAmbiguousNameAcrossRoots: a name that is ambiguous in one root
// module does not hide the other root that holds the ends: the error names
// both and tells how to pick either, the root by its PATH or the group by
// its address.
func TestTraceAmbiguousNameAcrossRoots(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"r1/main.tf": `
resource "tencentcloud_security_group" "a" { name = "web" }
resource "tencentcloud_security_group" "b" { name = "web" }
`,
		"r2/main.tf": `
resource "tencentcloud_security_group" "web" { name = "web" }
resource "tencentcloud_instance" "web" {
  orderly_security_groups = [tencentcloud_security_group.web.id]
}
`,
	})
	r := runReal(t, "trace", "--from", "world", "--to", "sg:web", dir)
	// The roots are named relative to the working directory.
	for _, w := range []string{
		"ambiguous endpoint: root module ", "/r2 holds world and sg:web; in ", `/r1, 2 security groups are named "web": tencentcloud_security_group.a`,
		"name one by its resource address or id (sg:ID); give the one to trace in as the PATH argument (tkesglint trace --from world --to sg:web ", "/r2)\n",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
		}
	}
	if r.code != exitFailure || r.stdout != "" {
		t.Errorf("exit %d, want %d and nothing traced:\n%s", r.code, exitFailure, r.stdout)
	}
}

// TestInspectDoc keeps docs/inspect.md real: every console block is the
// output of the command it shows (a block that ends with "…" is the start
// of it), and the Markdown block is the summary of its example. -update
// rewrites them.
func TestInspectDoc(t *testing.T) {
	for _, path := range []string{filepath.Join("..", "..", "docs", "inspect.md"), filepath.Join("..", "..", "README.md")} {
		t.Run(filepath.Base(path), func(t *testing.T) { checkDoc(t, path) })
	}
}

func checkDoc(t *testing.T, path string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	parts := strings.Split(text, "```console\n")
	for i, part := range parts[1:] {
		body, after, ok := strings.Cut(part, "```\n")
		if !ok {
			t.Fatal("a console block does not end")
		}
		cmdLine, want, _ := strings.Cut(body, "\n")
		args := strings.Fields(strings.TrimPrefix(cmdLine, "$ tkesglint "))
		got := runReal(t, args...).stdout
		if prefix, cut := strings.CutSuffix(want, "…\n"); cut {
			lines := strings.SplitAfter(got, "\n")
			got = strings.Join(lines[:min(len(lines), strings.Count(prefix, "\n"))], "") + "…\n"
		}
		if got != want {
			if *update {
				parts[i+1] = cmdLine + "\n" + got + "```\n" + after
				continue
			}
			t.Errorf("%s shows for %q:\n%s\nbut it prints:\n%s", path, cmdLine, want, got)
		}
	}
	text = strings.Join(parts, "```console\n")
	before, rest, found := strings.Cut(text, "````markdown\n")
	if !found {
		if *update {
			if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	if len(parts) < 5 {
		t.Errorf("docs/inspect.md shows %d commands, want 4", len(parts)-1)
	}
	want, after, _ := strings.Cut(rest, "````\n")
	r := runReal(t, "--format", "markdown", "--link-base", "", "examples/broken-dns-cluster")
	if r.stdout != want && !*update {
		t.Errorf("the Markdown example of docs/inspect.md is not the summary of examples/broken-dns-cluster:\n%s", r.stdout)
	}
	if *update {
		text = before + "````markdown\n" + r.stdout + "````\n" + after
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTraceHelp: trace -h prints the usage of trace, not of every command.
func TestTraceHelp(t *testing.T) {
	r := runReal(t, "trace", "-h")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "Usage:\n  tkesglint trace --from SRC --to DST [PATH...]") ||
		!strings.Contains(r.stdout, "--from SRC") || strings.Contains(r.stdout, "tkesglint rules") || strings.Contains(r.stdout, "Exit status: 0 no finding") {
		t.Errorf("trace -h: exit %d\n%s", r.code, r.stdout)
	}
}

// TestShowUndecidedRows: an undecided region of show says that its rule
// decides only if no earlier rule matches, never "DECIDED BY" a rule or
// "no rule matches" as a dropped one does.
func TestShowUndecidedRows(t *testing.T) {
	r := runReal(t, "show", "testdata/inspect/unknown")
	rows := 0
	for line := range strings.SplitSeq(r.stdout, "\n") {
		if !strings.HasPrefix(line, "  UNDECIDED ") {
			continue
		}
		rows++
		if !strings.HasSuffix(line, "unless an earlier rule matches") && !strings.HasSuffix(line, "no rule for certain") {
			t.Errorf("an undecided row reads as decided: %s", line)
		}
	}
	if rows < 2 || !strings.Contains(r.stdout, "ingress rule 5 of sg edge-nodes (testdata/inspect/unknown/main.tf:104) unless an earlier rule matches") {
		t.Errorf("show gives %d undecided rows, want one decided by ingress rule 5 of sg edge-nodes if nothing earlier matches:\n%s", rows, r.stdout)
	}
}
