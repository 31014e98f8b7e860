package export

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// A tccli response (bare) as `tccli vpc DescribeSecurityGroupPolicies`
// prints it, with a non-ASCII description to check that columns count code
// points.
const tccliPolicies = `{
    "SecurityGroupPolicySet": {
        "Version": "3",
        "Egress": [
            {"PolicyIndex": 0, "Protocol": "ALL", "Port": "ALL", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}
        ],
        "Ingress": [
            {
                "PolicyIndex": 1,
                "Protocol": "tcp",
                "Port": "22",
                "ServiceTemplate": {"ServiceId": "", "ServiceGroupId": ""},
                "CidrBlock": "0.0.0.0/8",
                "Ipv6CidrBlock": "",
                "SecurityGroupId": "",
                "AddressTemplate": {"AddressId": "", "AddressGroupId": ""},
                "Action": "accept",
                "PolicyDescription": "运维 ssh",
                "ModifyTime": "2022-06-09 17:18:02"
            },
            {"PolicyIndex": 0, "PolicyDescription": "节点", "Protocol": "ALL", "Port": "ALL", "CidrBlock": "10.0.0.0/16", "Action": "ACCEPT"}
        ]
    },
    "RequestId": "41986b77-47e5-46be-980e-1b93c874d5ff"
}
`

func TestPolicyPositions(t *testing.T) {
	in := parse(t, "acct/sg-1a2b3c4d-prod.json", tccliPolicies)
	sg := findSG(t, in, "sg-1a2b3c4d")
	equal(t, "address", sg.Resource.Address, "sg-1a2b3c4d")
	equal(t, "decl", pos(sg.Resource.DeclRange), "acct/sg-1a2b3c4d-prod.json:2:5-2:29")
	equal(t, "complete", sg.Ingress.Complete && sg.Ingress.Ordered && sg.Egress.Complete && sg.Egress.Ordered, true)
	ing := sg.Ingress.Rules
	if len(ing) != 2 || len(sg.Egress.Rules) != 1 {
		t.Fatalf("got %d ingress and %d egress rules", len(ing), len(sg.Egress.Rules))
	}
	// PolicyIndex 0 comes second in the array and first in the list.
	first, second := ing[0], ing[1]
	equal(t, "first", first.Description.Value(), "节点")
	// A policy's range is its peer, the CidrBlock (docs/design.md#the-model).
	equal(t, "first range", pos(first.Range), "acct/sg-1a2b3c4d-prod.json:21:106-21:119")
	equal(t, "first cidr", pos(first.CIDR.Range()), "acct/sg-1a2b3c4d-prod.json:21:106-21:119")
	equal(t, "second range", pos(second.Range), "acct/sg-1a2b3c4d-prod.json:13:30-13:41")
	equal(t, "second cidr", pos(second.CIDR.Range()), "acct/sg-1a2b3c4d-prod.json:13:30-13:41")
	equal(t, "positions", []int{first.Position, second.Position}, []int{0, 1})
	equal(t, "kind", second.Kind == model.PolicyRule && second.Direction == model.Ingress, true)
	equal(t, "owner", second.Owner.Address+" "+second.Owner.Type, "sg-1a2b3c4d DescribeSecurityGroupPolicies")
	// Raw values, in the case the API echoed.
	equal(t, "raw", second.Protocol.Value()+" "+second.Port.Value()+" "+second.Action.Value(), "tcp 22 accept")
	// "" peers and template ids are absent.
	for name, v := range map[string]model.String{
		"ipv6": second.IPv6CIDR, "sg": second.SecurityGroup, "ipm": second.AddressTemplate,
		"ipmg": second.AddressTemplateGroup, "ppm": second.ServiceTemplate, "ppmg": second.ServiceTemplateGroup,
	} {
		if v.State() != model.Defaulted {
			t.Errorf("%s: got %v, want defaulted", name, v.State())
		}
	}
	equal(t, "peers", len(second.Peer()), 1)
	equal(t, "index", at(second.PolicyIndex), "acct/sg-1a2b3c4d-prod.json:9:32")
	// The description after a multi-byte one: columns count code points.
	equal(t, "description", at(first.Description), "acct/sg-1a2b3c4d-prod.json:21:53")
	eg := sg.Egress.Rules[0]
	equal(t, "egress", pos(eg.Range), "acct/sg-1a2b3c4d-prod.json:5:79-5:90")
	equal(t, "egress kind", eg.Direction, model.Egress)

	if len(in.RuleOwners) != 1 {
		t.Fatalf("got %d rule owners", len(in.RuleOwners))
	}
	o := in.RuleOwners[0]
	equal(t, "owner", o.Kind == model.OwnerPolicySet && o.SecurityGroup.Value() == "sg-1a2b3c4d", true)
}

