package topology

import (
	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/compiled"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Options are what the user says about the clusters besides the input: the
// run's configuration and flags.
type Options struct {
	// Specs are the clusters that configuration and flags declare or
	// complete.
	Specs []Spec
	// LBClients are the CIDRs of load-balancer clients of every cluster
	// whose spec gives none. Nil means 0.0.0.0/0, TKE's own default; an
	// empty non-nil list means none (TKESG104 is then not checked).
	LBClients []string
	// Supply says how the user of the program that runs the checks gives
	// what an input lacks about a cluster, for messages.
	Supply Supply
}

// Supply says, in the words of the program that runs the checks (its
// flags, its configuration keys), how the user gives a value the input
// lacks. An empty field is a way that program does not have.
type Supply struct {
	ClusterNetwork   string // "--vpc-cidr or clusters[].cluster_network in .tkesglint.yml"
	ContainerNetwork string
}

// New returns the analyzer whose result is the clusters of a unit,
// completed by opts ([]*Cluster, read with Of): the checks of clusters
// require it, so that clusters are resolved once per unit. It reports
// nothing.
func New(opts Options) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "topology",
		Requires: []*analysis.Analyzer{compiled.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			return resolve(pass.Input, opts, compiled.Of(pass).Resolver()), nil
		},
	}
}

// Of returns the clusters that a, an analyzer New made, resolved for pass's
// unit; pass's analyzer must require a.
func Of(pass *analysis.Pass, a *analysis.Analyzer) []*Cluster {
	v, required := pass.ResultOf[a]
	if !required {
		panic("analyzer " + pass.Analyzer.Name + " reads the clusters but does not require the topology analyzer")
	}
	cls, _ := v.([]*Cluster)
	return cls
}

// Resolve returns the clusters of in, completed by opts, outside a run of
// the analyzers: for a program that must know them before it reports (the
// command line, to say where its cluster flags cannot apply).
func Resolve(in *model.Input, opts Options) []*Cluster {
	return resolve(in, opts, flows.NewResolver(in))
}
