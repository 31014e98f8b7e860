package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tkesglint/tkesglint/rulesets"
)

// nodeSG is an SG named after a cluster, with no rule for the pod network.
const nodeSG = `resource "tencentcloud_security_group" "nodes" {
  name = "tke-worker-security-for-cls-abcd1234"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
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

// runIn runs the real CLI in a temporary folder holding files.
func runIn(t *testing.T, files map[string]string, args ...string) result {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c, stdout, stderr := newTestCLI(t, rulesets.All)
	c.dir = dir
	code := c.run(t.Context(), append([]string{"--no-color"}, args...))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func TestClusterFlags(t *testing.T) {
	files := map[string]string{"main.tf": nodeSG}
	r := runIn(t, files, "--fail-on", "error", ".")
	if r.code != 0 || !strings.Contains(r.stdout, "note TKESG101: the container network of cluster cls-abcd1234 is unknown") {
		t.Errorf("without flags: exit %d, want 0 and a note about the container network:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runIn(t, files, "--container-cidr", "172.16.0.0/16", "--vpc-cidr", "10.0.0.0/16", ".")
	if r.code != 1 || !strings.Contains(r.stdout, "error TKESG101: TCP 80 from 172.16.0.1 (container network 172.16.0.0/16)") {
		t.Errorf("with flags: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runIn(t, files, "--container-cidr", "172.16.0.0/33", ".")
	if r.code != 2 || !strings.Contains(r.stderr, "not a valid CIDR") {
		t.Errorf("bad CIDR: exit %d: %s", r.code, r.stderr)
	}
	r = runIn(t, files, "--vpc-cidr", "10.0.0.0/16", "--container-cidr", "10.0.0.0/16", "--lb-clients=", ".")
	if strings.Contains(r.stdout, "TKESG104") {
		t.Errorf("--lb-clients= must turn TKESG104 off:\n%s", r.stdout)
	}
}

func TestConfigFile(t *testing.T) {
	files := map[string]string{
		"main.tf": nodeSG,
		".tkesglint.yml": `checks:
  disable: [TKESG202]
  levels: { TKESG104: error }
clusters:
  - match: cls-abcd1234
    cluster_network: [10.0.0.0/16]
    container_network: [10.0.0.0/16]
`,
	}
	r := runIn(t, files, "--verbose", ".")
	if strings.Contains(r.stdout, "TKESG202") || !strings.Contains(r.stdout, "error TKESG104") || !strings.Contains(r.stderr, "using configuration .tkesglint.yml") {
		t.Errorf("config not applied: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	files[".tkesglint.yml"] = "checks:\n  disabel: [TKESG202]\n"
	r = runIn(t, files, ".")
	if r.code != 2 || !strings.Contains(r.stderr, `.tkesglint.yml:2:3: invalid configuration: unknown key "disabel" in checks`) {
		t.Errorf("typo: exit %d: %s", r.code, r.stderr)
	}
	files[".tkesglint.yml"] = "checks:\n  disable: [TKESG999]\n"
	r = runIn(t, files, ".")
	if r.code != 2 || !strings.Contains(r.stderr, `.tkesglint.yml:2:13: invalid configuration: unknown check "TKESG999"`) {
		t.Errorf("unknown check: exit %d: %s", r.code, r.stderr)
	}
}

func TestUserRuleset(t *testing.T) {
	files := map[string]string{
		"main.tf": nodeSG,
		"org.yaml": `ruleset: org
requirements:
  - id: ORG001
    level: warning
    title: nothing accepts SSH from the internet
    applies_to: any
    direction: ingress
    require: forbid
    flows: [{ protocol: TCP, ports: "22", peer: world4 }]
    except: [{ protocol: ALL, ports: ALL, peer: [10.0.0.0/8] }]
