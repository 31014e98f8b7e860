package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/baseline"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/suppress"
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

const usage = `Usage:
  tkesglint [flags] [PATH...]   lint files and folders (default: .)
  tkesglint rules               list the checks: id, level, title
  tkesglint explain TKESGnnn    print the full help of one check
  tkesglint diff BASE [PATH...] what the working tree newly accepts and
                                drops since git revision BASE, per security
                                group, and the findings it adds or resolves
  tkesglint lsp [FLAGS]         language server on stdin/stdout (docs/editors.md)
  tkesglint fetch --output FILE read a live account into an export bundle
                                (tkesglint fetch -h; docs/live-audit.md)
  tkesglint version             print the version

Flags:
  --format FORMATS  text, json, sarif, github or checkstyle; several separated
                    by commas, each optionally with its own file:
                    --format sarif=out.sarif,text
  --output FILE     write the formats that name no file to FILE (default: stdout)
  --fail-on LEVEL   error, warning, note or none (default: warning)
  --var NAME=VALUE  set a Terraform variable (repeatable)
  --var-file FILE   read Terraform variables from a .tfvars file (repeatable)
  --no-color        never color the text output
  --quiet           leave out the summary line of the text output
  --verbose         say which configuration file is used
  --config FILE     the configuration (default: .tkesglint.yml in the first
                    path's folder or its parents)
  --ruleset FILE    add the requirements of a ruleset file (repeatable)
  --enable IDS      run only these checks (comma-separated, repeatable)
  --disable IDS     do not run these checks
  --exclude GLOB    do not scan matching paths; ** matches folders (repeatable)
  --param N=V       set a template parameter (repeatable)
  --param-file FILE read template parameters from a YAML or JSON map
  --no-inline-suppressions  ignore tkesglint:ignore comments
  --baseline FILE   do not count the findings whose fingerprints FILE holds
  --write-baseline FILE  write the fingerprints of the findings to FILE
  --sarif-category NAME  SARIF automationDetails.id is tkesglint/NAME/
  --jobs N          parse and analyze N modules or files at once
                    (default: the number of CPUs)

Cluster context (one cluster: the only one the input defines, or a new one):
  --node-sg IDS         node security groups, in binding order (ids or addresses)
  --master-sg IDS       master security groups of a self-deployed cluster
  --vpc-cidr CIDRS      the cluster network
  --container-cidr CIDRS the container (pod) network
  --network-type TYPE   GR, VPC-CNI or CiliumOverlay
  --lb-clients CIDRS    load-balancer client sources (default 0.0.0.0/0;
                        --lb-clients= turns TKESG104 off)

Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,
2 the run failed or some input could not be read.
`

// cli is the command with everything it takes from its surroundings, so
// that tests can run it in process with fixed values.
type cli struct {
	stdout, stderr io.Writer
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
	analyzers func(extra ...*requirements.Ruleset) []*analysis.Analyzer
	// parse replaces the Terraform parser when not nil.
	parse driver.ParseFunc
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
		analyzers:   rulesets.Analyzers,
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

func (c *cli) errorf(format string, args ...any) {
	_, _ = fmt.Fprintf(c.stderr, "tkesglint: "+format+"\n", args...)
}

// usageError reports a wrong command line.
func (c *cli) usageError(format string, args ...any) int {
	c.errorf(format, args...)
	_, _ = fmt.Fprintln(c.stderr, "run 'tkesglint -h' for usage")
	return exitFailure
}

func (c *cli) run(ctx context.Context, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return c.rules(args[1:])
		case "explain":
			return c.explain(args[1:])
		case "diff":
			return c.diff(ctx, args[1:])
		case "lsp":
			return c.lsp(ctx, args[1:])
		case "fetch":
			return c.fetch(ctx, args[1:])
		case "version":
			return c.printVersion(args[1:])
		case "help":
			_, _ = io.WriteString(c.stdout, usage)
			return exitOK
		}
	}
	opts, err := parseFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		_, _ = io.WriteString(c.stdout, usage)
		return exitOK
	}
	if err != nil {
		return c.usageError("%v", err)
	}
	return c.lint(ctx, opts)
}

func (c *cli) printVersion(args []string) int {
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

// allAnalyzers returns the checks with the requirements of extra added,
// and TKESG001, which the driver reports while it applies suppressions.
func (c *cli) allAnalyzers(extra ...*requirements.Ruleset) []*analysis.Analyzer {
	return append(c.analyzers(extra...), suppress.Analyzer())
}

// checks returns every built-in check, sorted by id.
func (c *cli) checks() ([]*analysis.Check, error) {
	as := c.allAnalyzers()
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

func (c *cli) rules(args []string) int {
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

func (c *cli) explain(args []string) int {
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
	res, err := driver.Run(ctx, dopts)
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

	failed := false
	textOnStdout := false
	for _, f := range opts.formats {
		path := f.path
		if path == "" {
			path = opts.output
		}
		if f.name == "text" && path == "" {
			textOnStdout = true
		}
		if err := c.write(report, f.name, path, opts); err != nil {
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

// write writes one format to path, or to stdout when path is empty.
func (c *cli) write(r *output.Report, format, path string, opts *options) (err error) {
	w := c.stdout
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
		err = output.WriteSARIF(w, r)
	case "github":
		err = output.WriteGitHub(w, r)
	case "checkstyle":
		err = output.WriteCheckstyle(w, r)
	default:
		color := path == "" && !opts.noColor && c.getenv("NO_COLOR") == "" && c.isTerminal(c.stdout)
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
