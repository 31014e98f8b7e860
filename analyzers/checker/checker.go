package checker

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/internal/parallel"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Unit is one model that analyzers see on its own: resource addresses are
// unique within it.
type Unit struct {
	Input *model.Input
	// Root is where the unit's findings live, for their identity: the root
	// module's folder, or a template's file. Empty means each finding's
	// own file (the exports, merged from several files).
	Root string
	// Sources are the files read, by the name ranges give them: the edits
	// of suggested fixes are placed in them, and fixes are dropped without
	// them.
	Sources map[string][]byte
	// Enabled, when set, tells the checks whose findings the run keeps:
	// the analyzers see it (analysis.Pass.Enabled). Nil means every check.
	Enabled func(check string) bool
	// Jobs is the number of analyzers run at once, and of goroutines an
	// analyzer may split its work across (analysis.Pass.ForEach); 0 means
	// GOMAXPROCS for a unit of many rules, and one for a small one.
	Jobs int
}

// Finding is one diagnostic of a check, with what the driver derives.
type Finding struct {
	Check   *analysis.Check
	Level   analysis.Level
	Range   model.Range
	Message string
	// Related are the analyzer's related locations, then the module calls
	// that lead to Range, outermost first.
	Related []analysis.Related
	// Address is the resource the finding belongs to, when known.
	Address string
	// Root is where the finding lives, for its identity: the root module's
	// folder, or the file of a template or an export.
	Root string
	// Fingerprint is a hex SHA-256 that identifies the finding: its check,
	// its Root and what the analyzer says identifies it, independently of
	// line numbers, of the binding order of SGs and of the file of the
	// module a block sits in (docs/finding-identity.md).
	Fingerprint string
	// CallChain lists the module calls leading to Range, outermost first,
	// and Module names the module instance they make (empty at the root).
	CallChain []model.Range
	Module    string
	// Undecided is set on notes that stand for undecided checks: the values
	// that were missing.
	Undecided []string
	// Fixes are the suggested fixes whose edits are placed exactly in the
	// source. The driver keeps only those it proved (docs/fixing.md).
	Fixes []analysis.SuggestedFix
	// Repairs are the analyzer's changes in the model's terms, in order of
	// preference, which the driver writes out into Fixes once proved.
	Repairs []analysis.Repair
	// NoFix says why a finding of a kind that is repaired has no fix.
	NoFix string
	// Command, for a finding of an export, which is not edited, is the
	// Tencent Cloud API call that would make the proved repair in the live
	// account.
	Command *Command
}

// Command is an API call that repairs a live account: what it does, and
// the tccli command line.
type Command struct {
	Message, Line string
	// Opens, like SuggestedFix.Opens, names the flows from (or to) the
	// whole internet that the call accepts: --fix lists such a call only
	// when its check is named.
	Opens string
	// OpensFor, like SuggestedFix.OpensFor, are the checks whose
	// requirements the rules of Opens serve.
	OpensFor []string
}

// Instance names the module instance the finding comes from, as
// "module.stack.module.sg in examples/two" (the root module left out when
// it is the working directory), or "" for a finding outside modules: two
// instances of one module give the same finding at the same line.
func (f Finding) Instance() string {
	switch {
	case f.Module == "":
		return ""
	case f.Root == "" || f.Root == ".":
		return f.Module
	}
	return f.Module + " in " + f.Root
}

// Run runs every analyzer over u, each after those it requires (every
// analyzer runs once, however many require it), and returns the findings
// of the analyzers given, in their order and the order they reported, and
// the errors of the analyzers that failed (a panic included), could not run
// because one they require failed, or reported a check they do not
// declare. An analyzer that is only required reports nothing. Run returns
// an error only when ctx is canceled before every analyzer started.
//
// Analyzers that do not require one another run at once, on up to u.Jobs
// goroutines: the export is one unit, and its analysis would otherwise
// keep one core busy while the others idle. Each keeps its own
// diagnostics, and findings and errors are put together afterwards in the
// order a run one at a time gives, so that the output never depends on
// scheduling.
func Run(ctx context.Context, analyzers []*analysis.Analyzer, u Unit) ([]Finding, []*model.Error, error) {
	r := plan(analyzers, u)
	r.execute(ctx)
	if err := ctx.Err(); err != nil {
		for _, a := range analyzers {
			if r.skipped(a) {
				return nil, nil, fmt.Errorf("run analyzer %s: %w", a.Name, err)
			}
		}
	}
	conditions := conditionalResources(u.Input)
	reported := map[*analysis.Analyzer]bool{}
	emitted := map[*analysis.Analyzer]bool{}
	var errs []*model.Error
	emit := func(a *analysis.Analyzer) {
		if !emitted[a] {
			emitted[a] = true
			errs = append(errs, r.nodes[a].errs...)
		}
	}
	var findings []Finding
	for _, a := range analyzers {
		for _, req := range requirements(a) {
			emit(req)
		}
		emit(a)
		if reported[a] {
			continue
		}
		reported[a] = true
		for _, d := range r.nodes[a].diags {
			if restatesInputError(d) {
				continue
			}
			c := checkOf(a, d.Check)
			if c == nil {
				errs = append(errs, &model.Error{
					Range:   located(d),
					Summary: fmt.Sprintf("analyzer %s reported check %q, which it does not declare", a.Name, d.Check),
				})
				continue
			}
			f := NewFinding(c, d, u.Root, conditions)
			var unplaced string
			f.Fixes, unplaced = placeFixes(d.SuggestedFixes, u.Sources)
			f.Repairs, f.NoFix = d.Repairs, cmp.Or(d.NoRepair, unplaced)
			findings = append(findings, f)
		}
	}
	return findings, errs, nil
}

