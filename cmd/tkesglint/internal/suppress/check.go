package suppress

import "github.com/tkesglint/tkesglint/analyzers/analysis"

// CheckID is the id of the check that reports suppressions that do not do
// their job.
const CheckID = "TKESG001"

// Analyzer declares TKESG001, so that `tkesglint rules`, `explain`, SARIF
// rules, --enable/--disable and level overrides know it. Its Run reports
// nothing: TKESG001 needs the sources and every other check's findings, so
// the driver reports it while it applies suppressions.
func Analyzer() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:   "suppressions",
		Checks: []*analysis.Check{analysis.NewCheck(CheckID, "suppression", analysis.LevelWarning, "2.0", "very-high")},
		Run:    func(*analysis.Pass) (any, error) { return nil, nil },
	}
}
