package analysis

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/tkesglint/tkesglint/docs"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Level is the SARIF level of a diagnostic.
type Level uint8

// The levels, from most to least severe. None is only used by --fail-on.
const (
	LevelError Level = iota
	LevelWarning
	LevelNote
	LevelNone
)

func (l Level) String() string {
	switch l {
	case LevelError:
		return "error"
	case LevelWarning:
		return "warning"
	case LevelNote:
		return "note"
	case LevelNone:
		return "none"
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// ParseLevel reads a level as written in configuration and flags.
func ParseLevel(s string) (Level, error) {
	switch s {
	case "error":
		return LevelError, nil
	case "warning":
		return LevelWarning, nil
	case "note":
		return LevelNote, nil
	case "none":
		return LevelNone, nil
	}
	return LevelNone, fmt.Errorf("unknown level %q (want error, warning, note or none)", s)
}

// Check documents one check id. An analyzer may report several ids (the
// generic flow analyzer reports every requirement of its rulesets).
type Check struct {
	ID    string // stable: TKESGnnn
	Name  string // short slug for SARIF rule name, e.g. "world-admin-ports"
	Level Level
	Title string // one line, lowercase, no final period
	// Help is the full documentation in Markdown: what, why, a bad and a good
	// example, how to fix, how to suppress.
	Help string
	// HelpText is Help as plain text for terminals, when it differs.
	HelpText string
	// SecuritySeverity is the CVSS-like score GitHub uses to rank alerts.
	SecuritySeverity string
	// Precision is the SARIF precision: very-high, high, medium or low.
	Precision string
	Tags      []string
}

// Analyzer is one check or one family of checks.
type Analyzer struct {
	// Name identifies the analyzer in errors and tests.
	Name string
	// Checks are the ids the analyzer reports.
	Checks []*Check
	// Run inspects pass.Input and reports through pass.Report.
	Run func(pass *Pass) error
}

// Config is the per-run configuration a check may read.
type Config struct {
	// LBClients are the CIDRs of load-balancer clients (TKESG104). Nil means
	// the default, 0.0.0.0/0; an empty non-nil list turns TKESG104 off.
	LBClients []string
	// Clusters are the clusters that configuration and flags declare or
	// complete.
	Clusters []ClusterSpec
}

// ClusterSpec is a cluster as configuration or flags describe it: either it
// completes a cluster of the input (Match) or it declares one (Name).
type ClusterSpec struct {
	// Match names a cluster of the input by id or resource address. Empty
	// with FromFlags set means "the only cluster of the input".
	Match string
	// Name names a declared cluster in messages.
	Name                 string
	NodeSecurityGroups   []string
	MasterSecurityGroups []string
	ClusterNetwork       []string
	ContainerNetwork     []string
	NetworkType          string
	// LBClients overrides Config.LBClients for this cluster when not nil.
	LBClients []string
	// FromFlags is true for the cluster the command-line flags describe.
	FromFlags bool
	// Range is where the spec was written (a config entry), zero for flags.
	Range model.Range
}

// Pass is one run of one analyzer over the model.
type Pass struct {
	Analyzer *Analyzer
	Input    *model.Input
	Config   Config
	// Report collects a diagnostic.
	Report func(Diagnostic)
}

// Reportf reports a diagnostic of check id at rng.
func (p *Pass) Reportf(id string, rng model.Range, format string, args ...any) {
	p.Report(Diagnostic{Check: id, Range: rng, Message: fmt.Sprintf(format, args...)})
}

// Related is another location involved in a diagnostic.
type Related struct {
	Range   model.Range
	Message string
}

// Diagnostic is one finding.
type Diagnostic struct {
	Check string
	// Level overrides the check's level when not nil (a note-level part of a
	// requirement).
	Level   *Level
	Range   model.Range
	Message string
	Related []Related
	// Fingerprint identifies the finding independently of line numbers: the
	// check, the resource address and a normalised description of the rule
	// or flow. The driver hashes it.
	Fingerprint string
	// Address is the resource address the finding belongs to, used by
	// suppressions that target a resource.
	Address string
	// CallChain lists the module calls leading to Range, outermost first.
	CallChain []model.Range
	// Undecided, when set, says that this note stands for a check that could
	// not be decided, and why (the values that are missing). Text output
	// counts them in its summary.
	Undecided []string
}

// checkID is the form of check ids: TKESG201 for built-in checks, any
// upper-case prefix and digits for users' rulesets (ORG001).
var checkID = regexp.MustCompile(`^[A-Z][A-Z0-9]*\d+$`)

// Validate checks that a set of analyzers is well formed: ids are unique and
// well formed, and each check is documented.
func Validate(analyzers []*Analyzer) error {
	seen := map[string]bool{}
	var errs []error
	for _, a := range analyzers {
		if a.Run == nil {
			errs = append(errs, fmt.Errorf("analyzer %s has no Run", a.Name))
		}
		for _, c := range a.Checks {
			switch {
			case !checkID.MatchString(c.ID):
				errs = append(errs, fmt.Errorf("analyzer %s: malformed check id %q", a.Name, c.ID))
			case seen[c.ID]:
				errs = append(errs, fmt.Errorf("check %s is defined twice", c.ID))
			case c.Title == "" || c.Help == "":
				errs = append(errs, fmt.Errorf("check %s has no title or help", c.ID))
			}
			seen[c.ID] = true
		}
	}
	return errors.Join(errs...)
}

// NewCheck returns the description of check id, with its title and help taken
// from the rule's documentation page (docs/rules/<id>.md), so that `explain`,
// SARIF and the web page say the same thing.
func NewCheck(id, name string, level Level, securitySeverity, precision string) *Check {
	page, _ := docs.Rule(id)
	return &Check{
		ID: id, Name: name, Level: level, Title: page.Title, Help: page.Markdown, HelpText: page.Text,
		SecuritySeverity: securitySeverity, Precision: precision, Tags: []string{"security", "tke"},
	}
}