`,
	}
	r := runIn(t, files, "--ruleset", "org.yaml", "--enable", "ORG001", "main.tf")
	if r.code != 1 || !strings.Contains(r.stdout, "warning ORG001: TCP 22 from 203.0.113.7") || strings.Count(r.stdout, " ORG001: ") != 1 {
		t.Errorf("ruleset: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	files["org.yaml"] = "ruleset: org\nrequirements:\n  - { id: ORG001 }\n"
	r = runIn(t, files, "--ruleset", "org.yaml", "main.tf")
	if r.code != 2 || !strings.Contains(r.stderr, "org.yaml:3:5: invalid ruleset: the requirement has no \"level\"") {
		t.Errorf("bad ruleset: exit %d: %s", r.code, r.stderr)
	}
}

func TestKindsAndExclude(t *testing.T) {
	files := map[string]string{
		"tf/main.tf":      nodeSG,
		"legacy/main.tf":  nodeSG,
		"k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n",
		"package.json":    `{"name": "x", "version": "1.0.0"}`,
		"stack.yaml": `Resources:
  Web:
    Type: TencentCloud::VPC::SecurityGroup
    Properties:
      SecurityGroupName: web
      SecurityGroupPolicySet:
        Ingress:
          - { Protocol: TCP, Port: "3389", CidrBlock: 0.0.0.0/0, Action: ACCEPT }
`,
		"sg-1a2b3c4d.json": `{"Response": {"SecurityGroupPolicySet": {"Version": "1", "Ingress": [
  {"PolicyIndex": 0, "Protocol": "tcp", "Port": "10250", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}], "Egress": []}, "RequestId": "x"}}`,
	}
	r := runIn(t, files, "--enable", "TKESG202,TKESG203", "--exclude", "legacy/**", ".")
	for _, want := range []string{"stack.yaml:8:13: warning TKESG202", "sg-1a2b3c4d.json:2:71: error TKESG203", "tf/main.tf:11:3: warning TKESG202", "3 files read"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q in:\n%s%s", want, r.stdout, r.stderr)
		}
	}
	if strings.Contains(r.stdout, "legacy/") || strings.Contains(r.stdout, "deploy.yaml") || r.stderr != "" {
		t.Errorf("excluded or unrelated files reported:\n%s%s", r.stdout, r.stderr)
	}
}

// TestParamOrder: --param and --param-file apply in command-line order, the
// later winning (docs/design.md#inputs).
func TestParamOrder(t *testing.T) {
	files := map[string]string{
		"stack.yaml": `Parameters:
  Port: { Type: String, Default: "443" }
Resources:
  Web:
    Type: TencentCloud::VPC::SecurityGroup
    Properties:
      SecurityGroupName: web
      SecurityGroupPolicySet:
        Ingress:
          - { Protocol: TCP, Port: !Ref Port, CidrBlock: 0.0.0.0/0, Action: ACCEPT }
`,
		"p.json": `{"Port": "3389"}`,
	}
	r := runIn(t, files, "--param", "Port=22", "--param-file", "p.json", "stack.yaml")
	if !strings.Contains(r.stdout, "TCP 3389 (RDP)") {
		t.Errorf("file after flag: the file must win:\n%s%s", r.stdout, r.stderr)
	}
	r = runIn(t, files, "--param-file", "p.json", "--param", "Port=22", "stack.yaml")
	if !strings.Contains(r.stdout, "TCP 22 (SSH)") {
		t.Errorf("flag after file: the flag must win:\n%s%s", r.stdout, r.stderr)
	}
}

// bastionWithSSHVariable opens SSH to var.ssh_cidr, a private network by
// default.
const bastionWithSSHVariable = `variable "ssh_cidr" {
  type    = string
  default = "10.0.0.0/8"
}

