package inputs

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/tkesglint/tkesglint/internal/parallel"
	"github.com/tkesglint/tkesglint/parsers/export"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/template"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// File is one file found: its path as messages show it (slash-separated,
// relative to the working directory) and its content.
type File struct {
	Path string
	Src  []byte
}

// TreeFunc has the shape of terraform.ParseTree.
type TreeFunc func(ctx context.Context, files []terraform.File, opts terraform.Options) ([]terraform.Unit, []*model.Error)

// Options are what reading the files needs besides them.
type Options struct {
	// Terraform are the options of the Terraform parser: variables, the
	// reader of modules outside the files (nil: the disk, relative to the
	// working directory), --var and --var-file.
	Terraform terraform.Options
	// Params are template parameter values (--param, --param-file).
	Params map[string]string
	// Jobs is the number of files parsed at once; 0 means GOMAXPROCS.
	Jobs int
	// ParseTree replaces terraform.ParseTree when not nil: the tests of
	// the command line read Terraform with a fake parser, through the same
	// path otherwise.
	ParseTree TreeFunc
	// Visit, when not nil, is called with each unit as soon as it is read,
	// from several goroutines at once, before Parse returns; what it
	// leaves in the unit is what Result.Units holds. A visitor that is
	// done with a model can drop it (set Input to nil), so that it is freed
	// while the next units are read. Notes that belong to no one root
	// module may be added to the first unit's model after it was visited
	// (see terraform.Options.Visit).
	Visit func(*Unit)
	// Units, when not nil, chooses the units read by their Root: the
	// Terraform root modules it rejects are not evaluated (see
	// terraform.Options.Roots), the templates it rejects are not parsed,
	// nor the exports when it rejects "".
	Units func(root string) bool
}

// Unit is one model that analyzers see on its own.
type Unit struct {
	// Root is where the unit's findings live, for their identity: the
	// root module's folder, or a template's file; empty for the exports,
	// whose findings live in their own files.
	Root  string
	Input *model.Input
	// Loaded lists the files the Terraform parser read through its reader
	// for this unit (modules outside the files given), for excerpts.
	Loaded []terraform.File
}

// Result is what Parse read.
type Result struct {
	// Units are the Terraform units in the order of their folders, then
	// the templates in the order of the files, then the exports merged.
	Units []Unit
	// Used are the paths of the files handed to a parser: the others are
	// not inputs of any kind.
	Used map[string]bool
	// Errors are the located problems of the files; a parser that panics
	// is one of them.
	Errors []*model.Error
}

// Parse reads files, telling each kind by its name and content.
func Parse(ctx context.Context, files []File, opts Options) Result {
	res := Result{Used: map[string]bool{}}
	wanted := func(root string) bool { return opts.Units == nil || opts.Units(root) }
	tf, others := sortKinds(files, wanted, res.Used)
	parseTree := opts.ParseTree
	if parseTree == nil {
		parseTree = terraform.ParseTree
	}
	if opts.Terraform.Reader == nil {
		opts.Terraform.Reader = terraform.OSReader(".")
	}
	if opts.Units != nil && opts.Terraform.Roots == nil {
		opts.Terraform.Roots = opts.Units
	}
	if opts.Terraform.Jobs == 0 {
		opts.Terraform.Jobs = opts.Jobs
	}
	// A replacement of ParseTree may not visit the units it returns: those
	// are visited here.
	var (
		mu      sync.Mutex
		visited = map[string]bool{}
	)
	if opts.Visit != nil {
		opts.Terraform.Visit = func(tu *terraform.Unit) {
			u := Unit{Root: tu.Dir, Input: tu.Input, Loaded: tu.Loaded}
			opts.Visit(&u)
			tu.Input, tu.Loaded = u.Input, u.Loaded
			mu.Lock()
			visited[tu.Dir] = true
			mu.Unlock()
		}
	}
	tfUnits, errs := parseTreeGuarded(ctx, parseTree, tf, opts.Terraform)
	res.Errors = append(res.Errors, errs...)
	var late []int
	for _, u := range tfUnits {
		if !wanted(u.Dir) {
			continue // a replacement of ParseTree may not choose
		}
		if opts.Visit != nil && !visited[u.Dir] {
			late = append(late, len(res.Units))
		}
		res.Units = append(res.Units, Unit{Root: u.Dir, Input: u.Input, Loaded: u.Loaded})
	}
	units, exports, errs := parseOthers(ctx, others, opts)
	for _, path := range exports {
		res.Used[path] = true
	}
	if opts.Visit != nil && len(units) > 0 && units[len(units)-1].Root == "" {
		// The exports merged: each template was visited as it was read.
		late = append(late, len(res.Units)+len(units)-1)
	}
	res.Units = append(res.Units, units...)
	res.Errors = append(res.Errors, errs...)
	if opts.Visit != nil {
		parallel.ForEach(ctx, len(late), parallel.Workers(opts.Jobs), func(i int) { opts.Visit(&res.Units[late[i]]) })
	}
	return res
}

