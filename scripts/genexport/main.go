// Command genexport writes an account export for the export benchmark of
// scripts/bench.sh: bundles of DescribeSecurityGroups and
// DescribeSecurityGroupPolicies responses as tccli prints them (four-space
// indent, every field present), for -groups security groups of -ingress
// and -egress rules each. The rules accept distinct ports from private
// /24s, reference other groups, and, one group in -open, accept SSH from
// the world, so that the checks have something to report.
//
//	go run ./scripts/genexport -out DIR [-groups 2000] [-ingress 80] [-egress 20] [-files 1]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "", "folder to write (must not exist)")
	groups := flag.Int("groups", 2000, "number of security groups")
	ingress := flag.Int("ingress", 80, "ingress rules of each group")
	egress := flag.Int("egress", 20, "egress rules of each group")
	files := flag.Int("files", 1, "number of bundle files the groups are spread over")
	open := flag.Int("open", 50, "one group in this many accepts SSH from the world (0: none)")
	flag.Parse()
	if *out == "" || *groups < 1 || *files < 1 || *files > *groups || *ingress < 0 || *egress < 0 {
		fmt.Fprintln(os.Stderr, "genexport: -out is required; -groups and -files must be positive, -files at most -groups")
		os.Exit(2)
	}
	if err := os.Mkdir(*out, 0o750); err != nil {
		fmt.Fprintln(os.Stderr, "genexport:", err)
		os.Exit(1)
	}
	g := generator{ingress: *ingress, egress: *egress, open: *open, groups: *groups}
	per := (*groups + *files - 1) / *files
	for f := 0; f*per < *groups; f++ {
		src, err := g.bundle(f*per, min(*groups, (f+1)*per))
		if err == nil {
			err = os.WriteFile(filepath.Join(*out, fmt.Sprintf("account-%03d.json", f)), src, 0o600)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "genexport:", err)
			os.Exit(1)
		}
	}
}

type generator struct {
	groups, ingress, egress, open int
}

// The types below list the fields of the API's responses in the order
// tccli prints them.
type (
	bundle struct {
		DescribeSecurityGroups        groupsResponse            `json:"DescribeSecurityGroups"`
		DescribeSecurityGroupPolicies map[string]policyResponse `json:"DescribeSecurityGroupPolicies"`
	}
	groupsResponse struct {
		TotalCount       int     `json:"TotalCount"`
		SecurityGroupSet []group `json:"SecurityGroupSet"`
		RequestID        string  `json:"RequestId"`
	}
	group struct {
		SecurityGroupID   string `json:"SecurityGroupId"`
		SecurityGroupName string `json:"SecurityGroupName"`
		SecurityGroupDesc string `json:"SecurityGroupDesc"`
		ProjectID         string `json:"ProjectId"`
		IsDefault         bool   `json:"IsDefault"`
		CreatedTime       string `json:"CreatedTime"`
		UpdateTime        string `json:"UpdateTime"`
		TagSet            []tag  `json:"TagSet"`
	}
	tag struct {
		Key   string `json:"Key"`
		Value string `json:"Value"`
	}
	policyResponse struct {
		SecurityGroupPolicySet policySet `json:"SecurityGroupPolicySet"`
		RequestID              string    `json:"RequestId"`
	}
	policySet struct {
		Version string   `json:"Version"`
		Egress  []policy `json:"Egress"`
		Ingress []policy `json:"Ingress"`
	}
	policy struct {
		PolicyIndex       int             `json:"PolicyIndex"`
		Protocol          string          `json:"Protocol"`
		Port              string          `json:"Port"`
		ServiceTemplate   serviceTemplate `json:"ServiceTemplate"`
		CIDRBlock         string          `json:"CidrBlock"`
		Ipv6CidrBlock     string          `json:"Ipv6CidrBlock"`
		SecurityGroupID   string          `json:"SecurityGroupId"`
		AddressTemplate   addressTemplate `json:"AddressTemplate"`
		Action            string          `json:"Action"`
		PolicyDescription string          `json:"PolicyDescription"`
		ModifyTime        string          `json:"ModifyTime"`
	}
	serviceTemplate struct {
		ServiceID      string `json:"ServiceId"`
		ServiceGroupID string `json:"ServiceGroupId"`
	}
	addressTemplate struct {
		AddressID      string `json:"AddressId"`
		AddressGroupID string `json:"AddressGroupId"`
	}
)

func sgID(i int) string { return fmt.Sprintf("sg-%08x", 0x10000000+i) }

// bundle writes the groups [from, to) as one bundle.
func (g generator) bundle(from, to int) ([]byte, error) {
	b := bundle{
		DescribeSecurityGroups:        groupsResponse{TotalCount: to - from, RequestID: "5f2c8a0e-generated"},
		DescribeSecurityGroupPolicies: map[string]policyResponse{},
	}
	for i := from; i < to; i++ {
		b.DescribeSecurityGroups.SecurityGroupSet = append(b.DescribeSecurityGroups.SecurityGroupSet, group{
			SecurityGroupID:   sgID(i),
			SecurityGroupName: fmt.Sprintf("service-%d", i),
			SecurityGroupDesc: "generated for the export benchmark",
			ProjectID:         "0",
			CreatedTime:       "2025-10-21 09:30:12",
			UpdateTime:        "2025-11-03 10:12:45",
			TagSet:            []tag{{Key: "team", Value: fmt.Sprintf("team-%d", i%17)}},
		})
		set := policySet{Version: fmt.Sprint(g.ingress + g.egress)}
		for r := range g.ingress {
			set.Ingress = append(set.Ingress, g.policy(i, r, true))
		}
		for r := range g.egress {
			set.Egress = append(set.Egress, g.policy(i, r, false))
		}
		b.DescribeSecurityGroupPolicies[sgID(i)] = policyResponse{SecurityGroupPolicySet: set, RequestID: fmt.Sprintf("req-%d", i)}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "    ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return buf.Bytes(), nil
}

// policy is rule r of group i: mostly a TCP or UDP port from a private
// /24, every seventh a reference to the next group, and rule 0 of every
// g.open-th group SSH from the world.
func (g generator) policy(i, r int, ingress bool) policy {
	p := policy{
		PolicyIndex:       r,
		Protocol:          []string{"TCP", "UDP"}[r%2],
		Port:              fmt.Sprint(10000 + r),
		CIDRBlock:         fmt.Sprintf("10.%d.%d.0/24", i%200, r),
		Action:            "ACCEPT",
		PolicyDescription: fmt.Sprintf("rule %d", r),
		ModifyTime:        "2025-11-03 10:12:45",
	}
	switch {
	case !ingress && r == g.egress-1:
		p.Protocol, p.Port, p.CIDRBlock = "ALL", "ALL", "10.0.0.0/8"
	case ingress && r == 0 && g.open > 0 && i%g.open == 0:
		p.Protocol, p.Port, p.CIDRBlock = "TCP", "22", "0.0.0.0/0"
	case r%7 == 6:
		p.CIDRBlock, p.SecurityGroupID = "", sgID((i+1)%g.groups)
	case r%11 == 10:
		p.Port = fmt.Sprintf("%d-%d", 30000+r*10, 30000+r*10+9)
	}
	return p
}
