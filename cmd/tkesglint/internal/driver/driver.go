package driver

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/config"
	"github.com/tkesglint/tkesglint/parsers/inputs"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
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
	// EnvSource names where Getenv's TF_VAR_name comes from when that is
	// not the environment (see terraform.Options.EnvSource); nil: always
	// the environment.
	EnvSource func(name string) string
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
	// ParseCache, when not nil, keeps the syntax of Terraform files from
	// one run to the next (the language server's), so that a file
	// unchanged since the last runs is not parsed again.
	ParseCache *terraform.ParseCache
	// DropModels leaves Result.Input and Result.Units empty: the model of
	// each unit is freed as soon as it is analyzed, so that a run over
	// thousands of files takes little more memory than parsing them. Set
	// it unless the caller reads the models.
	DropModels bool
	// Keep, when not nil, is called with each unit once it is analyzed,
	// on the goroutine that analyzed it and before its model is dropped:
	// what it returns is in Result.Kept. The reports gather what they show
	// of a unit this way, so that a run keeps no model for them.
	Keep func(ctx context.Context, u Unit) any
	// Read, when not nil, is told how many bytes the walk read, before any
	// file is parsed (the command sizes the collector's budget by it).
	Read func(size int64)
	// AllGroups builds Footprint.Groups for every unit. Without it they
	// are built only for the units with a finding that carries a fix to
	// prove (Repairs or Fixes): only the fix prover reads them, and
	// compiling every group again and writing out its rules took a fifth
	// of the lint of a large export.
	AllGroups bool
	// Roots, when not nil, limits the units linted to those whose root it
	// holds (a root module's folder, a template's file, "" for the
	// exports): the files of Paths are still read, but the other units
	// are neither evaluated nor analyzed (nor parsed, where nothing calls
	// them: see terraform.Options.Roots). A fix's proof lints again only
	// the units its edit can change, not every root module below the
	// folder of one.
	Roots map[string]bool
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
	// only unique within a module. Nil with Options.DropModels.
	Input *model.Input
	// Units are the models analyzers saw one at a time, in order: each
	// Terraform root module, each template, and the exports merged. Input
	// is their concatenation. Empty with Options.DropModels.
	Units []Unit
	// Footprints say, for each unit in the order of Units, which resources
	// it read from which files and through which module calls; kept with
	// Options.DropModels too, so that proving a fix knows which units an
	// edit touches without keeping every model.
	Footprints []Footprint
	// Kept holds what Options.Keep returned for each unit, in the order
	// of Footprints (nil entries without Options.Keep).
	Kept []any
}