// The Byte of every position is the offset in the file.
func TestBytesAreOffsets(t *testing.T) {
	in := parse(t, "sg-1a2b3c4d.json", tccliPolicies)
	for _, r := range findSG(t, in, "sg-1a2b3c4d").Ingress.Rules {
		b := r.CIDR.Range().Start.Byte
		if got := tccliPolicies[b : b+len(`"`+r.CIDR.Value())]; got != `"`+r.CIDR.Value() {
			t.Errorf("byte %d holds %q, want the CIDR %q", b, got, r.CIDR.Value())
		}
	}
}

func TestWrappedAndBareAgree(t *testing.T) {
	bare := parse(t, "sg-1a2b3c4d.json", tccliPolicies)
	inner := strings.ReplaceAll(strings.TrimSpace(tccliPolicies), "\n", "\n    ")
	wrapped := parse(t, "sg-1a2b3c4d.json", "{\n    \"Response\": "+inner+"\n}\n")
	a, b := findSG(t, bare, "sg-1a2b3c4d"), findSG(t, wrapped, "sg-1a2b3c4d")
	for i, r := range a.Ingress.Rules {
		w := b.Ingress.Rules[i]
		equal(t, "text", w.CIDR.Value()+w.Protocol.Value()+w.Port.Value(), r.CIDR.Value()+r.Protocol.Value()+r.Port.Value())
		// One more line, four more columns.
		equal(t, "shifted", []int{w.CIDR.Range().Start.Line, w.CIDR.Range().Start.Column},
			[]int{r.CIDR.Range().Start.Line + 1, r.CIDR.Range().Start.Column + 4})
	}
}

func TestFileNames(t *testing.T) {
	const body = `{"SecurityGroupPolicySet": {"Ingress": [], "Egress": []}}`
	for _, tc := range []struct{ path, addr, id string }{
		{"sg-1a2b3c4d.json", "sg-1a2b3c4d", "sg-1a2b3c4d"},
		{"x/sg-1a2b3c4d-prod.json", "sg-1a2b3c4d", "sg-1a2b3c4d"},
		{"sg-1a2b3c4d_v2.JSON", "sg-1a2b3c4d", "sg-1a2b3c4d"},
		{"x/nodes.json", "nodes", ""},
		{"sg-1a2b3c4dx.json", "sg-1a2b3c4dx", ""},
		{"sg-short.json", "sg-short", ""},
	} {
		t.Run(tc.path, func(t *testing.T) {
			in := parse(t, tc.path, body)
			if len(in.SecurityGroups) != 1 {
				t.Fatalf("got %d groups", len(in.SecurityGroups))
			}
			sg := in.SecurityGroups[0]
			equal(t, "address", sg.Resource.Address, tc.addr)
			id, ok := sg.ID.Get()
			if tc.id == "" {
				equal(t, "id unresolved", ok, false)
				if len(in.Notes) == 0 {
					t.Error("no note says the group is named after its file")
				}
				return
			}
			equal(t, "id", id, tc.id)
		})
	}
}

// Missing keys, null and "" are absent values; unknown keys are ignored.
func TestNullEmptyMissing(t *testing.T) {
	in := parse(t, "sg-1a2b3c4d.json", `{"SecurityGroupPolicySet": {"Ingress": [
  {"Protocol": null, "Port": "", "CidrBlock": "10.0.0.0/8", "Action": "ACCEPT", "AddressTemplate": null, "ServiceTemplate": {}, "Diff": false, "Unknown": {"x": [1]}},
  {"CidrBlock": "10.1.0.0/16", "Action": "DROP", "ServiceTemplate": {"ServiceId": "ppm-1a2b3c4d", "ServiceGroupId": null}}
], "Egress": null}, "RequestId": null}`)
	sg := findSG(t, in, "sg-1a2b3c4d")
	r := sg.Ingress.Rules[0]
	equal(t, "protocol", r.Protocol.Value()+" "+r.Protocol.State().String(), "ALL defaulted")
	equal(t, "port", r.Port.Value()+" "+r.Port.State().String(), "ALL defaulted")
	equal(t, "default range is the policy object", at(r.Port), "sg-1a2b3c4d.json:2:3 (defaulted)")
	equal(t, "index", r.PolicyIndex.State(), model.Defaulted)
	s := sg.Ingress.Rules[1]
	equal(t, "service", s.ServiceTemplate.Value(), "ppm-1a2b3c4d")
	equal(t, "protocol with service", s.Protocol.Value()+"|"+s.Protocol.State().String(), "|defaulted")
	// Without PolicyIndex, array order.
	equal(t, "order", s.CIDR.Value(), "10.1.0.0/16")
	// Egress null: the list is not known, so "no rule matches" is not DROP.
	equal(t, "egress complete", sg.Egress.Complete, false)
	if !strings.Contains(sg.Egress.Why, "Egress") {
		t.Errorf("why: %q", sg.Egress.Why)
	}
	equal(t, "ingress complete", sg.Ingress.Complete, true)
}

