package driver

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/config"
	"github.com/tkesglint/tkesglint/internal/parallel"
	"github.com/tkesglint/tkesglint/parsers/inputs"
	"github.com/tkesglint/tkesglint/parsers/model"
)

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
	// Analyzers are the checks to run, made with what configuration and
	// flags say about the input (rulesets.All).
	Analyzers []*analysis.Analyzer
	// Clusters is what configuration and flags say about the clusters (the
	// analyzers were made with it): the driver says where the cluster flags
	// cannot apply.
	Clusters topology.Options
	// ParseTree replaces terraform.ParseTree when not nil: the tests of the
	// command line read Terraform with a fake parser, through the same path
	// otherwise.
	ParseTree inputs.TreeFunc
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

// Finding is one finding of a check (what the checker derives from the
// diagnostic of an analyzer), with whether it is suppressed.
type Finding struct {
	checker.Finding
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
	// Units are the models analyzers saw one at a time, in order: each
	// Terraform root module, each template, and the exports merged. Input
	// is their concatenation.
	Units []Unit
}

// Unit is one model analyzed on its own, in which resource addresses are
// unique.
type Unit struct {
	// Root is Finding.Root of its findings: the root module's folder, the
	// template's file, or empty for the exports.
	Root  string
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

// Run lints opts.Paths: it reads them into units (each Terraform root
// module with the modules it calls, each template, the exports together;
// see parsers/inputs), runs the analyzers over each unit through
// analyzers/checker, applies suppressions and returns the sorted, merged
// findings. It returns an error only when the analyzers are malformed or
// the run is canceled; problems with individual inputs are in
// Result.Errors.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if err := analysis.Validate(opts.Analyzers); err != nil {
		return nil, fmt.Errorf("invalid analyzers: %w", err)
	}
	c := &collector{dir: opts.Dir, seen: map[string]bool{}, used: map[string]bool{}, exclude: opts.Exclude, overlay: opts.Overlay, context: map[string]bool{}}
	for _, p := range opts.Paths {
		if err := c.add(ctx, p); err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
	}
	c.checkText()

	res := &Result{Sources: map[string][]byte{}, Errors: c.errors}
	progress := &counter{total: len(c.files), progress: opts.Progress}
	var (
		models   []*model.Input
		findings []Finding
	)
	parsed := c.parse(ctx, opts)
	res.Errors = append(res.Errors, parsed.Errors...)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	units := parsed.Units
	flagErrs, flagNotes := checkClusterFlags(units, opts.Clusters)
	res.Errors = append(res.Errors, flagErrs...)
	c.notes = append(c.notes, flagNotes...)
	for _, f := range c.files {
		if c.used[f.display] {
			res.Files = append(res.Files, f.display)
			res.Sources[f.display] = f.src
		}
	}
	for _, u := range units {
		for _, f := range u.Loaded {
			if _, ok := res.Sources[f.Path]; !ok {
				res.Sources[f.Path] = f.Src
			}
		}
		if u.Input != nil {
			models = append(models, u.Input)
			res.Units = append(res.Units, Unit{Root: u.Root, Input: u.Input})
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
	parallel.ForEach(ctx, len(units), parallel.Workers(opts.Jobs), func(i int) {
		u := units[i]
		if u.Input != nil {
			out[i].findings, out[i].errs, out[i].err = analyze(ctx, opts.Analyzers, checker.Unit{Input: u.Input, Root: u.Root, Sources: res.Sources})
		}
		progress.add(max(len(u.Loaded), 1))
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
	res.Input = model.Concat(models...)
	res.Notices = sortNotes(append(slices.Clone(res.Input.Notes), c.notes...))
	// Suppressions apply to each module instance's finding before identical
	// findings are merged, so that a comment above one module call covers
	// that call only.
	selected := selectChecks(findings, opts)
	slices.SortStableFunc(selected, compareFindings)
	res.Findings = Normalize(suppressFindings(opts, res, selected))
	// A file named alone is evaluated with its module, but the findings of
	// the module's other files (their suppressions included) are not what
	// the user asked for.
	res.Findings = slices.DeleteFunc(res.Findings, func(f Finding) bool { return c.context[home(f)] })
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

// home is the file a finding belongs to for the user: the file of the
// outermost module call that leads to it, or its own.
func home(f Finding) string {
	if len(f.CallChain) > 0 {
		return f.CallChain[0].Filename
	}
	return f.Range.Filename
}

// analyze runs the analyzers over one unit through the checker.
func analyze(ctx context.Context, analyzers []*analysis.Analyzer, u checker.Unit) ([]Finding, []*model.Error, error) {
	fs, errs, err := checker.Run(ctx, analyzers, u)
	if err != nil {
		return nil, nil, err
	}
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Finding: f}
	}
	return out, errs, nil
}
