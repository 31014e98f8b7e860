package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/baseline"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/config"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/template"
	"github.com/tkesglint/tkesglint/rulesets"
)

// settings merges the configuration file and the flags into the options of
// a run, flags winning. Every problem is an error: a typo is never ignored.
func (c *cli) settings(opts *options, dir string) (driver.Options, analysis.Level, []*model.Error) {
	var errs []*model.Error
	read := sha256.New() // what the analyzers are made from, for c.reuse
	cfg, cerrs := c.loadConfig(opts, dir, read)
	errs = append(errs, cerrs...)

	extra, rerrs := c.loadRulesets(opts, cfg, dir, read)
	errs = append(errs, rerrs...)
	clusters, serrs := clusterOptions(cfg, opts.cluster)
	analyzers := c.reuse.analyzers(string(read.Sum(nil)), func() []*analysis.Analyzer {
		return c.allAnalyzers(rulesets.Options{Rulesets: extra, Clusters: clusters})
	})

	d := driver.Options{
		Dir: dir, Paths: opts.paths, Variables: opts.vars, VarArgs: opts.varArgs,
		Getenv: c.getenv, Analyzers: analyzers, Clusters: clusters, ParseTree: c.parseTree,
		Enable: opts.enable, Disable: opts.disable, Exclude: opts.exclude, Levels: map[string]analysis.Level{},
		NoInlineSuppressions: opts.noInline, Jobs: opts.jobs,
	}
	failOn := opts.failOn
	if cfg != nil {
		d.Enable = append(slices.Clone(cfg.Enable), d.Enable...)
		d.Disable = append(slices.Clone(cfg.Disable), d.Disable...)
		maps.Copy(d.Levels, cfg.Levels)
		d.Exclude = append(relativeGlobs(cfg, dir), d.Exclude...)
		if cfg.FailOn != nil && !opts.failOnSet {
			failOn = *cfg.FailOn
		}
		d.Getenv = configVariables(c.getenv, cfg.Variables)
		d.EnvSource = configVariableSource(c.getenv, cfg.Variables)
		d.Suppressions = cfg.Suppressions
		d.ConfigDir = relativeDir(cfg, dir)
	}
	if opts.baseline != "" {
		b, err := readBaseline(dir, opts.baseline)
		if err != nil {
			errs = append(errs, err)
		}
		d.Baseline = b
	}
	errs = append(errs, checkIDs(analyzers, cfg, opts)...)
	errs = append(errs, serrs...)

	params, perrs := c.loadParams(opts, dir)
	errs = append(errs, perrs...)
	d.Params = params
	return d, failOn, errs
}

// loadConfig reads --config, or the .tkesglint.yml of the first path or its
// parents; its path and content are written to read.
func (c *cli) loadConfig(opts *options, dir string, read io.Writer) (*config.Config, []*model.Error) {
	p := opts.config
	if p == "" {
		p = config.Find(resolve(dir, opts.paths[0]))
		if p == "" {
			c.verbosef(opts, "no %s found in %s or its parents", config.FileName, opts.paths[0])
			return nil, nil
		}
	} else {
		p = resolve(dir, p)
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return nil, []*model.Error{{Range: model.Range{Filename: shown(dir, p)}, Summary: "cannot read the configuration", Detail: err.Error()}}
	}
	record(read, p, src)
	c.verbosef(opts, "using configuration %s", shown(dir, p))
	cfg, errs := config.Parse(shown(dir, p), src)
	cfg.Dir = filepath.Dir(p)
	return cfg, errs
}

func (c *cli) verbosef(opts *options, format string, args ...any) {
	if opts.verbose {
		_, _ = fmt.Fprintln(c.stderr, "tkesglint: "+output.Printable(fmt.Sprintf(format, args...)))
	}
}

