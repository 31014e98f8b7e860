package topology_test

import (
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/inputs"
)

// TestMissingNetworkNamesTheInputsField checks that a network left unknown
// by a value the input leaves empty is explained with that value's name in
// the input's own format: a template's VPC has a CidrBlock, not the
// cidr_block of Terraform, and an export's cluster a
// ClusterNetworkSettings.VpcId.
func TestMissingNetworkNamesTheInputsField(t *testing.T) {
	for _, tc := range []struct {
		name, file, src         string
		cluster, pods, services string
	}{
		{
			name: "terraform", file: "main.tf",
			src: `resource "tencentcloud_vpc" "main" { cidr_block = "" }
resource "tencentcloud_kubernetes_cluster" "prod" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = ""
}
`,
			cluster: "tencentcloud_vpc.main.cidr_block is not set",
			pods:    "cluster_cidr is not set", services: "service_cidr is not set",
		},
		{
			name: "template", file: "template.yaml",
			src: `Resources:
  Vpc:
    Type: TencentCloud::VPC::VPC
    Properties: { CidrBlock: "" }
  Cluster:
    Type: TencentCloud::TKE::Cluster
    Properties:
      VpcId: !Ref Vpc
      ClusterCIDRSettings: { ClusterCIDR: "" }
`,
			cluster: "Vpc.CidrBlock is not set",
			pods:    "ClusterCIDRSettings.ClusterCIDR is not set", services: "ClusterCIDRSettings.ServiceCIDR is not set",
		},
		{
			name: "export", file: "clusters.json",
			src:     `{"Response": {"Clusters": [{"ClusterId": "cls-1a2b3c4d", "ClusterNetworkSettings": {"VpcId": "", "ClusterCIDR": ""}}], "RequestId": "r"}}`,
			cluster: "ClusterNetworkSettings.VpcId is not set",
			pods:    "ClusterNetworkSettings.ClusterCIDR is not set", services: "ClusterNetworkSettings.ServiceCIDR is not set",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := inputs.Parse(t.Context(), []inputs.File{{Path: tc.file, Src: []byte(tc.src)}}, inputs.Options{})
			for _, e := range res.Errors {
				t.Fatalf("%v", e)
			}
			if len(res.Units) != 1 {
				t.Fatalf("%d units, want 1", len(res.Units))
			}
			cls := topology.Resolve(res.Units[0].Input, topology.Options{})
			if len(cls) != 1 {
				t.Fatalf("%d clusters, want 1", len(cls))
			}
			cl := cls[0]
			if got := strings.Join(cl.ClusterNet.Missing, "; "); !strings.Contains(got, tc.cluster) {
				t.Errorf("cluster network missing %q, want it to say %q", got, tc.cluster)
			}
			if got := strings.Join(cl.ContainerNet.Missing, "; "); !strings.Contains(got, tc.pods) {
				t.Errorf("container network missing %q, want it to say %q", got, tc.pods)
			}
			if got := strings.Join(cl.ServiceNet.Missing, "; "); !strings.Contains(got, tc.services) {
				t.Errorf("service network missing %q, want it to say %q", got, tc.services)
			}
		})
	}
}
