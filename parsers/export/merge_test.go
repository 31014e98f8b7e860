package export

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// account is an account exported in several files, as a user saves them
// one by one.
func account() map[string]string {
	return map[string]string{
		"acct/sg-1a2b3c4d.json": `{
    "SecurityGroupPolicySet": {
        "Version": "2",
        "Ingress": [
            {"PolicyIndex": 0, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "172.16.0.0/16", "Action": "ACCEPT"}
        ],
        "Egress": [
            {"PolicyIndex": 0, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}
        ]
    },
    "RequestId": "a"
}`,
		"acct/groups.json": `{"Response": {"TotalCount": 2, "SecurityGroupSet": [
    {"SecurityGroupId": "sg-1a2b3c4d", "SecurityGroupName": "tke-worker-security-for-cls-abcd1234", "SecurityGroupDesc": "tke", "ProjectId": "0"},
    {"SecurityGroupId": "sg-0000nopl", "SecurityGroupName": "no-policies", "ProjectId": 0}
], "RequestId": "b"}}`,
		"acct/instances.json": `{
    "TotalCount": 3,
    "InstanceSet": [
        {"InstanceId": "ins-00000001", "SecurityGroupIds": ["sg-1a2b3c4d"], "VirtualPrivateCloud": {"VpcId": "vpc-m0cnatxj", "SubnetId": "subnet-mv4sn55k"}},
        {"InstanceId": "ins-00000002", "SecurityGroupIds": ["sg-1a2b3c4d", "sg-extra000"]},
        {"InstanceId": "ins-00000003", "SecurityGroupIds": ["sg-1a2b3c4d"]}
    ],
    "RequestId": "c"
}`,
		"acct/clusters.json": `{"Clusters": [{"ClusterId": "cls-abcd1234", "ClusterName": "prod", "ClusterType": "INDEPENDENT_CLUSTER",
    "ClusterNetworkSettings": {"ClusterCIDR": "172.16.0.0/16", "ServiceCIDR": "10.96.0.0/22", "VpcId": "vpc-m0cnatxj", "Subnets": null},
    "Property": "{\"NodeNameType\":\"lan-ip\",\"NetworkType\":\"GR\"}"}], "TotalCount": 1, "RequestId": "d"}`,
		"acct/cls-abcd1234.json": `{"TotalCount": 4, "InstanceSet": [
    {"InstanceId": "ins-00000001", "InstanceRole": "WORKER", "NodePoolId": "np-1"},
    {"InstanceId": "ins-00000002", "InstanceRole": "WORKER", "NodePoolId": "np-1"},
    {"InstanceId": "ins-00000003", "InstanceRole": "MASTER_ETCD", "NodePoolId": ""},
    {"InstanceId": "ins-00000004", "InstanceRole": "WORKER", "NodePoolId": null}
], "RequestId": "e"}`,
		"acct/bundle.json": `{
  "DescribeClusterEndpoints": {
    "cls-abcd1234": {"Response": {"ClusterExternalEndpoint": "12.34.56.78", "SecurityGroup": "sg-ep000000", "ClusterIntranetEndpoint": "",
      "IntranetSecurityGroup": null, "ClusterExternalACL": ["0.0.0.0/0"], "RequestId": "f"}}
  },
  "DescribeSecurityGroupPolicies": {
    "sg-1a2b3c4d": {"SecurityGroupPolicySet": {"Ingress": [], "Egress": []}}
  },
  "DescribeClusterSecurity": {"cls-abcd1234": {"Password": "redacted"}}
}`,
	}
}

func parseAccount(t *testing.T) []*model.Input {
	t.Helper()
	var out []*model.Input
	for _, name := range []string{"acct/bundle.json", "acct/clusters.json", "acct/cls-abcd1234.json", "acct/groups.json", "acct/instances.json", "acct/sg-1a2b3c4d.json"} {
		out = append(out, parse(t, name, account()[name]))
	}
	return out
}