// restatesInputError reports whether d only says that checks about an
// object with an input error could not be decided: the error says it.
func restatesInputError(d analysis.Diagnostic) bool {
	e, ok := d.At.(analysis.Erroneous)
	return ok && len(d.Undecided) > 0 && e.InputError() != ""
}

// run is the state of one Run: every analyzer it runs, once each, in an
// order they can run in one at a time.
type run struct {
	unit  Unit
	jobs  int
	order []*node
	nodes map[*analysis.Analyzer]*node
}

// node is one analyzer of a run and what it gave. Only the goroutine that
// runs the analyzer writes it, before it closes done.
type node struct {
	a     *analysis.Analyzer
	index int // in run.order
	done  chan struct{}
	// started is false when the run was canceled before the analyzer ran.
	started bool
	failed  bool
	result  any
	diags   []analysis.Diagnostic
	errs    []*model.Error
}

// plan orders every analyzer that analyzers need: each analyzer's
// requirements, then the analyzer, in the order of analyzers.
func plan(analyzers []*analysis.Analyzer, u Unit) *run {
	r := &run{unit: u, jobs: jobsFor(u), nodes: map[*analysis.Analyzer]*node{}}
	add := func(a *analysis.Analyzer) {
		if r.nodes[a] == nil {
			n := &node{a: a, index: len(r.order), done: make(chan struct{})}
			r.nodes[a] = n
			r.order = append(r.order, n)
		}
	}
	for _, a := range analyzers {
		for _, req := range requirements(a) {
			add(req)
		}
		add(a)
	}
	return r
}

// LargeUnit is the number of rules from which a unit's work is spread over
// the cores; under it, a unit's analyzers run one after the other when
// Unit.Jobs is 0 (and the report writes its policies on one goroutine): the driver already analyzes units
// at once, and a Terraform module's few rules are not worth goroutines
// (nor the memory of several analyzers live at once), while an export of
// thousands of groups, one unit, is.
const LargeUnit = 5000

// jobsFor returns the goroutines the analysis of u may use.
func jobsFor(u Unit) int {
	if u.Jobs > 0 {
		return u.Jobs
	}
	rules := 0
	if u.Input != nil {
		for _, sg := range u.Input.SecurityGroups {
			rules += len(sg.Ingress.Rules) + len(sg.Egress.Rules)
		}
	}
	if rules < LargeUnit {
		return 1
	}
	return parallel.Workers(0)
}

// skipped reports whether a, or an analyzer it requires, never started.
func (r *run) skipped(a *analysis.Analyzer) bool {
	if !r.nodes[a].started && !r.nodes[a].failed {
		return true
	}
	return slices.ContainsFunc(requirements(a), func(req *analysis.Analyzer) bool {
		n := r.nodes[req]
		return !n.started && !n.failed
	})
}

// execute runs every analyzer of the plan: one after the other when one
// job is allowed, else each on its own goroutine once those it requires are
// done, at most r.jobs of them running at once. An analyzer only waits for
// analyzers planned before it, so that a cycle, which analysis.Validate
// rejects, cannot block the run.
func (r *run) execute(ctx context.Context) {
	if r.jobs <= 1 {
		for _, n := range r.order {
			r.analyze(ctx, n, nil)
		}
		return
	}
	slots := make(chan struct{}, r.jobs)
	var wg sync.WaitGroup
	for _, n := range r.order {
		wg.Go(func() {
			for _, req := range n.a.Requires {
				if m := r.nodes[req]; m != nil && m.index < n.index {
					<-m.done
				}
			}
			r.analyze(ctx, n, slots)
		})
	}
	wg.Wait()
}

// requirements returns what a requires, directly or not, each once, in an
// order they can run in. analysis.Validate rejects cycles; here a cycle
// only stops the walk.
func requirements(a *analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{a: true}
	var visit func(*analysis.Analyzer)
	visit = func(x *analysis.Analyzer) {
		for _, req := range x.Requires {
			if !seen[req] {
				seen[req] = true
				visit(req)
				out = append(out, req)
			}
		}
	}
	visit(a)
	return out
}