resource "tencentcloud_security_group_lite_rule" "bastion" {
  security_group_id = "sg-12345678"
  ingress           = [format("ACCEPT#%s#22#TCP", var.ssh_cidr)]
}
`

// TestVarOrder: --var and --var-file apply in command-line order, the later
// winning, as Terraform applies them.
func TestVarOrder(t *testing.T) {
	files := map[string]string{
		"main.tf":      bastionWithSSHVariable,
		"world.tfvars": `ssh_cidr = "0.0.0.0/0"`,
		"safe.tfvars":  `ssh_cidr = "10.0.0.0/8"`,
	}
	for _, tt := range []struct {
		args []string
		open bool
	}{
		{[]string{"--var", "ssh_cidr=0.0.0.0/0", "--var-file", "safe.tfvars"}, false},
		{[]string{"--var", "ssh_cidr=10.0.0.0/8", "--var-file", "world.tfvars"}, true},
		{[]string{"--var-file", "world.tfvars", "--var", "ssh_cidr=10.0.0.0/8"}, false},
		{[]string{"--var-file", "safe.tfvars", "--var-file", "world.tfvars"}, true},
	} {
		r := runIn(t, files, append(tt.args, "main.tf")...)
		if got := strings.Contains(r.stdout, "TKESG202"); got != tt.open {
			t.Errorf("%v: TKESG202 reported = %v, want %v:\n%s%s", tt.args, got, tt.open, r.stdout, r.stderr)
		}
	}
}

// TestUndeclaredVar: a --var or a --var-file assignment that no root module
// declares is a notice (a typo would otherwise leave the default in force
// without a word); a declared one is silent.
func TestUndeclaredVar(t *testing.T) {
	files := map[string]string{
		"main.tf":     bastionWithSSHVariable,
		"typo.tfvars": "ssh_cidr = \"10.0.0.0/8\"\nssh_cdir = \"0.0.0.0/0\"\n",
	}
	r := runIn(t, files, "--var", "ssh_cird=0.0.0.0/0", "--var", "ssh_cidr=10.0.0.0/8", "--var-file", "typo.tfvars", "main.tf")
	for _, want := range []string{
		`notice: --var ssh_cird: no root module declares a variable "ssh_cird", so the value is not used`,
		`typo.tfvars:2:12: notice: variable "ssh_cdir" is set here, but no root module declares it, so the value is not used`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q in:\n%s%s", want, r.stdout, r.stderr)
		}
	}
	if n := strings.Count(r.stdout, "notice:"); n != 2 {
		t.Errorf("%d notices, want 2 (declared names are silent):\n%s", n, r.stdout)
	}
	if r.code != 0 {
		t.Errorf("exit %d, want 0: a notice is not a finding", r.code)
	}
}

// TestClusterFlagsPerUnit: the cluster flags describe one cluster in each
// root module or template: applied in every one that defines one cluster,
// an error where one defines several (they would be dropped silently), a
// notice when no unit has a cluster for them. --lb-clients is every
// cluster's default, never ambiguous.
func TestClusterFlagsPerUnit(t *testing.T) {
	other := strings.ReplaceAll(strings.ReplaceAll(nodeSG, `"nodes"`, `"other"`), "cls-abcd1234", "cls-efgh5678")
	other = strings.ReplaceAll(other, "security_group.nodes.id", "security_group.other.id")
	files := map[string]string{
		"envs/a/main.tf": nodeSG,
		"envs/b/main.tf": other,
		"envs/c/main.tf": nodeSG + other,
		"stacks/two.yaml": `Resources:
  vpc:
    Type: TencentCloud::VPC::VPC
    Properties: { VpcName: v, CidrBlock: 10.0.0.0/16 }
  prod:
    Type: TencentCloud::TKE::Cluster
    Properties: { ClusterName: prod, VpcId: !Ref vpc, ClusterCIDRSettings: { ServiceCIDR: 192.168.0.0/22 } }
  staging:
    Type: TencentCloud::TKE::Cluster
    Properties: { ClusterName: staging, VpcId: !Ref vpc, ClusterCIDRSettings: { ServiceCIDR: 192.168.4.0/22 } }
