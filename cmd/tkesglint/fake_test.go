package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
	"github.com/tkesglint/tkesglint/rulesets"
)

// The fake parser and analyzers below let the CLI, the driver and the writers
// be tested without depending on the real parser and checks. The fake parser
// reads lines of the form
//
//	<code> # fake TKESG990 <message>
//
// into model notes located on <code>; the fake analyzer reports each as a
// finding of that check, with the last `resource` line above it as a related
// location. A line containing BROKEN is a parse error there, and a line
// containing PANIC makes the parser panic. ANALYZER-PANIC makes the second
// fake analyzer panic, and ANALYZER-ERROR makes it fail.

const fakeMarker = "# fake "

// fakeParseTree has the shape of terraform.ParseTree, which the driver
// calls with every Terraform file: it reads the .tf and .tf.json files of
// each folder as one module with fakeParse, folders in lexical order, and,
// as ParseTree does, turns a panic while reading one module into an error
// on it (its folder, or its only file) and still reads the others.
func fakeParseTree(ctx context.Context, files []terraform.File, opts terraform.Options) ([]terraform.Unit, []*model.Error) {
	byDir := map[string][]terraform.File{}
	for _, f := range files {
		if terraform.KindOf(f.Path).Config() {
			byDir[path.Dir(f.Path)] = append(byDir[path.Dir(f.Path)], f)
		}
	}
	var (
		units []terraform.Unit
		errs  []*model.Error
	)
	for _, dir := range slices.Sorted(maps.Keys(byDir)) {
		group := byDir[dir]
		slices.SortFunc(group, func(a, b terraform.File) int { return strings.Compare(a.Path, b.Path) })
		in, perrs := fakeModule(ctx, dir, group, opts)
		errs = append(errs, perrs...)
		units = append(units, terraform.Unit{Dir: dir, Input: in})
	}
	return units, errs
}

// fakeModule calls fakeParse on the files of one folder and turns a panic
// into an error on the folder, or on its only file.
func fakeModule(ctx context.Context, dir string, files []terraform.File, opts terraform.Options) (in *model.Input, errs []*model.Error) {
	defer func() {
		if r := recover(); r != nil {
			where := dir
			if len(files) == 1 {
				where = files[0].Path
			}
			in = nil
			errs = append(errs, &model.Error{Range: model.Range{Filename: where}, Summary: "internal error in the terraform parser", Detail: fmt.Sprint(r)})
		}
	}()
	return fakeParse(ctx, files, opts)
}

// fakeParse reads the files of one module.
func fakeParse(_ context.Context, files []terraform.File, _ terraform.Options) (*model.Input, []*model.Error) {
	in := &model.Input{}
	var errs []*model.Error
	for _, f := range files {
		resourceLine := 0
		for i, line := range strings.Split(string(f.Src), "\n") {
			n := i + 1
			if strings.Contains(line, "PANIC") && !strings.Contains(line, "ANALYZER-PANIC") {
				panic("fake parser: cannot go on at " + f.Path + ":" + strconv.Itoa(n))
			}
			if before, _, found := strings.Cut(line, "BROKEN"); found {
				col := utf8.RuneCountInString(before) + 1
				errs = append(errs, &model.Error{
					Range:   model.Range{Filename: f.Path, Start: model.Pos{Line: n, Column: col}, End: model.Pos{Line: n, Column: col + 6}},
					Summary: "invalid syntax",
					Detail:  "the fake parser does not accept BROKEN",
				})
				continue
			}
			if strings.HasPrefix(line, "resource ") {
				resourceLine = n
			}
			for _, word := range []string{"ANALYZER-PANIC", "ANALYZER-ERROR"} {
				if strings.Contains(line, word) {
					in.Notes = append(in.Notes, model.Note{Range: model.Range{Filename: f.Path}, Message: word})
				}
			}
			code, spec, ok := strings.Cut(line, fakeMarker)
			if !ok {
				continue
			}
			trimmed := strings.TrimRight(code, " ")
			startCol := utf8.RuneCountInString(code) - utf8.RuneCountInString(strings.TrimLeft(code, " \t")) + 1
			endCol := utf8.RuneCountInString(trimmed) + 1
			in.Notes = append(in.Notes, model.Note{
				Range: model.Range{
					Filename: f.Path,
					Start:    model.Pos{Line: n, Column: startCol},
					End:      model.Pos{Line: n, Column: endCol},
				},
				Message: fmt.Sprintf("%d|%s", resourceLine, spec),
			})
		}
	}
	return in, errs
}

