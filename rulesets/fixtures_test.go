package rulesets

import (
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
)

func hasSuffix(name string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// The loaders of the fixtures read a folder as the command line does
// (analysistest.ReadDir, through parsers/inputs), each taking the files of
// one kind so that a twin folder can be read as either.
var (
	// loadTerraform reads the Terraform files of a folder.
	loadTerraform = analysistest.ReadDir(analysistest.ReadOptions{
		Accept: func(name string) bool { return hasSuffix(name, ".tf", ".tf.json", ".tfvars") }, Strict: true,
	})
	// loadTemplates reads the .yaml, .yml and .json files of a folder,
	// every one of which must be a template.
	loadTemplates = analysistest.ReadDir(analysistest.ReadOptions{
		Accept: func(name string) bool { return hasSuffix(strings.ToLower(name), ".yaml", ".yml", ".json") }, Strict: true,
	})
	// loadExport reads the .json files of a folder: the exports, merged
	// into one unit.
	loadExport = analysistest.ReadDir(analysistest.ReadOptions{Accept: func(name string) bool { return strings.HasSuffix(name, ".json") }})
)