func TestMergeAccount(t *testing.T) {
	in := Merge(parseAccount(t)...)

	sg := findSG(t, in, "sg-1a2b3c4d")
	equal(t, "name", at(sg.Name)+" "+sg.Name.Value(), "acct/groups.json:2:61 tke-worker-security-for-cls-abcd1234")
	// The bundle's policies come first in file order and are used; the
	// file's are noted.
	equal(t, "resource", sg.Resource.Type+" "+sg.Resource.DeclRange.String(), "DescribeSecurityGroupPolicies acct/bundle.json:7:21")
	equal(t, "rules", len(sg.Ingress.Rules), 0)
	equal(t, "owners", len(in.RuleOwners), 1)
	if !hasNote(in, "acct/sg-1a2b3c4d.json:2:5", "also given at acct/bundle.json:7:21") {
		t.Errorf("no note on the second policy set: %v", in.Notes)
	}
	if !hasNote(in, "acct/bundle.json:9:3", "DescribeClusterSecurity is not a response tkesglint reads") {
		t.Errorf("no note on the unknown action: %v", in.Notes)
	}

	nopol := findSG(t, in, "sg-0000nopl")
	equal(t, "no policies", nopol.Defined && !nopol.Ingress.Complete && strings.Contains(nopol.Ingress.Why, "no DescribeSecurityGroupPolicies"), true)
	equal(t, "project id as number", nopol.ProjectID.Value(), "0")
	extra := findSG(t, in, "sg-extra000")
	equal(t, "stub", !extra.Defined && !extra.Egress.Complete, true)
	equal(t, "stub at the binding", extra.Resource.DeclRange.String(), "acct/instances.json:5:76")
	findSG(t, in, "sg-ep000000")

	c := findCluster(t, in, "cls-abcd1234")
	equal(t, "cluster", c.Resource.Type+" "+c.Name.Value()+" "+c.DeployType.Value()+" "+c.VPC.Value(), "DescribeClusters prod INDEPENDENT_CLUSTER vpc-m0cnatxj")
	equal(t, "cidrs", at(c.ClusterCIDR)+" "+c.ServiceCIDR.Value(), "acct/clusters.json:2:47 10.96.0.0/22")
	equal(t, "network type at Property", at(c.NetworkType)+" "+c.NetworkType.Value(), "acct/clusters.json:3:17 GR")
	equal(t, "eni subnets", c.ENISubnets.State(), model.Defaulted)
	ep := c.Endpoint
	equal(t, "internet", at(ep.Internet)+fmt.Sprint(" ", ep.Internet.Value()), "acct/bundle.json:3:62 true")
	equal(t, "internet sg", ep.InternetSecurityGroup.Value(), "sg-ep000000")
	equal(t, "intranet", at(ep.Intranet)+fmt.Sprint(" ", ep.Intranet.Value()), "acct/bundle.json:3:136 false")
	equal(t, "intranet sg", ep.IntranetSecurityGroup.State(), model.Defaulted)
	equal(t, "endpoint resource", ep.Resource != nil && ep.Resource.Type == "DescribeClusterEndpoints", true)
	equal(t, "acl", values(c.DeprecatedInternetPolicies), []string{"0.0.0.0/0"})

	var groups []string
	for _, g := range append(append([]*model.NodeGroup(nil), c.NodeGroups...), c.MasterGroups...) {
		line := fmt.Sprintf("%s %v %v", g.Resource.Address, values(g.Instances), values(g.Binding.Groups))
		if !g.Binding.Groups.Known() {
			line += " unknown: " + g.Binding.Groups.Reason()
		}
		groups = append(groups, line)
	}
	equal(t, "groups", strings.Join(groups, "\n"), strings.Join([]string{
		"cls-abcd1234/np-1 [ins-00000001] [sg-1a2b3c4d]",
		"cls-abcd1234/np-1#ins-00000002 [ins-00000002] [sg-1a2b3c4d sg-extra000]",
		"cls-abcd1234/workers [ins-00000004] [] unknown: DescribeInstances in the export does not list ins-00000004, so the security groups of these nodes are unknown",
		"cls-abcd1234/masters [ins-00000003] [sg-1a2b3c4d]",
	}, "\n"))
	// Binding entries point at the SecurityGroupIds elements.
	b := c.NodeGroups[1].Binding
	equal(t, "binding", b.Field+" "+fmt.Sprint(b.Ordered)+" "+at(b.Groups.Value()[0])+" "+at(b.Groups.Value()[1]),
		"SecurityGroupIds true acct/instances.json:5:61 acct/instances.json:5:76")
	equal(t, "kinds", []model.NodeGroupKind{c.NodeGroups[0].Kind, c.NodeGroups[2].Kind, c.MasterGroups[0].Kind},
		[]model.NodeGroupKind{model.NodePool, model.WorkerConfig, model.MasterConfig})

	ins := in.Instances[0]
	equal(t, "instance", ins.ID.Value()+" "+ins.VPC.Value()+" "+ins.Subnet.Value(), "ins-00000001 vpc-m0cnatxj subnet-mv4sn55k")
}

