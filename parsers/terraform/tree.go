package terraform

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// tree is the state of one call of ParseTree: every folder read, and the
// errors found.
type tree struct {
	ctx  context.Context
	opts Options
	pos  *positions
	errs []*model.Error
	// byDir holds the files handed over, by folder.
	byDir map[string][]File
	// modules caches parsed folders; a nil entry is a folder that could not
	// be read.
	modules map[string]*module
	// loaded lists the files read through opts.Reader, by folder.
	loaded map[string][]File
	// manifests caches .terraform/modules/modules.json per root folder.
	manifests map[string]*manifest
	// blockRanges maps the header range of every native-syntax block to
	// its whole range; contentRanges maps the header range of every
	// dynamic block to the range of its content block.
	blockRanges   map[hcl.Range]hcl.Range
	contentRanges map[hcl.Range]hcl.Range
	funcs         map[string]function.Function
	// varFiles caches the assignments of each tfvars file.
	varFiles map[string]map[string]givenValue
	// workspaces caches terraform.workspace per root folder.
	workspaces map[string]string
}

func newTree(ctx context.Context, files []File, opts Options) *tree {
	t := &tree{
		ctx:           ctx,
		opts:          opts,
		pos:           newPositions(files),
		byDir:         map[string][]File{},
		modules:       map[string]*module{},
		workspaces:    map[string]string{},
		loaded:        map[string][]File{},
		manifests:     map[string]*manifest{},
		blockRanges:   map[hcl.Range]hcl.Range{},
		contentRanges: map[hcl.Range]hcl.Range{},
		funcs:         functions(),
		varFiles:      map[string]map[string]givenValue{},
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

func (t *tree) addDiags(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		file := ""
		if d.Subject != nil {
			file = d.Subject.Filename
		}
		t.errs = append(t.errs, t.pos.errorFromDiag(d, file))
	}
}

func (t *tree) errorf(r hcl.Range, summary, format string, args ...any) {
	t.errs = append(t.errs, &model.Error{Range: t.pos.rng(r), Summary: summary, Detail: fmt.Sprintf(format, args...)})
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
			case KindOf(f.Path).Config():
				confDirs = append(confDirs, dir)
			case MayBePlan(f.Path) && IsPlan(f.Src):
				plans = append(plans, f)
			}
		}
	}
	confDirs = sortedUnique(confDirs)
	slices.SortFunc(plans, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	roots := t.roots(confDirs)
	attached := t.attachPlans(roots, plans)

	var units []Unit
	for _, dir := range roots {
		if err := ctx.Err(); err != nil {
			t.errs = append(t.errs, &model.Error{Range: model.Range{Filename: dir}, Summary: "not read", Detail: fmt.Sprintf("reading stopped: %v", err)})
			continue
		}
		if u, ok := t.unitGuarded(dir, attached[dir]); ok {
			units = append(units, u)
		}
	}
	for _, p := range plans {
		if !attached.has(p.Path) {
			if u, ok := t.planUnitGuarded(p); ok {
				units = append(units, u)
			}
		}
	}
	slices.SortStableFunc(units, func(a, b Unit) int { return strings.Compare(a.Dir, b.Dir) })
	if notes := t.undeclaredArgs(roots); len(notes) > 0 && len(units) > 0 {
		// The command line belongs to no one root: its notes go with the first.
		units[0].Input.Notes = append(notes, units[0].Input.Notes...)
	}
	return units, model.SortErrors(t.errs)
}

// unitGuarded evaluates one root module, turning a panic into an error.
func (t *tree) unitGuarded(dir string, plans []File) (u Unit, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			t.errs = append(t.errs, &model.Error{
				Range:   model.Range{Filename: dir},
				Summary: "internal error",
				Detail:  fmt.Sprintf("The Terraform parser failed on this module: %v.", r),
			})
			ok = false
		}
	}()
	m := t.module(dir)
	if m == nil {
		return Unit{}, false
	}
	in := t.evaluate(m, plans)
	return Unit{Dir: dir, Input: in, Loaded: t.loadedFiles()}, true
}

// loadedFiles returns the files read through the Reader so far.
func (t *tree) loadedFiles() []File {
	var out []File
	for _, fs := range t.loaded {
		out = append(out, fs...)
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// roots returns the folders that are root modules: those no other module
// of the tree calls as a local module. A folder reached only through a
// cycle of calls becomes a root too, so that the cycle is reported.
func (t *tree) roots(dirs []string) []string {
	called := map[string]bool{}
	edges := map[string][]string{}
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
	var roots []string
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
	return roots
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
