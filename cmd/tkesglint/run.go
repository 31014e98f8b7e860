package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/baseline"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/gcbudget"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/suppress"
	"github.com/tkesglint/tkesglint/parsers/inputs"
	"github.com/tkesglint/tkesglint/rulesets"
)

// Exit statuses.
const (
	// exitOK: no finding at or above --fail-on.
	exitOK = 0
	// exitFindings: some finding at or above --fail-on.
	exitFindings = 1
	// exitFailure: the run failed, the command line was wrong, or some input
	// could not be read.
	exitFailure = 2
)

const (
	toolName       = "tkesglint"
	informationURI = "https://github.com/tkesglint/tkesglint"
	devVersion     = "0.0.0-dev"
)

// cli is the command with everything it takes from its surroundings, so
// that tests can run it in process with fixed values.
type cli struct {
	stdout, stderr io.Writer
	// stdin is what the language server reads; nil means os.Stdin.
	stdin io.Reader
	// dir is the working directory; empty means os.Getwd.
	dir        string
	getenv     func(string) string
	isTerminal func(io.Writer) bool
	now        func() time.Time
	version    string
	// buildSource is the commit and date the binary was built from, for
	// `tkesglint version`; empty when unknown.
	buildSource string
	// analyzers returns the checks, with the requirements of users'
	// rulesets added.
	analyzers func(rulesets.Options) []*analysis.Analyzer
	// parseTree replaces terraform.ParseTree when not nil.
	parseTree inputs.TreeFunc
	// writeFile writes the files --fix edits; nil means writeKeepingMode.
	writeFile func(path string, src []byte) error
	// reuse keeps the analyzers from one run of the settings to the next
	// (the language server's); nil makes them every time.
	reuse *analyzerCache
	// gcBudget lets a lint pace the garbage collector by the size of its
	// input (gcbudget). Only the program's entry point sets it: the
	// collector's settings are the process's, which tests run in parallel
	// share.
	gcBudget bool
}

// run is the whole program: it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	ver, source := describeBuild(buildStamp(), readBuildInfo())
	c := &cli{
		stdout:      stdout,
		stderr:      stderr,
		getenv:      os.Getenv,
		isTerminal:  isTerminal,
		now:         time.Now,
		version:     ver,
		buildSource: source,
		analyzers:   rulesets.All,
		gcBudget:    true,
	}
	return c.run(ctx, args)
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// errorf prints an error on stderr; what it quotes from the input is
// printable (output.Message).
func (c *cli) errorf(format string, args ...any) {
	_, _ = fmt.Fprintln(c.stderr, "tkesglint: "+output.Message(fmt.Sprintf(format, args...)))
}

// usageError reports a wrong command line.
func (c *cli) usageError(format string, args ...any) int {
	c.errorf(format, args...)
	_, _ = fmt.Fprintln(c.stderr, "run 'tkesglint -h' for usage")
	return exitFailure
}

func (c *cli) run(ctx context.Context, args []string) int {
	return c.dispatch(ctx, args)
}

func (c *cli) printVersion(_ context.Context, _ *options, args []string) int {
	if len(args) > 0 {
		return c.usageError("version takes no arguments")
	}
	if c.buildSource != "" {
		_, _ = fmt.Fprintf(c.stdout, "%s %s (%s)\n", toolName, c.version, c.buildSource)
		return exitOK
	}
	_, _ = fmt.Fprintf(c.stdout, "%s %s\n", toolName, c.version)
	return exitOK
}

// allAnalyzers returns the checks made with opts, and TKESG001, which the
// driver reports while it applies suppressions.
func (c *cli) allAnalyzers(opts rulesets.Options) []*analysis.Analyzer {
	return append(c.analyzers(opts), rulesets.Document(suppress.Analyzer())...)
}

