// Package fix turns the repairs that checks describe into edits of the
// input files, proves each edit before it is offered, and applies the
// proved edits for --fix (docs/fixing.md).
//
// An edit is proved when the lint, run again through the driver with the
// edited files overlaid on the disk, no longer reports the finding it
// targets and reports nothing, at any level, that it did not report before
// (and reads every file it read), and when no security group but the one
// the fix targets has other rules after it, unless the edit repairs a
// finding of that group too (a module that several calls evaluate). An
// edit that changes another group through a value they share is written
// again in the target's own resource, where first-match order allows.
// An edit of a module that root modules outside the scan call, or of a
// module with Terraform files the scan left out, is not proved at all
// (partial.go). Edits that are not proved are dropped, and the finding
// says why.
package fix

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/internal/parallel"
	"github.com/tkesglint/tkesglint/parsers/edit"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// candidate is an edit of the files that would repair one finding.
type candidate struct {
	finding int
	message string
	// files are the new contents of the files edited, by the names the
	// driver shows.
	files map[string][]byte
	// command is the API call that would make the change in the live
	// account, for an export: files then only serve the proof.
	command string
	export  bool
	// repair is the analyzer's repair the edit writes, when it writes one;
	// target the group it changes, in the unit of the finding.
	repair *analysis.Repair
	target groupKey
	// inPlace is set when the edit was written into the group's own
	// resource, away from a value other groups read too.
	inPlace bool
}

// groupKey names a security group across runs: the unit it is read in
// and its address there.
type groupKey struct{ root, address string }

// settled is what proving the fixes of one finding came to: the fix to
// offer (an edit, or an API call for an export), or why there is none.
type settled struct {
	fix     *analysis.SuggestedFix
	command *checker.Command
	why     string
	// files are the files as fix leaves them.
	files map[string][]byte
}

// Prove writes out the repair of each finding of res that is not
// suppressed, proves it, and sets the finding's Fixes (the proved edits),
// Command (for an export) or NoFix (why none is offered). Of the repairs
// an analyzer gives in order of preference, the first that is written and
// proved is kept. res must be what driver.Run returned for opts.
func Prove(ctx context.Context, opts driver.Options, res *driver.Result) error {
	return prove(ctx, newProver(opts, res))
}

// newProver returns a prover of the fixes of res, the result of a run
// with opts.
func newProver(opts driver.Options, res *driver.Result) *prover {
	if opts.ParseCache == nil {
		// The proofs lint the same root modules again and again, each
		// time with one file edited: the others are parsed once.
		opts.ParseCache = &terraform.ParseCache{}
	}
	// Both are built when a fix is first proved: most findings have none.
	return &prover{opts: opts, res: res, parsed: &edit.Cache{},
		before: sync.OnceValue(func() map[identity]bool { return identities(res) }),
		needs:  sync.OnceValue(func() map[groupKey][]identity { return needs(res) })}
}

// prove is Prove with p.
func prove(ctx context.Context, p *prover) error {
	opts, res := p.opts, p.res
	var todo []int
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppression != nil {
			f.Fixes, f.Repairs = nil, nil
			continue
		}
		if len(f.Repairs) > 0 || len(f.Fixes) > 0 {
			todo = append(todo, i)
		}
	}
	// Each finding's fixes are written and proved on their own, several
	// findings at once.
	out := make([]settled, len(todo))
	errs := make([]error, len(todo))
	parallel.ForEach(ctx, len(todo), parallel.Workers(opts.Jobs), func(i int) {
		out[i], errs[i] = p.settle(ctx, todo[i])
	})
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("prove fixes: %w", err)
	}
	for i, at := range todo {
		if errs[i] != nil {
			return errs[i]
		}
		f := &res.Findings[at]
		f.Fixes, f.Command = nil, out[i].command
		if out[i].fix != nil {
			f.Fixes = []analysis.SuggestedFix{*out[i].fix}
		}
		if out[i].fix == nil && out[i].command == nil && out[i].why != "" {
			f.NoFix = out[i].why
		}
	}
	proved := map[int]map[string][]byte{}
	for i, at := range todo {
		if out[i].fix != nil {
			proved[at] = out[i].files
		}
	}
	return p.compose(ctx, proved)
}

