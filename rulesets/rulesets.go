package rulesets

import (
	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/binding"
	"github.com/tkesglint/tkesglint/analyzers/endpoint"
	"github.com/tkesglint/tkesglint/analyzers/exposure"
	"github.com/tkesglint/tkesglint/analyzers/owners"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/analyzers/rulelists"
	"github.com/tkesglint/tkesglint/analyzers/topology"
)

// Options say what the checks of one run are made of besides the built-in
// ones.
type Options struct {
	// Rulesets are users' rulesets and the configuration's changes, already
	// validated: their requirements and sensitive services are added to
	// the built-in ones.
	Rulesets []*requirements.Ruleset
	// Clusters are what configuration and flags say about the clusters.
	Clusters topology.Options
}

// All returns a new list of every built-in analyzer, in a fixed order, made
// with opts, with their checks documented. It is a function, not a
// variable, so that runs and tests never share state.
func All(opts Options) []*analysis.Analyzer {
	sets := append(Builtin(), opts.Rulesets...)
	// One topology for the checks of clusters: resolved once per unit.
	topo := topology.New(opts.Clusters)
	return Document(
		requirements.New(sets, topo),
		binding.New(topo),
		exposure.New(sets),
		endpoint.Analyzer,
		rulelists.Analyzer,
		owners.Analyzer,
	)
}
