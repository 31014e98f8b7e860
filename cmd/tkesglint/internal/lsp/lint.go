package lsp

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/fix"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// source is the value of Diagnostic.Source.
const source = "tkesglint"

// lint runs the linter over target tp (a module's folder, or one file) with
// the open documents snap overlaid on disk, in working directory dir,
// taking the syntax of unchanged Terraform files from parses and the
// content of a module's unchanged files on disk from disk. It returns the
// diagnostics of each document of snap, by path; nil when ctx was
// canceled.
func lint(ctx context.Context, cfg Config, parses *terraform.ParseCache, disk *diskCache, dir, tp string, snap []document, logf func(string, ...any)) map[string][]Diagnostic {
	overlay := map[string][]byte{}
	for _, d := range snap {
		overlay[d.path] = []byte(d.text)
	}
	var files []string
	if terraform.KindOf(snap[0].path).InModule() {
		files = moduleFiles(tp, snap)
		var closed []string
		for _, f := range files {
			if _, ok := overlay[f]; !ok {
				closed = append(closed, f)
			}
		}
		// The driver reads what is in the overlay from it, as it would
		// from disk.
		maps.Copy(overlay, disk.read(tp, closed))
	} else {
		files = []string{tp}
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = relative(dir, f)
	}
	c := &converter{dir: dir, docs: map[string]*document{}, texts: map[string]text{}, sources: map[string][]byte{}}
	for i := range snap {
		c.docs[snap[i].path] = &snap[i]
		c.texts[snap[i].path] = newText(snap[i].text)
	}
	opts, errs := cfg.Options(dir, paths)
	if len(errs) > 0 {
		return c.errors(errs)
	}
	opts.Overlay = overlay
	opts.Progress = nil
	opts.DropModels = true
	opts.ParseCache = parses
	res, err := driver.Run(ctx, opts)
	if err == nil {
		// Quick fixes are offered only once proved (docs/fixing.md).
		err = fix.Prove(ctx, opts, res)
	}
	if err != nil {
		if ctx.Err() == nil {
			logf("lint %s: %v", tp, err)
		}
		return nil
	}
	c.sources = res.Sources
	out := c.errors(res.Errors)
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppression != nil {
			continue
		}
		p := c.abs(f.Range.Filename)
		if c.docs[p] == nil {
			continue
		}
		out[p] = append(out[p], c.finding(f))
	}
	return out
}

// moduleFiles lists the Terraform files of folder dir: those on disk and
// the open documents that are not saved yet.
func moduleFiles(dir string, snap []document) []string {
	var out []string
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if !e.IsDir() && terraform.KindOf(e.Name()).InModule() {
				out = append(out, filepath.Join(dir, e.Name()))
			}
		}
	}
	for _, d := range snap {
		if !slices.Contains(out, d.path) {
			out = append(out, d.path)
		}
	}
	slices.Sort(out)
	return out
}

// relative returns p relative to dir when below it, else p.
func relative(dir, p string) string {
	if within(dir, p) {
		if rel, err := filepath.Rel(dir, p); err == nil {
			return rel
		}
	}
	return p
}

// converter turns the driver's findings and errors into diagnostics.
type converter struct {
	dir     string
	docs    map[string]*document
	texts   map[string]text
	sources map[string][]byte
}

// abs returns the absolute path of a file as the driver names it.
func (c *converter) abs(name string) string {
	p := filepath.FromSlash(name)
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.dir, p)
	}
	return filepath.Clean(p)
}

// text returns the content of a file as the driver read it, to convert its
// positions.
func (c *converter) text(name string) text {
	p := c.abs(name)
	if t, ok := c.texts[p]; ok {
		return t
	}
	src, ok := c.sources[name]
	if !ok {
		src, _ = os.ReadFile(p)
	}
	t := newText(string(src))
	c.texts[p] = t
	return t
}

// uri returns the URI of a file: the client's own for open documents.
func (c *converter) uri(p string) string {
	if d := c.docs[p]; d != nil {
		return d.uri
	}
	return pathToURI(p)
}

func severity(l analysis.Level) int {
	switch l {
	case analysis.LevelError:
		return SeverityError
	case analysis.LevelWarning:
		return SeverityWarning
	default:
		return SeverityInformation
	}
}

func (c *converter) finding(f *driver.Finding) Diagnostic {
	t := c.text(f.Range.Filename)
	d := Diagnostic{
		Range:           t.rng(f.Range),
		Severity:        severity(f.Level),
		Code:            f.Check.ID,
		CodeDescription: &CodeDescription{Href: output.HelpURIPrefix + f.Check.ID + ".md"},
		Source:          source,
		Message:         f.Message,
	}
	for _, r := range f.Related {
		if r.Range.Filename == "" {
			continue
		}
		rp := c.abs(r.Range.Filename)
		d.RelatedInformation = append(d.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: c.uri(rp), Range: c.text(r.Range.Filename).rng(r.Range)},
			Message:  r.Message,
		})
	}
	d.fixes = c.fixes(f)
	return d
}

// fixes converts the proved fixes of f, whose edits may be in other
// files than f's (t is the text of f's document).
func (c *converter) fixes(f *driver.Finding) []quickFix {
	var out []quickFix
	for _, fix := range f.Fixes {
		q := quickFix{title: fix.Message}
		for _, e := range fix.TextEdits {
			t := c.text(e.Range.Filename)
			rng := t.rng(e.Range)
			q.edits = append(q.edits, fileEdit{
				path:  c.abs(e.Range.Filename),
				edit:  TextEdit{Range: rng, NewText: e.NewText},
				old:   e.Old,
				lines: t.wholeLines(rng),
			})
		}
		if len(q.edits) > 0 {
			out = append(out, q)
		}
	}
	return out
}

// errors turns the errors of a run into error diagnostics: at their place
// when it is in an open document, otherwise at the start of every open
// document (the run is incomplete for all), naming where they are.
func (c *converter) errors(errs []*model.Error) map[string][]Diagnostic {
	out := map[string][]Diagnostic{}
	for _, e := range errs {
		if e.Range.Filename != "" {
			p := c.abs(e.Range.Filename)
			if c.docs[p] != nil {
				msg := e.Summary
				if e.Detail != "" {
					msg += ": " + e.Detail
				}
				out[p] = append(out[p], Diagnostic{Range: c.text(e.Range.Filename).rng(e.Range), Severity: SeverityError, Source: source, Message: msg})
				continue
			}
		}
		for p := range c.docs {
			out[p] = append(out[p], Diagnostic{Severity: SeverityError, Source: source, Message: e.Error()})
		}
	}
	return out
}