// Footprint is what a unit read: its resources, without their content.
type Footprint struct {
	Root      string
	Resources []model.Resource
	// Groups are the unit's security groups with their rules, in the
	// order of the model, when HasGroups (Options.AllGroups).
	Groups    []GroupRules
	HasGroups bool
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
	c, err := walk(ctx, opts)
	if err != nil {
		return nil, err
	}

	res := &Result{Sources: map[string][]byte{}, Errors: c.errors}
	progress := &counter{total: len(c.files), progress: opts.Progress}
	// Each unit is analyzed as soon as it is read, several at once, and
	// only what the rest of the run needs is kept of it (its model too,
	// unless DropModels). Results are put back in the order of the units,
	// so that the output never depends on scheduling.
	walked := make(map[string][]byte, len(c.files))
	for _, f := range c.files {
		walked[f.display] = f.src
	}
	flags := newClusterFlags(opts.Clusters)
	var (
		mu       sync.Mutex
		analyzed = map[string]*analyzedUnit{}
	)
	visit := func(u *inputs.Unit) {
		if u.Input == nil {
			return
		}
		a := analyzeUnit(ctx, opts, *u, walked, flags)
		if opts.DropModels {
			u.Input = nil
		}
		mu.Lock()
		analyzed[u.Root] = a
		mu.Unlock()
		progress.add(max(len(u.Loaded), 1))
	}
	parsed := c.parse(ctx, opts, visit)
	res.Errors = append(res.Errors, parsed.Errors...)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	for _, f := range c.files {
		if c.used[f.display] {
			res.Files = append(res.Files, f.display)
			res.Sources[f.display] = f.src
		}
	}
	var (
		models   []*model.Input
		findings []Finding
		checks   []flagCheck
		indexes  []unitIndex
		notes    []model.Note
	)
	for _, u := range parsed.Units {
		for _, f := range u.Loaded {
			if _, ok := res.Sources[f.Path]; !ok {
				res.Sources[f.Path] = f.Src
			}
		}
		a := analyzed[u.Root]
		if a == nil {
			continue
		}
		if a.err != nil {
			return nil, a.err
		}
		findings = append(findings, a.findings...)
		res.Footprints = append(res.Footprints, a.footprint)
		res.Kept = append(res.Kept, a.kept)
		res.Errors = append(res.Errors, a.errs...)
		checks = append(checks, a.flags)
		indexes = append(indexes, a.index)
		notes = append(notes, a.notes...)
		if u.Input != nil {
			if opts.DropModels {
				// Notes added after the unit was analyzed (see
				// inputs.Options.Visit).
				notes = append(notes, u.Input.Notes...)
				continue
			}
			models = append(models, u.Input)
			res.Units = append(res.Units, Unit{Root: u.Root, Input: u.Input})
		}
	}
	flagErrs, flagNotes := flags.notes(checks)
	res.Errors = append(res.Errors, flagErrs...)
	c.notes = append(c.notes, flagNotes...)
	if !opts.DropModels {
		res.Input = model.Concat(models...)
		notes = res.Input.Notes
	}
	res.Notices = sortNotes(append(slices.Clone(notes), c.notes...))
	// Suppressions apply to each module instance's finding before identical
	// findings are merged, so that a comment above one module call covers
	// that call only.
	selected := selectChecks(findings, opts)
	slices.SortStableFunc(selected, compareFindings)
	res.Findings = Normalize(suppressFindings(opts, res, indexes, selected))
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

// walk reads the files of opts.Paths.
func walk(ctx context.Context, opts Options) (*collector, error) {
	c := &collector{dir: opts.Dir, seen: map[string]bool{}, used: map[string]bool{}, exclude: opts.Exclude, overlay: opts.Overlay, context: map[string]bool{}, modules: map[string]bool{}}
	for _, p := range opts.Paths {
		if err := c.add(ctx, p); err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
	}
	c.checkText()
	if opts.Read != nil {
		opts.Read(c.size())
	}
	return c, nil
}

// size is the number of bytes of the files read.
func (c *collector) size() int64 {
	n := int64(0)
	for _, f := range c.files {
		n += int64(len(f.src))
	}
	return n
}

// home is the file a finding belongs to for the user: the file of the
// outermost module call that leads to it, or its own.
func home(f Finding) string {
	if len(f.CallChain) > 0 {
		return f.CallChain[0].Filename
	}
	return f.Range.Filename
}

// analyzedUnit is what a run keeps of one unit once it is analyzed.
type analyzedUnit struct {
	findings  []Finding
	errs      []*model.Error
	err       error
	flags     flagCheck
	index     unitIndex
	notes     []model.Note
	footprint Footprint
	kept      any // what Options.Keep returned
}

// analyzeUnit runs the analyzers over one unit and checks the cluster flags
// against it. walked are the files the walk found; the unit's fixes are
// placed in them and in the files the parser read for the unit. The
// analyzers are told the checks opts enables. Then opts.Keep sees the unit.
func analyzeUnit(ctx context.Context, opts Options, u inputs.Unit, walked map[string][]byte, flags clusterFlags) *analyzedUnit {
	sources := walked
	if len(u.Loaded) > 0 {
		sources = maps.Clone(walked)
		for _, f := range u.Loaded {
			if _, ok := sources[f.Path]; !ok {
				sources[f.Path] = f.Src
			}
		}
	}
	a := &analyzedUnit{flags: flags.unit(u), index: indexUnit(u.Input), notes: u.Input.Notes,
		footprint: Footprint{Root: u.Root, Resources: u.Input.Resources()}}
	on := func(id string) bool { return enabled(id, opts) }
	a.findings, a.errs, a.err = analyze(ctx, opts.Analyzers, checker.Unit{Input: u.Input, Root: u.Root, Sources: sources, Enabled: on, Jobs: opts.Jobs})
	if opts.AllGroups || slices.ContainsFunc(a.findings, hasFix) {
		a.footprint.Groups, a.footprint.HasGroups = groupRules(u.Input), true
	}
	if opts.Keep != nil && a.err == nil {
		a.kept = opts.Keep(ctx, Unit{Root: u.Root, Input: u.Input})
	}
	return a
}

// hasFix reports whether f carries a fix for the prover to prove.
func hasFix(f Finding) bool { return len(f.Repairs) > 0 || len(f.Fixes) > 0 }

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
