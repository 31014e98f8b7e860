package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/analyzers/trace"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/show"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Exit statuses of trace besides exitOK (accepted), exitFindings
// (dropped) and exitFailure.
const (
	// exitUndecided: some part of the traced flow is undecided, none is
	// dropped.
	exitUndecided = 3
)

// inspectFlags are the flags of trace and show, and of the reports.
type inspectFlags struct {
	from, to string
	proto    string
	port     string
	// linkBase starts the links of the Markdown report; nil: chosen from
	// the GitHub Actions environment (linkBase).
	linkBase *string
}

// traceFlagGroup are the flags that say which flow trace traces.
func traceFlagGroup() flagGroup {
	return flagGroup{title: "Trace (the flow; SRC and DST are an address or CIDR, world,\nsg:NAME-OR-ID, a resource address, or cluster:NAME/nodes,\n/masters, /pods or /network)", flags: []flagDef{
		{name: "from", arg: "SRC", help: "where the flow comes from", set: stringFlag(func(o *options) *string { return &o.inspect.from })},
		{name: "to", arg: "DST", help: "where the flow goes", set: stringFlag(func(o *options) *string { return &o.inspect.to })},
		{name: "proto", arg: "P", help: "TCP, UDP, ICMP, ICMPv6, GRE or ALL (default: ALL, or TCP\nand UDP with --port)", set: stringFlag(func(o *options) *string { return &o.inspect.proto })},
		{name: "port", arg: "N|A-B", help: "the destination port or range (default: all)", set: stringFlag(func(o *options) *string { return &o.inspect.port })},
	}}
}

// linkBaseFlag is the flag that starts the links of the Markdown report.
func linkBaseFlag() flagDef {
	return flagDef{name: "link-base", arg: "URL", help: "start the file links of the markdown report with URL\n(default: /OWNER/REPO/blob/SHA/ in GitHub Actions, else\nnone: links relative to the working directory)", set: func(o *options, v string) error {
		o.inspect.linkBase = &v
		return nil
	}}
}

// flowOf reads --proto and --port.
func (f inspectFlags) flowOf() (flows.Protos, flows.Ports, error) {
	protos, ports := flows.AllProtos, flows.AllPorts()
	if f.proto != "" {
		p, ok := flows.ParseProto(f.proto)
		if !ok {
			return 0, nil, fmt.Errorf("--proto %q: want TCP, UDP, ICMP, ICMPv6, GRE or ALL", f.proto)
		}
		protos = p
	}
	if f.port != "" {
		p, err := flows.ParsePorts(f.port)
		if err != nil {
			return 0, nil, fmt.Errorf("--port %q: %w", f.port, err)
		}
		if f.proto == "" {
			protos = flows.PortProtos
		}
		if protos&flows.PortProtos == 0 {
			return 0, nil, fmt.Errorf("--port %s with --proto %s: only TCP and UDP have ports", f.port, f.proto)
		}
		protos &= flows.PortProtos
		ports = p
	}
	return protos, ports, nil
}

// loaded is what trace and show read: the units, analyzed.
type loaded struct {
	units  []*inspect.Unit
	errors []*model.Error
}

// load reads the paths as a lint run does (configuration, variables,
// cluster flags) and analyzes each unit for trace and show.
func (c *cli) load(ctx context.Context, opts *options) (*loaded, bool) {
	dir, err := c.workDir()
	if err != nil {
		c.errorf("%v", err)
		return nil, false
	}
	dopts, _, errs := c.settings(opts, dir)
	if len(errs) > 0 {
		for _, e := range errs {
			c.errorf("%v", e)
		}
		return nil, false
	}
	analyzers := dopts.Analyzers
	// Only the reading: the analyzers trace and show need run below.
	dopts.Analyzers = nil
	res, err := driver.Run(ctx, dopts)
	if err != nil {
		c.errorf("%v", err)
		return nil, false
	}
	units, err := analyzeUnits(ctx, analyzers, res)
	if err != nil {
		c.errorf("%v", err)
		return nil, false
	}
	return &loaded{units: units, errors: res.Errors}, true
}

// analyzeUnits runs what trace, show and the reports need over each unit
// of res.
func analyzeUnits(ctx context.Context, analyzers []*analysis.Analyzer, res *driver.Result) ([]*inspect.Unit, error) {
	var out []*inspect.Unit
	for _, u := range res.Units {
		iu, err := inspect.Analyze(ctx, analyzers, u.Root, u.Input)
		if err != nil {
			return nil, err
		}
		out = append(out, iu)
	}
	return out, nil
}

// reportErrors prints the input errors on stderr; it reports whether
// there were any.
func (c *cli) reportErrors(errs []*model.Error) bool {
	for _, e := range errs {
		c.errorf("%v", e)
	}
	return len(errs) > 0
}

// inspectFormat returns the one format of trace and show: text or json.
func inspectFormat(name string, opts *options) (string, error) {
	if len(opts.formats) > 1 {
		return "", fmt.Errorf("%s writes one format", name)
	}
	if len(opts.formats) == 0 {
		return "text", nil
	}
	f := opts.formats[0]
	if f.name != "text" && f.name != "json" {
		return "", fmt.Errorf("%s writes text or json, not %s", name, f.name)
	}
	if f.path != "" {
		opts.output = f.path
	}
	return f.name, nil
}

