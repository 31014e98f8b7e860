package flows

import (
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

func TestCompileValidation(t *testing.T) {
	def := model.String{}
	tests := []struct {
		name string
		rule model.Rule
		// problem is a substring of the single expected problem; empty means
		// the rule is valid.
		problem string
		text    string
	}{
		{name: "lower case", rule: model.Rule{Action: str("accept"), Protocol: str("tcp"), Port: str("22"), CIDR: str("10.0.0.0/8")}, text: "ACCEPT TCP 22 from 10.0.0.0/8"},
		{name: "defaults", rule: model.Rule{Action: str("DROP"), CIDR: str("0.0.0.0/0")}, text: "DROP ALL from 0.0.0.0/0"},
		// The parsers leave out what their formats write "" for
		// (model.OmitEmpty); a written "" is a value, and not a valid one.
		{name: "written empty protocol", rule: model.Rule{Action: str("ACCEPT"), Protocol: str(""), CIDR: str("10.0.0.0/8")}, problem: `unknown protocol ""`},
		{name: "empty strings left out", rule: model.Rule{Action: str("ACCEPT"), Protocol: model.OmitEmpty(str(""), "ALL"), Port: model.OmitEmpty(str(""), "ALL"), CIDR: str("10.0.0.0/8"), IPv6CIDR: model.OmitEmpty(str(" "), "")}, text: "ACCEPT ALL from 10.0.0.0/8"},
		{name: "lite empty port", rule: model.Rule{Kind: model.LiteRule, Action: str("ACCEPT"), Protocol: str("ALL"), Port: str(""), CIDR: str("10.0.0.0/8")}, problem: "empty port"},
		{name: "port out of range", rule: model.Rule{Action: str("ACCEPT"), Protocol: str("TCP"), Port: str("70000"), CIDR: str("10.0.0.0/8")}, problem: "outside 1..65535"},
		{name: "reversed range", rule: model.Rule{Action: str("ACCEPT"), Protocol: str("TCP"), Port: str("90-80"), CIDR: str("10.0.0.0/8")}, problem: "low end above"},
		{name: "port with ICMP", rule: model.Rule{Action: str("ACCEPT"), Protocol: str("ICMP"), Port: str("8"), CIDR: str("10.0.0.0/8")}, problem: "only TCP and UDP have ports"},
		{name: "port with ALL", rule: model.Rule{Action: str("ACCEPT"), Protocol: str("ALL"), Port: str("22"), CIDR: str("10.0.0.0/8")}, problem: "only TCP and UDP have ports"},
		{name: "ICMP with IPv6", rule: model.Rule{Action: str("ACCEPT"), Protocol: str("icmp"), IPv6CIDR: str("::/0")}, problem: "IPv6 uses ICMPv6"},
		{name: "ICMPv6 with IPv4", rule: model.Rule{Action: str("ACCEPT"), Protocol: str("ICMPv6"), CIDR: str("10.0.0.1")}, problem: "IPv4 uses ICMP"},
		{name: "bad CIDR", rule: model.Rule{Action: str("ACCEPT"), CIDR: str("10.0.0.0/33")}, problem: "not a valid CIDR"},
		{name: "two peers", rule: model.Rule{Action: str("ACCEPT"), CIDR: str("10.0.0.0/8"), SecurityGroup: str("sg-12345678")}, problem: "names 2 peers"},
		{name: "no peer", rule: model.Rule{Action: str("ACCEPT")}, problem: "names no peer"},
		{name: "unknown protocol", rule: model.Rule{Action: str("ACCEPT"), Protocol: str("SCTP"), CIDR: str("10.0.0.0/8")}, problem: `unknown protocol "SCTP"`},
		{name: "unknown action", rule: model.Rule{Action: str("ALLOW"), CIDR: str("10.0.0.0/8")}, problem: `unknown action "ALLOW"`},
		{name: "malformed", rule: model.Rule{Malformed: "lite rule has 3 fields, want 4"}, problem: "3 fields"},
		{name: "unresolved port is no problem", rule: model.Rule{Action: str("ACCEPT"), Protocol: str("TCP"), Port: unresolved(), CIDR: str("10.0.0.0/8")}},
		{name: "unresolved peer is no problem", rule: model.Rule{Action: str("ACCEPT"), CIDR: unresolved(), IPv6CIDR: def}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Compile(&tt.rule, nil)
			switch {
			case tt.problem == "" && len(r.Problems) > 0:
				t.Fatalf("unexpected problems: %+v", r.Problems)
			case tt.problem != "" && (len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Message, tt.problem)):
				t.Fatalf("problems = %+v, want one containing %q", r.Problems, tt.problem)
			}
			if tt.text != "" && r.Text() != tt.text {
				t.Fatalf("Text() = %q, want %q", r.Text(), tt.text)
			}
		})
	}
}

