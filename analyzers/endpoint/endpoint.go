package endpoint

import (
	"fmt"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/compiled"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Analyzer reports TKESG204.
var Analyzer = &analysis.Analyzer{
	Name: "endpoint",
	Checks: []*analysis.Check{
		analysis.NewCheck("TKESG107", "public-endpoint-without-sg", analysis.LevelError, "7.5", "very-high"),
		analysis.NewCheck("TKESG204", "world-api-endpoint", analysis.LevelWarning, "6.5", "high"),
	},
	Requires: []*analysis.Analyzer{compiled.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	comp := compiled.Of(pass)
	https := flows.NewSet(flows.TCP, flows.PortRange(443, 443), flows.World())
	for _, c := range pass.Input.Clusters {
		name := topology.Name(c)
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
				At:    endpointRule{cluster: c, sg: sg, rule: r},
				Message: fmt.Sprintf("%s (%s) lets the whole internet reach the API server of cluster %s: sg %s is its internet endpoint security group, and it accepts %s from %s",
					r.Ref(), r.Text(), name, sg.DisplayName(), w, w.Peer()),
				Related: []analysis.Related{
					{Range: c.Endpoint.InternetSecurityGroup.Range(), Message: "the cluster's internet endpoint uses sg " + sg.DisplayName()},
				},
			})
		}
	}
	return nil, nil
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
		pass.Report(analysis.Diagnostic{
			Check: "TKESG107", At: analysis.Resource(c.Resource), Range: c.Endpoint.Internet.Range(),
			Aspect: []string{"TKESG107", "undecided"}, Undecided: []string{reason},
			Message: fmt.Sprintf("whether cluster %s has public API access is unknown (%s); if it has, it names no internet endpoint security group",
				name, reason),
		})
		return
	}
	if !internet || c.Endpoint.Internet.State() != model.Written {
		return
	}
	pass.Report(analysis.Diagnostic{
		Check: "TKESG107", At: analysis.Resource(c.Resource), Range: c.Endpoint.Internet.Range(), Aspect: []string{"TKESG107"},
		Message: fmt.Sprintf("cluster %s has public API access but names no internet endpoint security group: name one that accepts TCP 443 only from the addresses that need the API%s",
			name, aside(c.Endpoint.InternetSecurityGroupField)),
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
			Check: "TKESG204", At: analysis.Resource(c.Resource), Range: v.Range(), Aspect: []string{"policies", s},
			Message: fmt.Sprintf("the internet access list of the API server of cluster %s%s allows %s, the whole internet",
				name, aside(c.DeprecatedInternetPoliciesField), s),
		})
	}
}

// aside is " (field)", the name of a field in the input's format, or ""
// when there is none.
func aside(field string) string {
	if field == "" {
		return ""
	}
	return " (" + field + ")"
}

// endpointRule is a rule of the internet endpoint group of a cluster: a
// finding about it is identified by the cluster, the group and the rule
// written out (one group may serve several clusters).
type endpointRule struct {
	cluster *model.Cluster
	sg      *model.SecurityGroup
	rule    *flows.Rule
}

func (e endpointRule) Range() model.Range       { return e.rule.Range() }
func (e endpointRule) Resource() model.Resource { return e.rule.Resource() }
func (e endpointRule) Key() string {
	return e.cluster.Resource.Address + "|" + e.sg.Resource.Address + "|" + e.rule.Text()
}