// prover holds what proving the fixes of one result needs.
type prover struct {
	opts   driver.Options
	res    *driver.Result
	before func() map[identity]bool
	// needs are, for each group that a repair changes, the findings whose
	// repairs change it: another group than the one a fix targets may
	// change only when the fix repairs one of them too.
	needs func() map[groupKey][]identity
	// chosen, when set, tells the findings whose fixes --fix applies: only
	// theirs are combined (compose).
	chosen func(*driver.Finding) bool
	// calls are the module calls found around the scan (outsideCallers).
	calls callers
	// parsed keeps the files that the repairs are written in, parsed, for
	// every repair of the run.
	parsed *edit.Cache
	// relints are the lints again of units as they are (again); runs
	// the last lints with an edit (lint).
	mu      sync.Mutex
	relints map[string]*relint
	runs    []*keptRun
}

// settle writes out and proves the fixes of finding i in order, and keeps
// the first that holds. Its error is for a run that could not be made.
func (p *prover) settle(ctx context.Context, i int) (settled, error) {
	var whys []string
	for _, c := range p.candidates(i, &whys) {
		if why := p.unprovable(c.files); why != "" {
			whys = append(whys, why)
			continue
		}
		pr, err := p.prove(ctx, c)
		if err != nil {
			return settled{}, err
		}
		if len(pr.spills) > 0 && c.repair != nil {
			// The edit changes a group it should not, through a value
			// they share: write it into the target's own resource.
			alt, ok, why := p.inPlace(c)
			if ok {
				apr, err := p.prove(ctx, alt)
				if err != nil {
					return settled{}, err
				}
				if apr.verdict == "" {
					alt.message += fmt.Sprintf(", as the value it comes from also makes the rules of %s", groupNames(pr.spills))
					c, pr = alt, apr
				} else {
					pr.spillWhy = "it was not proved: " + apr.verdict
				}
			} else {
				pr.spillWhy = why
			}
		}
		if pr.verdict != "" {
			whys = append(whys, "it was not proved: "+pr.verdict)
			continue
		}
		if len(pr.spills) > 0 {
			whys = append(whys, p.spilled(c, pr))
			continue
		}
		if c.export {
			return settled{command: &checker.Command{Message: c.message, Line: c.command, Opens: opens(c.repair), OpensFor: opensFor(c.repair)}}, nil
		}
		return settled{fix: &analysis.SuggestedFix{Message: c.message + p.alsoChanged(c, pr.also), TextEdits: textEdits(p.res.Sources, c.files), Opens: opens(c.repair), OpensFor: opensFor(c.repair)}, files: c.files}, nil
	}
	if len(whys) > 1 {
		return settled{why: fmt.Sprintf("none of the %d ways to repair it holds: %s", len(whys), strings.Join(whys, "; "))}, nil
	}
	return settled{why: strings.Join(whys, "")}, nil
}

// candidates writes out the fixes of finding i: its analyzer's repairs, or
// the edits its analyzer placed. It adds to whys why each repair that
// cannot be written is not.
func (p *prover) candidates(i int, whys *[]string) []candidate {
	f := &p.res.Findings[i]
	var out []candidate
	for ri, r := range f.Repairs {
		res, err := edit.Write(r.Change, p.editOptions(false))
		if err != nil {
			*whys = append(*whys, edit.Reason(err))
			continue
		}
		msg := repairText(&r)
		if res.Where != "" {
			msg += "; written " + res.Where
		}
		if len(res.Assumes) > 0 {
			msg += "; it assumes " + strings.Join(res.Assumes, " and ")
		}
		if len(res.Arguments) > 0 {
			msg += "; the new rules name the CIDR " + strings.Join(res.Arguments, " and ")
		}
		c := candidate{finding: i, message: msg, files: res.Files, command: res.Command, export: res.Export, repair: &f.Repairs[ri]}
		if ins := r.Change.Insert; ins != nil && ins.Group != nil {
			c.target = groupKey{unitOf(p.res, f), ins.Group.Resource.Address}
		}
		out = append(out, c)
	}
	if len(f.Repairs) == 0 && len(f.Fixes) > 0 {
		fix := f.Fixes[0]
		files, err := applyEdits(p.res.Sources, fix.TextEdits)
		if err != nil {
			*whys = append(*whys, "its edit does not apply: "+err.Error())
			return nil
		}
		for name := range files {
			if ok, why := edit.Editable(name, p.res.Sources[name]); !ok {
				*whys = append(*whys, why)
				return nil
			}
		}
		out = append(out, candidate{finding: i, message: fix.Message, files: files})
	}
	return out
}

