package terraform

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// File is one source file of a module.
type File struct {
	// Path is the file's name as it should appear in messages: relative and
	// slash-separated.
	Path string
	// Src is the file's content.
	Src []byte
}

// Options carries the settings of one run.
type Options struct {
	// Variables are values given on the command line, as raw strings, keyed
	// by variable name. They override the defaults of `variable` blocks.
	Variables map[string]string
}

// ParseModule reads the .tf and .tf.json files of one folder as one root
// module. It returns the model of what they define and every located error.
// A file that does not parse gives errors, and the other files are still
// read. ParseModule never panics: a panic is recovered and reported as an
// error on the module's first file.
func ParseModule(ctx context.Context, files []File, opts Options) (in *model.Input, errs []*model.Error) {
	sorted := append([]File(nil), files...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	pos := newPositions(sorted)

	defer func() {
		if r := recover(); r != nil {
			name := "."
			if len(sorted) > 0 {
				name = sorted[0].Path
			}
			in = &model.Input{}
			errs = append(errs, &model.Error{
				Range:   model.Range{Filename: name},
				Summary: "internal error",
				Detail:  fmt.Sprintf("The Terraform parser failed on this module: %v.", r),
			})
		}
	}()

	mod := &module{pos: pos}
	for _, f := range sorted {
		if err := ctx.Err(); err != nil {
			errs = append(errs, &model.Error{
				Range:   model.Range{Filename: f.Path},
				Summary: "not read",
				Detail:  fmt.Sprintf("reading stopped: %v", err),
			})
			continue
		}
		mod.addFile(f)
	}
	s := newScope(mod, opts)
	in = s.build()
	errs = append(errs, mod.errs...)
	errs = sortErrors(errs)
	return in, errs
}

// addFile parses one file and collects its top-level blocks. A file with
// syntax errors contributes only its errors: a partly read rule list would
// look complete when it is not.
func (m *module) addFile(f File) {
	var (
		file  *hcl.File
		diags hcl.Diagnostics
	)
	switch {
	case strings.HasSuffix(f.Path, ".tf.json"):
		file, diags = parseJSON(f)
	default:
		file, diags = hclsyntax.ParseConfig(f.Src, f.Path, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	}
	m.addDiags(diags)
	if diags.HasErrors() || file == nil || file.Body == nil {
		m.broken = true
		return
	}
	if isOverride(f.Path) {
		m.notes = append(m.notes, model.Note{
			Range:   model.Range{Filename: f.Path, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 1}},
			Message: "override files are not merged yet; " + f.Path + " was not read",
		})
		return
	}
	m.collect(file.Body)
}

// parseJSON parses a .tf.json file, turning a panic of the JSON parser into
// an error on the file.
func parseJSON(f File) (file *hcl.File, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			file = nil
			diags = hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Invalid JSON",
				Detail:   fmt.Sprintf("The JSON parser failed on this file: %v.", r),
				Subject:  &hcl.Range{Filename: f.Path, Start: hcl.InitialPos, End: hcl.InitialPos},
			}}
		}
	}()
	return hcljson.Parse(f.Src, f.Path)
}

func isOverride(path string) bool {
	base := path[strings.LastIndex(path, "/")+1:]
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}