// sortKinds tells the kind of each file by its name and content: the
// files for the Terraform parser, the templates and the JSON files that
// may be exports of the units wanted. It records in used those handed to
// a parser for sure.
func sortKinds(files []File, wanted func(root string) bool, used map[string]bool) (tf []terraform.File, others []other) {
	for _, f := range files {
		switch {
		case isTerraform(f):
			tf = append(tf, terraform.File{Path: f.Path, Src: f.Src})
			used[f.Path] = true
		case template.Detect(f.Src):
			if wanted(f.Path) {
				others = append(others, other{File: f, template: true})
				used[f.Path] = true
			}
		case strings.HasSuffix(f.Path, ".json") && wanted(""):
			// An export or nothing: its parser tells (export.Detect), as it
			// parses one, so that a large export is read once.
			others = append(others, other{File: f})
		}
	}
	return tf, others
}

// isTerraform reports whether a file is for the Terraform parser:
// configuration, variable files, and JSON that is a plan.
func isTerraform(f File) bool {
	return terraform.KindOf(f.Path).InModule() || terraform.MayBePlan(f.Path) && terraform.IsPlan(f.Src)
}

// MayBeInput reports whether a file name may hold an input of some kind:
// a Terraform file by its name; JSON and YAML, whose content decides
// (Parse skips what is of no kind without a word).
func MayBeInput(name string) bool {
	if terraform.KindOf(name).InModule() {
		return true
	}
	for _, ext := range []string{".json", ".yaml", ".yml"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// parseTreeGuarded calls parseTree, which never panics when it is
// terraform.ParseTree, and turns a panic of a replacement into an error.
func parseTreeGuarded(ctx context.Context, parseTree TreeFunc, files []terraform.File, opts terraform.Options) (units []terraform.Unit, errs []*model.Error) {
	defer func() {
		if r := recover(); r != nil {
			units = nil
			errs = append(errs, &model.Error{Range: model.Range{Filename: "."}, Summary: "internal error in the terraform parser", Detail: fmt.Sprint(r)})
		}
	}()
	return parseTree(ctx, files, opts)
}

// other is a file that is a template, or a JSON file that may be an export.
type other struct {
	File
	template bool
}

// parseOthers hands the templates and the JSON files that may be exports to
// their parsers, several at once, and returns the units, the paths of the
// files that were exports, and the errors. Each template is a unit, visited
// as soon as it is read; the exports are merged into one, last, since they
// describe one account.
func parseOthers(ctx context.Context, files []other, opts Options) ([]Unit, []string, []*model.Error) {
	type parsed struct {
		in      *model.Input
		errs    []*model.Error
		export  bool
		visited bool
	}
	// Files are parsed several at once, each into its own slot.
	out := make([]parsed, len(files))
	parallel.ForEach(ctx, len(files), parallel.Workers(opts.Jobs), func(i int) {
		f := files[i]
		if f.template {
			out[i].in, out[i].errs = recovered(f.Path, "template", func() (*model.Input, []*model.Error) {
				return template.Parse(ctx, template.File{Path: f.Path, Src: f.Src}, template.Options{Params: opts.Params})
			})
			if opts.Visit != nil && out[i].in != nil {
				u := Unit{Root: f.Path, Input: out[i].in}
				opts.Visit(&u)
				out[i].in = u.Input
				out[i].visited = true
			}
			return
		}
		// A file whose parser panics is reported as an export.
		out[i].export = true
		out[i].in, out[i].errs = recovered(f.Path, "export", func() (*model.Input, []*model.Error) {
			in, errs, ok := export.ParseIfExport(ctx, export.File{Path: f.Path, Src: f.Src}, opts.Jobs)
			out[i].export = ok
			return in, errs
		})
	})
	var (
		units   []Unit
		errs    []*model.Error
		exports []*model.Input
		used    []string
	)
	for i, p := range out {
		if p.export {
			used = append(used, files[i].Path)
		}
		errs = append(errs, p.errs...)
		switch {
		case p.visited:
			units = append(units, Unit{Root: files[i].Path, Input: p.in})
		case p.in == nil:
		case p.export:
			exports = append(exports, p.in)
		default:
			units = append(units, Unit{Root: files[i].Path, Input: p.in})
		}
	}
	if len(exports) > 0 {
		units = append(units, Unit{Input: export.Merge(exports...)})
	}
	return units, used, errs
}

// recovered runs a parser and turns a panic into an error on the file.
func recovered(file, kind string, parse func() (*model.Input, []*model.Error)) (in *model.Input, errs []*model.Error) {
	defer func() {
		if r := recover(); r != nil {
			in = nil
			errs = append(errs, &model.Error{Range: model.Range{Filename: file}, Summary: "internal error in the " + kind + " parser", Detail: fmt.Sprint(r)})
		}
	}()
	return parse()
}
