package rulesets

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/parsers/inputs"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// load reads the files of dir (and of its folders) that accept takes, as
// the command line reads them (inputs.Parse: ParseTree for Terraform, a
// unit per template, the exports merged), with opts; modules the files
// call are read from disk. A file taken that is no input at all is an
// error when strict is set: a misnamed fixture would test nothing.
func load(ctx context.Context, dir string, accept func(name string) bool, strict bool, opts inputs.Options) ([]checker.Unit, []*model.Error) {
	var files []inputs.File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir // read through the Reader, as the command line does
			}
			return nil
		}
		if !accept(d.Name()) {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, inputs.File{Path: filepath.ToSlash(p), Src: src})
		return nil
	})
	if err != nil {
		return nil, []*model.Error{{Summary: err.Error()}}
	}
	if opts.Terraform.Reader == nil {
		opts.Terraform.Reader = terraform.OSReader(".")
	}
	res := inputs.Parse(ctx, files, opts)
	errs := res.Errors
	for _, f := range files {
		if strict && !res.Used[f.Path] {
			errs = append(errs, &model.Error{Range: model.Range{Filename: f.Path}, Summary: "not read as an input of any kind"})
		}
	}
	units := make([]checker.Unit, len(res.Units))
	for i, u := range res.Units {
		units[i] = checker.Unit{Input: u.Input, Root: u.Root}
	}
	return units, errs
}

func hasSuffix(name string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// loadTerraform reads the Terraform files of dir.
func loadTerraform(ctx context.Context, dir string) ([]checker.Unit, []*model.Error) {
	return load(ctx, dir, func(name string) bool { return hasSuffix(name, ".tf", ".tf.json", ".tfvars") }, true, inputs.Options{})
}

// loadTemplates reads the .yaml, .yml and .json files of dir, every one
// of which must be a template.
func loadTemplates(ctx context.Context, dir string) ([]checker.Unit, []*model.Error) {
	return load(ctx, dir, func(name string) bool { return hasSuffix(strings.ToLower(name), ".yaml", ".yml", ".json") }, true, inputs.Options{})
}

// loadExport reads the .json files of dir: the exports, merged into one
// unit.
func loadExport(ctx context.Context, dir string) ([]checker.Unit, []*model.Error) {
	return load(ctx, dir, func(name string) bool { return strings.HasSuffix(name, ".json") }, false, inputs.Options{})
}
