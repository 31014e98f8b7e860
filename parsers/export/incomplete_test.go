package export

import (
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// fetched is a bundle of two regions as `tkesglint fetch` writes it: one
// read in full, one where the credentials lacked permissions.
const fetched = `{
  "Regions": {
    "ap-guangzhou": {
      "DescribeSecurityGroups": {"SecurityGroupSet": [
        {"SecurityGroupId": "sg-gz000001", "SecurityGroupName": "nodes"},
        {"SecurityGroupId": "sg-gz000002", "SecurityGroupName": "unread"}
      ], "TotalCount": 2},
      "DescribeSecurityGroupPolicies": {
        "sg-gz000001": {"SecurityGroupPolicySet": {"Ingress": [{"PolicyIndex": 0, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "10.0.0.0/8", "Action": "ACCEPT"}], "Egress": []}}
      },
      "DescribeClusters": {"Clusters": [{"ClusterId": "cls-gz000001", "ClusterName": "gz"}], "TotalCount": 1},
      "Incomplete": [
        {"Region": "ap-guangzhou", "Service": "vpc", "Action": "DescribeSecurityGroupPolicies", "Resource": "sg-gz000002",
         "Error": {"Code": "RequestLimitExceeded", "Message": "Your current request times equals to 21 in a second."}, "RequestId": "r1"},
        {"Service": "tke", "Action": "DescribeClusterInstances", "Resource": "cls-gz000001",
         "Error": {"Code": "UnauthorizedOperation.CamNoAuth", "Message": "no permission."}},
        {"Action": "DescribeClusterEndpoints", "Resource": "cls-gz000001", "Error": {"Code": "InternalError"}}
      ]
    },
    "ap-singapore": {
      "DescribeSecurityGroups": {"SecurityGroupSet": [{"SecurityGroupId": "sg-sg000001", "SecurityGroupName": "web"}], "TotalCount": 1},
      "DescribeSecurityGroupPolicies": {
        "sg-sg000001": {"SecurityGroupPolicySet": {"Ingress": [], "Egress": []}}
      },
      "Incomplete": [
        {"Region": "ap-singapore", "Service": "cvm", "Action": "DescribeInstances",
         "Error": {"Code": "AuthFailure.UnauthorizedOperation", "Message": "you are not authorized to perform operation (cvm:DescribeInstances)"}}
      ]
    }
  }
}`

func TestRegions(t *testing.T) {
	equal(t, "detect", Detect([]byte(fetched)), true)
	in := parse(t, "live.json", fetched)
	equal(t, "groups", len(in.SecurityGroups), 3)

	read := findSG(t, in, "sg-gz000001")
	equal(t, "read name", read.Name.Value(), "nodes")
	equal(t, "read rules", len(read.Ingress.Rules), 1)
	equal(t, "read complete", read.Ingress.Complete && read.Egress.Complete, true)
	equal(t, "other region", findSG(t, in, "sg-sg000001").Ingress.Complete, true)

	// The group whose policies failed: named by DescribeSecurityGroups,
	// rules unknown rather than empty.
	unread := findSG(t, in, "sg-gz000002")
	equal(t, "unread name", unread.Name.Value(), "unread")
	for _, d := range directions() {
		l := unread.Rules(d)
		equal(t, "unread complete", l.Complete, false)
		equal(t, "unread rules", len(l.Rules), 0)
		equal(t, "unread why", l.Why, "vpc:DescribeSecurityGroupPolicies for sg-gz000002 in ap-guangzhou failed with RequestLimitExceeded, so its rules are unknown")
	}

	c := findCluster(t, in, "cls-gz000001")
	equal(t, "cluster name", c.Name.Value(), "gz")
	if len(c.NodeGroups) != 1 {
		t.Fatalf("node groups: %d", len(c.NodeGroups))
	}
	g := c.NodeGroups[0]
	equal(t, "nodes binding", g.Binding.Groups.State(), model.Unresolved)
	equal(t, "nodes reason", g.Binding.Groups.Reason(),
		"tke:DescribeClusterInstances for cls-gz000001 in ap-guangzhou failed with UnauthorizedOperation.CamNoAuth, so the nodes of cls-gz000001 and their security groups are unknown")
	equal(t, "nodes at", at(g.Binding.Groups), "live.json:15:78 (unresolved)")
	equal(t, "endpoint", c.Endpoint.Internet.State(), model.Unresolved)
	equal(t, "endpoint reason", c.Endpoint.Internet.Reason(),
		"tke:DescribeClusterEndpoints for cls-gz000001 in ap-guangzhou failed with InternalError, so the API server endpoints of cls-gz000001 are unknown")

	var notes []string
	for _, n := range in.Notes {
		notes = append(notes, n.Range.String()+": "+n.Message)
	}
	equal(t, "notes", strings.Join(notes, "\n"), strings.Join([]string{
		"live.json:13:9: the bundle lacks vpc:DescribeSecurityGroupPolicies for sg-gz000002 in ap-guangzhou, which failed with " +
			"RequestLimitExceeded (Your current request times equals to 21 in a second), so the rules of sg-gz000002 are unknown",
		"live.json:15:9: the bundle lacks tke:DescribeClusterInstances for cls-gz000001 in ap-guangzhou, which failed with " +
			"UnauthorizedOperation.CamNoAuth (no permission); the credentials lack the CAM permission tke:DescribeClusterInstances, " +
			"so the nodes of cluster cls-gz000001 and their security groups are unknown",
		"live.json:17:9: the bundle lacks tke:DescribeClusterEndpoints for cls-gz000001 in ap-guangzhou, which failed with " +
			"InternalError, so the API server endpoints of cluster cls-gz000001 are unknown",
		"live.json:26:9: the bundle lacks cvm:DescribeInstances in ap-singapore, which failed with AuthFailure.UnauthorizedOperation " +
			"(you are not authorized to perform operation (cvm:DescribeInstances)); the credentials lack the CAM permission " +
			"cvm:DescribeInstances, so the security groups of the CVMs of ap-singapore, cluster nodes among them, are unknown",
	}, "\n"))
}

// A response of the failed call, given too, wins over the Incomplete item;
// no note says that the policies are given twice.
func TestIncompleteAndResponse(t *testing.T) {
	in := parse(t, "b.json", `{
  "DescribeSecurityGroupPolicies": {"sg-1a2b3c4d": {"SecurityGroupPolicySet": {"Ingress": [], "Egress": []}}},
  "Incomplete": [{"Action": "DescribeSecurityGroupPolicies", "Resource": "sg-1a2b3c4d", "Error": {"Code": "InternalError"}}]
}`)
	sg := findSG(t, in, "sg-1a2b3c4d")
	equal(t, "complete", sg.Ingress.Complete && sg.Egress.Complete, true)
	equal(t, "notes", len(in.Notes), 1)
}

func TestIncompleteRegionWide(t *testing.T) {
	for _, tc := range []struct{ action, want string }{
		{"DescribeSecurityGroups", "the security groups of ap-x that nothing in the bundle binds are not checked"},
		{"DescribeAddressTemplates", "rules that name the address templates of ap-x match unknown addresses"},
		{"DescribeServiceTemplateGroups", "rules that name the service templates of ap-x match unknown protocols and ports"},
		{"DescribeSubnets", "the cluster networks of ap-x may be unknown"},
		{"DescribeClusters", "the clusters of ap-x are not checked"},
		{"DescribeSecurityGroupPolicies", "the rules of the security groups of ap-x are unknown"},
		{"DescribeNodePools", "what it returns is missing"},
	} {
		t.Run(tc.action, func(t *testing.T) {
			in := parse(t, "b.json", `{"Regions": {"ap-x": {"Incomplete": [{"Action": "`+tc.action+`", "Error": {"Message": "timeout."}}]}}}`)
			if len(in.Notes) != 1 || !strings.HasSuffix(in.Notes[0].Message, ", which failed with timeout, so "+tc.want) {
				t.Errorf("notes: %v", in.Notes)
			}
			equal(t, "nothing added", len(in.SecurityGroups)+len(in.Clusters), 0)
		})
	}
}

func TestIncompleteInvalid(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"not an array", `{"Incomplete": {"Action": "x"}}`, "b.json:1:16: invalid value: Incomplete must be an array of the calls that failed, not an object."},
		{"not an object", `{"Incomplete": ["DescribeVpcs"]}`, "b.json:1:17: invalid value: An item of Incomplete must be an object, not a string."},
		{"no action", `{"Incomplete": [{"Error": {"Code": "x"}}]}`, "b.json:1:17: invalid value: An item of Incomplete must name the Action that failed."},
		{"regions not an object", `{"Regions": ["ap-x"]}`, "b.json:1:13: invalid value: Regions must be an object keyed by region, each value a bundle, not an array."},
		{"region not an object", `{"Regions": {"ap-x": []}}`, "b.json:1:22: invalid value: The bundle of region \"ap-x\" must be an object, not an array."},
		{"empty region", `{"Regions": {"": {}}}`, "b.json:1:14: invalid key: A key of Regions names no region; it should be the region its bundle was read from (ap-guangzhou, say)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := parseErrs(t, "b.json", tc.src)
			equal(t, "errors", errs, []string{tc.want})
		})
	}
	// null is nothing.
	in := parse(t, "b.json", `{"Regions": {"ap-x": null}, "Incomplete": null, "DescribeVpcs": {"VpcSet": []}}`)
	equal(t, "notes", len(in.Notes), 0)
}

func TestDetectRegions(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{`{"Regions": {"ap-guangzhou": {}, "na-siliconvalley": {"DescribeVpcs": {}}, "ap-shanghai-fsi": {}}}`, true},
		{`{"Regions": {"ap-guangzhou": {"Incomplete": []}}}`, true},
		{`{"Regions": {}}`, false},
		{`{"Regions": ["ap-guangzhou"]}`, false},
		{`{"Regions": {"eu": {}}}`, false},
		{`{"Regions": {"Europe-West": {}}}`, false},
		{`{"Regions": {"ap-guangzhou": {}, "prod": {}}}`, false},
		{`{"Regions": {"1a-b": {}}}`, false},
		{`{"Regions": {"ap--x": {}}}`, false},
	} {
		if got := Detect([]byte(tc.src)); got != tc.want {
			t.Errorf("Detect(%s) = %v, want %v", tc.src, got, tc.want)
		}
	}
}
