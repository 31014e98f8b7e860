package terraform

import (
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

func TestParseModule(t *testing.T) {
	tests := []struct {
		fixture string
		opts    Options
		check   func(t *testing.T, in *model.Input, errs []*model.Error)
	}{
		{
			fixture: "basic",
			check: func(t *testing.T, in *model.Input, errs []*model.Error) {
				t.Helper()
				if len(errs) != 0 {
					t.Fatalf("errors: %v", errs)
				}
				sg := findSG(t, in, "tencentcloud_security_group.nodes")
				if !sg.Defined || sg.ID.Known() {
					t.Errorf("nodes: defined=%v id known=%v, want defined with an unresolved id", sg.Defined, sg.ID.Known())
				}
				wantString(t, "nodes id", sg.ID, "", model.Unresolved, "basic/main.tf:28:1", "known only after apply")
				ing := sg.Ingress
				if !ing.Complete || !ing.Ordered || len(ing.Rules) != 4 {
					t.Fatalf("ingress complete=%v ordered=%v rules=%d, want true true 4", ing.Complete, ing.Ordered, len(ing.Rules))
				}
				for i, r := range ing.Rules {
					if r.Position != i || r.Kind != model.RuleSetRule || r.Owner.Address != "tencentcloud_security_group_rule_set.nodes" {
						t.Errorf("rule %d: position %d kind %d owner %s", i, r.Position, r.Kind, r.Owner.Address)
					}
				}
				// var without a value.
				wantString(t, "rule 0 cidr", ing.Rules[0].CIDR, "", model.Unresolved, "basic/main.tf:38:19", "var.pod_cidr has no value")
				wantString(t, "rule 0 protocol", ing.Rules[0].Protocol, "ALL", model.Defaulted, "basic/main.tf:36:3", "")
				// A reference to another resource's attribute.
				wantString(t, "rule 1 cidr", ing.Rules[1].CIDR, "10.0.0.0/16", model.Written, "basic/main.tf:44:18", "")
				// Raw case kept; a number converted to a string.
				wantString(t, "rule 2 action", ing.Rules[2].Action, "accept", model.Written, "basic/main.tf:50:18", "")
				wantString(t, "rule 2 port", ing.Rules[2].Port, "22", model.Written, "basic/main.tf:53:18", "")
				// A reference to an SG is its address.
				wantString(t, "rule 3 sg", ing.Rules[3].SecurityGroup, "tencentcloud_security_group.nodes", model.Written, "basic/main.tf:58:26", "")
				if got := sg.Ingress.Rules[3].Range; at(got) != "basic/main.tf:56:3" || got.End.Line != 59 || got.End.Column != 4 {
					t.Errorf("rule 3 range %v", got)
				}
				if len(sg.Egress.Rules) != 1 || !sg.Egress.Complete {
					t.Errorf("egress: %d rules, complete=%v", len(sg.Egress.Rules), sg.Egress.Complete)
				}
				// cidrsubnet of a variable's default, through a local.
				wantString(t, "subnet cidr", in.Subnets[0].CIDR, "10.0.1.0/24", model.Written, "basic/main.tf:24:23", "")
			},
		},
		{
			fixture: "basic",
			opts:    Options{Variables: map[string]string{"pod_cidr": "172.16.0.0/16", "vpc_cidr": "192.168.0.0/16"}},
			check: func(t *testing.T, in *model.Input, _ []*model.Error) {
				t.Helper()
				sg := findSG(t, in, "tencentcloud_security_group.nodes")
				wantString(t, "pod cidr from the command line", sg.Ingress.Rules[0].CIDR, "172.16.0.0/16", model.Written, "basic/main.tf:38:19", "")
				wantString(t, "vpc cidr overridden", sg.Ingress.Rules[1].CIDR, "192.168.0.0/16", model.Written, "", "")
				wantString(t, "subnet cidr", in.Subnets[0].CIDR, "192.168.1.0/24", model.Written, "basic/main.tf:24:23", "")
			},
		},
		{
			fixture: "basic",
			check: func(t *testing.T, in *model.Input, _ []*model.Error) {
				t.Helper()
				wantString(t, "subnet cidr", in.Subnets[0].CIDR, "10.0.1.0/24", model.Written, "basic/main.tf:24:23", "")
				wantString(t, "subnet vpc", in.Subnets[0].VPC, "tencentcloud_vpc.main", model.Written, "basic/main.tf:22:23", "")
				if got := values(in.VPCs[0].AssistantCIDRs); !slices.Equal(got, []string{"172.16.0.0/24"}) {
					t.Errorf("assistant cidrs %v", got)
				}
			},
		},
		{
			fixture: "basic",
			check: func(t *testing.T, in *model.Input, _ []*model.Error) {
				t.Helper()
				sg := findSG(t, in, "tencentcloud_security_group.api")
				rules := sg.Ingress.Rules
				if len(rules) != 9 || !sg.Ingress.Complete || !sg.Ingress.Ordered {
					t.Fatalf("lite ingress: %d rules complete=%v ordered=%v", len(rules), sg.Ingress.Complete, sg.Ingress.Ordered)
				}
				r := rules[0]
				if r.Kind != model.LiteRule || r.Position != 0 || at(r.Range) != "basic/lite.tf:8:5" {
					t.Errorf("rule 0: kind %d position %d at %s", r.Kind, r.Position, at(r.Range))
				}
				wantString(t, "lite action", r.Action, "ACCEPT", model.Written, "basic/lite.tf:8:6", "")
				wantString(t, "lite cidr", r.CIDR, "192.168.1.0/24", model.Written, "basic/lite.tf:8:13", "")
				wantString(t, "lite port", r.Port, "80", model.Written, "basic/lite.tf:8:28", "")
				wantString(t, "lite protocol", r.Protocol, "TCP", model.Written, "basic/lite.tf:8:31", "")
				wantString(t, "lite sg", rules[2].SecurityGroup, "sg-7ixn3foj", model.Written, "", "")
				wantString(t, "lite ipm", rules[3].AddressTemplate, "ipm-epjq5kn0", model.Written, "", "")
				wantString(t, "lite ipmg", rules[4].AddressTemplateGroup, "ipmg-3loavam6", model.Written, "", "")
				wantString(t, "lite ppm", rules[5].ServiceTemplate, "ppm-xxxxxxxx", model.Written, "", "")
				if rules[5].Port.State() != model.Defaulted || rules[5].Protocol.State() != model.Defaulted {
					t.Errorf("a service template leaves port and protocol defaulted: %v %v", rules[5].Port.State(), rules[5].Protocol.State())
				}
				wantString(t, "lite ipv6", rules[6].IPv6CIDR, "::/0", model.Written, "", "")
				if rules[6].CIDR.State() != model.Defaulted {
					t.Error("an IPv6 source must not set CIDR")
				}
				if m := rules[7].Malformed; !strings.Contains(m, "3 field(s)") || !strings.Contains(m, "ACCEPT#10.0.0.0/8#ALL") {
					t.Errorf("malformed = %q", m)
				}
				if rules[7].Position != 7 || at(rules[7].Range) != "basic/lite.tf:15:5" {
					t.Errorf("malformed rule at %s position %d", at(rules[7].Range), rules[7].Position)
				}
				// A template string: every field points at the element.
				wantString(t, "interpolated cidr", rules[8].CIDR, "10.0.0.0/16", model.Written, "basic/lite.tf:16:5", "")
				if len(sg.Egress.Rules) != 1 || sg.Egress.Rules[0].Direction != model.Egress {
					t.Errorf("lite egress %d rules", len(sg.Egress.Rules))
				}
			},
		},
		{
			fixture: "basic",
			check: func(t *testing.T, in *model.Input, _ []*model.Error) {
				t.Helper()
				sg := findSG(t, in, "sg-legacy01")
				if sg.Defined {
					t.Error("an SG known only by id must not be defined")
				}
				wantString(t, "id", sg.ID, "sg-legacy01", model.Written, "basic/lite.tf:24:23", "")
				l := sg.Ingress
				if l.Complete || l.Ordered || len(l.Rules) != 2 || l.Why == "" {
					t.Errorf("legacy ingress complete=%v ordered=%v rules=%d why=%q", l.Complete, l.Ordered, len(l.Rules), l.Why)
				}
				if l.Rules[0].Kind != model.LegacyRule || l.Rules[0].Owner.Address != "tencentcloud_security_group_rule.legacy" {
					t.Errorf("first legacy rule %s", l.Rules[0].Owner.Address)
				}
				var kinds []model.RuleOwnerKind
				for _, o := range in.RuleOwners {
					kinds = append(kinds, o.Kind)
				}
				if !slices.Equal(kinds, []model.RuleOwnerKind{model.OwnerLiteRule, model.OwnerLegacyRule, model.OwnerLegacyRule, model.OwnerRuleSet}) {
					t.Errorf("rule owners %v", kinds)
				}
			},
		},
		{
			fixture: "legacy",
			check: func(t *testing.T, in *model.Input, _ []*model.Error) {
				t.Helper()
				sg := findSG(t, in, "tencentcloud_security_group.ordered")
				l := sg.Ingress
				if !l.Ordered || len(l.Rules) != 2 {
					t.Fatalf("ordered=%v rules=%d, want ordered by policy_index", l.Ordered, len(l.Rules))
				}
				if l.Rules[0].Owner.Address != "tencentcloud_security_group_rule.first" {
					t.Errorf("policy_index 0 must come first, got %s", l.Rules[0].Owner.Address)
				}
				wantString(t, "ipmg", l.Rules[0].AddressTemplateGroup, "ipmg-3loavam6", model.Written, "legacy/main.tf:23:16", "")
				wantString(t, "ppm", l.Rules[0].ServiceTemplate, "ppm-xxxxxxxx", model.Written, "legacy/main.tf:26:19", "")
				wantString(t, "protocol", l.Rules[0].Protocol, "", model.Defaulted, "", "")
				if !l.Rules[0].PolicyIndex.IsWritten() || l.Rules[0].PolicyIndex.Value() != 0 {
					t.Errorf("policy_index %v", l.Rules[0].PolicyIndex)
				}
				// Another rule resource has an unresolved SG: the list may miss rules.
				if l.Complete || !strings.Contains(l.Why, "tencentcloud_security_group_rule.elsewhere") {
					t.Errorf("complete=%v why=%q", l.Complete, l.Why)
				}
				wantString(t, "egress v6", sg.Egress.Rules[0].IPv6CIDR, "::/0", model.Written, "", "")
				other := findSG(t, in, "tencentcloud_security_group_rule.elsewhere.security_group_id")
				wantString(t, "unresolved target", other.ID, "", model.Unresolved, "legacy/main.tf:41:23", "var.other_sg has no value")
				if len(other.Ingress.Rules) != 1 || other.Ingress.Complete {
					t.Errorf("rules of an unresolved target: %d complete=%v", len(other.Ingress.Rules), other.Ingress.Complete)
				}
			},
		},
		{
			fixture: "cluster",
			check: func(t *testing.T, in *model.Input, errs []*model.Error) {
				t.Helper()
				if len(errs) != 0 {
					t.Fatalf("errors: %v", errs)
				}
				c := findCluster(t, in, "tencentcloud_kubernetes_cluster.example")
				wantString(t, "vpc", c.VPC, "tencentcloud_vpc.vpc", model.Written, "cluster/cluster.tf:10:37", "")
				wantString(t, "cluster cidr", c.ClusterCIDR, "172.16.0.0/16", model.Written, "cluster/cluster.tf:11:37", "")
				wantString(t, "network type", c.NetworkType, "GR", model.Defaulted, "cluster/cluster.tf:9:1", "")
				wantString(t, "deploy type", c.DeployType, "MANAGED_CLUSTER", model.Defaulted, "", "")
				e := c.Endpoint
				if e.Resource == nil || e.Resource.Address != "tencentcloud_kubernetes_cluster_endpoint.example" {
					t.Fatalf("endpoint resource %v", e.Resource)
				}
				if !e.Internet.Value() || !e.Intranet.Value() || !e.Intranet.IsWritten() {
					t.Errorf("endpoint internet=%v intranet=%v", e.Internet, e.Intranet)
				}
				wantString(t, "internet sg", e.InternetSecurityGroup, "tencentcloud_security_group.extra", model.Written, "cluster/cluster.tf:40:37", "")
				if got := values(c.DeprecatedInternetPolicies); !slices.Equal(got, []string{"0.0.0.0/0"}) {
					t.Errorf("policies %v", got)
				}
				var kinds []model.NodeGroupKind
				for _, g := range c.NodeGroups {
					kinds = append(kinds, g.Kind)
				}
				want := []model.NodeGroupKind{model.WorkerConfig, model.ExistInstance, model.NodePool, model.NodePool,
					model.NativeNodePool, model.ServerlessNodePool, model.ClusterAttachment}
				if !slices.Equal(kinds, want) {
					t.Fatalf("node group kinds %v, want %v", kinds, want)
				}
				w := c.NodeGroups[0]
				if got := values(w.Binding.Groups); !slices.Equal(got, []string{"tencentcloud_security_group.workers", "tencentcloud_security_group.extra"}) || !w.Binding.Ordered {
					t.Errorf("worker binding %v ordered=%v", got, w.Binding.Ordered)
				}
				if at(w.Binding.Groups.Value()[1].Range()) != "cluster/cluster.tf:24:67" {
					t.Errorf("second worker SG at %s", at(w.Binding.Groups.Value()[1].Range()))
				}
				if g := c.NodeGroups[2]; g.Binding.Field != "auto_scaling_config.orderly_security_group_ids" || !g.Binding.Ordered {
					t.Errorf("orderly node pool binding %s ordered=%v", g.Binding.Field, g.Binding.Ordered)
				}
				if g := c.NodeGroups[3]; g.Binding.Field != "auto_scaling_config.security_group_ids" || g.Binding.Ordered {
					t.Errorf("set node pool binding %s ordered=%v", g.Binding.Field, g.Binding.Ordered)
				}
				if got := values(c.NodeGroups[1].Instances); !slices.Equal(got, []string{"ins-a1b2c3d4"}) {
					t.Errorf("exist_instance instances %v", got)
				}
				if got := values(c.NodeGroups[6].Instances); !slices.Equal(got, []string{"tencentcloud_instance.worker"}) {
					t.Errorf("attachment instances %v", got)
				}
				// A scale worker of a cluster not in the input.
				other := findCluster(t, in, "cls-0o0dpx1a")
				wantString(t, "foreign cluster id", other.ID, "cls-0o0dpx1a", model.Written, "cluster/cluster.tf:86:16", "")
				if len(other.NodeGroups) != 1 || other.NodeGroups[0].Kind != model.ScaleWorker {
					t.Errorf("foreign cluster groups %v", other.NodeGroups)
				}
				for _, id := range []string{"sg-existing", "sg-4z20n68d", "sg-bastion1"} {
					if sg := findSG(t, in, id); sg.Defined || sg.Ingress.Complete {
						t.Errorf("%s: defined=%v complete=%v", id, sg.Defined, sg.Ingress.Complete)
					}
				}
				b := findInstance(t, in, "tencentcloud_instance.bastion")
				if len(b.Bindings) != 2 || b.Bindings[0].Ordered || b.Bindings[1].Field != "security_group_id" {
					t.Errorf("bastion bindings %+v", b.Bindings)
				}
				eni := findInstance(t, in, "tencentcloud_eni.pods")
				if len(eni.Bindings) != 2 || values(eni.Bindings[1].Groups)[0] != "tencentcloud_security_group.extra" {
					t.Errorf("eni bindings %+v", eni.Bindings)
				}
				// A data source is unresolved, with the attribute named.
				wantString(t, "shared subnet vpc", in.Subnets[1].VPC, "", model.Unresolved, "cluster/network.tf:18:23",
					"data.tencentcloud_vpc_instances.shared.instance_list is known only after apply")
				wantString(t, "workers subnet cidr", in.Subnets[0].CIDR, "10.0.2.0/24", model.Written, "", "")
				if len(in.AddressTemplates) != 2 || !in.AddressTemplates[1].Group ||
					!slices.Equal(values(in.AddressTemplates[1].Members), []string{"tencentcloud_address_template.office"}) {
					t.Errorf("address templates %+v", in.AddressTemplates)
				}
				if got := values(in.ServiceTemplates[0].Services); !slices.Equal(got, []string{"tcp:80", "tcp:443", "udp:all"}) {
					t.Errorf("services %v", got)
				}
			},
		},
		{
			fixture: "broken",
			check: func(t *testing.T, in *model.Input, errs []*model.Error) {
				t.Helper()
				if len(errs) != 1 || errs[0].Range.String() != "broken/main.tf:1:49" || errs[0].Summary != "unclosed configuration block" {
					t.Fatalf("errors %v, want one at broken/main.tf:1:49", errs)
				}
				if len(in.SecurityGroups) != 1 || in.SecurityGroups[0].Resource.Address != "tencentcloud_security_group.ok" {
					t.Fatalf("the other file must still be read: %d groups", len(in.SecurityGroups))
				}
				if rules := in.SecurityGroups[0].Ingress.Rules; len(rules) != 1 || rules[0].Action.Value() != "DROP" {
					t.Errorf("rules of the good file: %d", len(rules))
				}
			},
		},
		{
			fixture: "errors",
			check: func(t *testing.T, in *model.Input, errs []*model.Error) {
				t.Helper()
				want := []string{
					"errors/main.tf:2:3: dependency cycle",
					"errors/main.tf:7:17: incorrect attribute value type",
					"errors/main.tf:14:23: invalid rule type",
					"errors/main.tf:21:16: reference to undeclared resource",
				}
				var got []string
				for _, e := range errs {
					got = append(got, e.Range.String()+": "+e.Summary)
					if e.Detail == "" {
						t.Errorf("%s has no detail", e)
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
				sg := findSG(t, in, "tencentcloud_security_group.sg")
				wantString(t, "list as name", sg.Name, "", model.Unresolved, "errors/main.tf:7:17", "not a string")
				wantString(t, "cyclic local", sg.Description, "", model.Unresolved, "", "dependency cycle")
				wantString(t, "number as string", sg.ProjectID, "7", model.Written, "errors/main.tf:9:17", "")
				if sg.Ingress.Complete || sg.Egress.Complete {
					t.Error("a rule of unknown direction makes both lists incomplete")
				}
			},
		},
		{
			fixture: "json",
			check: func(t *testing.T, in *model.Input, errs []*model.Error) {
				t.Helper()
				if len(errs) != 0 {
					t.Fatalf("errors: %v", errs)
				}
				sg := findSG(t, in, "tencentcloud_security_group.web")
				if len(sg.Ingress.Rules) != 2 || len(sg.Egress.Rules) != 1 {
					t.Fatalf("json rules %d/%d", len(sg.Ingress.Rules), len(sg.Egress.Rules))
				}
				wantString(t, "json cidr from var", sg.Ingress.Rules[0].CIDR, "203.0.113.0/24", model.Written, "json/main.tf.json:13:47", "")
				wantString(t, "json number port", sg.Ingress.Rules[0].Port, "443", model.Written, "json/main.tf.json:13:91", "")
				wantString(t, "json single block", sg.Egress.Rules[0].IPv6CIDR, "::/0", model.Written, "", "")
			},
		},
		{
			fixture: "dynamic",
			check: func(t *testing.T, in *model.Input, _ []*model.Error) {
				t.Helper()
				sg := findSG(t, in, "tencentcloud_security_group.dyn")
				l := sg.Ingress
				if len(l.Rules) != 3 || !l.Complete || !l.Ordered {
					t.Fatalf("dynamic ingress %d rules complete=%v ordered=%v", len(l.Rules), l.Complete, l.Ordered)
				}
				wantString(t, "static first", l.Rules[0].Action, "DROP", model.Written, "", "")
				wantString(t, "generated cidr", l.Rules[2].CIDR, "0.0.0.0/0", model.Written, "dynamic/main.tf:29:20", "")
				wantString(t, "generated port", l.Rules[2].Port, "30000-32768", model.Written, "", "")
				if l.Rules[2].Position != 2 {
					t.Errorf("position %d", l.Rules[2].Position)
				}
				// Over an unknown collection: one rule, its literals known.
				if !sg.Egress.Complete || sg.Egress.Why != "" || len(sg.Egress.Rules) != 1 {
					t.Fatalf("egress complete=%v why=%q, %d rules", sg.Egress.Complete, sg.Egress.Why, len(sg.Egress.Rules))
				}
				wantString(t, "stand-in action", sg.Egress.Rules[0].Action, "ACCEPT", model.Written, "", "")
				wantString(t, "stand-in cidr", sg.Egress.Rules[0].CIDR, "", model.Unresolved, "", "var.extra_rules has no value")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			in, errs := parseModule(t.Context(), loadModule(t, tt.fixture), tt.opts)
			for _, e := range errs {
				if e.Range.Filename == "" {
					t.Errorf("error without a file: %v", e)
				}
			}
			tt.check(t, in, errs)
		})
	}
}