// editOptions are the options of edit.Write for the run; inPlace asks for
// the edit in the group's own resource.
func (p *prover) editOptions(inPlace bool) edit.Options {
	return edit.Options{Files: p.res.Sources, VarFromCommandLine: p.varFromCommandLine, VarFromEnvironment: p.varFromEnvironment, Unscanned: p.unscanned, InPlace: inPlace, Cache: p.parsed}
}

// varFromCommandLine reports whether --var or --var-file may give a
// Terraform variable its value.
func (p *prover) varFromCommandLine(name string) bool {
	if _, ok := p.opts.Variables[name]; ok {
		return true
	}
	return slices.ContainsFunc(p.opts.VarArgs, func(a driver.VarArg) bool { return a.File != "" || a.Name == name })
}

// varFromEnvironment reports whether TF_VAR_name, or the configuration's
// variables, give a Terraform variable its value.
func (p *prover) varFromEnvironment(name string) bool {
	return p.opts.Getenv != nil && p.opts.Getenv("TF_VAR_"+name) != ""
}

// unscanned returns the variable files of folder dir that Terraform reads
// for a root module there and the scan did not read (--exclude), by the
// names the driver would give them.
func (p *prover) unscanned(dir string) map[string][]byte {
	abs := absPath(p.opts.Dir, dir)
	ents, err := os.ReadDir(abs)
	if err != nil {
		return nil
	}
	out := map[string][]byte{}
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || n != "terraform.tfvars" && n != "terraform.tfvars.json" && !strings.HasSuffix(n, ".auto.tfvars") && !strings.HasSuffix(n, ".auto.tfvars.json") {
			continue
		}
		name := path.Join(dir, n)
		if _, ok := p.res.Sources[name]; ok {
			continue
		}
		src, ok := p.opts.Overlay[filepath.Join(abs, n)]
		if !ok {
			if src, err = os.ReadFile(filepath.Join(abs, n)); err != nil {
				continue
			}
		}
		out[name] = src
	}
	return out
}

// identity is what tells a finding from another across two runs: its
// check, its fingerprint and its level.
type identity struct {
	check, fingerprint string
	level              analysis.Level
}

func identities(res *driver.Result) map[identity]bool {
	out := map[identity]bool{}
	for i := range res.Findings {
		f := &res.Findings[i]
		out[identity{f.Check.ID, f.Fingerprint, f.Level}] = true
	}
	return out
}

// place is where a finding is: its check, its level, its file and line.
type place struct {
	check, file string
	level       analysis.Level
	line        int
}

// knownFindings tells the findings of a run with an edit that the run
// before it had: by identity, or, on a line the edit left alone in an
// edited file, by place. An edit of a rule's text (0.0.0.0/8 written as
// 0.0.0.0/0) changes the identity of the findings about that rule, which
// stay where they were.
type knownFindings struct {
	ids    map[identity]bool
	places map[place]bool
	// lines map a line of an edited file, after the edit, to the line it
	// was before; false for a line the edit wrote.
	lines map[string]func(int) (int, bool)
}

func (k knownFindings) has(f *driver.Finding) bool {
	if k.ids[identity{f.Check.ID, f.Fingerprint, f.Level}] {
		return true
	}
	m, edited := k.lines[f.Range.Filename]
	if !edited {
		return false
	}
	line, ok := m(f.Range.Start.Line)
	return ok && k.places[place{f.Check.ID, f.Range.Filename, f.Level, line}]
}

// known returns what the findings before an edit of files were.
func (p *prover) known(files map[string][]byte) knownFindings {
	k := knownFindings{ids: p.before(), places: map[place]bool{}, lines: map[string]func(int) (int, bool){}}
	for i := range p.res.Findings {
		f := &p.res.Findings[i]
		if _, edited := files[f.Range.Filename]; edited {
			k.places[place{f.Check.ID, f.Range.Filename, f.Level, f.Range.Start.Line}] = true
		}
	}
	for name, src := range files {
		k.lines[name] = lineMap(p.res.Sources[name], src)
	}
	return k
}

