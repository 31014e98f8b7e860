package inspect

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/analyzers/compiled"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Unit is what the analysis knows of one unit (a root module, a template,
// the exports).
type Unit struct {
	// Root names the unit as findings do: the root module's folder, the
	// template's file, empty for the exports.
	Root     string
	Input    *model.Input
	Compiler *flows.Compiler
	Clusters []*topology.Cluster
	// Requirements is what the requirements analyzer decided.
	Requirements *requirements.Result
}

// ErrNoRequirements is returned when the analyzers hold no requirements
// analyzer to read the clusters and the matrix from.
var ErrNoRequirements = errors.New("the analyzers hold no requirements analyzer")

// Analyze runs, over unit u, the requirements analyzer of analyzers (the
// list a lint run uses, so that configuration and flags about clusters
// apply) and the analyzers it requires, and returns what they computed.
func Analyze(ctx context.Context, analyzers []*analysis.Analyzer, root string, in *model.Input) (*Unit, error) {
	i := slices.IndexFunc(analyzers, func(a *analysis.Analyzer) bool { return a.Name == "requirements" })
	if i < 0 {
		return nil, ErrNoRequirements
	}
	reqs := analyzers[i]
	var topo *analysis.Analyzer
	for _, r := range reqs.Requires {
		if r.Name == "topology" {
			topo = r
		}
	}
	if topo == nil {
		return nil, fmt.Errorf("analyzer %s does not require the topology: %w", reqs.Name, ErrNoRequirements)
	}
	u := &Unit{Root: root, Input: in}
	collect := &analysis.Analyzer{
		Name:     "inspect",
		Requires: []*analysis.Analyzer{compiled.Analyzer, topo, reqs},
		Run: func(pass *analysis.Pass) (any, error) {
			u.Compiler = compiled.Of(pass)
			u.Clusters = topology.Of(pass, topo)
			u.Requirements = requirements.Of(pass, reqs)
			return nil, nil
		},
	}
	_, errs, err := checker.Run(ctx, []*analysis.Analyzer{collect}, checker.Unit{Input: in, Root: root})
	if err != nil {
		return nil, fmt.Errorf("analyze %s: %w", root, err)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("analyze %s: %s", root, errs[0].Error())
	}
	return u, nil
}
