// Package compiled provides the analyzer whose result is the rules of a
// unit compiled for evaluation (a *flows.Compiler, with its resolver of
// groups and templates), as x/tools' passes/buildssa provides SSA: the
// checks that evaluate rules require it, so that every rule is compiled
// once per unit whatever number of checks read it.
package compiled

import (
	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
)

// Analyzer compiles the rules of the unit, on the goroutines the pass
// allows; it reports nothing.
var Analyzer = &analysis.Analyzer{
	Name: "compiled",
	Run:  func(pass *analysis.Pass) (any, error) { return flows.NewCompilerJobs(pass.Input, pass.Jobs), nil },
}

// Of returns the compiled rules of pass's unit; pass's analyzer must
// require Analyzer.
func Of(pass *analysis.Pass) *flows.Compiler {
	c, ok := pass.ResultOf[Analyzer].(*flows.Compiler)
	if !ok {
		panic("analyzer " + pass.Analyzer.Name + " reads the compiled rules but does not require compiled.Analyzer")
	}
	return c
}
