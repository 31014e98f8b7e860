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
)

// formatNames are the output formats, in the order the usage lists them.
func formatNames() []string { return []string{"text", "json", "sarif", "github", "checkstyle"} }

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
	// order: a later one wins (inputs.md §2).
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
}

// paramSource is one --param (name and value) or --param-file (file).
type paramSource struct {
	name, value, file string
}

// clusterFlags describe one cluster (interface.md): the only one the input
// defines, or a new one.
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
		return fmt.Errorf("--var wants NAME=VALUE, not %q", s)
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
		return fmt.Errorf("--fail-on: %w", err)
	}
	*l.level = lv
	return nil
}

// parseFlags reads a lint command line. Flags and paths may be mixed; "--"
// ends the flags.
func parseFlags(args []string) (*options, error) {
	opts := &options{failOn: analysis.LevelWarning, vars: map[string]string{}}
	fs := flag.NewFlagSet("tkesglint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.Var(formatFlag{&opts.formats}, "format", "")
	fs.StringVar(&opts.output, "output", "", "")
	fs.Func("fail-on", "", func(s string) error {
		opts.failOnSet = true
		return levelFlag{&opts.failOn}.Set(s)
	})
	fs.Var(varFlag{opts.vars, &opts.varArgs}, "var", "")
	fs.Func("var-file", "", func(p string) error { opts.varArgs = append(opts.varArgs, driver.VarArg{File: p}); return nil })
	fs.BoolVar(&opts.noColor, "no-color", false, "")
	fs.BoolVar(&opts.quiet, "quiet", false, "")
	fs.BoolVar(&opts.verbose, "verbose", false, "")
	fs.StringVar(&opts.config, "config", "", "")
	fs.Func("ruleset", "", func(p string) error { opts.rulesets = append(opts.rulesets, p); return nil })
	fs.Func("enable", "", listFlag(&opts.enable))
	fs.Func("disable", "", listFlag(&opts.disable))
	fs.Func("exclude", "", func(g string) error { opts.exclude = append(opts.exclude, g); return nil })
	fs.Func("param", "", func(s string) error {
		name, value, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return fmt.Errorf("--param wants NAME=VALUE, not %q", s)
		}
		opts.params = append(opts.params, paramSource{name: strings.TrimSpace(name), value: value})
		return nil
	})
	fs.BoolVar(&opts.noInline, "no-inline-suppressions", false, "")
	fs.StringVar(&opts.baseline, "baseline", "", "")
	fs.StringVar(&opts.writeBaseline, "write-baseline", "", "")
	fs.StringVar(&opts.sarifCategory, "sarif-category", "", "")
	fs.Func("jobs", "", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return fmt.Errorf("--jobs wants a number of at least 1, not %q", s)
		}
		opts.jobs = n
		return nil
	})
	fs.Func("param-file", "", func(p string) error { opts.params = append(opts.params, paramSource{file: p}); return nil })
	fs.Func("vpc-cidr", "", listFlag(&opts.cluster.vpcCIDRs))
	fs.Func("container-cidr", "", listFlag(&opts.cluster.containerCIDRs))
	fs.Func("node-sg", "", listFlag(&opts.cluster.nodeSGs))
	fs.Func("master-sg", "", listFlag(&opts.cluster.masterSGs))
	fs.StringVar(&opts.cluster.networkType, "network-type", "", "")
	fs.Func("lb-clients", "", func(s string) error {
		if opts.cluster.lbClients == nil {
			opts.cluster.lbClients = []string{}
		}
		return listFlag(&opts.cluster.lbClients)(s)
	})

	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			opts.paths = append(opts.paths, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		opts.paths = append(opts.paths, rest[0])
		args = rest[1:]
	}

	if len(opts.paths) == 0 {
		opts.paths = []string{"."}
	}
	if len(opts.formats) == 0 {
		opts.formats = []formatSpec{{name: "text"}}
	}
	if !validCategory(opts.sarifCategory) {
		return nil, fmt.Errorf("--sarif-category %q: use letters, digits, '.', '_' and '-', and '/' between parts", opts.sarifCategory)
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
			return nil, fmt.Errorf("formats %s and %s would both write to %s", prev, f.name, where)
		}
		seen[dest] = f.name
	}
	return opts, nil
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