func hasNote(in *model.Input, where, text string) bool {
	for _, n := range in.Notes {
		if n.Range.String() == where && strings.Contains(n.Message, text) {
			return true
		}
	}
	return false
}

func TestMergeIsIdempotentAndPure(t *testing.T) {
	parts := parseAccount(t)
	before := make([]string, len(parts))
	for i, p := range parts {
		before[i] = dump(p)
	}
	once := Merge(parts...)
	twice := Merge(once)
	equal(t, "merge twice", dump(twice), dump(once))
	split := Merge(Merge(parts[:3]...), Merge(parts[3:]...))
	equal(t, "merge in parts", dump(split), dump(once))
	for i, p := range parts {
		if dump(p) != before[i] {
			t.Errorf("Merge changed input %d", i)
		}
	}
	equal(t, "empty", dump(Merge()), dump(&model.Input{}))
	equal(t, "nil", dump(Merge(nil)), dump(&model.Input{}))
}

// A file with policies named after nothing stays apart from one of the same
// name in another folder.
func TestMergeUnnamedPolicies(t *testing.T) {
	const body = `{"SecurityGroupPolicySet": {"Ingress": [], "Egress": []}}`
	in := Merge(parse(t, "prod/nodes.json", body), parse(t, "dev/nodes.json", body))
	equal(t, "groups", len(in.SecurityGroups), 2)
	equal(t, "owners", len(in.RuleOwners), 2)
}

// dump writes what Merge decides, in a stable form.
func dump(in *model.Input) string {
	var b strings.Builder
	for _, sg := range in.SecurityGroups {
		fmt.Fprintf(&b, "sg %s %s %s id=%s name=%s defined=%v in=%d/%v/%v eg=%d/%v/%v\n", sg.Resource.Address, sg.Resource.Type, sg.Resource.DeclRange,
			at(sg.ID), sg.Name.Value(), sg.Defined, len(sg.Ingress.Rules), sg.Ingress.Complete, sg.Ingress.Why, len(sg.Egress.Rules), sg.Egress.Complete, sg.Egress.Why)
	}
	for _, o := range in.RuleOwners {
		fmt.Fprintf(&b, "owner %s %s %s\n", o.Resource.Address, o.Resource.DeclRange, o.SecurityGroup.Value())
	}
	for _, c := range in.Clusters {
		fmt.Fprintf(&b, "cluster %s %s %s %s %v %s\n", c.Resource.Address, c.Resource.Type, c.Name.Value(), at(c.NetworkType), at(c.Endpoint.Internet), at(c.DeprecatedInternetPolicies))
		for _, g := range append(append([]*model.NodeGroup(nil), c.NodeGroups...), c.MasterGroups...) {
			fmt.Fprintf(&b, "  group %s %s %v %v %s\n", g.Resource.Address, g.Resource.Range, values(g.Instances), values(g.Binding.Groups), g.Binding.Groups.Reason())
		}
	}
	for _, i := range in.Instances {
		fmt.Fprintf(&b, "instance %s %s\n", i.Resource.Address, i.Resource.Range)
	}
	for _, n := range in.Notes {
		fmt.Fprintf(&b, "note %s %s\n", n.Range, n.Message)
	}
	fmt.Fprintf(&b, "%d %d %d %d\n", len(in.AddressTemplates), len(in.ServiceTemplates), len(in.VPCs), len(in.Subnets))
	return b.String()
}
