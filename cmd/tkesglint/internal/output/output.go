package output

import (
	"slices"
	"time"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
)

// Tool describes the program that produced a report.
type Tool struct {
	Name           string
	Version        string // semantic version, without a leading v
	InformationURI string
}

// Report is what the writers present.
type Report struct {
	Tool   Tool
	Result *driver.Result
	// Duration is the time the run took; only the text summary shows it.
	Duration time.Duration
	// Category names the analysis in SARIF automationDetails.id
	// ("tkesglint/<category>/"); empty gives "tkesglint/".
	Category string
}

// sortStrings sorts s in place.
func sortStrings(s []string) { slices.Sort(s) }
