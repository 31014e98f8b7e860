package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// udpNodePortsMissing is a node group that accepts everything TKE needs
// but the UDP NodePorts, which only UDP LoadBalancer Services use:
// TKESG104 is then a note.
const udpNodePortsMissing = `resource "tencentcloud_vpc" "main" {
  name       = "held"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
  name = "held-nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/16"
    protocol   = "ALL"
    port       = "ALL"
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
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "held"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    count              = 1
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
`

// TestFixHeld: --fix without --fix-checks writes no rule open to the
// whole internet and makes no fix of a note; it says which fixes it left
// and the command that makes them, and the findings still offer them.
// Named with --fix-checks, they are made.
func TestFixHeld(t *testing.T) {
	t.Parallel()
	const udp = `protocol    = "UDP"`
	read := func(dir string) string {
		b, err := os.ReadFile(filepath.Join(dir, "main.tf"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		args  []string
		// added is what the fix writes when named; held what --fix says.
		added, held string
	}{
		{
			name: "note open to the world", files: map[string]string{"main.tf": udpNodePortsMissing},
			added: `cidr_block  = "0.0.0.0/0"`,
			held:  "tkesglint: 1 fix of TKESG104 left offered, not made: it accepts UDP 30000-32768 from 0.0.0.0/0 (the whole internet), and --fix makes such a fix only when named (--fix --fix-checks TKESG104)\n",
		},
		{
			name: "note", files: map[string]string{"main.tf": udpNodePortsMissing}, args: []string{"--lb-clients", "198.51.100.0/24"},
			added: `cidr_block  = "198.51.100.0/24"`,
			held:  "tkesglint: 1 fix of TKESG104 left offered, not made: its finding is a note, which fails nothing, and --fix makes the fixes of notes only when named (--fix --fix-checks TKESG104)\n",
		},
		{
			name: "error open to the world", files: disabledInputs["rule-set"],
			added: `port        = "30000-32768"`,
			held:  "tkesglint: 1 fix of TKESG101 left offered, not made: it accepts TCP 30000-32768 from 0.0.0.0/0, UDP 30000-32768 from 0.0.0.0/0 (the whole internet), and --fix makes such a fix only when named (--fix --fix-checks TKESG101)\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFiles(t, dir, tc.files)
			orig := read(dir)
			lint := lintIn(t, dir, append(tc.args, ".")...)
			if !strings.Contains(lint.stdout+lint.stderr, "  fix: ") {
				t.Fatalf("the finding offers no fix:\n%s", lint.stdout+lint.stderr)
			}
			r := lintIn(t, dir, append(append([]string{"--fix"}, tc.args...), ".")...)
			if got := read(dir); strings.Contains(got, tc.added) || strings.Count(got, udp) != strings.Count(orig, udp) {
				t.Errorf("--fix made the held fix:\n%s", got)
			}
			if !strings.Contains(r.stderr, tc.held) {
				t.Errorf("--fix does not say which fix it left, and why:\n%s", r.stderr)
			}
			if !strings.Contains(r.stdout+r.stderr, "  fix: ") {
				t.Errorf("after --fix, the finding no longer offers its fix:\n%s", r.stdout+r.stderr)
			}
			id := tc.held[strings.Index(tc.held, "of TKESG")+3:][:8]
			lintIn(t, dir, append(append([]string{"--fix", "--fix-checks", id}, tc.args...), ".")...)
			if got := read(dir); !strings.Contains(got, tc.added) {
				t.Errorf("--fix --fix-checks %s did not make the fix:\n%s", id, got)
			}
		})
	}
}
