package analysis

import (
	"errors"
	"fmt"
	"regexp"
	"sync"
	"sync/atomic"

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

// SecuritySeverity is the security-severity (the CVSS-like score GitHub
// uses to rank alerts) of a check of level l that gives none of its own: a
// requirement of a user's ruleset, a check of another program.
func (l Level) SecuritySeverity() string {
	switch l {
	case LevelError:
		return "8.0"
	case LevelWarning:
		return "5.0"
	case LevelNote, LevelNone:
	}
	return "2.0"
}

// Check documents one check id. An analyzer may report several ids (the
// generic flow analyzer reports every requirement of its rulesets).
type Check struct {
	ID    string // stable: TKESGnnn
	Name  string // short slug for SARIF rule name, e.g. "world-admin-ports"
	Level Level
	Title string // one line, lowercase, no final period
	// Help is the full documentation in Markdown: what, why, a bad and a good
	// example, how to fix, how to suppress. Title and Help of a built-in
	// check come from its page (docs/rules/<id>.md).
	Help string
	// HelpText is Help as plain text for terminals, when it differs.
	HelpText string
	// SecuritySeverity is the CVSS-like score GitHub uses to rank alerts.
	SecuritySeverity string
	// Precision is the SARIF precision: very-high, high, medium or low.
	Precision string
	Tags      []string
	// FixOnRequest is set when the check's fix guesses what the author
	// meant (TKESG205 writes 0.0.0.0/8 as the 0.0.0.0/0 it is applied
	// as, where another CIDR may have been meant): the fix is offered
	// everywhere, and --fix makes it only when the check is named
	// (--fix-checks, docs/fixing.md).
	FixOnRequest bool
}

// Analyzer is one check or one family of checks, or a computation that
// checks share (the compiled rules, the clusters' topology), as in x/tools'
// go/analysis.
type Analyzer struct {
	// Name identifies the analyzer in errors and tests.
	Name string
	// Checks are the ids the analyzer reports; none for an analyzer that
	// only computes a result.
	Checks []*Check
	// Requires are the analyzers whose results Run reads in
	// Pass.ResultOf: the checker runs each of them once per unit, before
	// the analyzers that require it.
	Requires []*Analyzer
	// Run inspects pass.Input, reports through pass.Report, and returns the
	// result the analyzers that require this one read (nil for a check).
	Run func(pass *Pass) (any, error)
}

// Pass is one run of one analyzer over the model of one unit.
type Pass struct {
	Analyzer *Analyzer
	Input    *model.Input
	// ResultOf holds the result of every analyzer of Analyzer.Requires.
	ResultOf map[*Analyzer]any
	// Report collects a diagnostic.
	Report func(Diagnostic)
	// Enabled, when set, tells the checks whose findings the run keeps
	// (--enable, --disable). An analyzer whose finding of one check
	// speaks for others too (one cause that breaks several requirements,
	// and the repair that restores them all) leaves the others out, so
	// that a check the user turned off shapes no message and no repair.
	// Nil means every check.
	Enabled func(check string) bool
	// Jobs bounds the goroutines ForEach uses; 0 or 1 means one.
	Jobs int
}

// ReportEach calls fn(q, i) for every i in [0, n), as ForEach does, with
// a pass q whose diagnostics are kept and reported through p afterwards,
// in the order of i: the same diagnostics, in the same order, as calling
// fn(p, i) for each i in turn, whatever the scheduling.
func (p *Pass) ReportEach(n int, fn func(q *Pass, i int)) {
	if min(p.Jobs, n) <= 1 {
		for i := range n {
			fn(p, i)
		}
		return
	}
	kept := make([][]Diagnostic, n)
	p.ForEach(n, func(i int) {
		q := *p
		q.Report = func(d Diagnostic) { kept[i] = append(kept[i], d) }
		fn(&q, i)
	})
	for _, ds := range kept {
		for _, d := range ds {
			p.Report(d)
		}
	}
}

// ForEach calls fn(i) for every i in [0, n), on up to p.Jobs goroutines
// at once, and returns when all calls are done: an analyzer splits work
// that is independent per group this way, writing the result of i to its
// own slot and reporting afterwards, in order, so that its diagnostics
// never depend on scheduling. A panic in fn is raised again in the
// caller, where the checker turns it into the analyzer's error.
func (p *Pass) ForEach(n int, fn func(i int)) {
	jobs := min(p.Jobs, n)
	if jobs <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	// Indexes are handed out in chunks: one per call would cost more than
	// the work of a small group.
	chunk := max(1, n/(jobs*8))
	var (
		next    atomic.Int64
		wg      sync.WaitGroup
		once    sync.Once
		panicky any
	)
	for range jobs {
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { panicky = r })
					next.Store(int64(n)) // stop the others early
				}
			}()
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					fn(i)
				}
			}
		})
	}
	wg.Wait()
	if panicky != nil {
		panic(panicky)
	}
}

