package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeTccli answers the calls scripts/tccli-bundle.sh makes with canned
// tccli output (bare responses) and logs every call.
const fakeTccli = `#!/usr/bin/env bash
echo "$*" >>"$FAKE_LOG"
svc="$1" act="$2"; shift 2
arg() { local want="$1"; shift; while [ $# -gt 0 ]; do [ "$1" = "$want" ] && { echo "$2"; return; }; shift; done; }
case "$act" in
DescribeClusters) echo '{"TotalCount": 1, "Clusters": [{"ClusterId": "cls-abcd1234", "ClusterName": "prod", "ClusterType": "MANAGED_CLUSTER",
  "ClusterNetworkSettings": {"ClusterCIDR": "172.16.0.0/16", "ServiceCIDR": "10.96.0.0/22", "VpcId": "vpc-m0cnatxj", "Subnets": null},
  "Property": "{\"NodeNameType\":\"lan-ip\",\"NetworkType\":\"GR\"}"}], "RequestId": "r1"}' ;;
DescribeClusterInstances)
  off="$(arg --Offset "$@")"
  if [ "$off" = 0 ]; then
    # A full first page of 100 workers, to make the script ask for the next.
    printf '{"TotalCount": 101, "InstanceSet": ['
    for i in $(seq 1 100); do [ $i -gt 1 ] && printf ','; printf '{"InstanceId": "ins-%08d", "InstanceRole": "WORKER", "NodePoolId": "np-1"}' $i; done
    printf '], "RequestId": "r2"}\n'
  else
    echo '{"TotalCount": 101, "InstanceSet": [{"InstanceId": "ins-00000101", "InstanceRole": "WORKER", "NodePoolId": ""}], "RequestId": "r3"}'
  fi ;;
DescribeClusterEndpoints) echo '{"ClusterExternalEndpoint": "12.34.56.78", "SecurityGroup": "sg-ep000000", "ClusterIntranetEndpoint": "", "IntranetSecurityGroup": null, "ClusterExternalACL": null, "RequestId": "r4"}' ;;
DescribeInstances)
  ids="$(arg --InstanceIds "$@")"
  echo "$ids" | jq '{InstanceSet: map({InstanceId: ., SecurityGroupIds: ["sg-1a2b3c4d"], VirtualPrivateCloud: {VpcId: "vpc-m0cnatxj", SubnetId: "subnet-mv4sn55k"}}), TotalCount: length, RequestId: "r5"}' ;;
DescribeVpcs) echo '{"TotalCount": 1, "VpcSet": [{"VpcId": "vpc-m0cnatxj", "CidrBlock": "10.0.0.0/16", "AssistantCidrSet": [{"CidrBlock": "10.1.0.0/16"}]}], "RequestId": "r6"}' ;;
DescribeSubnets) echo '{"TotalCount": 1, "SubnetSet": [{"SubnetId": "subnet-mv4sn55k", "VpcId": "vpc-m0cnatxj", "CidrBlock": "10.0.1.0/24"}], "RequestId": "r7"}' ;;
DescribeSecurityGroups)
  arg --SecurityGroupIds "$@" | jq '{SecurityGroupSet: map({SecurityGroupId: ., SecurityGroupName: ("name-" + .)}), TotalCount: length, RequestId: "r8"}' ;;
DescribeSecurityGroupPolicies)
  sg="$(arg --SecurityGroupId "$@")"
  if [ "$sg" = sg-1a2b3c4d ]; then
    echo '{"SecurityGroupPolicySet": {"Version": "1", "Egress": [], "Ingress": [{"PolicyIndex": 0, "Protocol": "tcp", "Port": "22", "CidrBlock": "", "AddressTemplate": {"AddressId": "", "AddressGroupId": "ipmg-11111111"}, "ServiceTemplate": {"ServiceId": "", "ServiceGroupId": ""}, "Action": "ACCEPT"}]}, "RequestId": "r9"}'
  else
    echo '{"SecurityGroupPolicySet": {"Version": "0", "Egress": [], "Ingress": []}, "RequestId": "r10"}'
  fi ;;
DescribeAddressTemplateGroups) echo '{"AddressTemplateGroupSet": [{"AddressTemplateGroupId": "ipmg-11111111", "AddressTemplateIdSet": ["ipm-22222222"]}], "TotalCount": 1, "RequestId": "r11"}' ;;
DescribeAddressTemplates) echo '{"AddressTemplateSet": [{"AddressTemplateId": "ipm-22222222", "AddressSet": ["0.0.0.0/0"]}], "TotalCount": 1, "RequestId": "r12"}' ;;
*) echo "unexpected call $svc $act" >&2; exit 1 ;;
esac
`

func TestTccliBundleScript(t *testing.T) {
	for _, tool := range []string{"bash", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tccli"), []byte(fakeTccli), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "bundle.json")
	log := filepath.Join(dir, "calls.log")
	cmd := exec.Command("bash", "../../scripts/tccli-bundle.sh", "-c", "cls-abcd1234", "-s", "sg-0other00", "-r", "ap-guangzhou", "-o", out)
	cmd.Env = append(os.Environ(), "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"), "FAKE_LOG="+log)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("script failed: %v\n%s", err, msg)
	}
	calls, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	for c := range strings.SplitSeq(strings.TrimSpace(string(calls)), "\n") {
		f := strings.Fields(c)
		if len(f) < 2 || !strings.HasPrefix(f[1], "Describe") || !slices.Contains(f, "ap-guangzhou") || !strings.HasSuffix(c, "--output json") {
			t.Errorf("call %q: want a Describe action with the region and JSON output", c)
		}
	}
	src, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !Detect(src) {
		t.Fatal("the bundle is not detected as an export")
	}
	in := parse(t, "bundle.json", string(src))

	equal(t, "groups", len(in.SecurityGroups), 3)
	sg := findSG(t, in, "sg-1a2b3c4d")
	equal(t, "name and rules", sg.Name.Value()+" "+sg.Ingress.Rules[0].AddressTemplateGroup.Value(), "name-sg-1a2b3c4d ipmg-11111111")
	equal(t, "other group", findSG(t, in, "sg-0other00").Ingress.Complete, true)
	equal(t, "endpoint group", findSG(t, in, "sg-ep000000").Defined, true)
	equal(t, "templates", len(in.AddressTemplates), 2)
	equal(t, "instances", len(in.Instances), 101)
	equal(t, "network", len(in.VPCs)+len(in.Subnets), 2)
	c := findCluster(t, in, "cls-abcd1234")
	var groups []string
	for _, g := range c.NodeGroups {
		groups = append(groups, g.Resource.Address+" "+strings.Join(values(g.Binding.Groups), ",")+" "+string(rune('0'+len(g.Instances.Value())/100)))
	}
	equal(t, "node groups", groups, []string{"cls-abcd1234/np-1 sg-1a2b3c4d 1", "cls-abcd1234/workers sg-1a2b3c4d 0"})
	equal(t, "endpoint", c.Endpoint.Internet.Value() && c.Endpoint.InternetSecurityGroup.Value() == "sg-ep000000", true)
}