// lineMap returns the function that maps a line of cur to the line it was
// in old, for the lines that an edit from old to cur left alone.
func lineMap(old, cur []byte) func(int) (int, bool) {
	edits := udiff.Lines(string(old), string(cur))
	return func(line int) (int, bool) {
		shift := 0
		for _, e := range edits {
			from := model.PosAt(old, e.Start).Line // first line replaced, in old
			to := model.PosAt(old, e.End).Line     // first line kept after it
			added := strings.Count(e.New, "\n")
			if line < from+shift {
				break
			}
			if line < from+shift+added {
				return 0, false
			}
			shift += added - (to - from)
		}
		return line - shift, true
	}
}

// proof is what linting again with an edit came to.
type proof struct {
	// verdict is "" when the finding is gone and nothing is new, else what
	// went wrong.
	verdict string
	// spills are the groups other than the target that the edit changes
	// and that no repaired finding asks to change; also those it changes
	// and repairs.
	spills, also []driver.GroupRules
	// spillWhy says why the edit could not be written in the target's own
	// resource instead.
	spillWhy string
}

// prove lints again with c's files overlaid, and compares every group of
// the units the edit reaches before and after it. The error is for a run
// that could not be made at all.
func (p *prover) prove(ctx context.Context, c candidate) (proof, error) {
	paths, roots := p.scope(c.files)
	after, err := p.lint(ctx, c.files, paths, roots)
	if err != nil {
		return proof{}, err
	}
	pr := proof{verdict: verdict(within(p.res, roots), within(after, roots), &p.res.Findings[c.finding], p.known(c.files))}
	gone := p.gone(after, roots)
	before, err := p.footprints(ctx, roots)
	if err != nil {
		return proof{}, err
	}
	for _, g := range changedGroups(before, after.Footprints, roots) {
		key := groupKey{g.root, g.Resource.Address}
		if key == c.target {
			continue
		}
		if slices.ContainsFunc(p.needs()[key], func(id identity) bool { return gone[id] }) {
			pr.also = append(pr.also, g.GroupRules)
		} else {
			pr.spills = append(pr.spills, g.GroupRules)
		}
	}
	return pr, nil
}

// gone returns the findings of the units of roots that a run with an
// edit (after) no longer reports.
func (p *prover) gone(after *driver.Result, roots map[string]bool) map[identity]bool {
	now := identities(within(after, roots))
	out := map[identity]bool{}
	for id := range identities(within(p.res, roots)) {
		if !now[id] {
			out[id] = true
		}
	}
	return out
}

// rootedGroup is a group with the unit it is read in.
type rootedGroup struct {
	driver.GroupRules
	root string
}

// changedGroups returns the groups of the units of roots (all, when nil)
// whose rules differ between two runs, or that one of them does not have.
func changedGroups(before, after []driver.Footprint, roots map[string]bool) []rootedGroup {
	rules := func(fps []driver.Footprint) map[groupKey]rootedGroup {
		out := map[groupKey]rootedGroup{}
		for _, fp := range fps {
			if roots != nil && !roots[fp.Root] {
				continue
			}
			for _, g := range fp.Groups {
				out[groupKey{fp.Root, g.Resource.Address}] = rootedGroup{g, fp.Root}
			}
		}
		return out
	}
	was, now := rules(before), rules(after)
	var out []rootedGroup
	for key, g := range was {
		if n, ok := now[key]; !ok || n.Rules != g.Rules {
			out = append(out, g)
		}
	}
	for key, g := range now {
		if _, ok := was[key]; !ok {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b rootedGroup) int {
		return strings.Compare(a.root+"\x00"+a.Resource.Address, b.root+"\x00"+b.Resource.Address)
	})
	return out
}

// needs returns, for each group that a repair of a finding of res that is
// not suppressed changes, those findings.
func needs(res *driver.Result) map[groupKey][]identity {
	out := map[groupKey][]identity{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppression != nil {
			continue
		}
		for _, r := range f.Repairs {
			if ins := r.Change.Insert; ins != nil && ins.Group != nil {
				key := groupKey{unitOf(res, f), ins.Group.Resource.Address}
				out[key] = append(out[key], identity{f.Check.ID, f.Fingerprint, f.Level})
			}
		}
	}
	return out
}

