package driver

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/config"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// ParseFunc parses the Terraform files of one module. It is
// terraform.ParseModule unless a test replaces it.
type ParseFunc func(ctx context.Context, files []terraform.File, opts terraform.Options) (*model.Input, []*model.Error)

// DefaultLBClients are the load-balancer client sources used when the
// configuration names none: the whole IPv4 world, as TKE's own rules.
func DefaultLBClients() []string { return []string{"0.0.0.0/0"} }

// Options configure one run.
type Options struct {
	// Dir is the working directory: relative paths are read from it and
	// every path in messages is shown relative to it.
	Dir string
	// Paths are the files and folders to lint, as the user wrote them.
	Paths []string
	// Variables are Terraform variable values (--var).
	Variables map[string]string
	// VarArgs are --var and --var-file in command-line order.
	VarArgs []VarArg
	// Getenv looks up environment variables (TF_VAR_name); nil means none.
	Getenv func(string) string
	// Analyzers are the checks to run.
	Analyzers []*analysis.Analyzer
	// Config is handed to every analyzer. A nil LBClients becomes
	// DefaultLBClients.
	Config analysis.Config
	// Parse replaces terraform.ParseModule when not nil.
	Parse ParseFunc
	// Params are template parameter values (--param, --param-file).
	Params map[string]string
	// Exclude are globs of paths not scanned (relative to Dir).
	Exclude []string
	// Enable, when not empty, runs only these checks; Disable drops these.
	Enable, Disable []string
	// Levels override the levels of checks.
	Levels map[string]analysis.Level
	// NoInlineSuppressions ignores tkesglint:ignore comments.
	NoInlineSuppressions bool
	// Suppressions are the configuration's suppressions: entries.
	Suppressions []config.Suppression
	// ConfigDir is the configuration's folder relative to Dir
	// (slash-separated): path-glob targets are relative to it.
	ConfigDir string
	// Baseline, when not nil, suppresses the findings it holds.
	Baseline *Baseline
	// Now is the clock that expiry dates are compared with; nil means
	// time.Now.
	Now func() time.Time
	// Jobs is the number of modules and files parsed and analyzed at once;
	// 0 means runtime.GOMAXPROCS(0).
	Jobs int
	// Progress, when not nil, is called as files are done: done of total.
	// It is called from one goroutine at a time.
	Progress func(done, total int)
	// Overlay maps absolute, cleaned paths to contents that replace the
	// files on disk (an editor's unsaved buffers). An overlaid file named in
	// Paths is read even when it does not exist on disk yet.
	Overlay map[string][]byte
}

// VarArg is one --var NAME=VALUE, or one --var-file FILE (File set).
type VarArg struct {
	Name, Value, File string
}

// Finding is one diagnostic of a check, ready for output.
type Finding struct {
	Check   *analysis.Check
	Level   analysis.Level
	Range   model.Range
	Message string
	Related []analysis.Related
	// Address is the resource the finding belongs to, when known.
	Address string
	// Fingerprint is a hex SHA-256 that identifies the finding independently
	// of line numbers.
	Fingerprint string
	// CallChain lists the module calls leading to Range, outermost first.
	CallChain []model.Range
	// Undecided is set on notes that stand for undecided checks: the values
	// that were missing.
	Undecided []string
	// Suppression is set when the finding is suppressed: by a comment, a
	// configuration entry or the baseline. Suppressed findings are kept for
	// SARIF and JSON but are not counted.
	Suppression *Suppression
}

// Result is everything one run produced.
type Result struct {
	// Findings are sorted by (file, line, column, check, message) and free
	// of duplicates.
	Findings []Finding
	// Errors are the inputs that could not be read and the parsers or
	// analyzers that failed, sorted by location. Any error makes the run
	// unsuccessful.
	Errors []*model.Error
	// Notices are what the parsers say about the input that is neither an
	// error nor a finding (a resource type they skip, a duplicate), sorted.
	Notices []model.Note
	// Checks are every check that ran, sorted by id.
	Checks []*analysis.Check
	// Files are the paths of the files read, in the order shown in messages.
	Files []string
	// Sources maps each file read to its content, for excerpts.
	Sources map[string][]byte
	// Input is the model of everything read: the modules' models merged in
	// order. Analyzers see one module at a time, as resource addresses are
	// only unique within a module.
	Input *model.Input
}

// Successful reports whether every input was read and every analyzer ran.
func (r *Result) Successful() bool { return len(r.Errors) == 0 }

// Count returns the number of findings at level l that are not suppressed.
func (r *Result) Count(l analysis.Level) int {
	n := 0
	for i := range r.Findings {
		if r.Findings[i].Level == l && r.Findings[i].Suppression == nil {
			n++
		}
	}
	return n
}

// Suppressed returns the number of suppressed findings.
func (r *Result) Suppressed() int {
	n := 0
	for i := range r.Findings {
		if r.Findings[i].Suppression != nil {
			n++
		}
	}
	return n
}