`,
	}
	r := runIn(t, files, "--container-cidr", "172.16.0.0/16", "--vpc-cidr", "10.0.0.0/16", ".")
	out := r.stdout + r.stderr
	for _, want := range []string{
		// Applied where the unit has one cluster.
		"envs/a/main.tf:1:1: error TKESG101: TCP 80 from 172.16.0.1 (container network 172.16.0.0/16) to the nodes of cluster cls-abcd1234",
		"envs/b/main.tf:1:1: error TKESG101: TCP 80 from 172.16.0.1 (container network 172.16.0.0/16) to the nodes of cluster cls-efgh5678",
		// Refused where it has two, which keep their notes.
		"envs/c/main.tf:1:1: error: ambiguous cluster flags: envs/c defines 2 clusters, cls-abcd1234 (envs/c/main.tf:1) and cls-efgh5678 (envs/c/main.tf:22); --vpc-cidr and --container-cidr describe one cluster, so they are applied to none of them: describe each in .tkesglint.yml (clusters: - match: <id or address>)",
		"envs/c/main.tf:1:1: note TKESG101: the container network of cluster cls-abcd1234 is unknown",
		"stacks/two.yaml:5:3: error: ambiguous cluster flags: stacks/two.yaml defines 2 clusters, prod (stacks/two.yaml:5) and staging (stacks/two.yaml:8);",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if r.code != exitFailure {
		t.Errorf("exit %d, want %d", r.code, exitFailure)
	}

	r = runIn(t, map[string]string{"envs/c/main.tf": nodeSG + other}, "--lb-clients=", ".")
	if r.code != exitFindings || strings.Contains(r.stdout+r.stderr, "ambiguous") || strings.Contains(r.stdout, "TKESG104") {
		t.Errorf("--lb-clients= on two clusters: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}

	sg := map[string]string{"main.tf": `resource "tencentcloud_security_group" "web" {
  name = "web"
}
`}
	for _, tc := range []struct {
		args   []string
		notice string
	}{
		{[]string{"--vpc-cidr", "10.0.0.0/16"}, "notice: --vpc-cidr describes no cluster: no input defines one (--node-sg declares one)"},
		{[]string{"--node-sg", "sg-12345678", "--network-type", "GR"}, "notice: --node-sg and --network-type describe no cluster: no input defines one or holds the security groups they name"},
	} {
		r := runIn(t, sg, append(tc.args, ".")...)
		if r.code != exitOK || !strings.Contains(r.stdout+r.stderr, tc.notice) {
			t.Errorf("%v: exit %d, want 0 and %q:\n%s%s", tc.args, r.code, tc.notice, r.stdout, r.stderr)
		}
	}
	if r := runIn(t, sg, "--node-sg", "tencentcloud_security_group.web", "."); strings.Contains(r.stdout+r.stderr, "notice") {
		t.Errorf("--node-sg that declares a cluster:\n%s%s", r.stdout, r.stderr)
	}
}

// TestFixChecksUnknownID: --fix-checks refuses an id that names no check,
// as --enable does, rather than make no fix without a word; it takes
// "all" and ids in any case.
func TestFixChecksUnknownID(t *testing.T) {
	files := map[string]string{"main.tf": nodeSG}
	r := runIn(t, files, "--fix", "--dry-run", "--fix-checks", "TKESG101,TKESG25", ".")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown check "TKESG25" in --fix-checks ('tkesglint rules' lists them, or give all)`) || strings.Contains(r.stderr, `"TKESG101"`) {
		t.Errorf("--fix-checks TKESG25: exit %d: %s", r.code, r.stderr)
	}
	if r := runIn(t, files, "--fix", "--dry-run", "--fix-checks", "all,tkesg205", "."); r.code == 2 {
		t.Errorf("--fix-checks all,tkesg205: exit %d: %s", r.code, r.stderr)
	}
}

// TestHugeNumberGiven: a variable's value that reads as a number of
// millions of digits, given by the configuration, --var or TF_VAR_, is an
// input error that names the variable and its source, in milliseconds: in
// "p${var.n * 1}" it took half a minute and wrote five million digits.
func TestHugeNumberGiven(t *testing.T) {
	const mainTF = `variable "n" {}

resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = "sg-1"
  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/8"
    protocol    = "TCP"
    port        = "443"
    description = "p${var.n * 1}"
  }
}
`
	for _, c := range []struct {
		name  string
		files map[string]string
		args  []string
		want  string
	}{
		{"config", map[string]string{"main.tf": mainTF, ".tkesglint.yml": "variables:\n  n: \"5e5000000\"\n"}, nil,
			"main.tf:1:1: error: number out of range: The value given for var.n in the variables of .tkesglint.yml holds a number of about 2^16609643"},
		{"var", map[string]string{"main.tf": mainTF}, []string{"--var", "n=5e5000000"},
			"main.tf:1:1: error: number out of range: The value given for var.n in --var n holds a number of about 2^16609643"},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			r := runIn(t, c.files, append(c.args, ".")...)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("the run took %v", d)
			}
			if r.code != 2 || !strings.Contains(r.stdout+r.stderr, c.want) {
				t.Errorf("exit %d, want 2 and %q:\n%s%s", r.code, c.want, r.stdout, r.stderr)
			}
		})
	}
}