// On reports whether the run keeps the findings of check id (Enabled).
func (p *Pass) On(id string) bool {
	return p.Enabled == nil || p.Enabled(id)
}

// Reportf reports a diagnostic of check id about at.
func (p *Pass) Reportf(id string, at Object, format string, args ...any) {
	p.Report(Diagnostic{Check: id, At: at, Message: fmt.Sprintf(format, args...)})
}

// An Object is a model thing a diagnostic is about: a rule, a rule list,
// the binding of some nodes, a resource. From it the checker derives where
// the diagnostic points, the resource it belongs to (its address, for
// suppressions and outputs, and the module calls that evaluate it) and its
// identity (docs/finding-identity.md), so that no analyzer computes them.
type Object interface {
	// Range is where the object is written.
	Range() model.Range
	// Resource is the resource the object belongs to.
	Resource() model.Resource
	// Key identifies the object apart from where it is written: addresses
	// and values, never lines or file names.
	Key() string
}

// Erroneous is implemented by an Object that may carry an input error of
// its own, which its parser reported (a rule with an argument its schema
// does not have): an undecided diagnostic about it would only restate that
// error, and the checker drops it.
type Erroneous interface {
	InputError() string
}

// Resource returns a resource as an Object: at its header, identified by
// its address.
func Resource(r model.Resource) Object { return resource{r} }

type resource struct{ r model.Resource }

func (r resource) Range() model.Range       { return r.r.DeclRange }
func (r resource) Resource() model.Resource { return r.r }
func (r resource) Key() string              { return r.r.Address }

// Related is another location involved in a diagnostic.
type Related struct {
	Range   model.Range
	Message string
}

// Diagnostic is what an analyzer reports: a check, what it is about and a
// message. The checker derives the rest (Finding).
type Diagnostic struct {
	Check string
	// At is what the diagnostic is about. Nil only for a check of another
	// program that has no model object to name: Range then says where,
	// and the message identifies it.
	At Object
	// Range narrows where the diagnostic points to a part of At (a value,
	// an element of a list); zero means At's own range.
	Range model.Range
	// Aspect tells apart the findings that one check reports about one
	// object (the direction, the problem of an invalid rule): it is part of
	// the identity, after At's key.
	Aspect  []string
	Message string
	Related []Related
	// Level is the level of a finding whose level is not its check's (a
	// requirement row with a level of its own, the most severe of the
	// services a rule opens). An undecided diagnostic is a note whatever
	// Level says.
	Level *Level
	// Undecided, when set, says that the diagnostic stands for checks that
	// could not be decided, and why (the values that are missing): the
	// checker makes it a note, and text output counts it in its summary.
	Undecided []string
	// LeavesUndecided says why this finding leaves other checks undecided
	// (TKESG305: nodes bound to no group), when it does: it is counted
	// with the undecided notes, and keeps its level.
	LeavesUndecided []string
	// SuggestedFixes are edits that would repair the finding, offered to
	// the user, never applied without them.
	SuggestedFixes []SuggestedFix
	// Repairs are changes that would repair the finding, in the model's
	// terms, for a check that cannot write the edit itself (it does not see
	// the source), in order of preference: the driver offers the first it
	// can write out in the input's format and prove.
	Repairs []Repair
	// NoRepair says why a finding of a kind that is repaired has no
	// Repairs: what the user must decide or supply.
	NoRepair string
}

