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

// segmentOf compiles rules written as proto, port, cidr into an ordered
// segment.
func segmentOf(specs [][3]string) Segment {
	sg := &model.SecurityGroup{Resource: model.Resource{Address: "sizes"}}
	seg := Segment{Group: sg, Ordered: true, Complete: true}
	for i, spec := range specs {
		r := &model.Rule{Position: i, Action: str("ACCEPT"), Protocol: str(spec[0]), Port: str(spec[1]), CIDR: str(spec[2])}
		if spec[2][0] != '1' && spec[2][0] != '0' {
			r.CIDR, r.IPv6CIDR = model.String{}, str(spec[2])
		}
		cr := Compile(r, nil)
		cr.Group = sg
		seg.Rules = append(seg.Rules, cr)
	}
	return seg
}

func shadowed(seg Segment) string {
	var got []string
	for _, s := range seg.Shadowed() {
		by := ""
		for _, e := range s.By {
			by += fmt.Sprintf(" %d", e.Source.Position)
		}
		got = append(got, fmt.Sprintf("%d by%s", s.Rule.Source.Position, by))
	}
	return fmt.Sprint(got)
}

// TestShadowedByJustEnough: the size test that spares a broad rule after
// narrow ones the cutting of its flows must not spare a rule that earlier
// ones cover exactly, with no flow to spare: a duplicate, two halves, the
// two halves of the IPv6 space (whose sizes are not exact as floats).
func TestShadowedByJustEnough(t *testing.T) {
	seg := segmentOf([][3]string{
		{"TCP", "80", "10.0.0.0/24"},   // 0
		{"TCP", "80", "10.0.0.0/24"},   // 1: a duplicate of 0
		{"TCP", "81", "10.0.0.0/25"},   // 2
		{"TCP", "81", "10.0.0.128/25"}, // 3
		{"TCP", "81", "10.0.0.0/24"},   // 4: the halves 2 and 3
		{"UDP", "1-100", "::/1"},       // 5
		{"UDP", "101-200", "::/0"},     // 6
		{"UDP", "1-100", "8000::/1"},   // 7
		{"UDP", "1-200", "::/0"},       // 8: 5, 6 and 7, with no flow to spare
		{"UDP", "1-201", "::/0"},       // 9: one port more than they cover
	})
	if got, want := shadowed(seg), "[1 by 0 4 by 2 3 8 by 5 6 7]"; got != want {
		t.Errorf("shadowed %s, want %s", got, want)
	}
}

// TestBroadAfterNarrowIsCheap: a broad rule after many narrow ones inside
// it, as the exports hold (10.0.0.0/8 after its /24s), is hidden by none of
// them, and finding so does not cut its flows by each: the allocations
// stay those of the rules' regions.
func TestBroadAfterNarrowIsCheap(t *testing.T) {
	var specs [][3]string
	for i := range 99 {
		specs = append(specs, [3]string{[]string{"TCP", "UDP"}[i%2], fmt.Sprint(10000 + i), fmt.Sprintf("10.0.%d.0/24", i)})
	}
	seg := segmentOf(append(specs, [3]string{"ALL", "ALL", "10.0.0.0/8"}))
	if got := shadowed(seg); got != "[]" {
		t.Fatalf("shadowed %s, want none", got)
	}
	all := testing.AllocsPerRun(5, func() { seg.Shadowed() })
	seg.Rules = seg.Rules[:99]
	narrow := testing.AllocsPerRun(5, func() { seg.Shadowed() })
	if all-narrow > 20 {
		t.Errorf("the broad rule costs %v allocations, want at most 20 (the narrow ones cost %v in all)", all-narrow, narrow)
	}
}