// resolve makes p absolute against dir.
func resolve(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// shown is how messages name the file at p: relative to dir when below it.
func shown(dir, p string) string {
	if rel, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}

// loadRulesets reads the users' rulesets, from the configuration (relative
// to its folder) and --ruleset, and checks them against the built-in ones;
// the path and content of each are written to read.
func (c *cli) loadRulesets(opts *options, cfg *config.Config, dir string, read io.Writer) ([]*requirements.Ruleset, []*model.Error) {
	var paths []string
	if cfg != nil {
		for _, p := range cfg.Rulesets {
			paths = append(paths, resolve(cfg.Dir, p))
		}
	}
	for _, p := range opts.rulesets {
		paths = append(paths, resolve(dir, p))
	}
	var (
		out  []*requirements.Ruleset
		errs []*model.Error
	)
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			errs = append(errs, &model.Error{Range: model.Range{Filename: shown(dir, p)}, Summary: "cannot read the ruleset", Detail: err.Error()})
			continue
		}
		record(read, p, src)
		sets, perrs := rulesets.Parse(shown(dir, p), src)
		out = append(out, sets...)
		errs = append(errs, perrs...)
	}
	if cfg != nil && cfg.Services != nil {
		out = append(out, cfg.Services) // after the files: it may change their services
	}
	if len(out) > 0 {
		errs = append(errs, rulesets.Validate(append(rulesets.Builtin(), out...))...)
	}
	return out, errs
}

// checkIDs rejects check ids that name no check, in the configuration (at
// their line) and in flags.
func checkIDs(analyzers []*analysis.Analyzer, cfg *config.Config, opts *options) []*model.Error {
	known := map[string]bool{}
	for _, a := range analyzers {
		for _, ch := range a.Checks {
			known[ch.ID] = true
		}
	}
	var errs []*model.Error
	if cfg != nil {
		var ids []string
		for id := range cfg.CheckRanges {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			if !known[id] {
				errs = append(errs, &model.Error{Range: cfg.CheckRanges[id], Summary: "invalid configuration", Detail: fmt.Sprintf("unknown check %q ('tkesglint rules' lists them)", id)})
			}
		}
	}
	for _, id := range slices.Concat(opts.enable, opts.disable) {
		if !known[id] {
			errs = append(errs, &model.Error{Summary: fmt.Sprintf("unknown check %q in --enable or --disable ('tkesglint rules' lists them)", id)})
		}
	}
	// --fix-checks takes "all", and ids in any case (fixChosen).
	upper := map[string]bool{}
	for id := range known {
		upper[strings.ToUpper(id)] = true
	}
	for _, id := range opts.fixChecks {
		if id != "all" && !upper[strings.ToUpper(id)] {
			errs = append(errs, &model.Error{Summary: fmt.Sprintf("unknown check %q in --fix-checks ('tkesglint rules' lists them, or give all)", id)})
		}
	}
	return errs
}

// readBaseline reads the --baseline file.
func readBaseline(dir, p string) (*driver.Baseline, *model.Error) {
	name := shown(dir, resolve(dir, p))
	src, err := os.ReadFile(resolve(dir, p))
	if err != nil {
		return nil, &model.Error{Range: model.Range{Filename: name}, Summary: "cannot read the baseline", Detail: err.Error()}
	}
	set, err := baseline.Read(src)
	if err != nil {
		return nil, &model.Error{Range: model.Range{Filename: name}, Summary: "invalid baseline", Detail: err.Error()}
	}
	return &driver.Baseline{Path: name, Fingerprints: set}, nil
}

// relativeDir is the configuration's folder relative to the working
// directory, slash-separated ("." when it is the working directory).
func relativeDir(cfg *config.Config, dir string) string {
	rel, err := filepath.Rel(dir, cfg.Dir)
	if err != nil {
		return "."
	}
	return filepath.ToSlash(rel)
}

