package rulesets

import (
	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/docs"
)

// Document returns copies of analyzers whose checks carry the title and
// help of their documentation page (docs/rules/<id>.md), so that `explain`,
// SARIF and the web page say the same thing. A check without a page (a
// requirement of a user's ruleset) keeps its own. The analyzers given are
// not changed: an analyzer may be a package-level value shared by runs.
func Document(analyzers ...*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		cp := *a
		cp.Checks = make([]*analysis.Check, len(a.Checks))
		for j, c := range a.Checks {
			doc := *c
			if page, ok := docs.Rule(c.ID); ok {
				doc.Title, doc.Help, doc.HelpText = page.Title, page.Markdown, page.Text
			}
			cp.Checks[j] = &doc
		}
		out[i] = &cp
	}
	return out
}
