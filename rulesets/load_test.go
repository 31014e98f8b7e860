package rulesets

import (
	"strings"
	"testing"
)

func TestBuiltinRulesets(t *testing.T) {
	sets := Builtin()
	if errs := Validate(sets); len(errs) > 0 {
		t.Fatal(errs[0])
	}
	var ids []string
	for _, rs := range sets {
		for _, r := range rs.Requirements {
			ids = append(ids, r.ID)
		}
	}
	if got := strings.Join(ids, " "); got != "TKESG101 TKESG102 TKESG103 TKESG104 TKESG105 TKESG106" {
		t.Fatalf("built-in requirements = %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "ruleset: x\nrequirements:\n  - id: ORG001\n    lvl: error\n", "org.yaml:4:5: invalid ruleset: unknown key \"lvl\" in a requirement"},
		{"missing fields", "ruleset: x\nrequirements:\n  - id: ORG001\n", "org.yaml:3:5: invalid ruleset: the requirement has no \"level\""},
		{"bad level", "ruleset: x\nrequirements:\n  - {id: ORG001, level: fatal, title: t, applies_to: node, direction: ingress, require: accept, flows: [{protocol: TCP, ports: '22', peer: world}]}\n", "level \"fatal\" must be one of error, warning, note"},
		{"bad peer", "ruleset: x\nrequirements:\n  - {id: ORG001, level: error, title: t, applies_to: node, direction: ingress, require: accept, flows: [{protocol: TCP, ports: '22', peer: office}]}\n", "peer \"office\" is neither a CIDR"},
		{"bad ports", "ruleset: x\nrequirements:\n  - {id: ORG001, level: error, title: t, applies_to: node, direction: ingress, require: accept, flows: [{protocol: TCP, ports: '70000', peer: world}]}\n", "port 70000 is outside 1..65535"},
		{"ports with ICMP", "ruleset: x\nrequirements:\n  - {id: ORG001, level: error, title: t, applies_to: node, direction: ingress, require: accept, flows: [{protocol: ICMP, ports: '8', peer: world}]}\n", "only TCP and UDP have ports"},
		{"bad id", "ruleset: x\nrequirements:\n  - {id: my-check, level: error, title: t, applies_to: node, direction: ingress, require: accept, flows: [{protocol: TCP, ports: '22', peer: world}]}\n", "id \"my-check\" must be"},
		{"duplicate key", "ruleset: x\nruleset: y\nrequirements: []\n", "duplicate key \"ruleset\""},
		{"syntax", "ruleset: [\n", "invalid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Parse("org.yaml", []byte(tt.src))
			if len(errs) == 0 || !strings.Contains(errs[0].Error(), tt.want) {
				t.Fatalf("errors = %v, want one containing %q", errs, tt.want)
			}
		})
	}
	sets, _ := Parse("a.yaml", []byte("ruleset: a\nrequirements:\n  - {id: TKESG101, level: error, title: t, applies_to: any, direction: ingress, require: forbid, flows: [{protocol: TCP, ports: '3306', peer: world}]}\n"))
	if errs := Validate(append(Builtin(), sets...)); len(errs) != 1 || !strings.Contains(errs[0].Error(), "duplicate requirement id TKESG101") {
		t.Fatalf("Validate = %v", errs)
	}
}