func TestWrongTypes(t *testing.T) {
	in, errs := parseErrs(t, "sg-1a2b3c4d.json", `{"SecurityGroupPolicySet": {"Ingress": [
  {"Protocol": ["TCP"], "Port": 22, "CidrBlock": "10.0.0.0/8", "Action": "ACCEPT", "PolicyIndex": "x"},
  "ACCEPT#0.0.0.0/0#22#TCP"
], "Egress": {}}}`)
	equal(t, "errors", errs, []string{
		`sg-1a2b3c4d.json:2:16: invalid value: Protocol must be a string, not an array.`,
		`sg-1a2b3c4d.json:2:99: invalid value: PolicyIndex must be an integer, not "x".`,
		`sg-1a2b3c4d.json:3:3: invalid value: A policy must be an object, not a string.`,
		`sg-1a2b3c4d.json:4:14: invalid value: Egress must be an array of policies, not an object.`,
	})
	sg := findSG(t, in, "sg-1a2b3c4d")
	r := sg.Ingress.Rules[0]
	equal(t, "protocol unresolved", r.Protocol.State(), model.Unresolved)
	equal(t, "number port kept", r.Port.Value()+" "+r.Port.State().String(), "22 written")
	equal(t, "incomplete", sg.Ingress.Complete || sg.Egress.Complete, false)
}

func TestAPIError(t *testing.T) {
	_, errs := parseErrs(t, "sg-1a2b3c4d.json", `{
    "Response": {
        "Error": {"Code": "ResourceNotFound.SecurityGroupNotFound", "Message": "The specified security group does not exist"},
        "RequestId": "5f792091-1d5a-4b4e-9b0f-2f7f6b8a1c2d"
    }
}`)
	equal(t, "errors", errs, []string{
		"sg-1a2b3c4d.json:3:18: API error response: the request failed with ResourceNotFound.SecurityGroupNotFound: The specified security group does not exist.",
	})
	in, errs := parseErrs(t, "bundle.json", `{"DescribeSecurityGroupPolicies": {
  "sg-1a2b3c4d": {"Error": {"Code": "UnauthorizedOperation", "Message": "no permission"}, "RequestId": "r"},
  "sg-5e6f7a8b": {"SecurityGroupPolicySet": {"Ingress": [], "Egress": []}}
}}`)
	equal(t, "bundle errors", errs, []string{
		"bundle.json:2:28: API error response: DescribeSecurityGroupPolicies for sg-1a2b3c4d failed with UnauthorizedOperation: no permission.",
	})
	equal(t, "other group read", len(in.SecurityGroups), 1)
}

func TestSyntaxErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"truncated", "{\n  \"SecurityGroupPolicySet\": {\"Ingress\": [\n", "x.json:3:1: invalid JSON: Unexpected end of file."},
		{"trailing comma", "{\"Response\": {\"RequestId\": \"a\",}}", "x.json:1:32: invalid JSON: Invalid character '}' looking for beginning of object key string."},
		{"second value", "{\"Response\": {}} {}", "x.json:1:18: invalid JSON: Invalid character '{' after top-level value."},
		{"array", "[{\"Response\": {}}]", "x.json:1:1: not an export: A Tencent Cloud API response or bundle is a JSON object."},
		{"deep", "{\"Response\": " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}", "x.json:1:77: invalid JSON: Values are nested more than 64 levels deep, which no API response does."},
		{"duplicate", "{\"SecurityGroupSet\": [],\n \"SecurityGroupSet\": []}", "x.json:2:2: duplicate key: \"SecurityGroupSet\" is already given at 1:2; the last value is used."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := parseErrs(t, "x.json", tc.src)
			equal(t, "errors", errs, []string{tc.want})
		})
	}
}

