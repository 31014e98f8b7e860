package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/report"
)

// formatNames are the output formats, in the order the usage lists them.
func formatNames() []string {
	return []string{"text", "json", "sarif", "github", "checkstyle", "rdjson", "markdown", "html"}
}

// formatSpec is one output: a format and the file it goes to (empty: the
// --output file, or stdout).
type formatSpec struct {
	name, path string
}

// options are the parsed command line of a lint run.
type options struct {
	formats []formatSpec
	output  string
	failOn  analysis.Level
	vars    map[string]string
	// varArgs are --var and --var-file in command-line order (a later one
	// wins, as in Terraform); vars keeps the --var values too.
	varArgs []driver.VarArg
	noColor bool
	quiet   bool
	verbose bool
	paths   []string
	// failOnSet is true when --fail-on was given (it beats the config).
	failOnSet bool
	config    string
	rulesets  []string
	enable    []string
	disable   []string
	exclude   []string
	// params are --param NAME=VALUE and --param-file FILE in command-line
	// order: a later one wins (docs/design.md#inputs).
	params []paramSource
	// cluster holds the cluster context flags.
	cluster clusterFlags
	// noInline ignores tkesglint:ignore comments.
	noInline bool
	// baseline and writeBaseline are the --baseline and --write-baseline
	// files.
	baseline, writeBaseline string
	// jobs is --jobs; 0 means GOMAXPROCS.
	jobs int
	// sarifCategory names the analysis in SARIF automationDetails.
	sarifCategory string
	// sarif selects the findings of the SARIF log.
	sarif output.SARIFOptions
	// fix applies the proved fixes; dryRun prints them as a diff instead.
	fix, dryRun bool
	// fixChecks are --fix-checks: the checks whose fixes --fix makes
	// ("all": every one); none means those that are not held (heldWhy).
	fixChecks []string
	// inspect holds the flags of trace and show, and of the reports.
	inspect inspectFlags
	// report is what the Markdown and HTML reports show, gathered once
	// for both (writeReport).
	report *report.Data
}

// paramSource is one --param (name and value) or --param-file (file).
type paramSource struct {
	name, value, file string
}

// clusterFlags describe one cluster (docs/design.md#clusters) in each unit
// analyzed: the only one it defines, or a new one; several make them
// ambiguous, an error (driver.checkClusterFlags). lbClients is every
// cluster's default.
type clusterFlags struct {
	vpcCIDRs, containerCIDRs, nodeSGs, masterSGs []string
	networkType                                  string
	// lbClients is nil unless --lb-clients was given; empty turns TKESG104
	// off.
	lbClients []string
}

// given reports whether any flag that describes a cluster was used.
func (f clusterFlags) given() bool {
	return len(f.vpcCIDRs)+len(f.containerCIDRs)+len(f.nodeSGs)+len(f.masterSGs) > 0 || f.networkType != ""
}

// listFlag appends comma-separated values; every use adds to the list.
func listFlag(list *[]string) func(string) error {
	return func(s string) error {
		for item := range strings.SplitSeq(s, ",") {
			if item = strings.TrimSpace(item); item != "" {
				*list = append(*list, item)
			}
		}
		return nil
	}
}

// formatFlag collects --format values.
type formatFlag struct{ specs *[]formatSpec }

func (f formatFlag) String() string { return "" }

func (f formatFlag) Set(s string) error {
	for item := range strings.SplitSeq(s, ",") {
		name, path, _ := strings.Cut(strings.TrimSpace(item), "=")
		if !slices.Contains(formatNames(), name) {
			return fmt.Errorf("unknown format %q (want %s)", name, strings.Join(formatNames(), ", "))
		}
		*f.specs = append(*f.specs, formatSpec{name: name, path: path})
	}
	return nil
}

// varFlag collects --var name=value.
type varFlag struct {
	vars map[string]string
	args *[]driver.VarArg
}

func (v varFlag) String() string { return "" }

func (v varFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("want NAME=VALUE, not %q", s)
	}
	v.vars[strings.TrimSpace(name)] = value
	*v.args = append(*v.args, driver.VarArg{Name: strings.TrimSpace(name), Value: value})
	return nil
}

// levelFlag holds --fail-on.
type levelFlag struct{ level *analysis.Level }

func (l levelFlag) String() string {
	if l.level == nil {
		return ""
	}
	return l.level.String()
}

func (l levelFlag) Set(s string) error {
	lv, err := analysis.ParseLevel(s)
	if err != nil {
		return err
	}
	*l.level = lv
	return nil
}

