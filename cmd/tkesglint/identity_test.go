package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/rulesets"
)

// The tests of this file check what identifies a finding
// (docs/finding-identity.md): the check, where it lives (the root module or
// the file, relative to the working directory) and what the analyzer says
// identifies it; not line numbers, not the binding order of SGs, not the
// names of unrelated resources, not the file of a module a block sits in,
// not the absolute path of the checkout.

// identityVPC is the cluster's network; renaming it changes no finding.
const identityVPC = `resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_subnet" "nodes" {
  name              = "nodes"
  vpc_id            = tencentcloud_vpc.main.id
  availability_zone = "ap-guangzhou-3"
  cidr_block        = "10.0.1.0/24"
}
`

// identityGroups are two node SGs: a baseline group that accepts ping, and
// the nodes group that accepts the pod and VPC networks and SSH from the
// world (TKESG202). Neither accepts NodePorts (TKESG104, at the binding).
const identityGroups = `resource "tencentcloud_security_group" "baseline" {
  name = "baseline"
}

resource "tencentcloud_security_group_rule_set" "baseline" {
  security_group_id = tencentcloud_security_group.baseline.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ICMP"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}
`

// identityNodeRules are the rules of the nodes group.
const identityNodeRules = `resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
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
    port       = "22"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
`

// identityCluster binds the groups in the order given.
func identityCluster(groups ...string) string {
	refs := make([]string, len(groups))
	for i, g := range groups {
		refs[i] = "tencentcloud_security_group." + g + ".id"
	}
	return `resource "tencentcloud_kubernetes_cluster" "shop" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"
  cluster_name = "shop"
  worker_config {
    instance_type      = "SA5.MEDIUM4"
    subnet_id          = tencentcloud_subnet.nodes.id
    security_group_ids = [` + strings.Join(refs, ", ") + `]
  }
}
`
}

// identityModule is the root module in one file, the groups bound as
// [baseline, nodes].
func identityModule() string {
	return identityVPC + "\n" + identityGroups + "\n" + identityNodeRules + "\n" + identityCluster("baseline", "nodes")
}

