package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
