package terraform

import (
	"context"
	"fmt"
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
	// modules caches parsed folders; a nil module is a folder that could
	// not be read. byFile gives the module of each of their files, for
	// the ranges of blocks.
	modules cache[*module]
	byFile  sync.Map
	// manifests caches .terraform/modules/modules.json per root folder,
	// varFiles the assignments of each tfvars file, workspaces
	// terraform.workspace per root folder.
	manifests  cache[*manifest]
	varFiles   cache[map[string]givenValue]
	workspaces cache[string]

	// mu guards what follows.
	mu   sync.Mutex
	errs []*model.Error
	// loaded lists the files read through opts.Reader, by folder.
	loaded map[string][]File
	// users counts, for each folder of the tree, the root modules not yet
	// evaluated that may call it: its module is dropped at zero.
	users map[string]int
}

func newTree(ctx context.Context, files []File, opts Options) *tree {
	t := &tree{
		ctx:    ctx,
		opts:   opts,
		pos:    newPositions(files),
		byDir:  map[string][]File{},
		loaded: map[string][]File{},
		funcs:  functions(),
		users:  map[string]int{},
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
	t.mu.Lock()
	t.errs = append(t.errs, errs...)
	t.mu.Unlock()
}

func (t *tree) addDiags(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		file := ""
		if d.Subject != nil {
			file = d.Subject.Filename
		}
		t.report(t.pos.errorFromDiag(d, file))
	}
}

func (t *tree) errorf(r hcl.Range, summary, format string, args ...any) {
	t.report(&model.Error{Range: t.pos.rng(r), Summary: summary, Detail: fmt.Sprintf(format, args...)})
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
// Every configuration file is parsed first, several at once; then the root
// modules are evaluated several at once (Options.Jobs), each handed to
// Options.Visit as soon as it is done, and a module is dropped once no root
// left to evaluate calls it. The result never depends on scheduling.
//
// ParseTree never panics: a panic while reading one unit is recovered and
// reported as an error on the unit's folder, and the other units are still
// read. Errors are sorted by location.
func ParseTree(ctx context.Context, files []File, opts Options) ([]Unit, []*model.Error) {
	t := newTree(ctx, files, opts)
	var (
		confDirs []string
		plans    []File
	)
	for dir, fs := range t.byDir {
		for _, f := range fs {
			switch {
			case isConfigFile(f.Path):
				confDirs = append(confDirs, dir)
			case isPlanPath(f.Path) && IsPlan(f.Src):
				plans = append(plans, f)
			}
		}
	}
	confDirs = sortedUnique(confDirs)
	slices.SortFunc(plans, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	t.parseModules(confDirs)
	roots, edges := t.roots(confDirs)
	attached := t.attachPlans(roots, plans)
	notes := t.undeclaredArgs(roots)

	// Each root module, and each plan read without its configuration, is
	// evaluated on its own, several at once, into its own slot.
	type job struct {
		dir   string
		plans []File
		plan  *File
	}
	var jobs []job
	for _, dir := range roots {
		jobs = append(jobs, job{dir: dir, plans: attached[dir]})
	}
	for _, p := range plans {
		if !attached.has(p.Path) {
			jobs = append(jobs, job{dir: p.Path, plan: &p})
		}
	}
	slices.SortStableFunc(jobs, func(a, b job) int { return strings.Compare(a.dir, b.dir) })
	t.countUsers(roots, edges)
	slots := make([]*Unit, len(jobs))
	parallel.ForEach(ctx, len(jobs), parallel.Workers(opts.Jobs), func(i int) {
		j := jobs[i]
		var (
			u  Unit
			ok bool
		)
		if j.plan != nil {
			u, ok = t.planUnitGuarded(*j.plan)
		} else {
			u, ok = t.unitGuarded(j.dir, j.plans)
			t.release(j.dir, edges)
		}
		if !ok {
			return
		}
		if opts.Visit != nil {
			opts.Visit(&u)
		}
		slots[i] = &u
	})
	var units []Unit
	for i, u := range slots {
		switch {
		case u != nil:
			units = append(units, *u)
		case ctx.Err() != nil:
			t.report(&model.Error{Range: model.Range{Filename: jobs[i].dir}, Summary: "not read", Detail: fmt.Sprintf("reading stopped: %v", ctx.Err())})
		}
	}
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

// unitGuarded evaluates one root module, turning a panic into an error.
func (t *tree) unitGuarded(dir string, plans []File) (u Unit, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			t.report(&model.Error{
				Range:   model.Range{Filename: dir},
				Summary: "internal error",
				Detail:  fmt.Sprintf("The Terraform parser failed on this module: %v.", r),
			})
			ok = false
		}
	}()
	if err := t.ctx.Err(); err != nil {
		return Unit{}, false
	}
	m := t.module(dir)
	if m == nil {
		return Unit{}, false
	}
	in, loaded := t.evaluate(m, plans)
	return Unit{Dir: dir, Input: in, Loaded: t.loadedFiles(loaded)}, true
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
		if m := t.modules.drop(d); m != nil {
			for _, f := range m.files {
				t.byFile.Delete(f)
			}
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
		m := t.module(d)
		if m == nil {
			continue
		}
		for _, name := range m.callOrder {
			c := m.calls[name]
			if !isLocalSource(c.source) {
				continue
			}
			target := joinDir(d, c.source)
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

// isConfigFile reports whether a file is a Terraform configuration file.
func isConfigFile(p string) bool {
	return strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tf.json")
}

// isPlanPath reports whether a file may be a plan: JSON that is neither
// configuration nor variables.
func isPlanPath(p string) bool {
	return strings.HasSuffix(p, ".json") && !strings.HasSuffix(p, ".tf.json") && !strings.HasSuffix(p, ".tfvars.json")
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