// relativeGlobs makes the configuration's exclude globs, written relative to
// its folder, relative to the working directory.
func relativeGlobs(cfg *config.Config, dir string) []string {
	rel, err := filepath.Rel(dir, cfg.Dir)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return cfg.Exclude
	}
	out := make([]string, len(cfg.Exclude))
	for i, g := range cfg.Exclude {
		out[i] = path.Join(filepath.ToSlash(rel), g)
	}
	return out
}

// configVariables gives the configuration's variables the lowest precedence
// above defaults: below TF_VAR_ (and so below tfvars and --var).
func configVariables(getenv func(string) string, vars map[string]string) func(string) string {
	if len(vars) == 0 {
		return getenv
	}
	return func(name string) string {
		if v := getenv(name); v != "" {
			return v
		}
		if n, ok := strings.CutPrefix(name, "TF_VAR_"); ok {
			return vars[n]
		}
		return ""
	}
}

// configVariableSource names the configuration as the source of the
// values configVariables gives, for messages: "" for those of the
// environment.
func configVariableSource(getenv func(string) string, vars map[string]string) func(string) string {
	return func(name string) string {
		if _, ok := vars[name]; !ok || getenv("TF_VAR_"+name) != "" {
			return ""
		}
		return "the variables of " + config.FileName
	}
}

// clusterOptions gathers what the configuration and the cluster flags say
// about the clusters, the flags' cluster last and their load-balancer
// clients winning.
func clusterOptions(cfg *config.Config, f clusterFlags) (topology.Options, []*model.Error) {
	out := topology.Options{Supply: topology.Supply{
		ClusterNetwork:   "--vpc-cidr or clusters[].cluster_network in " + config.FileName,
		ContainerNetwork: "--container-cidr or clusters[].container_network in " + config.FileName,
	}}
	if cfg != nil {
		out.Specs = slices.Clone(cfg.Clusters)
		out.LBClients = cfg.LBClients
	}
	spec, errs := clusterSpec(f)
	if spec != nil {
		out.Specs = append(out.Specs, *spec)
	}
	if f.lbClients != nil {
		out.LBClients = f.lbClients
	}
	return out, errs
}

// clusterSpec turns the cluster flags into a spec, after checking them.
func clusterSpec(f clusterFlags) (*topology.Spec, []*model.Error) {
	if !f.given() {
		return nil, nil
	}
	var errs []*model.Error
	for _, c := range slices.Concat(f.vpcCIDRs, f.containerCIDRs, f.lbClients) {
		if _, err := flows.ParseCIDR(c); err != nil {
			errs = append(errs, &model.Error{Summary: "invalid cluster flag", Detail: err.Error()})
		}
	}
	if t := strings.ToUpper(f.networkType); t != "" && t != "GR" && t != "VPC-CNI" && t != "CILIUMOVERLAY" {
		errs = append(errs, &model.Error{Summary: "invalid cluster flag", Detail: fmt.Sprintf("--network-type %q must be GR, VPC-CNI or CiliumOverlay", f.networkType)})
	}
	return &topology.Spec{
		FromFlags: true, NodeSecurityGroups: f.nodeSGs, MasterSecurityGroups: f.masterSGs,
		ClusterNetwork: f.vpcCIDRs, ContainerNetwork: f.containerCIDRs, NetworkType: f.networkType,
	}, errs
}

// loadParams applies --param and --param-file in command-line order, a
// later one winning.
func (c *cli) loadParams(opts *options, dir string) (map[string]string, []*model.Error) {
	params := map[string]string{}
	var errs []*model.Error
	for _, src := range opts.params {
		if src.file == "" {
			params[src.name] = src.value
			continue
		}
		data, err := os.ReadFile(resolve(dir, src.file))
		if err != nil {
			errs = append(errs, &model.Error{Range: model.Range{Filename: src.file}, Summary: "cannot read --param-file", Detail: err.Error()})
			continue
		}
		values, perrs := template.ParseParamFile(template.File{Path: shown(dir, resolve(dir, src.file)), Src: data})
		errs = append(errs, perrs...)
		maps.Copy(params, values)
	}
	return params, errs
}