// identityRun runs the real CLI in dir.
func identityRun(t *testing.T, dir string, args ...string) result {
	t.Helper()
	c, stdout, stderr := newTestCLI(t, rulesets.All)
	c.dir = dir
	code := c.run(t.Context(), append(args, "--no-color"))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// baselineOf writes a baseline of dir's findings and checks that it holds
// TKESG104 and TKESG202.
func baselineOf(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	r := identityRun(t, dir, append([]string{"--write-baseline", "base.json"}, args...)...)
	if r.code != exitFindings {
		t.Fatalf("writing the baseline: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	src, err := os.ReadFile(filepath.Join(dir, "base.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"TKESG104", "TKESG202"} {
		if !strings.Contains(string(src), `"check": "`+id+`"`) {
			t.Fatalf("the baseline lacks %s:\n%s", id, src)
		}
	}
	return src
}

// assertBaselined checks that every finding of dir is in its baseline.
func assertBaselined(t *testing.T, dir, change string) {
	t.Helper()
	r := identityRun(t, dir, "--baseline", "base.json", ".")
	if r.code != exitOK || !strings.Contains(r.stdout, " 0 findings") {
		t.Errorf("after %s, findings are new to the baseline (exit %d):\n%s%s", change, r.code, r.stdout, r.stderr)
	}
}

// TestIdentityRootModules: the same defect in two root modules is two
// findings; a baseline of one does not hide the other.
func TestIdentityRootModules(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"envs/prod/main.tf": identityModule()})
	baselineOf(t, dir, ".")
	writeFiles(t, dir, map[string]string{"envs/staging/main.tf": identityModule()})
	r := identityRun(t, dir, "--baseline", "base.json", ".")
	if r.code != exitFindings || strings.Contains(r.stdout, "envs/prod/main.tf:") ||
		!strings.Contains(r.stdout, "envs/staging/main.tf:") || !strings.Contains(r.stdout, "TKESG104") || !strings.Contains(r.stdout, "TKESG202") {
		t.Errorf("a baseline of envs/prod, run over envs/staging too: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// SARIF partialFingerprints differ between the two folders, and between
	// two files of one folder that are not a module (templates).
	writeFiles(t, dir, map[string]string{"templates/a.yaml": identityTemplate, "templates/b.yaml": identityTemplate})
	r = identityRun(t, dir, "--format", "sarif", ".")
	byFile := map[string][]string{}
	for _, res := range sarifResults(t, r.stdout) {
		byFile[res.file] = append(byFile[res.file], res.fingerprint)
	}
	pairs := [][2]string{{"envs/prod/main.tf", "envs/staging/main.tf"}, {"templates/a.yaml", "templates/b.yaml"}}
	for _, p := range pairs {
		a, b := byFile[p[0]], byFile[p[1]]
		if len(a) == 0 || len(a) != len(b) {
			t.Fatalf("results of %s: %d, of %s: %d\n%s", p[0], len(a), p[1], len(b), r.stdout)
		}
		for _, fp := range a {
			if slices.Contains(b, fp) {
				t.Errorf("%s and %s share the fingerprint %s", p[0], p[1], fp)
			}
		}
	}
}

// sharedModule are two examples that call one stack module, which calls
// the module of a bastion SG with the CIDR each example gives for SSH.
func sharedModule(one, two string) map[string]string {
	root := func(cidr string) string {
		return "module \"stack\" {\n  source   = \"../../modules/stack\"\n  ssh_cidr = \"" + cidr + "\"\n}\n"
	}
	files := map[string]string{
		"modules/stack/main.tf": "variable \"ssh_cidr\" { type = string }\n\nmodule \"sg\" {\n  source   = \"../sg\"\n  ssh_cidr = var.ssh_cidr\n}\n",
		"modules/sg/main.tf": `variable "ssh_cidr" { type = string }

resource "tencentcloud_security_group" "this" {
  name = "bastion"
}

resource "tencentcloud_security_group_rule_set" "this" {
  security_group_id = tencentcloud_security_group.this.id
  ingress {
    action     = "ACCEPT"
    cidr_block = var.ssh_cidr
    protocol   = "TCP"
    port       = "22"
  }
}
`,
	}
	if one != "" {
		files["examples/one/main.tf"] = root(one)
	}
	if two != "" {
		files["examples/two/main.tf"] = root(two)
	}
	return files
}

// sharedFinding is how text output shows the TKESG202 of the bastion SG of
// sharedModule as evaluated in root: with the calls of that root only.
func sharedFinding(root string) string {
	return "modules/sg/main.tf:9:3: warning TKESG202: ingress rule 1 of sg bastion (ACCEPT TCP 22 from 0.0.0.0/0) accepts remote administration" +
		" from the world (0.0.0.0/0): TCP 22 (SSH) from any address on the internet\n" +
		" 9 |   ingress {\n   |   ^~~~~~~~~\n10 |     action     = \"ACCEPT\"\n11 |     cidr_block = var.ssh_cidr\n" +
		"12 |     protocol   = \"TCP\"\n13 |     port       = \"22\"\n14 |   }\n" +
		"  modules/sg/main.tf:3:1: security group bastion is defined here\n" +
		"  " + root + "/main.tf:1:1: an outer module call on the way to this code\n" +
		"  modules/stack/main.tf:3:1: the module call that evaluates this code as module.stack.module.sg\n\n"
}

// sharedBaseline writes the baseline base.json of dir and returns it.
func sharedBaseline(t *testing.T, dir string) []byte {
	t.Helper()
	if r := identityRun(t, dir, "--write-baseline", "base.json", "."); r.code != exitFindings {
		t.Fatalf("writing the baseline: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	src, err := os.ReadFile(filepath.Join(dir, "base.json"))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// TestIdentitySharedModule: one defect of a module that two root modules
// call is two findings, one per root, each with the module calls of its
// own root: a baseline of one root neither hides the other nor turns
// into a new finding when the other is fixed, and diff says which
// instance is new or resolved.
func TestIdentitySharedModule(t *testing.T) {
	dir, gitIn := gitRepo(t)
	writeFiles(t, dir, sharedModule("0.0.0.0/0", "0.0.0.0/0"))
	r := identityRun(t, dir, ".")
	if want := sharedFinding("examples/one") + sharedFinding("examples/two"); r.code != exitFindings || !strings.Contains(r.stdout, want) ||
		!strings.Contains(r.stdout, "2 findings (0 errors, 2 warnings, 0 notes)") {
		t.Errorf("exit %d, want the finding of each root, in the order of the roots:\n%s\ngot:\n%s%s", r.code, want, r.stdout, r.stderr)
	}
	r = identityRun(t, dir, "--format", "sarif", ".")
	if res := sarifResults(t, r.stdout); len(res) != 2 || res[0].fingerprint == res[1].fingerprint {
		t.Errorf("SARIF results %v, want two with their own fingerprints", res)
	}

	// Fixing one root resolves its finding only; the baseline still holds
	// the other's.
	src := sharedBaseline(t, dir)
	for _, root := range []string{"examples/one", "examples/two"} {
		if !strings.Contains(string(src), `"root": "`+root+`"`) {
			t.Errorf("the baseline has no finding of %s:\n%s", root, src)
		}
	}
	gitIn("init", "-q")
	gitIn("add", "-A")
	gitIn("commit", "-qm", "base")
	writeFiles(t, dir, sharedModule("0.0.0.0/0", "10.1.0.0/16"))
	assertBaselined(t, dir, "fixing examples/two")
	r = identityRun(t, dir, "diff", "HEAD", ".")
	if r.code != exitOK || !strings.Contains(r.stdout, "resolved warning TKESG202 of module.stack.module.sg in examples/two (was at modules/sg/main.tf:9:3)") ||
		!strings.Contains(r.stdout, "0 new findings, 1 resolved") {
		t.Errorf("diff after fixing examples/two: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// A baseline of one root: the other root, added later, is one new
	// finding, which names its own root's call only.
	dir = t.TempDir()
	writeFiles(t, dir, sharedModule("0.0.0.0/0", ""))
	sharedBaseline(t, dir)
	writeFiles(t, dir, sharedModule("0.0.0.0/0", "0.0.0.0/0"))
	r = identityRun(t, dir, "--baseline", "base.json", ".")
	if r.code != exitFindings || !strings.Contains(r.stdout, sharedFinding("examples/two")) || strings.Contains(r.stdout, "examples/one") ||
		!strings.Contains(r.stdout, "1 finding (0 errors, 1 warning, 0 notes), 1 suppressed") {
		t.Errorf("a baseline of examples/one, run with examples/two: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestIdentityModuleInstances: one root that calls a module twice gets
// the module's finding once per instance, each naming its instance.
func TestIdentityModuleInstances(t *testing.T) {
	dir := t.TempDir()
	files := sharedModule("", "")
	files["main.tf"] = `module "prod" {
  source   = "./modules/sg"
  ssh_cidr = "0.0.0.0/0"
}

module "staging" {
  source   = "./modules/sg"
  ssh_cidr = "0.0.0.0/0"
}
`
	writeFiles(t, dir, files)
	r := identityRun(t, dir, ".")
	prod := "  main.tf:1:1: the module call that evaluates this code as module.prod\n\n"
	staging := "  main.tf:6:1: the module call that evaluates this code as module.staging\n\n"
	if r.code != exitFindings || strings.Count(r.stdout, "warning TKESG202") != 2 || !strings.Contains(r.stdout, prod) ||
		!strings.Contains(r.stdout, staging) || strings.Index(r.stdout, prod) > strings.Index(r.stdout, staging) {
		t.Errorf("exit %d, want a TKESG202 of module.prod, then one of module.staging:\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Checkstyle has no related locations: its messages name the instance.
	r = identityRun(t, dir, "--format", "checkstyle", ".")
	for _, inst := range []string{"module.prod", "module.staging"} {
		if !strings.Contains(r.stdout, "from any address on the internet (TKESG202; "+inst+")") {
			t.Errorf("the checkstyle output does not name %s:\n%s", inst, r.stdout)
		}
	}
}

// identityTemplate is a template with an SG that accepts SSH from the world.
const identityTemplate = `Resources:
  Bastion:
    Type: TencentCloud::VPC::SecurityGroup
    Properties:
      SecurityGroupName: bastion
      SecurityGroupPolicySet:
        Ingress:
          - { Action: ACCEPT, CidrBlock: 0.0.0.0/0, Protocol: TCP, Port: "22" }
`

type sarifResult struct{ file, fingerprint string }

// sarifResults returns the file and fingerprint of each result of a log.
func sarifResults(t *testing.T, log string) []sarifResult {
	t.Helper()
	var doc struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(log), &doc); err != nil {
		t.Fatal(err)
	}
	var out []sarifResult
	for _, res := range doc.Runs[0].Results {
		out = append(out, sarifResult{res.Locations[0].PhysicalLocation.ArtifactLocation.URI, res.PartialFingerprints["tkesglint/v2"]})
	}
	return out
}

// TestIdentityBindingOrder: reordering the bound SGs, the change that fixes
// a TKESG101, keeps an unchanged TKESG104 (the NodePorts match no rule of
// either group) the same finding, for a baseline and for diff.
func TestIdentityBindingOrder(t *testing.T) {
	dir, gitIn := gitRepo(t)
	writeFiles(t, dir, map[string]string{"main.tf": identityModule()})
	gitIn("init", "-q")
	gitIn("add", "-A")
	gitIn("commit", "-qm", "base")
	baselineOf(t, dir, ".")
	src := strings.Replace(identityModule(), identityCluster("baseline", "nodes"), identityCluster("nodes", "baseline"), 1)
	writeFiles(t, dir, map[string]string{"main.tf": src})
	assertBaselined(t, dir, "reordering the bound groups")
	r := identityRun(t, dir, "diff", "HEAD", ".")
	if r.code != exitOK || !strings.Contains(r.stdout, "0 new findings, 0 resolved") {
		t.Errorf("diff after reordering the bound groups: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestIdentityRenameUnrelated: renaming resources that are not part of a
// defect (the VPC and subnet of the cluster) changes no finding.
func TestIdentityRenameUnrelated(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": identityModule()})
	baselineOf(t, dir, ".")
	src := strings.NewReplacer("tencentcloud_vpc.main", "tencentcloud_vpc.primary", `"tencentcloud_vpc" "main"`, `"tencentcloud_vpc" "primary"`,
		"tencentcloud_subnet.nodes", "tencentcloud_subnet.workers", `"tencentcloud_subnet" "nodes"`, `"tencentcloud_subnet" "workers"`).Replace(identityModule())
	if src == identityModule() {
		t.Fatal("nothing renamed")
	}
	writeFiles(t, dir, map[string]string{"main.tf": src})
	assertBaselined(t, dir, "renaming the VPC and the subnet")
}

// TestIdentityMoveBlock: moving blocks to another file of the same module,
// and down the file, changes no finding.
func TestIdentityMoveBlock(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": identityModule()})
	baselineOf(t, dir, ".")
	writeFiles(t, dir, map[string]string{
		"main.tf":     "locals {\n  moved = true\n}\n\n" + identityVPC + "\n" + identityCluster("baseline", "nodes"),
		"security.tf": identityNodeRules + "\n\n" + identityGroups,
	})
	assertBaselined(t, dir, "moving the groups and the rules to security.tf")
}

// TestIdentityCheckoutPath: the same tree checked out in two places, and
// named by an absolute or a relative path, gives the same baseline.
func TestIdentityCheckoutPath(t *testing.T) {
	files := map[string]string{"envs/prod/main.tf": identityModule(), "templates/a.yaml": identityTemplate}
	one, two := t.TempDir(), filepath.Join(t.TempDir(), "elsewhere", "checkout")
	writeFiles(t, one, files)
	writeFiles(t, two, files)
	first := baselineOf(t, one, ".")
	if second := baselineOf(t, two, "."); !bytes.Equal(first, second) {
		t.Errorf("two checkouts give different baselines:\n%s\n%s", first, second)
	}
	if abs := baselineOf(t, two, filepath.Join(two, "envs"), filepath.Join(two, "templates")); !bytes.Equal(first, abs) {
		t.Errorf("absolute paths give another baseline:\n%s\n%s", first, abs)
	}
}

// TestOldBaseline: a baseline of an older format is refused with a message
// that says what to do.
func TestOldBaseline(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"main.tf":  identityModule(),
		"old.json": `{"version": 1, "tool": "tkesglint", "findings": [{"fingerprint": "72128b009421761f37dd740c2ef39036cac9d9f821cf96bd808e55a3867c9d31", "check": "TKESG202", "file": "main.tf", "address": "x"}]}`,
	})
	r := identityRun(t, dir, "--baseline", "old.json", ".")
	if r.code != exitFailure || !strings.Contains(r.stderr, "written by an older tkesglint") || !strings.Contains(r.stderr, "write it again with --write-baseline") {
		t.Errorf("an old baseline: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}
