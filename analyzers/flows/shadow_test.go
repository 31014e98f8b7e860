package flows

import (
	"fmt"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestShadowedAtTheEdges checks rules hidden by earlier ones that share one
// port with them at the edge of a range, where a quick rejection by the
// bounds of their ports must not skip the earlier rule, and rules naming
// groups, whose members have no bound.
func TestShadowedAtTheEdges(t *testing.T) {
	sg := &model.SecurityGroup{Resource: model.Resource{Address: "edges"}}
	seg := Segment{Group: sg, Ordered: true, Complete: true}
	for i, spec := range []struct{ proto, port, cidr, group string }{
		{"TCP", "1-5", "10.0.0.0/8", ""},     // 0
		{"TCP", "5", "10.1.0.0/16", ""},      // 1: hidden by 0, at its last port
		{"TCP", "6", "10.1.0.0/16", ""},      // 2
		{"TCP", "6-9", "10.2.0.0/16", ""},    // 3
		{"TCP", "6", "10.2.3.0/24", ""},      // 4: hidden by 3, at its first port
		{"UDP", "5", "10.1.0.0/16", ""},      // 5: another protocol
		{"TCP", "7", "", "sg-aaaaaaaa"},      // 6
		{"TCP", "7", "", "sg-aaaaaaaa"},      // 7: hidden by 6, the same group
		{"TCP", "8", "", "sg-bbbbbbbb"},      // 8: a group no other rule names
		{"TCP", "ALL", "0.0.0.0/0", ""},      // 9
		{"TCP", "ALL", "::/0", ""},           // 10
		{"TCP", "65535", "", "sg-cccccccc"},  // 11: hidden by 9 and 10, the world
		{"TCP", "65535", "192.0.2.0/24", ""}, // 12: hidden by 9
		{"UDP", "65535", "", "sg-cccccccc"},  // 13
	} {
		r := &model.Rule{Position: i, Action: str("ACCEPT"), Protocol: str(spec.proto), Port: str(spec.port)}
		if spec.group != "" {
			r.SecurityGroup = str(spec.group)
		} else {
			r.CIDR = str(spec.cidr)
		}
		cr := Compile(r, nil)
		cr.Group = sg
		seg.Rules = append(seg.Rules, cr)
	}
	var got []string
	for _, s := range seg.Shadowed() {
		by := ""
		for _, e := range s.By {
			by += fmt.Sprintf(" %d", e.Source.Position)
		}
		got = append(got, fmt.Sprintf("%d by%s", s.Rule.Source.Position, by))
	}
	want := []string{"1 by 0", "4 by 3", "7 by 6", "11 by 9 10", "12 by 9"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("shadowed %v, want %v", got, want)
	}
}