// trace is tkesglint trace.
func (c *cli) trace(ctx context.Context, opts *options, args []string) int {
	opts.paths = args
	format, err := inspectFormat("trace", opts)
	if err != nil {
		return c.usageError("%v", err)
	}
	if err := opts.finish(); err != nil {
		return c.usageError("%v", err)
	}
	f := opts.inspect
	if f.from == "" || f.to == "" {
		return c.usageError("trace needs --from SRC and --to DST: %s", trace.Forms)
	}
	protos, ports, err := f.flowOf()
	if err != nil {
		return c.usageError("%v", err)
	}
	l, ok := c.load(ctx, opts)
	if !ok {
		return exitFailure
	}
	failed := c.reportErrors(l.errors)
	u, from, to, err := pickUnit(l.units, f.from, f.to)
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	res, err := trace.Run(u, trace.Query{From: from, To: to, Protos: protos, Ports: ports})
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	view := show.NewTrace(u.Root, res)
	if err := c.writeTo(opts.output, func(w io.Writer) error {
		if format == "json" {
			return show.WriteTraceJSON(w, view)
		}
		return show.WriteTraceText(&show.Printer{W: w, Clean: output.Message}, view)
	}); err != nil {
		c.errorf("write trace: %v", err)
		return exitFailure
	}
	if failed {
		return exitFailure
	}
	switch res.Verdict {
	case flows.Dropped:
		return exitFindings
	case flows.Unknown:
		return exitUndecided
	case flows.Accepted:
	}
	return exitOK
}

// pickUnit finds the one unit in which both ends resolve, at least one of
// them to something the unit binds groups to.
func pickUnit(units []*inspect.Unit, from, to string) (u *inspect.Unit, src, dst *trace.Endpoint, err error) {
	if len(units) == 0 {
		return nil, nil, nil, errors.New("no input was read: name the files or folders to trace in")
	}
	var found, ambiguous []match
	var firstErr error
	for _, u := range units {
		src, err := trace.Resolve(u, from)
		if err == nil {
			var dst *trace.Endpoint
			dst, err = trace.Resolve(u, to)
			if err == nil && (src.Bound || dst.Bound) {
				found = append(found, match{u: u, from: src, to: dst})
				continue
			}
			if err == nil {
				err = trace.Unbound(src, dst)
			}
		}
		if errors.Is(err, trace.ErrSyntax) {
			return nil, nil, nil, inUnit(u, len(units), err)
		}
		if errors.Is(err, trace.ErrAmbiguous) {
			// Which of several things an end names is a question only
			// when the trace is in this root: another may hold the ends.
			ambiguous = append(ambiguous, match{u: u, err: err})
			continue
		}
		if firstErr == nil {
			firstErr = inUnit(u, len(units), err)
		}
	}
	switch {
	case len(found)+len(ambiguous) == 0:
		if len(units) > 1 {
			return nil, nil, nil, fmt.Errorf("no one of the %d root modules read holds both ends: %w", len(units), firstErr)
		}
		return nil, nil, nil, firstErr
	case len(found) == 1 && len(ambiguous) == 0:
		return found[0].u, found[0].from, found[0].to, nil
	case len(found) == 0 && len(ambiguous) == 1:
		return nil, nil, nil, inUnit(ambiguous[0].u, len(units), ambiguous[0].err)
	}
	return nil, nil, nil, severalRoots(from, to, found, ambiguous)
}

// match is a root module in which the ends of a trace resolve, or in
// which one is ambiguous (err).
type match struct {
	u        *inspect.Unit
	from, to *trace.Endpoint
	err      error
}

// severalRoots is the error of ends that more than one root module holds:
// it names them all, says what is ambiguous in each root where an end is,
// and gives the command that picks one.
func severalRoots(from, to string, found, ambiguous []match) error {
	var parts, roots []string
	for _, m := range found {
		roots = append(roots, rootName(m.u.Root))
	}
	switch len(found) {
	case 0:
	case 1:
		parts = append(parts, fmt.Sprintf("root module %s holds %s and %s", roots[0], from, to))
	default:
		parts = append(parts, fmt.Sprintf("%d root modules hold %s and %s: %s", len(found), from, to, strings.Join(roots, ", ")))
	}
	for _, m := range ambiguous {
		parts = append(parts, "in "+rootName(m.u.Root)+", "+strings.TrimPrefix(m.err.Error(), trace.ErrAmbiguous.Error()+": "))
	}
	var pick string
	if len(roots) > 0 {
		pick = roots[0]
	} else {
		pick = rootName(ambiguous[0].u.Root)
	}
	return fmt.Errorf("%w: %s; give the one to trace in as the PATH argument (tkesglint trace --from %s --to %s %s)",
		trace.ErrAmbiguous, strings.Join(parts, "; "), from, to, pick)
}

func inUnit(u *inspect.Unit, n int, err error) error {
	if n < 2 {
		return err
	}
	return fmt.Errorf("in %s: %w", rootName(u.Root), err)
}

func rootName(root string) string {
	if root == "" {
		return "the exports"
	}
	return root
}

// show is tkesglint show.
func (c *cli) show(ctx context.Context, opts *options, args []string) int {
	opts.paths = args
	format, err := inspectFormat("show", opts)
	if err != nil {
		return c.usageError("%v", err)
	}
	if err := opts.finish(); err != nil {
		return c.usageError("%v", err)
	}
	l, ok := c.load(ctx, opts)
	if !ok {
		return exitFailure
	}
	failed := c.reportErrors(l.errors)
	views := make([]show.Unit, 0, len(l.units))
	for _, u := range l.units {
		views = append(views, show.NewUnit(u))
	}
	if err := c.writeTo(opts.output, func(w io.Writer) error {
		if format == "json" {
			return show.WriteJSON(w, views)
		}
		return show.WriteText(w, views, output.Message)
	}); err != nil {
		c.errorf("write show: %v", err)
		return exitFailure
	}
	if failed {
		return exitFailure
	}
	return exitOK
}

// writeTo calls write with the file at path, or stdout when path is empty.
func (c *cli) writeTo(path string, write func(io.Writer) error) (err error) {
	if path == "" {
		return write(c.stdout)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return write(f)
}