// unitOf returns the root of the unit a finding was found in: an
// export's finding lives in its own file (its Root), in the unit of the
// exports.
func unitOf(res *driver.Result, f *driver.Finding) string {
	if f.Root != "" && f.Root == f.Range.Filename && !slices.ContainsFunc(res.Footprints, func(fp driver.Footprint) bool { return fp.Root == f.Root }) {
		return ""
	}
	return f.Root
}

// inPlace writes the repair of c into the target group's own resource,
// away from the value it shares with other groups. ok is false, with why,
// when it cannot be, or when that is the edit c already is.
func (p *prover) inPlace(c candidate) (alt candidate, ok bool, why string) {
	if c.inPlace {
		return c, false, ""
	}
	res, err := edit.Write(c.repair.Change, p.editOptions(true))
	if err != nil {
		return c, false, edit.Reason(err)
	}
	if maps.EqualFunc(res.Files, c.files, bytes.Equal) {
		return c, false, ""
	}
	alt = c
	alt.files, alt.command, alt.export, alt.inPlace = res.Files, res.Command, res.Export, true
	alt.message = repairText(c.repair)
	if res.Where != "" {
		alt.message += "; written " + res.Where
	}
	return alt, true, ""
}

// spilled says why an edit that changes groups that do not need it is
// not offered: which groups, where, and what to do instead.
func (p *prover) spilled(c candidate, pr proof) string {
	need := "which does not need it"
	if len(pr.spills) > 1 {
		need = "which do not need it"
	}
	msg := fmt.Sprintf("the edit of %s would also change %s, %s", strings.Join(slices.Sorted(maps.Keys(c.files)), ", "), groupNames(pr.spills), need)
	if c.repair == nil {
		return msg + ": make the change by hand where only the group that needs it reads it"
	}
	if where, ok := strings.CutPrefix(c.message, repairText(c.repair)+"; written "); ok {
		msg = fmt.Sprintf("the edit %s, would also change %s, %s", where, groupNames(pr.spills), need)
	}
	group := "the group"
	if ins := c.repair.Change.Insert; ins != nil && ins.Group != nil {
		group = "sg " + ins.Group.DisplayName()
	}
	if pr.spillWhy != "" {
		msg += fmt.Sprintf("; nor can it go in the resource of %s alone: %s", group, pr.spillWhy)
	}
	what := "give " + group + " a rule list of its own"
	if slices.ContainsFunc(pr.spills, func(g driver.GroupRules) bool { return len(g.Resource.CallChain) > 0 }) {
		what = "give the module an argument for these rules, set only by the calls that need them"
	}
	return fmt.Sprintf("%s; to repair it, %s, then: %s", msg, what, repairText(c.repair))
}

// groupNames names groups for messages: "sg db (tencentcloud_security_group.db
// at main.tf:19)", each module call they are made through said too.
func groupNames(groups []driver.GroupRules) string {
	var parts []string
	for _, g := range groups {
		at := g.Resource.DeclRange
		text := fmt.Sprintf("sg %s (%s at %s:%d", g.Name, g.Resource.Address, at.Filename, at.Start.Line)
		if len(g.Resource.CallChain) > 0 {
			outer := g.Resource.CallChain[0]
			text += fmt.Sprintf(", called at %s:%d", outer.Filename, outer.Start.Line)
		}
		parts = append(parts, text+")")
	}
	if len(parts) > 3 {
		parts = append(parts[:3:3], fmt.Sprintf("%d more", len(parts)-3))
	}
	return strings.Join(parts, ", ")
}

// run lints paths (nil: those of opts) with files overlaid on the overlay
// of opts, only the units of roots (all when nil).
func (p *prover) run(ctx context.Context, files map[string][]byte, paths []string, roots map[string]bool) (*driver.Result, error) {
	o := p.opts
	o.Overlay = overlay(p.opts, files)
	o.Progress = nil
	o.Jobs = 1
	o.AllGroups = true // the proof compares every group of the units
	o.Keep = nil       // a proof shows no report
	if paths != nil {
		o.Paths = paths
	}
	// The root modules below the folder of one are walked again, but not
	// evaluated: the proof compares only the units of roots.
	o.Roots = roots
	res, err := driver.Run(ctx, o)
	if err != nil {
		return nil, fmt.Errorf("prove a fix: %w", err)
	}
	return res, nil
}

