package terraform

import (
	"context"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tkesglint/tkesglint/internal/parallel"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// tree is the state of one call of ParseTree: every folder read, and the
// errors found. Root modules are evaluated several at once: what they share
// is read once, through caches, and guarded.
type tree struct {
	ctx  context.Context
	opts Options
	pos  *positions
	// byDir holds the files handed over, by folder; funcs are the
	// functions of expressions. Neither changes after newTree.
	byDir map[string][]File
	funcs map[string]function.Function
	// cacheRun is the number of this run in opts.Cache.
	cacheRun int
	// modules caches the folders read; byFile gives the module of each of
	// their files, for the ranges of blocks.
	modules cache[moduleResult]
	byFile  sync.Map
	// manifests caches .terraform/modules/modules.json per root folder,
	// varFiles the assignments of each tfvars file, workspaces
	// terraform.workspace per root folder.
	manifests  cache[manifestResult]
	varFiles   cache[varFile]
	workspaces cache[string]

	// mu guards what follows.
	mu   sync.Mutex
	errs []*model.Error
	// loaded lists the files read through opts.Reader, by folder.
	loaded map[string][]File
	// shapes holds what root discovery needs of each folder handed over,
	// kept when its module is dropped.
	shapes map[string]*shape
	// users counts, for each folder of the tree, the root modules not yet
	// evaluated that may call it: its module is dropped at zero.
	users map[string]int
}

// shape is what root discovery needs of a module: the folders its local
// module calls name, and the variables it declares.
type shape struct {
	calls     []string
	variables []string
}

func newTree(ctx context.Context, files []File, opts Options) *tree {
	t := &tree{
		ctx:    ctx,
		opts:   opts,
		pos:    newPositions(files),
		byDir:  map[string][]File{},
		loaded: map[string][]File{},
		funcs:  functions(),
		shapes: map[string]*shape{},
		users:  map[string]int{},
	}
	if opts.Cache != nil {
		t.cacheRun = opts.Cache.begin()
	}
	for _, f := range files {
		dir := path.Dir(f.Path)
		t.byDir[dir] = append(t.byDir[dir], f)
	}
	for _, fs := range t.byDir {
		slices.SortFunc(fs, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	}
	return t
}

// report records errors of the tree.
func (t *tree) report(errs ...*model.Error) {
	if len(errs) == 0 {
		return
	}
	t.mu.Lock()
	t.errs = append(t.errs, errs...)
	t.mu.Unlock()
}

// errorsOf appends the errors of diags to errs.
func (t *tree) errorsOf(errs []*model.Error, diags hcl.Diagnostics) []*model.Error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		file := ""
		if d.Subject != nil {
			file = d.Subject.Filename
		}
		errs = append(errs, t.pos.errorFromDiag(d, file))
	}
	return errs
}