func fakeChecks() []*analysis.Check {
	return []*analysis.Check{
		{
			ID: "TKESG990", Name: "fake-world-ingress", Level: analysis.LevelError,
			Title:            "fake check: an ingress accept from the world",
			Help:             "A fake check of the CLI tests.\n\n## Bad\n\n```hcl\ncidr_block = \"0.0.0.0/0\"\n```\n\n## Good\n\n```hcl\ncidr_block = \"10.0.0.0/8\"\n```\n",
			SecuritySeverity: "9.0", Precision: "very-high", Tags: []string{"tke", "exposure"},
		},
		{
			ID: "TKESG991", Name: "fake-admin-port", Level: analysis.LevelWarning,
			Title: "fake check: remote administration from the world",
			Help:  "Another fake check, with a <html> character & an ampersand.\n",
		},
		{
			ID: "TKESG992", Name: "fake-note", Level: analysis.LevelNote,
			Title: "fake check: something worth knowing",
			Help:  "A fake check that only takes notes.\n",
		},
	}
}

// fakeAnalyzers returns the fake analyzers: one that reports the fake
// parser's markers (each twice, to exercise deduplication), and one that
// panics or fails on request.
func fakeAnalyzers(rulesets.Options) []*analysis.Analyzer {
	reporter := &analysis.Analyzer{
		Name:   "fakereporter",
		Checks: fakeChecks(),
		Run: func(pass *analysis.Pass) (any, error) {
			for _, note := range pass.Input.Notes {
				lineStr, spec, ok := strings.Cut(note.Message, "|")
				if !ok {
					continue
				}
				id, msg, _ := strings.Cut(spec, " ")
				at := fakeObject{rng: note.Range, address: "fake." + note.Range.Filename}
				if strings.Contains(msg, "fingerprinted") {
					at.key = "stable-key"
				}
				d := analysis.Diagnostic{Check: id, At: at, Message: msg}
				if rest, ok := strings.CutPrefix(msg, "as-note "); ok {
					lv := analysis.LevelNote
					d.Level = &lv
					d.Message = rest
				}
				if line, _ := strconv.Atoi(lineStr); line > 0 {
					d.Related = []analysis.Related{{
						Range:   model.Range{Filename: note.Range.Filename, Start: model.Pos{Line: line, Column: 1}, End: model.Pos{Line: line, Column: 9}},
						Message: "in this resource",
					}}
				}
				pass.Report(d)
				pass.Report(d)
			}
			return nil, nil
		},
	}
	failing := &analysis.Analyzer{
		Name: "fakefailing",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, note := range pass.Input.Notes {
				switch note.Message {
				case "ANALYZER-PANIC":
					panic("fake analyzer panic")
				case "ANALYZER-ERROR":
					return nil, errors.New("fake analyzer failure")
				}
			}
			return nil, nil
		},
	}
	return []*analysis.Analyzer{reporter, failing}
}

// fakeObject is what the fake analyzer reports about: a marker of the fake
// parser, in resource address, with no key unless the marker asks for one
// (the message then identifies the finding, as for a check of another
// program).
type fakeObject struct {
	rng          model.Range
	address, key string
}

func (o fakeObject) Range() model.Range       { return o.rng }
func (o fakeObject) Resource() model.Resource { return model.Resource{Address: o.address} }
func (o fakeObject) Key() string              { return o.key }