// A Repair is a change of the input that would repair a finding. The driver
// writes it out in the input's format and proves it (the finding goes,
// nothing new comes) before it offers it as a SuggestedFix
// (docs/fixing.md).
type Repair struct {
	// Message says what the change does, in a line a user chooses from.
	Message string
	Change  model.Change
	// Subject names what the finding is about ("the nodes of cluster
	// prod"), to tell it from the findings of its check at the same place
	// when one fix serves them all, and Serves are the node groups it
	// repairs, by address.
	Subject string
	Serves  []string
	// AlsoBound are what else the edited group is bound to (node groups
	// of other clusters or roles, CVMs, API endpoints), by address: they
	// get the new rules too, which the fix says, but for those that a fix
	// serving several findings repairs (Serves).
	AlsoBound []string
}

// A SuggestedFix is a change that would repair a finding, as x/tools'
// analysis.SuggestedFix: what it does, in a line a user chooses from, and
// its edits.
type SuggestedFix struct {
	Message   string
	TextEdits []TextEdit
	// Opens names the flows from (or to) the whole internet that the fix
	// accepts, as "UDP 30000-32768 from 0.0.0.0/0", when it accepts some:
	// --fix makes such a fix only when its check is named (docs/fixing.md).
	Opens string
	// OpensFor are the checks whose requirements the rules of Opens
	// serve, as their descriptions name them ("TKESG104"), sorted: what
	// --fix says to have the rest of the fix without them.
	OpensFor []string
}

// A TextEdit replaces Old, the text at Range, with NewText. An analyzer,
// which does not see the source, gives the range of the value that holds
// Old (quotes and all): the checker narrows it to Old's own place in the
// source, and drops a fix whose text is not there (a value written with
// escapes, say), so that an edit is never applied to text it did not
// expect.
type TextEdit struct {
	Range   model.Range
	Old     string
	NewText string
}

// checkID is the form of check ids: TKESG201 for built-in checks, any
// upper-case prefix and digits for users' rulesets (ORG001).
var checkID = regexp.MustCompile(`^[A-Z][A-Z0-9]*\d+$`)

// Validate checks that a set of analyzers, with those they require, is well
// formed: every analyzer can run, no analyzer requires itself through
// others, check ids are unique and well formed, and each check is
// documented.
func Validate(analyzers []*Analyzer) error {
	seen := map[string]bool{}
	var errs []error
	state := map[*Analyzer]int{} // 1: being visited, 2: done
	var visit func(a *Analyzer) bool
	visit = func(a *Analyzer) bool {
		switch state[a] {
		case 1:
			errs = append(errs, fmt.Errorf("analyzer %s requires itself", a.Name))
			return false
		case 2:
			return true
		}
		state[a] = 1
		for _, r := range a.Requires {
			if !visit(r) {
				break
			}
		}
		state[a] = 2
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
		return true
	}
	for _, a := range analyzers {
		visit(a)
	}
	return errors.Join(errs...)
}

// NewCheck returns the description of check id. Its title and help are
// those of its documentation page, which the code that assembles the checks
// of a run attaches (rulesets.Document), so that `explain`, SARIF and the
// web page say the same thing.
func NewCheck(id, name string, level Level, securitySeverity, precision string) *Check {
	return &Check{
		ID: id, Name: name, Level: level,
		SecuritySeverity: securitySeverity, Precision: precision, Tags: []string{"security", "tke"},
	}
}

// OnRequest marks c's fix as one that --fix makes only when c is named
// (FixOnRequest), and returns c.
func (c *Check) OnRequest() *Check {
	c.FixOnRequest = true
	return c
}