// flagDef defines one flag: its name, the placeholder of its value (empty
// for a boolean flag), its help for the usage text, and how it sets the
// options. The usage text is generated from these definitions.
type flagDef struct {
	name string
	// arg names the value in the usage ("FILE"); empty for a boolean flag.
	arg string
	// help is the usage text; "\n" starts a continuation line.
	help string
	set  func(o *options, value string) error
}

// flagGroup is a titled list of flags, as the usage shows them.
type flagGroup struct {
	title string
	flags []flagDef
}

// boolFlag sets a boolean option from "true" or "false" (flag's own form:
// --quiet, --quiet=false).
func boolFlag(field func(o *options) *bool) func(*options, string) error {
	return func(o *options, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("want true or false, not %q", v)
		}
		*field(o) = b
		return nil
	}
}

// stringFlag sets a string option.
func stringFlag(field func(o *options) *string) func(*options, string) error {
	return func(o *options, v string) error {
		*field(o) = v
		return nil
	}
}

// appendFlag appends the value to a list option; listOf splits it at commas.
func appendFlag(field func(o *options) *[]string) func(*options, string) error {
	return func(o *options, v string) error {
		*field(o) = append(*field(o), v)
		return nil
	}
}

func listOf(field func(o *options) *[]string) func(*options, string) error {
	return func(o *options, v string) error { return listFlag(field(o))(v) }
}

// lintFlags are the flags of a lint run (and of diff and lsp, which lint
// too), in the order the usage lists them.
func lintFlags() flagGroup {
	return flagGroup{title: "Flags (before or after the command and between paths; -- ends them)", flags: []flagDef{
		{name: "format", arg: "FORMATS", help: "text, json, sarif, github, checkstyle, rdjson, markdown or\nhtml; several separated by commas, each optionally with its\nown file: --format sarif=out.sarif,text",
			set: func(o *options, v string) error { return formatFlag{&o.formats}.Set(v) }},
		{name: "output", arg: "FILE", help: "write the formats that name no file to FILE (default: stdout)", set: stringFlag(func(o *options) *string { return &o.output })},
		{name: "fail-on", arg: "LEVEL", help: "error, warning, note or none (default: warning)", set: func(o *options, v string) error {
			o.failOnSet = true
			return levelFlag{&o.failOn}.Set(v)
		}},
		{name: "var", arg: "NAME=VALUE", help: "set a Terraform variable (repeatable)", set: func(o *options, v string) error { return varFlag{o.vars, &o.varArgs}.Set(v) }},
		{name: "var-file", arg: "FILE", help: "read Terraform variables from a .tfvars file (repeatable)", set: func(o *options, v string) error {
			o.varArgs = append(o.varArgs, driver.VarArg{File: v})
			return nil
		}},
		{name: "no-color", help: "never color the text output", set: boolFlag(func(o *options) *bool { return &o.noColor })},
		{name: "quiet", help: "leave out the summary line of the text output", set: boolFlag(func(o *options) *bool { return &o.quiet })},
		{name: "verbose", help: "say which configuration file is used", set: boolFlag(func(o *options) *bool { return &o.verbose })},
		{name: "config", arg: "FILE", help: "the configuration (default: .tkesglint.yml in the first\npath's folder or its parents)", set: stringFlag(func(o *options) *string { return &o.config })},
		{name: "ruleset", arg: "FILE", help: "add the requirements of a ruleset file (repeatable)", set: appendFlag(func(o *options) *[]string { return &o.rulesets })},
		{name: "enable", arg: "IDS", help: "run only these checks (comma-separated, repeatable)", set: listOf(func(o *options) *[]string { return &o.enable })},
		{name: "disable", arg: "IDS", help: "do not run these checks", set: listOf(func(o *options) *[]string { return &o.disable })},
		{name: "exclude", arg: "GLOB", help: "do not scan matching paths; ** matches folders (repeatable)", set: appendFlag(func(o *options) *[]string { return &o.exclude })},
		{name: "param", arg: "N=V", help: "set a template parameter (repeatable)", set: func(o *options, v string) error {
			name, value, ok := strings.Cut(v, "=")
			if !ok || strings.TrimSpace(name) == "" {
				return fmt.Errorf("want NAME=VALUE, not %q", v)
			}
			o.params = append(o.params, paramSource{name: strings.TrimSpace(name), value: value})
			return nil
		}},
		{name: "param-file", arg: "FILE", help: "read template parameters from a YAML or JSON map", set: func(o *options, v string) error {
			o.params = append(o.params, paramSource{file: v})
			return nil
		}},
		{name: "no-inline-suppressions", help: "ignore tkesglint:ignore comments", set: boolFlag(func(o *options) *bool { return &o.noInline })},
		{name: "baseline", arg: "FILE", help: "do not count the findings whose fingerprints FILE holds", set: stringFlag(func(o *options) *string { return &o.baseline })},
		{name: "write-baseline", arg: "FILE", help: "write the fingerprints of the findings to FILE", set: stringFlag(func(o *options) *string { return &o.writeBaseline })},
		{name: "sarif-category", arg: "NAME", help: "SARIF automationDetails.id is tkesglint/NAME/", set: stringFlag(func(o *options) *string { return &o.sarifCategory })},
		{name: "sarif-level", arg: "LEVEL", help: "the lowest level of the findings in the SARIF log:\nerror, warning or note (default: note)", set: func(o *options, v string) error {
			l, err := analysis.ParseLevel(v)
			if err != nil || l == analysis.LevelNone {
				return fmt.Errorf("want error, warning or note, not %q", v)
			}
			o.sarif.Level = l
			return nil
		}},
		{name: "sarif-include", arg: "WHAT", help: "also write these to the SARIF log: suppressed (with SARIF\nsuppressions), undecided (notes of undecided checks) or\nall; GitHub code scanning makes each result an open alert", set: func(o *options, v string) error {
			for item := range strings.SplitSeq(v, ",") {
				switch strings.TrimSpace(item) {
				case "suppressed":
					o.sarif.Suppressed = true
				case "undecided":
					o.sarif.Undecided = true
				case "all":
					o.sarif.Suppressed, o.sarif.Undecided = true, true
				default:
					return fmt.Errorf("want suppressed, undecided or all, not %q", item)
				}
			}
			return nil
		}},
		linkBaseFlag(),
		{name: "jobs", arg: "N", help: "parse and analyze N modules or files at once\n(default: the number of CPUs)", set: func(o *options, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return fmt.Errorf("want a number of at least 1, not %q", v)
			}
			o.jobs = n
			return nil
		}},
	}}
}

