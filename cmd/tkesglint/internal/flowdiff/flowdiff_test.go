package flowdiff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

func at(line int) model.Range {
	p := model.Pos{Line: line, Column: 3, Byte: -1}
	return model.Range{Filename: "main.tf", Start: p, End: p}
}

// group builds an SG named web whose ingress rules are (action, protocol,
// port, cidr) tuples at lines 10, 11, ….
func group(rules ...[4]string) *model.Input {
	sg := &model.SecurityGroup{Resource: model.Resource{Address: "tencentcloud_security_group.web", DeclRange: at(1)},
		Name: model.WrittenValue("web", at(2)), Defined: true,
		Ingress: model.RuleList{Complete: true, Ordered: true}, Egress: model.RuleList{Complete: true, Ordered: true}}
	owner := model.Resource{Address: "tencentcloud_security_group_rule_set.web"}
	for i, r := range rules {
		w := func(v string) model.String { return model.WrittenValue(v, at(10+i)) }
		sg.Ingress.Rules = append(sg.Ingress.Rules, &model.Rule{Owner: owner, Position: i, Range: at(10 + i),
			Action: w(r[0]), Protocol: w(r[1]), Port: w(r[2]), CIDR: w(r[3])})
	}
	return &model.Input{SecurityGroups: []*model.SecurityGroup{sg}}
}

func text(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%d %s %s %s from %s (%s)", c.Range.Start.Line, c.Direction, c.Kind, c.Witness, c.Witness.Peer(), c.Rule))
	}
	return out
}

func TestCompare(t *testing.T) {
	pods := [4]string{"ACCEPT", "ALL", "ALL", "172.16.0.0/16"}
	ssh := [4]string{"ACCEPT", "TCP", "22", "0.0.0.0/0"}
	dns := [4]string{"DROP", "UDP", "53", "0.0.0.0/0"}
	tests := []struct {
		name       string
		base, head *model.Input
		want       []string
	}{
		{"no change", group(pods), group(pods), nil},
		{"moved rule, same effect", group(pods, ssh), group(ssh, pods), nil},
		{"SSH opened", group(pods), group(pods, ssh),
			[]string{"11 ingress newly accepts TCP 22 from 203.0.113.7 (ingress rule 2 of sg web: ACCEPT TCP 22 from 0.0.0.0/0)"}},
		{"DNS dropped above pods", group(pods), group(dns, pods),
			[]string{"10 ingress now drops UDP 53 from 172.16.0.1 (ingress rule 1 of sg web: DROP UDP 53 from 0.0.0.0/0)"}},
		{"rule removed", group(pods, ssh), group(pods),
			[]string{"1 ingress now drops TCP 22 from 203.0.113.7 (no rule matches any more)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := text(Compare(tt.base, tt.head))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestCompareRoots: groups are paired within their root only; a root that
// is new or gone adds or removes its groups.
func TestCompareRoots(t *testing.T) {
	pods := [4]string{"ACCEPT", "ALL", "ALL", "172.16.0.0/16"}
	ssh := [4]string{"ACCEPT", "TCP", "22", "0.0.0.0/0"}
	base := []Root{{"one", group(pods)}, {"two", group(pods)}, {"gone", group(pods)}}
	head := []Root{{"one", group(pods)}, {"two", group(pods, ssh)}, {"new", group(ssh)}}
	var got []string
	for _, c := range CompareRoots(base, head) {
		got = append(got, fmt.Sprintf("%s %d %s %s from %s", c.Root, c.Range.Start.Line, c.Kind, c.Witness, c.Witness.Peer()))
	}
	want := []string{
		"gone 1 was removed; it accepted TCP 80 from 172.16.0.1",
		"new 10 is new and accepts TCP 22 from 203.0.113.7",
		"two 11 newly accepts TCP 22 from 203.0.113.7",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestInstance(t *testing.T) {
	call := []model.Range{at(1)}
	for _, tc := range []struct {
		c    Change
		want string
	}{
		{Change{Address: "tencentcloud_security_group.web", Root: "envs/prod"}, ""},
		{Change{Address: "module.sg.tencentcloud_security_group.web", Root: "envs/prod", CallChain: call}, "module.sg in envs/prod"},
		{Change{Address: "module.sg.tencentcloud_security_group.web", Root: ".", CallChain: call}, "module.sg"},
		{Change{Address: `module.a["x.y]"].module.b[0].tencentcloud_security_group.web["k"]`, Root: "r", CallChain: call}, `module.a["x.y]"].module.b[0] in r`},
	} {
		if got := tc.c.Instance(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.c.Address, got, tc.want)
		}
	}
}
