package terraform

import (
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// deepPath shortens a fixture path for comparisons.
func deepPath(r model.Range) string {
	return strings.TrimPrefix(r.String(), deepFixtures+"/")
}

// owners returns the rule owner at addr.
func findOwner(t *testing.T, in *model.Input, addr string) *model.RuleOwner {
	t.Helper()
	for _, o := range in.RuleOwners {
		if o.Resource.Address == addr {
			return o
		}
	}
	t.Fatalf("no rule owner %s", addr)
	return nil
}

func oneUnit(t *testing.T, name string) (*model.Input, []*model.Error) {
	t.Helper()
	units, errs := parseFixture(t, name, deepOptions(t, name))
	if len(units) != 1 {
		var dirs []string
		for _, u := range units {
			dirs = append(dirs, u.Dir)
		}
		t.Fatalf("%s: %d units %v, want 1", name, len(units), dirs)
	}
	return units[0].Input, errs
}

func noErrors(t *testing.T, errs []*model.Error) {
	t.Helper()
	for _, e := range errs {
		t.Errorf("unexpected error: %v", e)
	}
}

func TestDeepModules(t *testing.T) {
	in, errs := oneUnit(t, "modules")
	noErrors(t, errs)
	o := findOwner(t, in, "module.nodes.module.rules.tencentcloud_security_group_rule_set.this")
	var chain []string
	for _, r := range o.Resource.CallChain {
		chain = append(chain, deepPath(r))
	}
	if want := []string{"modules/main.tf:6:1", "modules/modules/sg/main.tf:13:1"}; !slices.Equal(chain, want) {
		t.Errorf("call chain %v, want %v", chain, want)
	}
	wantString(t, "target", o.SecurityGroup, "module.nodes.tencentcloud_security_group.this", model.Written, "", "")
	sg := findSG(t, in, "module.nodes.tencentcloud_security_group.this")
	r := sg.Ingress.Rules[0]
	if deepPath(r.Range) != "modules/modules/rules/main.tf:12:3" {
		t.Errorf("rule at %s", deepPath(r.Range))
	}
	wantString(t, "cidr through two calls", r.CIDR, "0.0.0.0/0", model.Written, "", "")
	for _, addr := range []string{`module.envs["a"].tencentcloud_security_group.this`, `module.envs["b"].tencentcloud_security_group.this`, "module.counted[0].tencentcloud_security_group.this"} {
		findSG(t, in, addr)
	}
	wantString(t, "for_each key in a module argument", findSG(t, in, `module.envs["b"].tencentcloud_security_group.this`).Ingress.Rules[0].CIDR, "192.168.0.0/16", model.Written, "", "")
	got := values(findInstance(t, in, "tencentcloud_instance.cvm").Bindings[0].Groups)
	want := []string{"module.nodes.tencentcloud_security_group.this", `module.envs["a"].tencentcloud_security_group.this`, "module.counted[0].tencentcloud_security_group.this"}
	if !slices.Equal(got, want) {
		t.Errorf("outputs %v, want %v", got, want)
	}
}

func TestDeepVariables(t *testing.T) {
	in, errs := oneUnit(t, "variables")
	noErrors(t, errs)
	for name, want := range map[string]string{
		"from_default": "0.0.0.0/0", "from_tfvars": "0.0.0.0/0", "auto_order": "10.1.0.0/16",
		"tfvars_then_auto": "0.0.0.0/0", "from_env": "0.0.0.0/0", "env_then_tfvars": "10.2.0.0/16",
		"from_varfile": "0.0.0.0/0", "from_cli": "0.0.0.0/0",
	} {
		sg := findSG(t, in, "tencentcloud_security_group."+name)
		wantString(t, name, sg.Ingress.Rules[0].CIDR, want, model.Written, "", "")
	}
	unset := findSG(t, in, "tencentcloud_security_group.unset").Ingress.Rules[0]
	wantString(t, "unset", unset.CIDR, "", model.Unresolved, "", "var.unset has no value")
	typed := findSG(t, in, "tencentcloud_security_group.typed").Ingress.Rules[0]
	wantString(t, "optional attribute default", typed.Port, "22", model.Written, "", "")
}

func TestDeepCountForEach(t *testing.T) {
	in, errs := oneUnit(t, "count")
	noErrors(t, errs)
	for _, addr := range []string{"tencentcloud_security_group.sg[0]", "tencentcloud_security_group.sg[1]"} {
		sg := findSG(t, in, addr)
		if deepPath(sg.Resource.Range) != "count/main.tf:13:1" || deepPath(sg.Resource.DeclRange) != "count/main.tf:13:1" {
			t.Errorf("%s at %s", addr, deepPath(sg.Resource.Range))
		}
	}
	wantString(t, "count.index", findSG(t, in, "tencentcloud_security_group.sg[1]").Ingress.Rules[0].CIDR, "10.0.0.0/8", model.Written, "", "")
	if got := values(findInstance(t, in, "tencentcloud_instance.all").Bindings[0].Groups); !slices.Equal(got, []string{"tencentcloud_security_group.sg[0]", "tencentcloud_security_group.sg[1]"}) {
		t.Errorf("splat %v", got)
	}
	if !slices.ContainsFunc(in.Notes, func(n model.Note) bool { return strings.Contains(n.Message, "var.unknown_n has no value") }) {
		t.Errorf("no note on the unknown count: %v", in.Notes)
	}
	for _, o := range in.RuleOwners {
		if strings.Contains(o.Resource.Address, "none") {
			t.Errorf("count = 0 made an instance: %s", o.Resource.Address)
		}
	}

	in, errs = oneUnit(t, "for_each")
	noErrors(t, errs)
	if got := values(findInstance(t, in, "tencentcloud_instance.by_values").Bindings[0].Groups); !slices.Equal(got, []string{`tencentcloud_security_group.s["x"]`, `tencentcloud_security_group.s["y"]`}) {
		t.Errorf("values()[*] %v", got)
	}
	if got := values(findInstance(t, in, "tencentcloud_instance.by_for").Bindings[0].Groups); !slices.Equal(got, []string{`tencentcloud_security_group.g["web"]`}) {
		t.Errorf("for expression %v", got)
	}
	wantString(t, "each.value", findSG(t, in, `tencentcloud_security_group.g["db"]`).Ingress.Rules[0].CIDR, "10.0.0.0/8", model.Written, "", "")
}

func TestDeepDynamic(t *testing.T) {
	in, errs := oneUnit(t, "dynamic")
	noErrors(t, errs)
	sg := findSG(t, in, "tencentcloud_security_group.d")
	if len(sg.Ingress.Rules) != 2 {
		t.Fatalf("%d ingress rules, want 2", len(sg.Ingress.Rules))
	}
	for _, r := range sg.Ingress.Rules {
		if deepPath(r.Range) != "dynamic/main.tf:28:5" {
			t.Errorf("generated rule at %s, want the content block", deepPath(r.Range))
		}
	}
	wantString(t, "iterator", sg.Ingress.Rules[1].Port, "3389", model.Written, deepFixtures+"/dynamic/main.tf:32:20", "")
	// The rules over an unknown collection stand as one rule at their
	// place: literals as written, the iterator's values unknown, each
	// saying why once.
	if !sg.Egress.Complete || sg.Egress.Why != "" || len(sg.Egress.Rules) != 1 {
		t.Fatalf("egress complete=%v why=%q, %d rules", sg.Egress.Complete, sg.Egress.Why, len(sg.Egress.Rules))
	}
	r := sg.Egress.Rules[0]
	wantString(t, "stand-in action", r.Action, "ACCEPT", model.Written, deepFixtures+"/dynamic/main.tf:39:20", "")
	wantString(t, "stand-in cidr", r.CIDR, "", model.Unresolved, deepFixtures+"/dynamic/main.tf:40:20", "var.unknown_rules has no value")
	wantString(t, "stand-in port", r.Port, "", model.Unresolved, "", "var.unknown_rules has no value")
	wantString(t, "stand-in protocol", r.Protocol, "ALL", model.Defaulted, "", "")
}

func TestDeepDownloaded(t *testing.T) {
	units, errs := parseFixture(t, "downloaded", Options{})
	noErrors(t, errs)
	if len(units) != 1 {
		t.Fatalf("%d units", len(units))
	}
	in := units[0].Input
	o := findOwner(t, in, "module.remote.module.inner.tencentcloud_security_group_lite_rule.this")
	if !strings.HasSuffix(o.Resource.Range.Filename, ".terraform/modules/remote/modules/inner/main.tf") || len(o.Resource.CallChain) != 2 {
		t.Errorf("inner rule at %s chain %v", o.Resource.Range, o.Resource.CallChain)
	}
	wantString(t, "target", o.SecurityGroup, "module.remote.tencentcloud_security_group.this", model.Written, "", "")
	miss := findOwner(t, in, "tencentcloud_security_group_rule_set.on_missing")
	wantString(t, "missing module", miss.SecurityGroup, "", model.Unresolved, "",
		`module.missing (source "tencentcloudstack/security-group/tencentcloud") was not downloaded`)
	if len(units[0].Loaded) != 2 {
		t.Errorf("loaded %d files, want 2", len(units[0].Loaded))
	}
}

func TestDeepRecursion(t *testing.T) {
	units, errs := parseFixture(t, "recursion", Options{})
	if len(units) != 1 {
		t.Fatalf("%d units", len(units))
	}
	if len(errs) != 1 || errs[0].Summary != "recursive module call" || !strings.HasSuffix(errs[0].Range.String(), "recursion/mod/main.tf:10:1") {
		t.Errorf("errors %v, want one recursive module call at mod/main.tf:10:1", errs)
	}
	findSG(t, units[0].Input, "module.loop.tencentcloud_security_group.this")
}

func TestDeepOverride(t *testing.T) {
	in, errs := oneUnit(t, "override")
	noErrors(t, errs)
	sg := findSG(t, in, "tencentcloud_security_group.o")
	wantString(t, "name", sg.Name, "overridden", model.Written, "", "")
	wantString(t, "description kept", sg.Description, "kept", model.Written, "", "")
	if len(sg.Ingress.Rules) != 1 || len(sg.Egress.Rules) != 1 {
		t.Fatalf("ingress %d egress %d, want 1 and 1", len(sg.Ingress.Rules), len(sg.Egress.Rules))
	}
	r := sg.Ingress.Rules[0]
	if deepPath(r.Range) != "override/main_override.tf:12:3" {
		t.Errorf("rule at %s", deepPath(r.Range))
	}
	wantString(t, "overridden default", r.CIDR, "0.0.0.0/0", model.Written, "", "")
	if deepPath(sg.Egress.Rules[0].Range) != "override/main.tf:32:3" {
		t.Errorf("egress at %s", deepPath(sg.Egress.Rules[0].Range))
	}
}

func TestDeepPlan(t *testing.T) {
	units, errs := parseFixture(t, "plan", Options{})
	noErrors(t, errs)
	if len(units) != 1 || !strings.HasSuffix(units[0].Dir, "plan/plan.json") {
		t.Fatalf("units %v", units)
	}
	in := units[0].Input
	wantString(t, "reference from configuration", findOwner(t, in, "tencentcloud_security_group_rule_set.rs").SecurityGroup,
		"tencentcloud_security_group.sg", model.Written, "", "")
	wantString(t, "reference through a module variable", findOwner(t, in, "module.net.tencentcloud_security_group_lite_rule.l").SecurityGroup,
		"tencentcloud_security_group.other", model.Written, "", "")
	sg := findSG(t, in, "tencentcloud_security_group.sg")
	wantString(t, "planned value", sg.Description, "from a plan", model.Written, deepFixtures+"/plan/plan.json:15:28", "")

	in, errs = oneUnit(t, "plan-tf")
	noErrors(t, errs)
	sg = findSG(t, in, "tencentcloud_security_group.sg[1]")
	wantString(t, "plan value at the .tf line", sg.Ingress.Rules[0].CIDR, "0.0.0.0/0", model.Written, deepFixtures+"/plan-tf/main.tf:24:18", "")
	wantString(t, "name", sg.Name, "plan-1", model.Written, deepFixtures+"/plan-tf/main.tf:15:11", "")
	if len(in.SecurityGroups) != 2 || len(in.RuleOwners) != 2 {
		t.Errorf("%d groups %d owners, want 2 and 2", len(in.SecurityGroups), len(in.RuleOwners))
	}
}

func TestDataSourceReason(t *testing.T) {
	in, _ := parseModule(t.Context(), []File{{Path: "m/main.tf", Src: []byte(`
data "tencentcloud_vpc_instances" "x" {}
module "net" {
  source = "git::https://example.com/net.git"
}
resource "tencentcloud_vpc" "v" {
  cidr_block = data.tencentcloud_vpc_instances.x.cidr_block
}
resource "tencentcloud_subnet" "s" {
  cidr_block = module.net.cidr
}`)}}, Options{})
	wantString(t, "data", in.VPCs[0].CIDR, "", model.Unresolved, "", "data.tencentcloud_vpc_instances.x.cidr_block is known only after apply")
	wantString(t, "module", in.Subnets[0].CIDR, "", model.Unresolved, "", `module.net (source "git::https://example.com/net.git") was not downloaded`)
}