// analyze runs n's analyzer, unless an analyzer it requires failed or ctx
// is canceled, and then closes n.done. The analyzers it requires are done.
// slots, when set, bounds the analyzers running at once.
func (r *run) analyze(ctx context.Context, n *node, slots chan struct{}) {
	defer close(n.done)
	a := n.a
	for _, req := range a.Requires {
		m := r.nodes[req]
		if m == n {
			continue // a cycle, which analysis.Validate rejects
		}
		if m == nil || m.index > n.index || m.failed || !m.started {
			if m != nil && m.index < n.index && !m.failed {
				return // canceled before req ran
			}
			n.failed = true
			n.errs = append(n.errs, &model.Error{Summary: fmt.Sprintf("analyzer %s did not run", a.Name), Detail: fmt.Sprintf("it requires analyzer %s, which failed", req.Name)})
			return
		}
	}
	if slots != nil {
		slots <- struct{}{}
		defer func() { <-slots }()
	}
	if ctx.Err() != nil {
		return
	}
	n.started = true
	pass := &analysis.Pass{
		Analyzer: a,
		Input:    r.unit.Input,
		ResultOf: make(map[*analysis.Analyzer]any, len(a.Requires)),
		Report:   func(d analysis.Diagnostic) { n.diags = append(n.diags, d) },
		Enabled:  r.unit.Enabled,
		Jobs:     r.jobs,
	}
	for _, req := range a.Requires {
		pass.ResultOf[req] = r.nodes[req].result
	}
	result, err := runAnalyzer(a, pass)
	if err != nil {
		n.failed = true
		n.errs = append(n.errs, &model.Error{Summary: fmt.Sprintf("analyzer %s failed", a.Name), Detail: err.Error()})
		return
	}
	n.result = result
}

// located returns where d points.
func located(d analysis.Diagnostic) model.Range {
	if d.Range.IsZero() && d.At != nil {
		return d.At.Range()
	}
	return d.Range
}

// checkOf returns the check id of a, or nil when a does not declare it.
func checkOf(a *analysis.Analyzer, id string) *analysis.Check {
	for _, c := range a.Checks {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// errPanic marks an analyzer that panicked.
var errPanic = errors.New("panic")

// runAnalyzer calls a.Run and turns a panic into an error.
func runAnalyzer(a *analysis.Analyzer, pass *analysis.Pass) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errPanic, r)
		}
	}()
	if a.Run == nil {
		return nil, fmt.Errorf("analyzer %s has no Run", a.Name)
	}
	return a.Run(pass)
}

// NewFinding turns a diagnostic of check c found in root (Finding.Root;
// empty: the diagnostic's file) into a finding: it locates it with its
// object, and a finding about a resource that may not exist (conditions,
// by address) is a note that says on what it depends.
func NewFinding(c *analysis.Check, d analysis.Diagnostic, root string, conditions map[string]string) Finding {
	rng := d.Range
	var res model.Resource
	if d.At != nil {
		if rng.IsZero() {
			rng = d.At.Range()
		}
		res = d.At.Resource()
	}
	if root == "" {
		root = rng.Filename
	}
	msg := d.Message
	undecided := slices.Clone(d.Undecided)
	if why, ok := conditions[res.Address]; ok {
		undecided = append(undecided, why)
		msg += "; only if " + res.Address + " exists, which is undecided: " + why
	}
	level := c.Level
	switch {
	case len(undecided) > 0:
		level = analysis.LevelNote
	case d.Level != nil:
		level = *d.Level
	}
	related := append(relatedOf(d.Related), callsRelated(res)...)
	return Finding{
		Check:       c,
		Level:       level,
		Range:       rng,
		Message:     msg,
		Related:     related,
		Address:     res.Address,
		Root:        root,
		Fingerprint: fingerprint(c.ID, root, key(d), res.Address, msg),
		CallChain:   res.CallChain,
		Module:      res.Module,
		Undecided:   slices.Concat(undecided, d.LeavesUndecided),
	}
}

// callsRelated are the module calls that evaluate res, outermost first:
// the innermost names the module instance it makes, so that the findings
// of two instances of one module (two calls, or two root modules that call
// it) say which is which.
func callsRelated(res model.Resource) []analysis.Related {
	var out []analysis.Related
	for i, call := range res.CallChain {
		what := "an outer module call on the way to this code"
		if i == len(res.CallChain)-1 {
			what = "the module call that evaluates this code"
			if res.Module != "" {
				what += " as " + res.Module
			}
		}
		out = append(out, analysis.Related{Range: call, Message: what})
	}
	return out
}

// relatedOf returns the related locations that say something: each place
// once, none without a place.
func relatedOf(rs []analysis.Related) []analysis.Related {
	var out []analysis.Related
	for _, r := range rs {
		if r.Range.IsZero() || slices.ContainsFunc(out, func(o analysis.Related) bool { return o.Range == r.Range }) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// conditionalResources maps the address of every resource that may not
// exist to the reason.
func conditionalResources(in *model.Input) map[string]string {
	out := map[string]string{}
	if in == nil {
		return out
	}
	for _, r := range in.Resources() {
		if r.Condition != "" {
			out[r.Address] = r.Condition
		}
	}
	return out
}