// clusterFlagGroup are the flags that describe one cluster.
func clusterFlagGroup() flagGroup {
	return flagGroup{title: "Cluster context (one cluster per root module or template: the only one it\ndefines, or a new one; --lb-clients is every cluster's default)", flags: []flagDef{
		{name: "node-sg", arg: "IDS", help: "node security groups, in binding order (ids or addresses)", set: listOf(func(o *options) *[]string { return &o.cluster.nodeSGs })},
		{name: "master-sg", arg: "IDS", help: "master security groups of a self-deployed cluster", set: listOf(func(o *options) *[]string { return &o.cluster.masterSGs })},
		{name: "vpc-cidr", arg: "CIDRS", help: "the cluster network", set: listOf(func(o *options) *[]string { return &o.cluster.vpcCIDRs })},
		{name: "container-cidr", arg: "CIDRS", help: "the container (pod) network", set: listOf(func(o *options) *[]string { return &o.cluster.containerCIDRs })},
		{name: "network-type", arg: "TYPE", help: "GR, VPC-CNI or CiliumOverlay", set: stringFlag(func(o *options) *string { return &o.cluster.networkType })},
		{name: "lb-clients", arg: "CIDRS", help: "load-balancer client sources (default 0.0.0.0/0;\n--lb-clients= turns TKESG104 off)", set: func(o *options, v string) error {
			if o.cluster.lbClients == nil {
				o.cluster.lbClients = []string{}
			}
			return listFlag(&o.cluster.lbClients)(v)
		}},
	}}
}

// fixFlagGroup are the flags of the lint run that repair (docs/fixing.md).
func fixFlagGroup() flagGroup {
	return flagGroup{title: "Repair (docs/fixing.md)", flags: []flagDef{
		{name: "fix", help: "apply the fixes tkesglint has proved and say what changed;\nthe exit status is that of the files as they are left", set: boolFlag(func(o *options) *bool { return &o.fix })},
		{name: "fix-checks", arg: "IDS", help: "with --fix: make only the fixes of these checks, or of all;\nTKESG205's rewrite of 0.0.0.0/n, a rule from 0.0.0.0/0 or ::/0\nand the fix of a note are made only when named (default:\nevery other fix)", set: listOf(func(o *options) *[]string { return &o.fixChecks })},
		{name: "dry-run", help: "with --fix: print the fixes as a unified diff on stdout\n(what would go there goes to stderr, so a format other\nthan text or github needs its own file) and change nothing", set: boolFlag(func(o *options) *bool { return &o.dryRun })},
	}}
}

