package output

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// The Reviewdog Diagnostic Format (reviewdog's proto/rdf/reviewdog.proto),
// as JSON: what `reviewdog -f=rdjson` reads. Columns count UTF-8 bytes.
type (
	rdResult struct {
		Source      rdSource       `json:"source"`
		Diagnostics []rdDiagnostic `json:"diagnostics"`
	}
	rdSource struct {
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	rdDiagnostic struct {
		Message          string         `json:"message"`
		Location         rdLocation     `json:"location"`
		Severity         string         `json:"severity"`
		Code             *rdCode        `json:"code,omitempty"`
		Suggestions      []rdSuggestion `json:"suggestions,omitempty"`
		RelatedLocations []rdRelated    `json:"related_locations,omitempty"`
	}
	rdCode struct {
		Value string `json:"value"`
		URL   string `json:"url,omitempty"`
	}
	rdLocation struct {
		Path  string   `json:"path"`
		Range *rdRange `json:"range,omitempty"`
	}
	rdRange struct {
		Start rdPosition  `json:"start"`
		End   *rdPosition `json:"end,omitempty"`
	}
	rdPosition struct {
		Line   int `json:"line"`
		Column int `json:"column,omitempty"`
	}
	rdSuggestion struct {
		Range rdRange `json:"range"`
		Text  string  `json:"text"`
	}
	rdRelated struct {
		Message  string     `json:"message,omitempty"`
		Location rdLocation `json:"location"`
	}
)

// WriteRDJSON writes the findings that are not suppressed, and the errors,
// in the Reviewdog Diagnostic Format. A proved fix is one suggestion that
// replaces one run of whole lines, from the first line it edits to the
// last, so that reviewdog posts it whole or not at all (with
// -filter-mode=diff_context, a suggestion whose lines are not all in the
// pull request's diff is posted without it): a reviewer never commits half
// a fix. The suggestion sits on the finding itself when it replaces exactly
// the finding's lines (reviewdog -reporter=github-pr-review turns a
// suggestion into a GitHub suggested change only on a comment over the
// same lines), otherwise on a diagnostic of its own at those lines, whose
// message says which findings it fixes: one diagnostic for a fix that
// several findings share (docs/fixing.md). A fix that edits several files
// cannot be one suggestion: the finding's message says so, and how to
// apply it.
func WriteRDJSON(w io.Writer, r *Report) error {
	res := r.Result
	// The diagnostics are written one at a time (encodeJSONStream).
	doc := rdResult{Source: rdSource{Name: r.Tool.Name, URL: r.Tool.InformationURI}, Diagnostics: []rdDiagnostic{}}
	err := encodeJSONStream(w, doc, "  ", "diagnostics", func(write func(any) error) error {
		for _, e := range res.Errors {
			if err := write(rdDiagnostic{
				Message: validText(errorMessage(e)), Severity: "ERROR",
				Location: rdLoc(res.Sources, e.Range),
			}); err != nil {
				return err
			}
		}
		return writeRDFindings(res, write)
	})
	if err != nil {
		return fmt.Errorf("write rdjson: %w", err)
	}
	return nil
}

// writeRDFindings writes the diagnostics of the findings of res that are
// not suppressed, each followed by the diagnostic of its fix when the fix
// has one of its own.
func writeRDFindings(res *driver.Result, write func(any) error) error {
	// fixers are the findings each fix repairs, by the fix's key.
	fixers := map[string][]*driver.Finding{}
	for i := range res.Findings {
		if f := &res.Findings[i]; f.Suppression == nil && len(f.Fixes) > 0 {
			fixers[fixKey(f.Fixes[0])] = append(fixers[fixKey(f.Fixes[0])], f)
		}
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppression != nil {
			continue
		}
		d := rdDiagnostic{
			Message:  validText(f.Message),
			Location: rdLoc(res.Sources, f.Range),
			Severity: rdSeverity(f.Level),
			Code:     &rdCode{Value: f.Check.ID, URL: HelpURIPrefix + f.Check.ID + ".md"},
		}
		for _, rel := range f.Related {
			if rel.Range.Filename != "" {
				d.RelatedLocations = append(d.RelatedLocations, rdRelated{Message: validText(rel.Message), Location: rdLoc(res.Sources, rel.Range)})
			}
		}
		var extra []rdDiagnostic
		if len(f.Fixes) > 0 {
			fix := f.Fixes[0]
			by := fixers[fixKey(fix)]
			s, lines, ok := rdFixSuggestion(res.Sources, fix)
			switch {
			case !ok && len(fixFiles(fix)) > 1:
				d.Message = validText(fmt.Sprintf("%s (fix: %s; it edits %s together, which one suggestion cannot: apply it with tkesglint --fix)", f.Message, fix.Message, strings.Join(fixFiles(fix), " and ")))
			case !ok:
			case len(by) == 1 && fix.TextEdits[0].Range.Filename == f.Range.Filename && lines == wholeLines(f.Range):
				d.Suggestions = append(d.Suggestions, s)
			case by[0] == f:
				msg := fmt.Sprintf("fix for %s at %s: %s", f.Check.ID, f.Range, fix.Message)
				if len(by) > 1 {
					msg = fix.Message // it names the findings
				}
				extra = append(extra, rdDiagnostic{
					Message:     validText(msg),
					Location:    rdLocation{Path: validText(fix.TextEdits[0].Range.Filename), Range: &s.Range},
					Severity:    rdSeverity(f.Level),
					Code:        d.Code,
					Suggestions: []rdSuggestion{s},
				})
			}
		}
		if err := write(d); err != nil {
			return err
		}
		for _, e := range extra {
			if err := write(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// fixKey tells a fix from another: findings that share a fix (one
// combined fix of edits that meet) carry equal ones.
func fixKey(fix analysis.SuggestedFix) string {
	var b strings.Builder
	b.WriteString(fix.Message)
	for _, e := range fix.TextEdits {
		fmt.Fprintf(&b, "\x00%s\x00%d\x00%d\x00%s", e.Range.Filename, e.Range.Start.Byte, e.Range.End.Byte, e.NewText)
	}
	return b.String()
}

// fixFiles returns the files a fix edits, in the order of its edits.
func fixFiles(fix analysis.SuggestedFix) []string {
	var out []string
	for _, e := range fix.TextEdits {
		if !slices.Contains(out, e.Range.Filename) {
			out = append(out, e.Range.Filename)
		}
	}
	return out
}

// rdFixSuggestion turns the edits of a fix of one file into one
// suggestion over whole lines: the lines from the first edit to the last,
// as the edits leave them. False for a fix of several files, or whose
// edits do not apply to the source.
func rdFixSuggestion(sources map[string][]byte, fix analysis.SuggestedFix) (rdSuggestion, lineSpan, bool) {
	files := fixFiles(fix)
	if len(files) != 1 {
		return rdSuggestion{}, lineSpan{}, false
	}
	src := sources[files[0]]
	edits := slices.Clone(fix.TextEdits)
	slices.SortFunc(edits, func(a, b analysis.TextEdit) int {
		return model.Offset(src, a.Range.Start) - model.Offset(src, b.Range.Start)
	})
	from, to := model.Offset(src, edits[0].Range.Start), model.Offset(src, edits[len(edits)-1].Range.End)
	if from < 0 || to < from {
		return rdSuggestion{}, lineSpan{}, false
	}
	// One edit from the start of the first to the end of the last.
	var b strings.Builder
	at := from
	for _, e := range edits {
		s, t := model.Offset(src, e.Range.Start), model.Offset(src, e.Range.End)
		if s < at || t < s || t > len(src) {
			return rdSuggestion{}, lineSpan{}, false
		}
		b.Write(src[at:s])
		b.WriteString(e.NewText)
		at = t
	}
	whole := edits[0]
	whole.Range.End = edits[len(edits)-1].Range.End
	whole.NewText = b.String()
	return rdLineSuggestion(src, whole)
}

// rdSeverity is reviewdog's name of a level.
func rdSeverity(l analysis.Level) string {
	switch l {
	case analysis.LevelError:
		return "ERROR"
	case analysis.LevelWarning:
		return "WARNING"
	case analysis.LevelNote, analysis.LevelNone:
	}
	return "INFO"
}

// rdLoc converts a range, with columns in bytes of the file's lines.
func rdLoc(sources map[string][]byte, r model.Range) rdLocation {
	loc := rdLocation{Path: validText(r.Filename)}
	if r.Start.Line <= 0 {
		return loc
	}
	src := sources[r.Filename]
	rng := &rdRange{Start: rdPosition{Line: r.Start.Line, Column: byteColumn(src, r.Start)}}
	if r.End.Line > 0 {
		rng.End = &rdPosition{Line: r.End.Line, Column: byteColumn(src, r.End)}
	}
	loc.Range = rng
	return loc
}

// byteColumn returns the 1-based column of p in UTF-8 bytes of its line;
// its column as it is when the source is not known.
func byteColumn(src []byte, p model.Pos) int {
	off := model.Offset(src, p)
	if off < 0 {
		return p.Column
	}
	return off - bytes.LastIndexByte(src[:off], '\n')
}

// lineSpan is a span of whole lines, first to last.
type lineSpan struct{ first, last int }

// wholeLines returns the lines a range touches.
func wholeLines(r model.Range) lineSpan {
	return lineSpan{r.Start.Line, max(r.End.Line, r.Start.Line)}
}

// rdLineSuggestion turns an edit into a suggestion that replaces whole
// lines (a GitHub suggested change replaces lines): the lines the edit
// touches, written as the edit leaves them. An insertion before a line
// replaces that line with the new text and the line itself. An empty
// suggestion deletes its lines, as reviewdog and GitHub read it: lines
// that become one empty line take the next line with them.
func rdLineSuggestion(src []byte, e analysis.TextEdit) (rdSuggestion, lineSpan, bool) {
	from, to := model.Offset(src, e.Range.Start), model.Offset(src, e.Range.End)
	if src == nil || from < 0 || to < from || from >= len(src) {
		return rdSuggestion{}, lineSpan{}, false
	}
	start := bytes.LastIndexByte(src[:from], '\n') + 1
	// end is after the line break of the last line the edit touches: the
	// line at to is left whole when to starts it and what comes before it
	// ends a line.
	head := string(src[start:from]) + e.NewText
	end := lineAfter(src, to)
	if to > from && src[to-1] == '\n' && (head == "" || strings.HasSuffix(head, "\n")) {
		end = to
	}
	repl := head + string(src[to:end])
	switch {
	case repl != "\n":
	case end < len(src):
		next := lineAfter(src, end)
		repl += string(src[end:next])
		end = next
	case start > 0:
		prev := bytes.LastIndexByte(src[:start-1], '\n') + 1
		repl = string(src[prev:start]) + repl
		start = prev
	default:
		// The whole file becomes one empty line: no lines to say it with.
		return rdSuggestion{}, lineSpan{}, false
	}
	first := 1 + bytes.Count(src[:start], []byte("\n"))
	last := first + bytes.Count(src[start:end], []byte("\n")) - 1
	if end == len(src) && (end == 0 || src[end-1] != '\n') {
		last++ // the last line has no line break
	}
	return rdSuggestion{
		Range: rdRange{Start: rdPosition{Line: first}, End: &rdPosition{Line: last}},
		Text:  trimLineBreak(repl),
	}, lineSpan{first, last}, true
}

// trimLineBreak returns s without its last line break, "\n" or "\r\n":
// a suggestion is lines, each of which keeps its own end but the last.
func trimLineBreak(s string) string {
	if t, ok := strings.CutSuffix(s, "\n"); ok {
		return strings.TrimSuffix(t, "\r")
	}
	return s
}

// lineAfter returns the offset after the line break of the line that holds
// off, or the end of src.
func lineAfter(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}