// checks returns every built-in check, sorted by id.
func (c *cli) checks() ([]*analysis.Check, error) {
	as := c.allAnalyzers(rulesets.Options{})
	if err := analysis.Validate(as); err != nil {
		return nil, fmt.Errorf("invalid analyzers: %w", err)
	}
	var out []*analysis.Check
	for _, a := range as {
		out = append(out, a.Checks...)
	}
	slices.SortFunc(out, func(a, b *analysis.Check) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

func (c *cli) rules(_ context.Context, _ *options, args []string) int {
	if len(args) > 0 {
		return c.usageError("rules takes no arguments")
	}
	checks, err := c.checks()
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	_, _ = fmt.Fprintln(tw, "ID\tLEVEL\tTITLE")
	for _, ch := range checks {
		_, _ = fmt.Fprintf(tw, "%s\t%s\t%s\n", ch.ID, ch.Level, ch.Title)
	}
	if err := tw.Flush(); err != nil {
		c.errorf("write: %v", err)
		return exitFailure
	}
	return exitOK
}

func (c *cli) explain(_ context.Context, _ *options, args []string) int {
	if len(args) != 1 {
		return c.usageError("explain takes one check id, such as TKESG201")
	}
	checks, err := c.checks()
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	id := strings.ToUpper(args[0])
	i := slices.IndexFunc(checks, func(ch *analysis.Check) bool { return ch.ID == id })
	if i < 0 {
		c.errorf("unknown check %q; 'tkesglint rules' lists them", args[0])
		return exitFailure
	}
	ch := checks[i]
	help := ch.Help
	if ch.HelpText != "" {
		help = ch.HelpText // the page as plain text: a terminal does not render Markdown
	}
	_, _ = fmt.Fprintf(c.stdout, "%s\n\n%s%s.md\n", strings.TrimRight(help, "\n"), output.HelpURIPrefix, ch.ID)
	return exitOK
}

// lint runs the linter and writes its outputs.
func (c *cli) lint(ctx context.Context, opts *options) int {
	start := c.now()
	dir := c.dir
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			c.errorf("find the working directory: %v", err)
			return exitFailure
		}
		dir = wd
	}
	dopts, failOn, errs := c.settings(opts, dir)
	if len(errs) > 0 {
		for _, e := range errs {
			c.errorf("%v", e)
		}
		return exitFailure
	}
	opts.failOn = failOn
	// Expiry dates are compared with the time the run started.
	dopts.Now = func() time.Time { return start }
	progress := c.newProgress(opts)
	dopts.Progress = progress.update
	// No format reads the models: the reports gather what they show of
	// each unit as it is linted.
	dopts.DropModels = true
	dopts.Keep = reportKeep(opts.formats, dopts.Analyzers, dopts.Jobs)
	if c.gcBudget {
		var (
			budget *gcbudget.Budget
			once   sync.Once // the first run of the driver reads what the others (proofs of fixes) read
		)
		dopts.Read = func(size int64) {
			once.Do(func() { budget = gcbudget.Start(gcbudget.ForInput(size), c.getenv) })
		}
		defer func() { budget.Stop() }()
	}
	res, outcome, unwritten, err := c.lintOrFix(ctx, dopts, opts, dir, progress)
	progress.clear()
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	c.addConfigSource(res, dir)
	report := &output.Report{
		Tool:     output.Tool{Name: toolName, Version: c.version, InformationURI: informationURI},
		Result:   res,
		Duration: c.now().Sub(start),
		Category: opts.sarifCategory,
	}
	if opts.writeBaseline != "" {
		if err := writeBaseline(resolve(dir, opts.writeBaseline), res); err != nil {
			c.errorf("%v", err)
			return exitFailure
		}
	}

	failed := outcome != nil && !c.finishFix(outcome, res, unwritten, opts)
	textOnStdout := false
	for _, f := range opts.formats {
		path := f.path
		if path == "" {
			path = opts.output
		}
		if f.name == "text" && path == "" {
			textOnStdout = true
		}
		if err := c.write(ctx, report, f.name, path, opts); err != nil {
			c.errorf("%v", err)
			failed = true
		}
	}
	if !textOnStdout {
		for _, e := range res.Errors {
			c.errorf("%v", e)
		}
	}
	switch {
	case failed || !res.Successful():
		return exitFailure
	case failing(res.Findings, opts.failOn):
		return exitFindings
	}
	return exitOK
}

// failing reports whether some finding is at or above level failOn.
func failing(fs []driver.Finding, failOn analysis.Level) bool {
	if failOn == analysis.LevelNone {
		return false
	}
	for i := range fs {
		if fs[i].Level <= failOn && fs[i].Suppression == nil {
			return true
		}
	}
	return false
}

// write writes one format to path, or to stdout when path is empty (to
// stderr with --dry-run, whose diff has stdout). A report is not written
// once ctx is done.
func (c *cli) write(ctx context.Context, r *output.Report, format, path string, opts *options) (err error) {
	w := c.stdout
	if opts.dryRun {
		w = c.stderr
	}
	if path != "" {
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("write %s output: %w", format, err)
		}
		defer func() {
			if cerr := f.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("write %s output: %w", format, cerr)
			}
		}()
		w = f
	}
	switch format {
	case "json":
		err = output.WriteJSON(w, r)
	case "sarif":
		err = output.WriteSARIF(w, r, opts.sarif)
	case "github":
		err = output.WriteGitHub(w, r)
	case "checkstyle":
		err = output.WriteCheckstyle(w, r)
	case "rdjson":
		err = output.WriteRDJSON(w, r)
	case "markdown", "html":
		err = c.writeReport(ctx, w, r, format, opts)
	default:
		color := path == "" && !opts.noColor && c.getenv("NO_COLOR") == "" && c.isTerminal(w)
		err = output.WriteText(w, r, output.TextOptions{Color: color, Quiet: opts.quiet})
	}
	if err != nil {
		return fmt.Errorf("write %s output: %w", format, err)
	}
	return nil
}

// writeBaseline writes the fingerprints of res's findings to path.
func writeBaseline(path string, res *driver.Result) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write the baseline: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("write the baseline: %w", cerr)
		}
	}()
	return baseline.Write(f, baseline.New(res.Findings))
}

// addConfigSource adds the configuration file to the sources of res when a
// TKESG001 finding about a suppressions: entry points into it, so that
// the text output shows its line.
func (c *cli) addConfigSource(res *driver.Result, dir string) {
	for i := range res.Findings {
		name := res.Findings[i].Range.Filename
		if _, ok := res.Sources[name]; ok || name == "" || res.Findings[i].Check.ID != suppress.CheckID {
			continue
		}
		if src, err := os.ReadFile(resolve(dir, filepath.FromSlash(name))); err == nil {
			res.Sources[name] = src
		}
	}
}
