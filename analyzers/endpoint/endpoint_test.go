package endpoint_test

import (
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/endpoint"
)

// cluster is a managed cluster whose API server's internet access is set
// by the attributes given, from line 4 on.
func cluster(attrs string) string {
	return `variable "public" { type = bool }
resource "tencentcloud_kubernetes_cluster" "prod" {
  cluster_name = "prod"
` + attrs + `}
resource "tencentcloud_security_group" "api" { name = "api" }
resource "tencentcloud_security_group_rule_set" "api" {
  security_group_id = tencentcloud_security_group.api.id
  ingress {
    action     = "ACCEPT"
    protocol   = "TCP"
    port       = "443"
    cidr_block = "0.0.0.0/0"
  }
}
`
}

func TestEndpoint(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"public access without a group", cluster("  cluster_internet = true\n"), []string{
			`TKESG107 4 cluster prod has public API access but names no internet endpoint security group: .* \(cluster_internet_security_group\)$`}},
		{"no public access", cluster("  cluster_internet = false\n"), nil},
		{"public access may be on", cluster("  cluster_internet = var.public\n"), []string{
			`TKESG107 4 note: whether cluster prod has public API access is unknown \(var.public has no value\)`}},
		{"a group that lets the world in", cluster("  cluster_internet = true\n  cluster_internet_security_group = tencentcloud_security_group.api.id\n"), []string{
			`TKESG204 10 ingress rule 1 of sg api \(ACCEPT TCP 443 from 0.0.0.0/0\) lets the whole internet reach the API server of cluster prod`}},
		{"the deprecated access list", cluster("  cluster_internet = true\n  cluster_internet_security_group = tencentcloud_security_group.api.id\n  managed_cluster_internet_security_policies = [\"10.0.0.0/8\", \"0.0.0.0/0\"]\n"), []string{
			`TKESG204 11 lets the whole internet reach the API server of cluster prod`,
			`TKESG204 6 the internet access list of the API server of cluster prod \(managed_cluster_internet_security_policies\) allows 0.0.0.0/0, the whole internet`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			analysistest.Expect(t, analysistest.Lint(t, []*analysis.Analyzer{endpoint.Analyzer}, map[string]string{"main.tf": tc.src}), tc.want...)
		})
	}
}

// TestFieldInTheInputsFormat: the message that asks for an endpoint group
// names the field the way the input's format does.
func TestFieldInTheInputsFormat(t *testing.T) {
	template := `Resources:
  cluster:
    Type: TencentCloud::TKE::Cluster
    Properties:
      ClusterName: ops
      Endpoint: { Internet: true }
`
	analysistest.Expect(t, analysistest.Lint(t, []*analysis.Analyzer{endpoint.Analyzer}, map[string]string{"template.yaml": template}),
		`TKESG107 6 cluster ops has public API access but names no internet endpoint security group: .* \(Endpoint.SecurityGroup\)$`)
}