// Run lints opts.Paths: it parses the Terraform files of each folder as one
// module and runs every analyzer over each module's model. It returns an error only when the run cannot start or
// is canceled; problems with individual inputs are in Result.Errors.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if err := analysis.Validate(opts.Analyzers); err != nil {
		return nil, fmt.Errorf("invalid analyzers: %w", err)
	}
	cfg := opts.Config
	if cfg.LBClients == nil {
		cfg.LBClients = DefaultLBClients()
	}

	c := &collector{dir: opts.Dir, seen: map[string]bool{}, used: map[string]bool{}, exclude: opts.Exclude, overlay: opts.Overlay}
	for _, p := range opts.Paths {
		if err := c.add(ctx, p); err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
	}

	res := &Result{Sources: map[string][]byte{}, Errors: c.errors}
	progress := &counter{total: len(c.files), progress: opts.Progress}
	var (
		inputs   []*model.Input
		findings []Finding
	)
	tfUnits, errs := c.parseUnits(ctx, opts)
	res.Errors = append(res.Errors, errs...)
	others, errs := c.parseOthers(ctx, opts)
	res.Errors = append(res.Errors, errs...)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	units := make([]unit, 0, len(tfUnits)+len(others))
	for _, u := range tfUnits {
		units = append(units, unit{dir: u.Dir, input: u.Input, loaded: u.Loaded})
	}
	units = append(units, others...)
	for _, f := range c.files {
		if c.used[f.display] {
			res.Files = append(res.Files, f.display)
			res.Sources[f.display] = f.src
		}
	}
	for _, u := range units {
		for _, f := range u.loaded {
			if _, ok := res.Sources[f.Path]; !ok {
				res.Sources[f.Path] = f.Src
			}
		}
		if u.input != nil {
			inputs = append(inputs, u.input)
		}
	}
	// Each root module is its own Terraform configuration: resource
	// addresses are only unique within it, so each is analyzed on its own,
	// several at once; results go to the unit's slot so that the order
	// never depends on scheduling.
	type analyzed struct {
		findings []Finding
		errs     []*model.Error
		err      error
	}
	out := make([]analyzed, len(units))
	forEach(ctx, len(units), workers(opts), func(i int) {
		u := units[i]
		if u.input != nil {
			out[i].findings, out[i].errs, out[i].err = analyze(ctx, opts.Analyzers, u.input, cfg)
		}
		progress.add(max(len(u.loaded), 1))
	})
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	for _, a := range out {
		if a.err != nil {
			return nil, a.err
		}
		findings = append(findings, a.findings...)
		res.Errors = append(res.Errors, a.errs...)
	}
	res.Input = model.Concat(inputs...)
	res.Notices = sortNotes(res.Input.Notes)
	// Suppressions apply to each module instance's finding before identical
	// findings are merged, so that a comment above one module call covers
	// that call only.
	selected := selectChecks(findings, opts)
	slices.SortStableFunc(selected, compareFindings)
	res.Findings = Normalize(suppressFindings(opts, res, selected))
	res.Errors = sortErrors(res.Errors)
	for _, a := range opts.Analyzers {
		for _, ch := range a.Checks {
			if enabled(ch.ID, opts) {
				res.Checks = append(res.Checks, withLevel(ch, opts.Levels))
			}
		}
	}
	slices.SortFunc(res.Checks, func(a, b *analysis.Check) int { return strings.Compare(a.ID, b.ID) })
	return res, nil
}

// parseModule calls the parser and turns a panic into an error against the
// module (its only file, or its folder).
func parseModule(ctx context.Context, parse ParseFunc, m module, files []terraform.File, opts terraform.Options) (in *model.Input, errs []*model.Error) {
	defer func() {
		if r := recover(); r != nil {
			where := m.dir
			if len(m.files) == 1 {
				where = m.files[0].display
			}
			in = nil
			errs = append(errs, &model.Error{
				Range:   model.Range{Filename: where},
				Summary: "internal error in the terraform parser",
				Detail:  fmt.Sprint(r),
			})
		}
	}()
	return parse(ctx, files, opts)
}

// analyze runs every analyzer over in.
func analyze(ctx context.Context, analyzers []*analysis.Analyzer, in *model.Input, cfg analysis.Config) ([]Finding, []*model.Error, error) {
	var (
		findings []Finding
		errs     []*model.Error
	)
	conditional := analysis.Conditional(in)
	for _, a := range analyzers {
		if err := ctx.Err(); err != nil {
			return nil, nil, fmt.Errorf("run analyzer %s: %w", a.Name, err)
		}
		checks := map[string]*analysis.Check{}
		for _, c := range a.Checks {
			checks[c.ID] = c
		}
		var diags []analysis.Diagnostic
		pass := &analysis.Pass{
			Analyzer: a,
			Input:    in,
			Config:   cfg,
			Report:   func(d analysis.Diagnostic) { diags = append(diags, d) },
		}
		if err := runAnalyzer(a, pass); err != nil {
			errs = append(errs, &model.Error{Summary: fmt.Sprintf("analyzer %s failed", a.Name), Detail: err.Error()})
		}
		for _, d := range diags {
			c, ok := checks[d.Check]
			if !ok {
				errs = append(errs, &model.Error{
					Range:   d.Range,
					Summary: fmt.Sprintf("analyzer %s reported check %q, which it does not declare", a.Name, d.Check),
				})
				continue
			}
			findings = append(findings, newFinding(c, conditional(d)))
		}
	}
	return findings, errs, nil
}

// errPanic marks an analyzer that panicked.
var errPanic = errors.New("panic")

// runAnalyzer calls a.Run and turns a panic into an error.
func runAnalyzer(a *analysis.Analyzer, pass *analysis.Pass) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errPanic, r)
		}
	}()
	return a.Run(pass)
}

func newFinding(c *analysis.Check, d analysis.Diagnostic) Finding {
	level := c.Level
	if d.Level != nil {
		level = *d.Level
	}
	related := d.Related
	for i, call := range d.CallChain {
		msg := "the module call that evaluates this code"
		if i < len(d.CallChain)-1 {
			msg = "an outer module call on the way to this code"
		}
		related = append(slices.Clip(related), analysis.Related{Range: call, Message: msg})
	}
	return Finding{
		Check:       c,
		Level:       level,
		Range:       d.Range,
		Message:     d.Message,
		Related:     related,
		Address:     d.Address,
		Fingerprint: Fingerprint(c.ID, d),
		CallChain:   d.CallChain,
		Undecided:   d.Undecided,
	}
}