func TestEncodings(t *testing.T) {
	src := "{\"SecurityGroupPolicySet\": {\"Ingress\": [\n {\"CidrBlock\": \"0.0.0.0/0\", \"Action\": \"ACCEPT\"}], \"Egress\": []}}"
	bom := parse(t, "sg-1a2b3c4d.json", "\ufeff"+src)
	r := findSG(t, bom, "sg-1a2b3c4d").Ingress.Rules[0]
	equal(t, "bom", at(r.CIDR), "sg-1a2b3c4d.json:2:16")
	equal(t, "bom byte", r.CIDR.Range().Start.Byte, 3+strings.Index(src, `"0.0.0.0/0"`))
	// UTF-16LE, as Windows PowerShell writes `tccli … > file.json`.
	u16 := []byte{0xFF, 0xFE}
	for _, c := range src {
		u16 = append(u16, byte(c), 0)
	}
	in, errs := Parse(t.Context(), File{Path: "sg-1a2b3c4d.json", Src: u16})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r = findSG(t, in, "sg-1a2b3c4d").Ingress.Rules[0]
	equal(t, "utf-16", at(r.CIDR), "sg-1a2b3c4d.json:2:16")
	equal(t, "utf-16 byte unknown", r.CIDR.Range().Start.Byte, -1)
	equal(t, "detect utf-16", Detect(u16), true)
}

// Invalid UTF-8 inside strings is read as U+FFFD; outside it is a syntax
// error. Big numbers are kept as written.
func TestOddText(t *testing.T) {
	in, errs := parseErrs(t, "sg-1a2b3c4d.json", "{\"SecurityGroupPolicySet\": {\"Ingress\": [{\"PolicyDescription\": \"a\xffb\", \"Port\": 123456789012345678901234567890, \"CidrBlock\": \"10.0.0.0/8\", \"Action\": \"ACCEPT\", \"PolicyIndex\": 99999999999999999999}], \"Egress\": []}}")
	equal(t, "errors", errs, []string{"sg-1a2b3c4d.json:1:172: invalid value: PolicyIndex must be an integer, not 99999999999999999999."})
	r := findSG(t, in, "sg-1a2b3c4d").Ingress.Rules[0]
	equal(t, "description", r.Description.Value(), "a\ufffdb")
	equal(t, "port", r.Port.Value(), "123456789012345678901234567890")
	_, errs = parseErrs(t, "x.json", "{\"Response\": {}\xff}")
	if len(errs) != 1 || !strings.Contains(errs[0], "invalid JSON") {
		t.Errorf("errors: %q", errs)
	}
}

func TestDuplicateKeysInLargeObject(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"Response": {"Other": {`)
	for i := range 40 {
		fmt.Fprintf(&b, `"k%d": 1, `, i)
	}
	b.WriteString("\"k3\": 2, \"k39\": 3}, \"SecurityGroupSet\": []}}")
	_, errs := parseErrs(t, "x.json", b.String())
	if len(errs) != 2 || !strings.Contains(errs[0], `"k3" is already given`) || !strings.Contains(errs[1], `"k39" is already given`) {
		t.Errorf("errors: %q", errs)
	}
}

// A policy that gives a key twice is read with the last value, as
// encoding/json and JavaScript read it, for every key the policy reads.
func TestPolicyKeyGivenTwice(t *testing.T) {
	in, errs := parseErrs(t, "sg-1a2b3c4d.json", `{"SecurityGroupPolicySet": {"Ingress": [{"CidrBlock": "10.0.0.0/8", "Port": "22", "Action": "DROP", "Protocol": "UDP",
 "PolicyIndex": 7, "PolicyDescription": "a", "ServiceTemplate": {"ServiceId": "ppm-1"}, "CidrBlock": "0.0.0.0/0", "Port": "80", "Action": "ACCEPT",
 "Protocol": "TCP", "PolicyIndex": 0, "PolicyDescription": "b", "ServiceTemplate": {"ServiceId": ""}}], "Egress": []}}`)
	if len(errs) != 7 {
		t.Errorf("errors: %q", errs)
	}
	r := findSG(t, in, "sg-1a2b3c4d").Ingress.Rules[0]
	equal(t, "cidr", r.CIDR.Value()+" "+at(r.CIDR), "0.0.0.0/0 sg-1a2b3c4d.json:2:102")
	equal(t, "values", []string{r.Port.Value(), r.Action.Value(), r.Protocol.Value(), r.Description.Value(), fmt.Sprint(r.PolicyIndex.Value()), r.ServiceTemplate.Value()},
		[]string{"80", "ACCEPT", "TCP", "b", "0", ""})
}
