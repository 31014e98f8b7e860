package driver

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/export"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/template"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// unit is one model that analyzers see on its own: a Terraform root
// module, a template, or every export merged.
type unit struct {
	dir string
	// root is where its findings live (Finding.Root): the root module's
	// folder, a template's file; empty for the exports, whose findings live
	// in their own files.
	root   string
	input  *model.Input
	loaded []terraform.File
}

// mayBeInput reports whether a file name may hold an input of some kind;
// the content decides (inputs.md: detection by content).
func mayBeInput(name string) bool {
	for _, ext := range []string{".tf", ".tf.json", ".tfvars", ".json", ".yaml", ".yml"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// parseOthers hands the files that are not Terraform to the template and
// export parsers. Each template is a unit; the exports are merged into one,
// since they describe one account.
func (c *collector) parseOthers(ctx context.Context, opts Options) ([]unit, []*model.Error) {
	type parsed struct {
		in     *model.Input
		errs   []*model.Error
		export bool
	}
	var files []sourceFile
	for _, f := range c.files {
		if isTerraformInput(f) {
			continue
		}
		if template.Detect(f.src) || strings.HasSuffix(f.display, ".json") && export.Detect(f.src) {
			c.used[f.display] = true
			files = append(files, f)
		}
	}
	// Files are parsed several at once, each into its own slot.
	out := make([]parsed, len(files))
	forEach(ctx, len(files), workers(opts), func(i int) {
		f := files[i]
		if template.Detect(f.src) {
			out[i].in, out[i].errs = recovered(f.display, "template", func() (*model.Input, []*model.Error) {
				return template.Parse(ctx, template.File{Path: f.display, Src: f.src}, template.Options{Params: opts.Params})
			})
			return
		}
		out[i].export = true
		out[i].in, out[i].errs = recovered(f.display, "export", func() (*model.Input, []*model.Error) {
			return export.Parse(ctx, export.File{Path: f.display, Src: f.src})
		})
	})
	var (
		units   []unit
		errs    []*model.Error
		exports []*model.Input
	)
	for i, p := range out {
		errs = append(errs, p.errs...)
		switch {
		case p.in == nil:
		case p.export:
			exports = append(exports, p.in)
		default:
			units = append(units, unit{dir: path.Dir(files[i].display), root: files[i].display, input: p.in})
		}
	}
	if len(exports) > 0 {
		units = append(units, unit{dir: ".", input: export.Merge(exports...)})
	}
	return units, errs
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

// excluded reports whether a path (slash-separated, relative to the working
// directory) matches one of the exclude globs. A glob matches the path or
// any of its parent folders; "**" matches any number of folders.
func excluded(p string, globs []string) bool {
	for _, g := range globs {
		for q := p; q != "." && q != "/" && q != ""; q = path.Dir(q) {
			if globMatch(strings.TrimSuffix(g, "/"), q) {
				return true
			}
		}
	}
	return false
}

// globMatch matches slash-separated paths with path.Match per segment, and
// "**" for any number of segments.
func globMatch(glob, p string) bool {
	gs, ps := strings.Split(glob, "/"), strings.Split(p, "/")
	var match func(i, j int) bool
	match = func(i, j int) bool {
		for i < len(gs) {
			if gs[i] == "**" {
				for k := j; k <= len(ps); k++ {
					if match(i+1, k) {
						return true
					}
				}
				return false
			}
			if j >= len(ps) {
				return false
			}
			if ok, err := path.Match(gs[i], ps[j]); err != nil || !ok {
				return false
			}
			i, j = i+1, j+1
		}
		return j == len(ps)
	}
	return match(0, 0)
}