// ParseTree reads every Terraform file of a scanned tree and evaluates each
// root module with the modules it calls. files holds the .tf, .tf.json,
// .tfvars, .tfvars.json and plan JSON files the walk found (paths
// slash-separated, as shown in messages); folders it does not hold are read
// through opts.Reader when a module block calls them.
//
// Every folder with .tf or .tf.json files is a root module, except one that
// another module of the tree calls as a local module: it is evaluated
// through its calls. A plan (`terraform show -json`) in the folder of a root
// module, or in one of its subfolders, gives the values of the resources it
// holds and the .tf files their locations; any other plan is a unit of its
// own. Units come in the order of their folders.
//
// Folders are read several at once (Options.Jobs), each parsed once, and so
// that the syntax trees of a large tree are never all in memory: a folder
// that no module source of the tree names (a scan of the files for
// `source = "./…"` tells) is evaluated as a root module as soon as it is
// parsed, handed to Options.Visit and dropped. The others are kept until
// every folder is parsed and the root modules are known; the roots among
// them are evaluated then, each module dropped once no root left calls it.
// A folder evaluated early that a module block turns out to call after all
// is left out. The result never depends on scheduling.
//
// ParseTree never panics: a panic while reading one unit is recovered and
// reported as an error on the unit's folder, and the other units are still
// read. Errors are sorted by location.
func ParseTree(ctx context.Context, files []File, opts Options) ([]Unit, []*model.Error) {
	t := newTree(ctx, files, opts)
	confDirs, plans := t.inputs()
	held := t.held(confDirs, plans)
	jobs := parallel.Workers(opts.Jobs)

	// Every folder is parsed; those not held are evaluated at once.
	early := make([]*rootResult, len(confDirs))
	parallel.ForEach(ctx, len(confDirs), jobs, func(i int) { early[i] = t.readEarly(confDirs[i], held[confDirs[i]]) })

	// The root modules are known now: the held ones are evaluated, and the
	// plans read without their configuration.
	roots, edges := t.roots(confDirs)
	attached := t.attachPlans(roots, plans)
	notes := t.undeclaredArgs(roots)
	isRoot := map[string]bool{}
	for _, r := range roots {
		isRoot[r] = true
	}
	done := map[string]*rootResult{}
	for i, dir := range confDirs {
		if early[i] != nil && isRoot[dir] {
			done[dir] = early[i]
		}
	}
	type job struct {
		dir   string
		plans []File
		plan  *File
	}
	var late []job
	var lateRoots []string
	for _, dir := range roots {
		if done[dir] == nil && t.wanted(dir) {
			late = append(late, job{dir: dir, plans: attached[dir]})
			lateRoots = append(lateRoots, dir)
		}
	}
	for _, p := range plans {
		if !attached.has(p.Path) && t.wanted(p.Path) {
			late = append(late, job{dir: p.Path, plan: &p})
		}
	}
	t.countUsers(lateRoots, edges)
	for _, dir := range confDirs {
		if t.users[dir] == 0 {
			t.drop(dir)
		}
	}
	lateOut := make([]*rootResult, len(late))
	parallel.ForEach(ctx, len(late), jobs, func(i int) {
		j := late[i]
		if j.plan != nil {
			lateOut[i] = t.planUnitGuarded(*j.plan)
			return
		}
		lateOut[i] = t.evaluateRoot(j.dir, j.plans)
		t.release(j.dir, edges)
	})
	for i, j := range late {
		done[j.dir] = lateOut[i]
	}

	units := t.units(done, roots)
	if len(notes) > 0 && len(units) > 0 {
		// The command line belongs to no one root: its notes go with the
		// first.
		if units[0].Input == nil {
			units[0].Input = &model.Input{}
		}
		units[0].Input.Notes = append(notes, units[0].Input.Notes...)
	}
	return units, model.SortErrors(t.errs)
}

// readEarly parses the folder dir and, unless a module source may name it
// (held), evaluates it as a root module at once and drops it.
func (t *tree) readEarly(dir string, held bool) *rootResult {
	if !held && !t.wanted(dir) {
		// No module source names it: a root module, not asked for.
		return nil
	}
	r := t.loadModule(dir)
	t.report(r.errs...)
	if held || r.m == nil {
		return nil
	}
	var e *rootResult
	if t.wanted(dir) {
		e = t.evaluateRoot(dir, nil)
	}
	t.drop(dir)
	return e
}

// wanted reports whether the unit of a root module's folder, or of a plan
// of its own, is evaluated (Options.Roots).
func (t *tree) wanted(root string) bool {
	return t.opts.Roots == nil || t.opts.Roots(root)
}

