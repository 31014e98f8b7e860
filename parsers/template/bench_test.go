package template

import (
	"fmt"
	"strings"
	"testing"
)

// largeTemplate generates a template with n security groups of 50 policies
// each, a VPC, a cluster and node pools binding them.
func largeTemplate(n int) []byte {
	var b strings.Builder
	b.WriteString("Parameters:\n  PodCidr: { Type: String, Default: 172.16.0.0/16 }\nConditions:\n  On: !Equals [a, a]\nResources:\n")
	b.WriteString("  Vpc:\n    Type: TencentCloud::VPC::VPC\n    Properties: { CidrBlock: 10.0.0.0/16 }\n")
	b.WriteString("  Cluster:\n    Type: TencentCloud::TKE::Cluster\n    Properties: { VpcId: !Ref Vpc, ClusterCIDRSettings: { ClusterCIDR: !Ref PodCidr } }\n")
	for i := range n {
		fmt.Fprintf(&b, "  SG%d:\n    Type: TencentCloud::VPC::SecurityGroup\n    Condition: On\n    Properties:\n      SecurityGroupName: sg-%d\n      SecurityGroupPolicySet:\n        Ingress:\n", i, i)
		for j := range 50 {
			fmt.Fprintf(&b, "          - { Protocol: TCP, Port: \"%d\", CidrBlock: !GetAtt Vpc.CidrBlock, Action: ACCEPT, PolicyDescription: !Sub \"rule ${PodCidr} %d\" }\n", 1000+j, j)
		}
		fmt.Fprintf(&b, "        Egress:\n          - { Protocol: ALL, CidrBlock: 0.0.0.0/0, Action: ACCEPT }\n")
		fmt.Fprintf(&b, "  Pool%d:\n    Type: TencentCloud::TKE::NodePool\n    Properties: { ClusterId: !Ref Cluster, SecurityGroupIds: [!Ref SG%d] }\n", i, i)
	}
	return []byte(b.String())
}

// TestLargeTemplate checks that the generated template parses without
// error, so that the benchmark measures a successful parse.
func TestLargeTemplate(t *testing.T) {
	in, errs := Parse(t.Context(), File{Path: "large.yaml", Src: largeTemplate(20)}, Options{})
	for _, e := range errs {
		t.Error(e)
	}
	if len(in.SecurityGroups) != 20 || len(in.SecurityGroups[0].Ingress.Rules) != 50 || len(in.Clusters[0].NodeGroups) != 20 {
		t.Errorf("got %d groups, want 20 with 50 rules each and 20 node pools", len(in.SecurityGroups))
	}
}

// BenchmarkParse parses a template of 200 security groups with 10,000
// policies in all.
func BenchmarkParse(b *testing.B) {
	src := largeTemplate(200)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Parse(b.Context(), File{Path: "large.yaml", Src: src}, Options{}); len(errs) > 0 {
			b.Fatal(errs[0])
		}
	}
}
