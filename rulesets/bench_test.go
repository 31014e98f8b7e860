package rulesets

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/parsers/export"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// benchAccount returns an export of groups security groups of 50 ingress
// and 50 egress rules, shaped as the export benchmark's: single ports of
// TCP and UDP from /24s, every seventh rule naming another group, a broad
// 10.0.0.0/8 rule in each list (which hides none of the rules after it),
// and SSH open to the world in one group in fifty.
func benchAccount(b *testing.B, groups int) *model.Input {
	b.Helper()
	var buf bytes.Buffer
	buf.WriteString(`{"DescribeSecurityGroups": {"TotalCount": `)
	fmt.Fprintf(&buf, "%d, \"SecurityGroupSet\": [", groups)
	for g := range groups {
		if g > 0 {
			buf.WriteString(",")
		}
		fmt.Fprintf(&buf, `{"SecurityGroupId": "sg-%08d", "SecurityGroupName": "service-%d"}`, g, g)
	}
	buf.WriteString(`], "RequestId": "r"}, "DescribeSecurityGroupPolicies": {`)
	for g := range groups {
		if g > 0 {
			buf.WriteString(",")
		}
		fmt.Fprintf(&buf, `"sg-%08d": {"SecurityGroupPolicySet": {"Version": "1"`, g)
		for _, dir := range []string{"Ingress", "Egress"} {
			fmt.Fprintf(&buf, `, %q: [`, dir)
			for r := range 50 {
				if r > 0 {
					buf.WriteString(",")
				}
				proto, port, cidr, sg := []string{"TCP", "UDP"}[r%2], fmt.Sprint(10000+r), fmt.Sprintf("10.0.%d.0/24", r), ""
				if r > 25 {
					cidr = fmt.Sprintf("172.16.%d.0/24", r)
				}
				switch {
				case r == 25:
					proto, port, cidr = "ALL", "ALL", "10.0.0.0/8"
				case r == 3 && g%50 == 0 && dir == "Ingress":
					proto, port, cidr = "TCP", "22", "0.0.0.0/0"
				case r%7 == 6:
					cidr, sg = "", fmt.Sprintf("sg-%08d", (g+r)%groups)
				}
				fmt.Fprintf(&buf, `{"PolicyIndex": %d, "Protocol": %q, "Port": %q, "CidrBlock": %q, "SecurityGroupId": %q, "Action": "ACCEPT"}`,
					r, proto, port, cidr, sg)
			}
			buf.WriteString("]")
		}
		buf.WriteString(`}, "RequestId": "r"}`)
	}
	buf.WriteString("}}")
	in, errs := export.Parse(b.Context(), export.File{Path: "account.json", Src: buf.Bytes()})
	if len(errs) > 0 || len(in.SecurityGroups) != groups {
		b.Fatalf("%d groups, errors %v", len(in.SecurityGroups), errs)
	}
	return in
}

// BenchmarkAnalyzeAccount runs every built-in analyzer over one export of
// 200 groups (20,000 rules), one unit as the driver sees it: with one job,
// and with GOMAXPROCS, where independent analyzers and the groups of an
// analyzer are spread over the cores.
func BenchmarkAnalyzeAccount(b *testing.B) {
	in := benchAccount(b, 200)
	for _, jobs := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				fs, errs, err := checker.Run(b.Context(), All(Options{}), checker.Unit{Input: in, Jobs: jobs})
				if err != nil || len(errs) > 0 || len(fs) == 0 {
					b.Fatalf("%d findings, errors %v %v", len(fs), errs, err)
				}
			}
		})
	}
}