// keptRuns is how many lints with an edit a prover keeps: the findings
// that one edit repairs have the same proof, and combining their fixes
// (together) makes it again; each kept lint holds the files it read.
const keptRuns = 16

// keptRun is a lint with an edit that a prover keeps.
type keptRun struct {
	files map[string][]byte
	paths []string
	roots map[string]bool
	once  sync.Once
	res   *driver.Result
	err   error
}

// lint is run, made once for the same files, paths and roots while the
// prover keeps it (keptRuns): a lint depends on nothing else. Its result
// is shared, and read only.
func (p *prover) lint(ctx context.Context, files map[string][]byte, paths []string, roots map[string]bool) (*driver.Result, error) {
	p.mu.Lock()
	i := slices.IndexFunc(p.runs, func(r *keptRun) bool {
		return slices.Equal(r.paths, paths) && (r.roots == nil) == (roots == nil) && maps.Equal(r.roots, roots) &&
			maps.EqualFunc(r.files, files, bytes.Equal)
	})
	var r *keptRun
	if i >= 0 {
		r = p.runs[i]
		p.runs = slices.Delete(p.runs, i, i+1)
	} else {
		r = &keptRun{files: maps.Clone(files), paths: paths, roots: roots}
		if len(p.runs) == keptRuns {
			p.runs = slices.Delete(p.runs, 0, 1)
		}
	}
	p.runs = append(p.runs, r) // the most recent last
	p.mu.Unlock()
	r.once.Do(func() { r.res, r.err = p.run(ctx, r.files, r.paths, r.roots) })
	return r.res, r.err
}

// scope returns the paths to lint again to prove an edit of files, and the
// roots of the units whose findings it can change: the Terraform root
// modules that read an edited file (or hold it in their folder), the
// templates edited, the exports. Nil, nil means every path and unit: when
// a file was named on the command line, which changes which findings are
// shown, the run is made as it was.
func (p *prover) scope(files map[string][]byte) (paths []string, roots map[string]bool) {
	for _, arg := range p.opts.Paths {
		if info, err := os.Stat(absPath(p.opts.Dir, arg)); err != nil || !info.IsDir() {
			return nil, nil
		}
	}
	roots = map[string]bool{}
	for _, u := range p.res.Footprints {
		touched := slices.ContainsFunc(u.Resources, func(r model.Resource) bool {
			_, ok := files[r.Range.Filename]
			return ok
		})
		for name := range files {
			touched = touched || u.Root != "" && (name == u.Root || path.Dir(name) == u.Root)
		}
		if !touched {
			continue
		}
		roots[u.Root] = true
		paths = append(paths, unitPaths(u)...)
	}
	if len(paths) == 0 {
		return nil, nil
	}
	slices.Sort(paths)
	return slices.Compact(paths), roots
}

// unitPaths returns the paths that lint unit u again: its root module's
// folder or its template, or, for the exports, their files.
func unitPaths(u driver.Footprint) []string {
	if u.Root != "" {
		return []string{u.Root}
	}
	var own []string
	for _, r := range u.Resources {
		if r.Range.Filename != "" && !slices.Contains(own, r.Range.Filename) {
			own = append(own, r.Range.Filename)
		}
	}
	return own
}

// footprints returns the footprints of the units of roots (all, when
// nil) before any edit, each with its groups. The lint builds the groups
// only of the units with a fix to prove (driver.Options.AllGroups); those
// of a unit an edit reaches through a shared file come from linting that
// unit again, as it is, once for all proofs.
func (p *prover) footprints(ctx context.Context, roots map[string]bool) ([]driver.Footprint, error) {
	var out []driver.Footprint
	for _, u := range p.res.Footprints {
		if roots != nil && !roots[u.Root] {
			continue
		}
		if !u.HasGroups {
			key, paths := u.Root, unitPaths(u)
			if roots == nil {
				// The proofs lint every path again: so is this lint.
				key, paths = "\x00all", nil
			}
			again, err := p.again(ctx, key, paths)
			if err != nil {
				return nil, err
			}
			i := slices.IndexFunc(again.Footprints, func(fp driver.Footprint) bool { return fp.Root == u.Root })
			if i < 0 {
				return nil, fmt.Errorf("prove a fix: the lint again of %s has no unit %q", strings.Join(paths, ", "), u.Root)
			}
			u = again.Footprints[i]
		}
		out = append(out, u)
	}
	return out, nil
}