// lspFlagGroup are the flags only the language server takes.
func lspFlagGroup() flagGroup {
	return flagGroup{title: "Language server", flags: []flagDef{
		{name: "stdio", help: "talk on stdin and stdout (the only transport; editors pass it)", set: boolFlag(func(*options) *bool { return new(bool) })},
	}}
}

// flagValue adapts a flagDef to the flag package.
type flagValue struct {
	opts *options
	def  flagDef
}

func (v flagValue) String() string { return "" }

// Set sets the option; the flag package names the flag in its errors.
func (v flagValue) Set(s string) error { return v.def.set(v.opts, s) }

// IsBoolFlag tells the flag package that a flag without a placeholder
// takes no value.
func (v flagValue) IsBoolFlag() bool { return v.def.arg == "" }

// newOptions returns the options before any flag is read.
func newOptions() *options {
	return &options{failOn: analysis.LevelWarning, vars: map[string]string{}, sarif: output.SARIFOptions{Level: analysis.LevelNote}}
}

// parseArgs reads the flags of groups from args into opts and returns the
// other arguments. Flags and arguments may be mixed; "--" ends the flags.
func parseArgs(opts *options, groups []flagGroup, args []string) ([]string, error) {
	fs := flag.NewFlagSet("tkesglint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for _, g := range groups {
		for _, d := range g.flags {
			fs.Var(flagValue{opts: opts, def: d}, d.name, d.help)
		}
	}
	var rest []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		left := fs.Args()
		consumed := len(args) - len(left)
		if consumed > 0 && args[consumed-1] == "--" {
			rest = append(rest, left...)
			break
		}
		if len(left) == 0 {
			break
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
	return rest, nil
}

// parseFlags reads a lint command line: flags and paths, mixed.
func parseFlags(args []string) (*options, error) {
	opts := newOptions()
	paths, err := parseArgs(opts, []flagGroup{lintFlags(), clusterFlagGroup()}, args)
	if err != nil {
		return nil, err
	}
	opts.paths = paths
	if err := opts.finish(); err != nil {
		return nil, err
	}
	return opts, nil
}

// finish fills in the defaults of a lint run and checks what the flags
// cannot check one by one.
func (opts *options) finish() error {
	if len(opts.paths) == 0 {
		opts.paths = []string{"."}
	}
	if len(opts.formats) == 0 {
		opts.formats = []formatSpec{{name: "text"}}
	}
	if opts.dryRun && !opts.fix {
		return fmt.Errorf("--dry-run goes with --fix")
	}
	if len(opts.fixChecks) > 0 && !opts.fix {
		return fmt.Errorf("--fix-checks goes with --fix")
	}
	if opts.dryRun {
		if err := opts.checkDryRunFormats(); err != nil {
			return err
		}
	}
	if !validCategory(opts.sarifCategory) {
		return fmt.Errorf("--sarif-category %q: use letters, digits, '.', '_' and '-', and '/' between parts", opts.sarifCategory)
	}
	seen := map[string]string{}
	for _, f := range opts.formats {
		dest := f.path
		if dest == "" {
			dest = opts.output
		}
		if prev, ok := seen[dest]; ok {
			where := dest
			if where == "" {
				where = "stdout"
			}
			return fmt.Errorf("formats %s and %s would both write to %s", prev, f.name, where)
		}
		seen[dest] = f.name
	}
	return nil
}

// checkDryRunFormats refuses a document format (JSON, SARIF, XML, a
// report) that would go to stderr: --dry-run gives stdout to the diff, and
// stderr carries the lines that say what would be fixed, which would break
// the document. Text and the github workflow commands are read line by
// line (GitHub reads them on stderr too), so they may share stderr.
func (opts *options) checkDryRunFormats() error {
	if opts.output != "" {
		return nil
	}
	for _, f := range opts.formats {
		if f.path == "" && f.name != "text" && f.name != "github" {
			return fmt.Errorf("--fix --dry-run writes the diff on stdout and what it would fix on stderr, so the %s output would not parse on either: give it a file (--format %s=FILE)", f.name, f.name)
		}
	}
	return nil
}

// validCategory reports whether a SARIF category is empty or made of
// parts of letters, digits, '.', '_' and '-' separated by '/'.
func validCategory(c string) bool {
	if c == "" {
		return true
	}
	for part := range strings.SplitSeq(c, "/") {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !strings.ContainsRune("._-", r) && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}
