package trace_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/analyzers/trace"
	"github.com/tkesglint/tkesglint/rulesets"
)

// loadUnit analyzes the only unit of a fixture folder.
func loadUnit(t *testing.T, dir string) *inspect.Unit {
	t.Helper()
	units, _ := analysistest.ReadDir(analysistest.ReadOptions{})(t.Context(), dir)
	if len(units) != 1 {
		t.Fatalf("%s: %d units, want 1", dir, len(units))
	}
	u, err := inspect.Analyze(t.Context(), rulesets.All(rulesets.Options{}), units[0].Root, units[0].Input)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestUnknownAddressIsUndecided: an end whose addresses the input does not
// give (a CVM in no subnet, the nodes of a cluster with no VPC, the members
// of a group) may be matched by a rule whose CIDR overlaps where it may lie:
// the flow is undecided and says whose address is missing, never "does not
// match" and dropped (docs/design.md#three-valued-answers).
func TestUnknownAddressIsUndecided(t *testing.T) {
	u := loadUnit(t, "../../testdata/inspect/unknown")
	for _, tc := range []struct {
		from, to string
		port     uint16
		want     flows.Verdict
		reason   string
	}{
		// ACCEPT ALL to 0.0.0.0/0 and ::/0 at both ends, no subnet.
		{"tencentcloud_instance.left", "tencentcloud_instance.right", 22, flows.Unknown, "the address of tencentcloud_instance.left is not known"},
		// A client in no VPC: not taken to be in the lab subnet (dropped)
		// nor in the web server's VPC (accepted).
		{"tencentcloud_instance.client", "tencentcloud_instance.web", 80, flows.Unknown, "the address of tencentcloud_instance.client is not known"},
		// The nodes of a cluster whose VPC is not given.
		{"cluster:edge/nodes", "cluster:edge/nodes", 8000, flows.Unknown, "the addresses of the nodes of cluster edge are not known"},
		// The members of sg bastion may lie in 10.0.0.0/16, which the web
		// server accepts.
		{"sg:bastion", "tencentcloud_instance.web", 22, flows.Unknown, "the addresses of the members of sg bastion are not known"},
		// What the address cannot change stays decided: egress to an
		// address, a port no rule of the bastion accepts.
		{"cluster:edge/nodes", "203.0.113.9", 443, flows.Accepted, ""},
		{"cluster:edge/nodes", "10.0.5.7", 9000, flows.Dropped, ""},
		{"tencentcloud_instance.bastion", "tencentcloud_instance.web", 443, flows.Dropped, ""},
	} {
		res := trace.Trace(t, u, tc.from, tc.to, flows.TCP, tc.port)
		if res.Verdict != tc.want {
			t.Errorf("%s → %s TCP %d: %v, want %v", tc.from, tc.to, tc.port, res.Verdict, tc.want)
		}
		var reasons []string
		for _, p := range res.Paths {
			for _, part := range p.Parts {
				for _, d := range []*trace.Decision{part.Egress, part.Ingress} {
					if d == nil {
						continue
					}
					reasons = append(reasons, d.Reasons...)
					for _, s := range d.Steps {
						if s.Match == trace.NoMatch && s.Rule.Actions == flows.Accept && s.Rule.CoversWorld() {
							t.Errorf("%s → %s: %s does not match", tc.from, tc.to, s.Rule.Text())
						}
					}
				}
			}
		}
		if tc.reason != "" && !strings.Contains(strings.Join(reasons, "; "), tc.reason) {
			t.Errorf("%s → %s: the reasons %q do not say %q", tc.from, tc.to, reasons, tc.reason)
		}
	}
}

// TestManagedMastersAreNotBound: the empty Masters block of a managed
// cluster binds nothing; the masters are Tencent Cloud's, not CVMs that
// use the default group and drop everything.
func TestManagedMastersAreNotBound(t *testing.T) {
	u := loadUnit(t, "../../testdata/inspect/managed")
	_, err := trace.Resolve(u, "cluster:Cluster/masters")
	if !errors.Is(err, trace.ErrUnknown) || !strings.Contains(err.Error(), "runs no masters of its own") {
		t.Errorf("cluster:Cluster/masters: %v, want that the cluster runs no masters of its own", err)
	}
}

// TestNodeGroupMembersBounded: the members of a cluster's node group lie
// in its network, also where a CVM outside the cluster names the group: an
// address outside that network is dropped with no "unless it is a member"
// hedge, one inside keeps it.
func TestNodeGroupMembersBounded(t *testing.T) {
	u := loadUnit(t, "../../testdata/inspect/unknown")
	for _, tc := range []struct {
		from  string
		hedge bool
	}{{"192.168.1.7", false}, {"10.0.3.7", true}} {
		res := trace.Trace(t, u, tc.from, "tencentcloud_instance.api", flows.TCP, 443)
		if res.Verdict != flows.Dropped {
			t.Errorf("%s: %v, want dropped", tc.from, res.Verdict)
		}
		d := res.Paths[0].Parts[0].Ingress
		if got := len(d.MemberAccepts) > 0; got != tc.hedge {
			t.Errorf("%s: the hedge %v is given: %v, want %v", tc.from, d.MemberAccepts, got, tc.hedge)
		}
	}
}

// TestUndefinedGroupNamedByARule: sg:ID of a group that a rule names but
// the input does not define is a member of that group: its own rules are
// unknown, and the rule that names it decides the other side.
func TestUndefinedGroupNamedByARule(t *testing.T) {
	u := loadUnit(t, "../../testdata/inspect/unknown")
	res := trace.Trace(t, u, "sg:sg-99999999", "tencentcloud_instance.api", flows.TCP, 22)
	in := res.Paths[0].Parts[0].Ingress
	if res.Verdict != flows.Dropped || in.Rule == nil || in.Rule.Text() != "DROP TCP 22 from sg sg-99999999" {
		t.Errorf("sg:sg-99999999 → api TCP 22: %v by %v, want dropped by the DROP that names it", res.Verdict, in.Rule)
	}
	if _, err := trace.Resolve(u, "sg:sg-88888888"); !errors.Is(err, trace.ErrUnknown) {
		t.Errorf("sg:sg-88888888, which nothing names: %v, want unknown", err)
	}
}
