package terraform

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

const deepFixtures = "../../testdata/terraform/deep"

// walkTree returns the files of dir the way the driver hands them over:
// every .tf, .tf.json, .tfvars, .tfvars.json and .json file, skipping
// .terraform/ (read through the Reader) and expectation files.
func walkTree(tb testing.TB, dir string) []File {
	tb.Helper()
	var files []File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if !strings.HasSuffix(name, ".tf") && !strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".tfvars") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: filepath.ToSlash(p), Src: src})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// parseFixture parses a deep fixture folder as a tree.
func parseFixture(tb testing.TB, name string, opts Options) ([]Unit, []*model.Error) {
	tb.Helper()
	if opts.Reader == nil {
		opts.Reader = OSReader(".")
	}
	return ParseTree(context.Background(), walkTree(tb, filepath.Join(deepFixtures, name)), opts)
}

// deepOptions are the options some fixtures need: the variable sources
// that a command line would give.
func deepOptions(tb testing.TB, name string) Options {
	tb.Helper()
	if name == "variables" {
		dir := filepath.Join(deepFixtures, name)
		src, err := os.ReadFile(filepath.Join(dir, "extra", "prod.tfvars"))
		if err != nil {
			tb.Fatal(err)
		}
		return Options{
			VarFiles:  []File{{Path: filepath.ToSlash(filepath.Join(dir, "extra", "prod.tfvars")), Src: src}},
			Variables: map[string]string{"from_cli": "0.0.0.0/0"},
			Getenv: func(k string) string {
				return map[string]string{"TF_VAR_from_env": "0.0.0.0/0", "TF_VAR_env_then_tfvars": "0.0.0.0/0"}[k]
			},
		}
	}
	return Options{}
}
