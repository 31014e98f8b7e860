package template

import (
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestEmptyIsUnset: a policy property written "" is left out, as the API
// writes unused fields (model.OmitEmpty), so that checks never meet the
// convention.
func TestEmptyIsUnset(t *testing.T) {
	src := `Resources:
  Web:
    Type: TencentCloud::VPC::SecurityGroup
    Properties:
      SecurityGroupName: web
      SecurityGroupPolicySet:
        Ingress:
          - { Protocol: "", Port: " ", CidrBlock: 10.0.0.0/8, Ipv6CidrBlock: "", SecurityGroupId: "", Action: ACCEPT }
`
	in, errs := Parse(t.Context(), File{Path: "t.yaml", Src: []byte(src)}, Options{})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	r := in.SecurityGroups[0].Ingress.Rules[0]
	for name, v := range map[string]model.String{"Protocol": r.Protocol, "Port": r.Port, "Ipv6CidrBlock": r.IPv6CIDR, "SecurityGroupId": r.SecurityGroup} {
		if v.State() != model.Defaulted {
			t.Errorf("%s: %s %q, want left out", name, v.State(), v.Value())
		}
	}
	if r.Protocol.Value() != "ALL" || len(r.Peer()) != 1 {
		t.Errorf("protocol %q, %d peers; want ALL and one", r.Protocol.Value(), len(r.Peer()))
	}
}
