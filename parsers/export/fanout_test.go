package export

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// parseBothWays parses f on one goroutine, then with every response it can
// hand over mapped by workers, one response per batch and many per batch,
// and fails when the results differ in anything.
func parseBothWays(tb testing.TB, f File) (*model.Input, []*model.Error) {
	tb.Helper()
	in, errs, _ := parseWith(tb.Context(), f, fanoutOptions{minSize: math.MaxInt})
	for _, opts := range []fanoutOptions{
		{minSize: 0, batchSize: 1, workers: 3},
		{minSize: 0, batchSize: 1 << 20, workers: 2},
	} {
		pin, perrs, _ := parseWith(tb.Context(), f, opts)
		if !reflect.DeepEqual(errs, perrs) {
			tb.Fatalf("%s: errors on one goroutine:\n%v\nin parallel (%+v):\n%v", f.Path, errs, opts, perrs)
		}
		if !reflect.DeepEqual(in, pin) {
			tb.Fatalf("%s: model on one goroutine:\n%s\nin parallel (%+v):\n%s", f.Path, dump(in), opts, dump(pin))
		}
	}
	return in, errs
}

// TestFanoutKeepsOrder: a bundle whose responses are mapped by workers
// gives the model and the errors of a reading on one goroutine, with what
// the parser maps itself (keys given twice, blank keys, fields of a bare
// response, scalars) between the responses handed over, with a response
// nested too deep, and with invalid JSON in a late response.
func TestFanoutKeepsOrder(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 70) + "1" + strings.Repeat("}", 70)
	policies := func(id string, n int) string {
		var b strings.Builder
		b.WriteString(`"` + id + `": {"SecurityGroupPolicySet": {"Ingress": [`)
		for i := range n {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(`{"PolicyIndex": ` + string(rune('0'+i%10)) + `, "Protocol": "TCP", "Port": "22", "CidrBlock": "0.0.0.0/0", "Action": "ACCEPT"}`)
		}
		b.WriteString(`], "Egress": []}}`)
		return b.String()
	}
	body := policies("sg-00000001", 3) + ",\n" + policies("sg-00000002", 1) + ",\n" +
		`"sg-00000001": {"SecurityGroupPolicySet": {"Ingress": [{"PolicyIndex": 1, "PolicyIndex": 2}], "Egress": null}},` + "\n" +
		`" ": {"SecurityGroupPolicySet": {}},` + "\n" + `"sg-00000003": null, "sg-00000004": [1, "办公室"], "RequestId": "r",` + "\n" +
		policies("sg-00000005", 4) + ",\n" + `"sg-00000006": {"Error": {"Code": "AuthFailure", "Message": "no"}}`
	for name, src := range map[string]string{
		"order":   "{\n  \"DescribeSecurityGroupPolicies\": {\n" + body + "\n  },\n  \"DescribeNothing\": {},\n  \"DescribeSecurityGroupPolicies\": [" + `{"SecurityGroupPolicySet": {"Ingress": [], "Egress": []}}, null, {"x": 1}` + "]\n}\n",
		"regions": `{"Regions": {"ap-x": {"DescribeSecurityGroupPolicies": {` + body + `}}, "ap-y": {"DescribeSecurityGroupPolicies": {` + policies("sg-00000007", 2) + `}}}}`,
		"deep":    `{"DescribeSecurityGroupPolicies": {"sg-00000001": {"SecurityGroupPolicySet": {}, "RequestId": "r"}, "sg-00000002": {"x": ` + deep + `}, "sg-00000003": {}}}`,
		"invalid": `{"DescribeSecurityGroupPolicies": {` + body + `, "sg-00000009": {"SecurityGroupPolicySet": {"Ingress": [01]}}}}`,
		"short":   `{"DescribeSecurityGroupPolicies": {` + body + `, "sg-00000009": {"SecurityGroupPolicySet": {"Ingress": [}` + strings.Repeat(" ", 10),
		"after":   `{"DescribeSecurityGroupPolicies": {` + body + `}} {}`,
	} {
		t.Run(name, func(t *testing.T) {
			in, errs := parseBothWays(t, File{Path: "bundle.json", Src: []byte(src)})
			if len(errs) == 0 {
				t.Errorf("no errors; want some")
			}
			if name == "order" && len(in.SecurityGroups) != 4 {
				t.Errorf("%d groups", len(in.SecurityGroups))
			}
		})
	}
}
