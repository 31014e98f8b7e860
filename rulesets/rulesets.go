package rulesets

import (
	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/binding"
	"github.com/tkesglint/tkesglint/analyzers/endpoint"
	"github.com/tkesglint/tkesglint/analyzers/exposure"
	"github.com/tkesglint/tkesglint/analyzers/owners"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/analyzers/rulelists"
)

// Analyzers returns a new list of every built-in analyzer, in a fixed order,
// with the requirements and sensitive services of the built-in rulesets and
// of extra (users' rulesets and the configuration's changes, already
// validated). It is a function, not a variable, so that
// runs and tests never share state.
func Analyzers(extra ...*requirements.Ruleset) []*analysis.Analyzer {
	sets := append(Builtin(), extra...)
	return []*analysis.Analyzer{
		requirements.New(sets),
		binding.Analyzer,
		exposure.New(sets),
		endpoint.Analyzer,
		rulelists.Analyzer,
		owners.Analyzer,
	}
}