// again lints paths (nil: those of the run) again, as they are, once per
// key for all the proofs of p.
func (p *prover) again(ctx context.Context, key string, paths []string) (*driver.Result, error) {
	p.mu.Lock()
	if p.relints == nil {
		p.relints = map[string]*relint{}
	}
	r := p.relints[key]
	if r == nil {
		r = &relint{}
		p.relints[key] = r
	}
	p.mu.Unlock()
	var roots map[string]bool
	if paths != nil {
		roots = map[string]bool{key: true} // the one unit asked for
	}
	r.once.Do(func() { r.res, r.err = p.run(ctx, nil, paths, roots) })
	return r.res, r.err
}

// relint is one lint again of files as they are (prover.again).
type relint struct {
	once sync.Once
	res  *driver.Result
	err  error
}

// within returns res with only the findings of the units of roots (all of
// them when roots is nil).
func within(res *driver.Result, roots map[string]bool) *driver.Result {
	if roots == nil {
		return res
	}
	out := *res
	out.Findings = nil
	for _, f := range res.Findings {
		root := f.Root
		if root == f.Range.Filename && !roots[root] {
			root = "" // an export's finding lives in its own file
		}
		if roots[root] {
			out.Findings = append(out.Findings, f)
		}
	}
	return &out
}

// overlay returns the overlay of opts with files (by the names the driver
// shows) on top.
func overlay(opts driver.Options, files map[string][]byte) map[string][]byte {
	out := maps.Clone(opts.Overlay)
	if out == nil {
		out = map[string][]byte{}
	}
	for name, src := range files {
		out[absPath(opts.Dir, name)] = src
	}
	return out
}

// absPath returns the path of a file the driver names, as the overlay
// keys it.
func absPath(dir, name string) string {
	p := filepath.FromSlash(name)
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	return filepath.Clean(p)
}

// verdict compares a run with an edit (after) to the run before it: ""
// when target is gone and nothing is new.
func verdict(before, after *driver.Result, target *driver.Finding, known knownFindings) string {
	had := map[string]bool{}
	for _, e := range before.Errors {
		had[e.Error()] = true
	}
	for _, e := range after.Errors {
		if !had[e.Error()] {
			return "the edited files would not read: " + e.Error()
		}
	}
	for i := range after.Findings {
		f := &after.Findings[i]
		if f.Check.ID == target.Check.ID && f.Fingerprint == target.Fingerprint {
			return "the finding would remain: " + f.Message
		}
	}
	for i := range after.Findings {
		f := &after.Findings[i]
		if !known.has(f) {
			return fmt.Sprintf("it would add %s %s at %s: %s", article(f.Level.String()), f.Check.ID, f.Range, f.Message)
		}
	}
	return ""
}

// article returns a word with its indefinite article: "an error".
func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

// applyEdits returns the files that edits change, with the edits made.
// Every edit must still find its Old text at its place.
func applyEdits(sources map[string][]byte, edits []analysis.TextEdit) (map[string][]byte, error) {
	byFile := map[string][]analysis.TextEdit{}
	for _, e := range edits {
		byFile[e.Range.Filename] = append(byFile[e.Range.Filename], e)
	}
	out := map[string][]byte{}
	for name, es := range byFile {
		src, ok := sources[name]
		if !ok {
			return nil, fmt.Errorf("%s was not read", name)
		}
		slices.SortFunc(es, func(a, b analysis.TextEdit) int {
			return model.Offset(src, b.Range.Start) - model.Offset(src, a.Range.Start)
		})
		cur := slices.Clone(src)
		for _, e := range es {
			from, to := model.Offset(src, e.Range.Start), model.Offset(src, e.Range.End)
			if from < 0 || to < from || string(src[from:to]) != e.Old {
				return nil, fmt.Errorf("%s: the text to replace is not there", e.Range)
			}
			cur = append(cur[:from:from], append([]byte(e.NewText), cur[to:]...)...)
		}
		out[name] = cur
	}
	return out, nil
}