// inputs returns the folders of the tree that hold configuration files,
// and its plans, both sorted.
func (t *tree) inputs() (confDirs []string, plans []File) {
	for dir, fs := range t.byDir {
		for _, f := range fs {
			switch {
			case KindOf(f.Path).Config():
				confDirs = append(confDirs, dir)
			case MayBePlan(f.Path) && IsPlan(f.Src):
				plans = append(plans, f)
			}
		}
	}
	slices.SortFunc(plans, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return sortedUnique(confDirs), plans
}

// units returns the units evaluated, in the order of their folders, and
// reports their errors; a root module left unevaluated because the run
// was canceled is an error.
func (t *tree) units(done map[string]*rootResult, roots []string) []Unit {
	keys := slices.Collect(maps.Keys(done))
	for _, r := range roots {
		if done[r] == nil {
			keys = append(keys, r)
		}
	}
	slices.Sort(keys)
	var units []Unit
	for _, k := range slices.Compact(keys) {
		e := done[k]
		switch {
		case e == nil:
			if err := t.ctx.Err(); err != nil {
				t.report(&model.Error{Range: model.Range{Filename: k}, Summary: "not read", Detail: fmt.Sprintf("reading stopped: %v", err)})
			}
			continue
		case e.unit != nil:
			units = append(units, *e.unit)
		}
		t.report(e.errs...)
	}
	return units
}

// rootResult is one unit evaluated, with the errors found, which are the
// tree's only if the unit is kept.
type rootResult struct {
	unit *Unit
	errs []*model.Error
}

// held returns the folders that are not evaluated as soon as they are
// parsed: those that a module source of the tree may name, and those a
// plan may belong to (the folder of a plan and the folders above it).
func (t *tree) held(dirs []string, plans []File) map[string]bool {
	out := map[string]bool{}
	for _, d := range dirs {
		for _, f := range t.byDir[d] {
			if KindOf(f.Path).Config() {
				for _, src := range scanSources(f.Src) {
					out[joinDir(d, src)] = true
				}
			}
		}
	}
	for _, p := range plans {
		for dir := path.Dir(p.Path); ; dir = path.Dir(dir) {
			out[dir] = true
			if dir == "." || dir == "/" || dir == path.Dir(dir) {
				break
			}
		}
	}
	return out
}

// evaluateRoot evaluates the root module in dir and hands the unit to
// opts.Visit, turning a panic into an error.
func (t *tree) evaluateRoot(dir string, plans []File) (e *rootResult) {
	e = &rootResult{}
	defer func() {
		if r := recover(); r != nil {
			e.unit = nil
			e.errs = append(e.errs, &model.Error{
				Range:   model.Range{Filename: dir},
				Summary: "internal error",
				Detail:  fmt.Sprintf("The Terraform parser failed on this module: %v.", r),
			})
		}
	}()
	if err := t.ctx.Err(); err != nil {
		return nil
	}
	m := t.module(dir)
	if m == nil {
		return e
	}
	in, loaded, errs := t.evaluate(m, plans)
	if err := t.ctx.Err(); err != nil {
		// Canceled while evaluating: the unit may be incomplete.
		return nil
	}
	e.errs = errs
	u := Unit{Dir: dir, Input: in, Loaded: t.loadedFiles(loaded)}
	if t.opts.Visit != nil {
		t.opts.Visit(&u)
	}
	e.unit = &u
	return e
}

// loadedFiles returns the files read through the Reader in the folders
// dirs.
func (t *tree) loadedFiles(dirs map[string]bool) []File {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []File
	for dir := range dirs {
		out = append(out, t.loaded[dir]...)
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// countUsers counts, for each folder of the tree, the root modules that
// reach it through local module calls.
func (t *tree) countUsers(roots []string, edges map[string][]string) {
	for _, r := range roots {
		for d := range reach(r, edges) {
			t.users[d]++
		}
	}
}

// release is called once root module root is evaluated: the modules that
// no root module left to evaluate may call are dropped, so that their
// syntax trees are freed. A module that some root reaches in a way the
// local calls do not show (through modules.json) is read again if needed.
func (t *tree) release(root string, edges map[string][]string) {
	var done []string
	t.mu.Lock()
	for d := range reach(root, edges) {
		t.users[d]--
		if t.users[d] == 0 {
			done = append(done, d)
		}
	}
	t.mu.Unlock()
	for _, d := range done {
		t.drop(d)
	}
}

// drop forgets the module of folder dir, so that it can be freed.
func (t *tree) drop(dir string) {
	if m := t.modules.drop(dir).m; m != nil {
		for _, f := range m.files {
			t.byFile.CompareAndDelete(f, m)
		}
	}
}

// reach returns the folders that the module in dir calls through local
// module calls, directly or not, dir included.
func reach(dir string, edges map[string][]string) map[string]bool {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(d string) {
		if seen[d] {
			return
		}
		seen[d] = true
		for _, n := range edges[d] {
			visit(n)
		}
	}
	visit(dir)
	return seen
}

// roots returns the folders that are root modules: those no other module
// of the tree calls as a local module. A folder reached only through a
// cycle of calls becomes a root too, so that the cycle is reported.
func (t *tree) roots(dirs []string) (roots []string, edges map[string][]string) {
	called := map[string]bool{}
	edges = map[string][]string{}
	scanned := map[string]bool{}
	for _, d := range dirs {
		scanned[d] = true
	}
	for _, d := range dirs {
		sh := t.shapes[d]
		if sh == nil {
			continue
		}
		for _, target := range sh.calls {
			if target != d && scanned[target] {
				called[target] = true
				edges[d] = append(edges[d], target)
			}
		}
	}
	reached := map[string]bool{}
	var visit func(string)
	visit = func(d string) {
		if reached[d] {
			return
		}
		reached[d] = true
		for _, n := range edges[d] {
			visit(n)
		}
	}
	for _, d := range dirs {
		if !called[d] {
			roots = append(roots, d)
			visit(d)
		}
	}
	for _, d := range dirs {
		if !reached[d] {
			roots = append(roots, d)
			visit(d)
		}
	}
	slices.Sort(roots)
	return roots, edges
}

// isLocalSource reports whether a module source is a local path.
func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || src == "." || src == ".."
}

// joinDir resolves a relative module source against the folder of its
// caller.
func joinDir(dir, rel string) string { return path.Clean(path.Join(dir, rel)) }

func sortedUnique(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}
