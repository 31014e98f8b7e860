package driver

import (
	"context"
	"path/filepath"

	"github.com/tkesglint/tkesglint/parsers/inputs"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// parse hands the files found to inputs.Parse, as the tests of the checks
// do: Terraform (configuration, tfvars and plans) to terraform.ParseTree,
// templates and exports to their parsers. It reads the --var-file files
// itself, through the overlay.
func (c *collector) parse(ctx context.Context, opts Options, visit func(*inputs.Unit)) inputs.Result {
	files := make([]inputs.File, len(c.files))
	for i, f := range c.files {
		files[i] = inputs.File{Path: f.display, Src: f.src}
	}
	var errs []*model.Error
	topts := terraform.Options{
		Variables: opts.Variables,
		Getenv:    opts.Getenv,
		EnvSource: opts.EnvSource,
		Cache:     opts.ParseCache,
		Reader:    overlayReader{Reader: terraform.OSReader(opts.Dir), dir: opts.Dir, overlay: opts.Overlay},
	}
	for _, a := range opts.VarArgs {
		if a.File == "" {
			topts.Args = append(topts.Args, terraform.VarArg{Name: a.Name, Value: a.Value})
			continue
		}
		src, err := readFile(c.overlay, c.osPath(a.File))
		if err != nil {
			errs = append(errs, &model.Error{Range: model.Range{Filename: c.displayPath(a.File)}, Summary: "cannot read --var-file: " + err.Error()})
			continue
		}
		topts.Args = append(topts.Args, terraform.VarArg{File: &terraform.File{Path: c.displayPath(a.File), Src: src}})
	}
	iopts := inputs.Options{Terraform: topts, Params: opts.Params, Jobs: opts.Jobs, ParseTree: opts.ParseTree, Visit: visit}
	if opts.Roots != nil {
		iopts.Units = func(root string) bool { return opts.Roots[root] }
	}
	res := inputs.Parse(ctx, files, iopts)
	res.Errors = append(errs, res.Errors...)
	for p := range res.Used {
		c.used[p] = true
	}
	return res
}

// overlayReader reads the files of the overlay from it and everything else
// from disk, so that local modules read through the parser see unsaved
// buffers too.
type overlayReader struct {
	terraform.Reader
	dir     string
	overlay map[string][]byte
}

func (r overlayReader) ReadFile(name string) ([]byte, error) {
	p := filepath.FromSlash(name)
	if !filepath.IsAbs(p) {
		p = filepath.Join(r.dir, p)
	}
	if src, ok := r.overlay[filepath.Clean(p)]; ok {
		return src, nil
	}
	return r.Reader.ReadFile(name)
}