// textEdits returns the edits that turn each file of sources into its new
// content in files, whole lines at a time, files in name order.
func textEdits(sources, files map[string][]byte) []analysis.TextEdit {
	var out []analysis.TextEdit
	for _, name := range slices.Sorted(maps.Keys(files)) {
		old := sources[name]
		edits := lineEdits(string(old), string(files[name]))
		for i, e := range edits {
			if e.Start == len(old) && e.End == len(old) && len(old) > 0 && old[len(old)-1] == '\n' {
				// After the last line break is no line: the text goes at
				// the end of the last line, with the break before it (in
				// the edit before, when that one ends there: two edits at
				// one place could be made in either order).
				tail := "\n" + strings.TrimSuffix(e.New, "\n")
				if i > 0 && edits[i-1].End == len(old)-1 {
					out[len(out)-1].NewText += tail
					continue
				}
				e.Start, e.End, e.New = len(old)-1, len(old)-1, tail
			}
			out = append(out, analysis.TextEdit{
				Range:   model.Range{Filename: name, Start: model.PosAt(old, e.Start), End: model.PosAt(old, e.End)},
				Old:     string(old[e.Start:e.End]),
				NewText: e.New,
			})
		}
	}
	return out
}

// lineEdits returns the edits of whole lines from old to cur, each
// insertion slid down (slideDown).
func lineEdits(old, cur string) []udiff.Edit {
	edits := udiff.Lines(old, cur)
	for i := range edits {
		next := len(old)
		if i+1 < len(edits) {
			next = edits[i+1].Start
		}
		edits[i] = slideDown([]byte(old), edits[i], next)
	}
	return edits
}

// slideDown moves an insertion of whole lines down past the lines of old
// that it starts with, as far as the next edit (at next), as git's diff
// does: a rule block inserted above a DROP is shown as the block, above
// the DROP's own lines, and not as the end of the block before it followed
// by a new block without its end.
func slideDown(old []byte, e udiff.Edit, next int) udiff.Edit {
	if e.Start != e.End || !strings.HasSuffix(e.New, "\n") || e.Start > 0 && old[e.Start-1] != '\n' {
		return e
	}
	for {
		first := e.New[:strings.IndexByte(e.New, '\n')+1]
		if e.Start+len(first) >= next || !bytes.HasPrefix(old[e.Start:], []byte(first)) {
			return e
		}
		e.Start += len(first)
		e.End = e.Start
		e.New = e.New[len(first):] + first
	}
}

// moduleCall matches the header of a module block: its name.
var moduleCall = regexp.MustCompile(`^\s*module\s+"([^"]+)"`)

// alsoChanged says which groups other than its target an edit changes
// (each needs it: the edit repairs one of its findings too). An edit of a
// module that several calls evaluate names the calls instead.
func (p *prover) alsoChanged(c candidate, also []driver.GroupRules) string {
	if len(also) == 0 {
		return ""
	}
	if calls := p.callers(c); calls != "" {
		return calls
	}
	return fmt.Sprintf("; this also changes %s, whose finding%s it repairs too", groupNames(also), plural(len(also)))
}

// plural returns "s" for a count other than one.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// callers says which module calls an edit of a module that is called
// from elsewhere affects: every call that evaluates a resource of an
// edited file.
func (p *prover) callers(c candidate) string {
	var calls []string
	for _, u := range p.res.Footprints {
		for _, r := range u.Resources {
			if _, edited := c.files[r.Range.Filename]; !edited || len(r.CallChain) == 0 {
				continue
			}
			var names []string
			for _, call := range r.CallChain {
				name := "module.?"
				if m := moduleCall.FindSubmatch(lineOf(p.res.Sources[call.Filename], call.Start.Line)); m != nil {
					name = "module." + string(m[1])
				}
				names = append(names, name)
			}
			outer := r.CallChain[0]
			if text := fmt.Sprintf("%s (%s:%d)", strings.Join(names, "."), outer.Filename, outer.Start.Line); !slices.Contains(calls, text) {
				calls = append(calls, text)
			}
		}
	}
	if len(calls) < 2 {
		return ""
	}
	slices.Sort(calls)
	return fmt.Sprintf("; this edits a module that %d calls evaluate, and changes all of them: %s", len(calls), strings.Join(calls, ", "))
}

// lineOf returns line n (1-based) of src.
func lineOf(src []byte, n int) []byte {
	off := model.Offset(src, model.Pos{Line: n, Column: 1, Byte: -1})
	if off < 0 {
		return nil
	}
	line, _, _ := bytes.Cut(src[off:], []byte("\n"))
	return line
}
