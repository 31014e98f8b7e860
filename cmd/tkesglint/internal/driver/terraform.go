package driver

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// parseUnits hands the Terraform files found (configuration, tfvars and
// plans) to terraform.ParseTree, which evaluates each root module with the
// modules it calls. With opts.Parse set, each folder's .tf and .tf.json
// files are parsed as one module instead.
func (c *collector) parseUnits(ctx context.Context, opts Options) ([]terraform.Unit, []*model.Error) {
	var files []terraform.File
	for _, f := range c.files {
		if isTerraformInput(f) {
			files = append(files, terraform.File{Path: f.display, Src: f.src})
			c.used[f.display] = true
		}
	}
	if opts.Parse != nil {
		return c.parseFolders(ctx, opts)
	}
	var errs []*model.Error
	topts := terraform.Options{
		Variables: opts.Variables,
		Getenv:    opts.Getenv,
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
	units, perrs := terraform.ParseTree(ctx, files, topts)
	return units, append(errs, perrs...)
}

// parseFolders calls opts.Parse on the .tf and .tf.json files of each
// folder.
func (c *collector) parseFolders(ctx context.Context, opts Options) ([]terraform.Unit, []*model.Error) {
	var (
		units []terraform.Unit
		errs  []*model.Error
		conf  []sourceFile
	)
	for _, f := range c.files {
		if strings.HasSuffix(f.display, ".tf") || strings.HasSuffix(f.display, ".tf.json") {
			conf = append(conf, f)
		} else {
			c.used[f.display] = false
		}
	}
	for _, m := range modules(conf) {
		if ctx.Err() != nil {
			break
		}
		files := make([]terraform.File, 0, len(m.files))
		for _, f := range m.files {
			files = append(files, terraform.File{Path: f.display, Src: f.src})
		}
		in, perrs := parseModule(ctx, opts.Parse, m, files, terraform.Options{Variables: opts.Variables})
		errs = append(errs, perrs...)
		units = append(units, terraform.Unit{Dir: m.dir, Input: in})
	}
	return units, errs
}

// isTerraformInput reports whether a file found is for the Terraform
// parser: configuration, variable files, and JSON that is a plan.
func isTerraformInput(f sourceFile) bool {
	switch {
	case strings.HasSuffix(f.display, ".tf"), strings.HasSuffix(f.display, ".tf.json"),
		strings.HasSuffix(f.display, ".tfvars"), strings.HasSuffix(f.display, ".tfvars.json"):
		return true
	case strings.HasSuffix(f.display, ".json"):
		return terraform.IsPlan(f.src)
	}
	return false
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