func TestCompileTemplates(t *testing.T) {
	list := func(vs ...string) model.StringList {
		var out []model.String
		for _, v := range vs {
			out = append(out, str(v))
		}
		return model.WrittenValue(out, model.Range{})
	}
	in := &model.Input{
		AddressTemplates: []*model.AddressTemplate{
			{Resource: model.Resource{Address: "tencentcloud_address_template.office"}, Addresses: list("10.0.0.1", "10.1.0.0/16", "10.2.0.1-10.2.0.9")},
			{Resource: model.Resource{Address: "tencentcloud_address_template.any"}, Addresses: list("0.0.0.0/0")},
			{Resource: model.Resource{Address: "tencentcloud_address_template_group.g"}, Group: true, Members: list("tencentcloud_address_template.office", "ipm-unknown1")},
		},
		ServiceTemplates: []*model.ServiceTemplate{
			{Resource: model.Resource{Address: "tencentcloud_protocol_template.web"}, Services: list("tcp:80,443", "udp:all", "icmp")},
		},
	}
	res := NewResolver(in)
	office := Compile(&model.Rule{Action: str("ACCEPT"), AddressTemplate: str("tencentcloud_address_template.office")}, res)
	if got := office.Peer.String(); got != "10.0.0.1/32,10.1.0.0/16,10.2.0.1/32,10.2.0.2/31,10.2.0.4/30,10.2.0.8/31" {
		t.Errorf("office template = %s", got)
	}
	anyT := Compile(&model.Rule{Action: str("ACCEPT"), AddressTemplate: str("tencentcloud_address_template.any")}, res)
	if !anyT.CoversWorld() {
		t.Errorf("a template holding 0.0.0.0/0 must be the world")
	}
	group := Compile(&model.Rule{Action: str("ACCEPT"), AddressTemplateGroup: str("tencentcloud_address_template_group.g")}, res)
	if got := group.Peer.String(); !strings.Contains(got, "10.1.0.0/16") || !strings.Contains(got, "template ipm-unknown1") {
		t.Errorf("group = %s, want the office members plus an opaque member", got)
	}
	web := Compile(&model.Rule{Action: str("ACCEPT"), ServiceTemplate: str("tencentcloud_protocol_template.web"), CIDR: str("0.0.0.0/0")}, res)
	q := NewSet(AllProtos, AllPorts(), World4())
	c, m := web.MatchSet(q, nil)
	if !m.IsEmpty() || !c.Contains(NewSet(TCP, PortRange(443, 443), World4())) || !c.Contains(NewSet(UDP, AllPorts(), World4())) ||
		!c.Intersect(NewSet(TCP, PortRange(22, 22), World4())).IsEmpty() {
		t.Errorf("service template match = %s / maybe %s", c, m)
	}
	unknown := Compile(&model.Rule{Action: str("ACCEPT"), ServiceTemplate: str("ppm-abcdefgh"), CIDR: str("0.0.0.0/0")}, res)
	if c, m := unknown.MatchSet(q, nil); !c.IsEmpty() || m.IsEmpty() {
		t.Errorf("an unknown service template must match only maybe: %s / %s", c, m)
	}
}

// TestCompileEmptyPeer: a rule whose peers are written but empty (a module
// that fills them with "") points at the first of them, and names them;
// a rule whose peers are absent points at the whole rule.
func TestCompileEmptyPeer(t *testing.T) {
	at := func(line, col, endCol int) model.Range {
		return model.Range{Filename: "main.tf", Start: model.Pos{Line: line, Column: col}, End: model.Pos{Line: line, Column: endCol}}
	}
	rule := model.Range{Filename: "main.tf", Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 12, Column: 2}}
	empty := model.Rule{
		Range: rule, Action: str("ACCEPT"),
		CIDR: model.DefaultedValue("", rule), IPv6CIDR: model.DefaultedValue("", rule), SecurityGroup: model.DefaultedValue("", rule),
		AddressTemplate:      model.DefaultedValue("", at(9, 21, 40)),
		AddressTemplateGroup: model.DefaultedValue("", at(8, 21, 40)),
	}
	r := Compile(&empty, nil)
	want := "the rule names no peer: its address template group (here) and address template are empty"
	if len(r.Problems) != 1 || r.Problems[0].Range != at(8, 21, 40) || !strings.Contains(r.Problems[0].Message, want) {
		t.Errorf("problems = %+v, want one at 8:21 saying %q", r.Problems, want)
	}
	absent := empty
	absent.AddressTemplate, absent.AddressTemplateGroup = model.DefaultedValue("", rule), model.DefaultedValue("", rule)
	r = Compile(&absent, nil)
	if len(r.Problems) != 1 || r.Problems[0].Range != rule || !strings.HasPrefix(r.Problems[0].Message, "the rule names no peer (want") {
		t.Errorf("problems = %+v, want one at the rule", r.Problems)
	}
}
