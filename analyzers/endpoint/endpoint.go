package endpoint

import (
	"fmt"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/clusters"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Analyzer reports TKESG204.
var Analyzer = &analysis.Analyzer{
	Name: "endpoint",
	Checks: []*analysis.Check{
		analysis.NewCheck("TKESG107", "public-endpoint-without-sg", analysis.LevelError, "7.5", "very-high"),
		analysis.NewCheck("TKESG204", "world-api-endpoint", analysis.LevelWarning, "6.5", "high"),
	},
	Run: run,
}

func run(pass *analysis.Pass) error {
	comp := flows.NewCompiler(pass.Input)
	https := flows.NewSet(flows.TCP, flows.PortRange(443, 443), flows.World())
	for _, c := range pass.Input.Clusters {
		name := clusters.Name(c)
		if internet, ok := c.Endpoint.Internet.Get(); ok && !internet && c.Endpoint.Internet.State() == model.Written {
			continue
		}
		checkPolicies(pass, c, name)
		checkNamed(pass, c, name)
		ref, ok := c.Endpoint.InternetSecurityGroup.Get()
		if !ok || ref == "" {
			continue
		}
		sg := comp.Resolver().SecurityGroup(ref)
		if sg == nil {
			continue
		}
		for _, p := range (flows.List{comp.Segment(sg, model.Ingress)}).Evaluate(https, nil) {
			r := p.Rule
			if p.Verdict != flows.Accepted || r == nil || !r.CoversWorld() {
				continue
			}
			w, _ := p.Flows.Witness()
			pass.Report(analysis.Diagnostic{
				Check: "TKESG204",
				Range: r.Source.Range,
				Message: fmt.Sprintf("%s (%s) lets the whole internet reach the API server of cluster %s: sg %s is its internet endpoint security group, and it accepts %s from %s",
					r.Ref(), r.Text(), name, sg.DisplayName(), w, w.Peer()),
				Related: []analysis.Related{
					{Range: c.Endpoint.InternetSecurityGroup.Range(), Message: "the cluster's internet endpoint uses sg " + sg.DisplayName()},
				},
				Fingerprint: c.Resource.Address + "|" + sg.Resource.Address + "|" + r.Text(),
				Address:     r.Source.Owner.Address,
				CallChain:   r.Source.Owner.CallChain,
			})
		}
	}
	return nil
}

// checkNamed flags a cluster with public API access and no internet endpoint
// security group (TKESG107).
func checkNamed(pass *analysis.Pass, c *model.Cluster, name string) {
	sg := c.Endpoint.InternetSecurityGroup
	if v, ok := sg.Get(); !ok || v != "" {
		return // named, or unresolved: never a false finding
	}
	internet, ok := c.Endpoint.Internet.Get()
	if !ok {
		reason := c.Endpoint.Internet.Reason()
		note := analysis.LevelNote
		pass.Report(analysis.Diagnostic{
			Check: "TKESG107", Level: &note, Range: c.Endpoint.Internet.Range(), Undecided: []string{reason},
			Message: fmt.Sprintf("whether cluster %s has public API access is unknown (%s); if it has, it names no internet endpoint security group",
				name, reason),
			Fingerprint: c.Resource.Address + "|TKESG107|undecided",
			Address:     c.Resource.Address,
			CallChain:   c.Resource.CallChain,
		})
		return
	}
	if !internet || c.Endpoint.Internet.State() != model.Written {
		return
	}
	pass.Report(analysis.Diagnostic{
		Check: "TKESG107",
		Range: c.Endpoint.Internet.Range(),
		Message: fmt.Sprintf("cluster %s has public API access but names no internet endpoint security group: name one that accepts TCP 443 only from the addresses that need the API (cluster_internet_security_group in Terraform, Endpoint.SecurityGroup in a template)",
			name),
		Fingerprint: c.Resource.Address + "|TKESG107",
		Address:     c.Resource.Address,
		CallChain:   c.Resource.CallChain,
	})
}

// checkPolicies flags world CIDRs in the deprecated policy list.
func checkPolicies(pass *analysis.Pass, c *model.Cluster, name string) {
	list, _ := c.DeprecatedInternetPolicies.Get()
	for _, v := range list {
		s, ok := v.Get()
		if !ok {
			continue
		}
		a, err := flows.ParseCIDR(s)
		if err != nil || !a.CoversWorld4() && !a.CoversWorld6() {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Check: "TKESG204",
			Range: v.Range(),
			Message: fmt.Sprintf("the internet access list of the API server of cluster %s (managed_cluster_internet_security_policies, ClusterExternalACL in an export) allows %s, the whole internet",
				name, s),
			Fingerprint: c.Resource.Address + "|policies|" + s,
			Address:     c.Resource.Address,
			CallChain:   c.Resource.CallChain,
		})
	}
}
