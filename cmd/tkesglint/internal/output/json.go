package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// JSONVersion is the version of the JSON document format.
const JSONVersion = 1

type jsonPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type jsonRelated struct {
	File    string  `json:"file"`
	Start   jsonPos `json:"start"`
	End     jsonPos `json:"end"`
	Message string  `json:"message"`
}

type jsonFinding struct {
	Check       string        `json:"check"`
	Level       string        `json:"level"`
	Message     string        `json:"message"`
	File        string        `json:"file"`
	Start       jsonPos       `json:"start"`
	End         jsonPos       `json:"end"`
	Related     []jsonRelated `json:"related"`
	Address     string        `json:"address"`
	Fingerprint string        `json:"fingerprint"`
	// Suppressed is null for a finding that counts.
	Suppressed *jsonSuppression `json:"suppressed"`
	// Fixes are the proved fixes; Command the API call for an export;
	// NoFix why a finding of a kind that is repaired has no fix.
	Fixes   []jsonFix    `json:"fixes"`
	Command *jsonCommand `json:"command"`
	NoFix   string       `json:"noFix"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

// jsonEdit replaces the text from start to end (exclusive) of a file.
type jsonEdit struct {
	File    string  `json:"file"`
	Start   jsonPos `json:"start"`
	End     jsonPos `json:"end"`
	NewText string  `json:"newText"`
}

type jsonCommand struct {
	Message string `json:"message"`
	Line    string `json:"line"`
}

type jsonSuppression struct {
	Kind          string  `json:"kind"`
	Justification string  `json:"justification"`
	File          string  `json:"file"`
	Start         jsonPos `json:"start"`
}

type jsonError struct {
	File    string  `json:"file"`
	Start   jsonPos `json:"start"`
	End     jsonPos `json:"end"`
	Message string  `json:"message"`
}

type jsonCounts struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Note    int `json:"note"`
}

type jsonSummary struct {
	Files      int        `json:"files"`
	Findings   jsonCounts `json:"findings"`
	Suppressed int        `json:"suppressed"`
	Errors     int        `json:"errors"`
	Successful bool       `json:"successful"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// jsonNotice is something a parser says that is neither an error nor a
// finding.
type jsonNotice struct {
	File    string  `json:"file"`
	Start   jsonPos `json:"start"`
	Message string  `json:"message"`
}

type jsonDocument struct {
	Version  int           `json:"version"`
	Tool     jsonTool      `json:"tool"`
	Findings []jsonFinding `json:"findings"`
	Errors   []jsonError   `json:"errors"`
	Notices  []jsonNotice  `json:"notices"`
	Summary  jsonSummary   `json:"summary"`
}

// endPos is the end of r, or its start for a point range whose end is unset.
func endPos(r model.Range) model.Pos {
	if r.End.Line == 0 {
		return r.Start
	}
	return r.End
}

func newJSONPos(p model.Pos) jsonPos { return jsonPos{Line: p.Line, Column: p.Column} }

// WriteJSON writes the report as the JSON document described in the package
// documentation, indented, with a final newline.
func WriteJSON(w io.Writer, r *Report) error {
	res := r.Result
	doc := jsonDocument{
		Version:  JSONVersion,
		Tool:     jsonTool{Name: r.Tool.Name, Version: r.Tool.Version},
		Findings: []jsonFinding{}, // written one at a time: encodeJSONStream
		Errors:   make([]jsonError, 0, len(res.Errors)),
		Notices:  make([]jsonNotice, 0, len(res.Notices)),
		Summary: jsonSummary{
			Files: len(res.Files),
			Findings: jsonCounts{
				Error:   res.Count(analysis.LevelError),
				Warning: res.Count(analysis.LevelWarning),
				Note:    res.Count(analysis.LevelNote),
			},
			Suppressed: res.Suppressed(),
			Errors:     len(res.Errors),
			Successful: res.Successful(),
		},
	}
	for _, e := range res.Errors {
		doc.Errors = append(doc.Errors, jsonError{
			File:    validText(e.Range.Filename),
			Start:   newJSONPos(e.Range.Start),
			End:     newJSONPos(endPos(e.Range)),
			Message: validText(errorMessage(e)),
		})
	}
	for _, n := range res.Notices {
		doc.Notices = append(doc.Notices, jsonNotice{File: validText(n.Range.Filename), Start: newJSONPos(n.Range.Start), Message: validText(n.Message)})
	}
	if err := encodeJSONStream(w, doc, "  ", "findings", func(write func(any) error) error {
		for i := range res.Findings {
			if err := write(newJSONFinding(&res.Findings[i])); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// newJSONFinding is the JSON object of one finding.
func newJSONFinding(f *driver.Finding) jsonFinding {
	jf := jsonFinding{
		Check:       f.Check.ID,
		Level:       f.Level.String(),
		Message:     validText(f.Message),
		File:        validText(f.Range.Filename),
		Start:       newJSONPos(f.Range.Start),
		End:         newJSONPos(endPos(f.Range)),
		Related:     make([]jsonRelated, 0, len(f.Related)),
		Address:     validText(f.Address),
		Fingerprint: f.Fingerprint,
		Fixes:       make([]jsonFix, 0, len(f.Fixes)),
		NoFix:       validText(f.NoFix),
	}
	for _, fix := range f.Fixes {
		jfix := jsonFix{Message: validText(fix.Message), Edits: make([]jsonEdit, 0, len(fix.TextEdits))}
		for _, e := range fix.TextEdits {
			jfix.Edits = append(jfix.Edits, jsonEdit{File: validText(e.Range.Filename), Start: newJSONPos(e.Range.Start), End: newJSONPos(e.Range.End), NewText: validText(e.NewText)})
		}
		jf.Fixes = append(jf.Fixes, jfix)
	}
	if c := f.Command; c != nil {
		jf.Command = &jsonCommand{Message: validText(c.Message), Line: validText(c.Line)}
	}
	if sp := f.Suppression; sp != nil {
		jf.Suppressed = &jsonSuppression{Kind: sp.Kind, Justification: validText(sp.Justification), File: validText(sp.Range.Filename), Start: newJSONPos(sp.Range.Start)}
	}
	for _, rel := range f.Related {
		jf.Related = append(jf.Related, jsonRelated{
			File:    validText(rel.Range.Filename),
			Start:   newJSONPos(rel.Range.Start),
			End:     newJSONPos(endPos(rel.Range)),
			Message: validText(rel.Message),
		})
	}
	return jf
}

// encodeJSONStream writes doc as encodeJSON does, but for the list under
// key, which doc holds empty, pad (the indentation of key: two spaces for
// a key of the top-level object) before it: elements, which each writes in
// turn with the function it is given, fill it. A document of thousands of
// findings is thus never held whole, encoded or not.
func encodeJSONStream(w io.Writer, doc any, pad, key string, elements func(write func(any) error) error) error {
	var head bytes.Buffer
	if err := encodeJSON(&head, doc); err != nil {
		return err
	}
	marker := []byte("\n" + pad + "\"" + key + "\": []")
	at := bytes.Index(head.Bytes(), marker)
	if at < 0 {
		return fmt.Errorf("no empty %q list in the document", key)
	}
	at += len(marker) - len("[]")
	bw := bufio.NewWriterSize(w, 64<<10)
	_, _ = bw.Write(head.Bytes()[:at]) // bufio keeps the first error for Flush
	// An element is indented by two more spaces than its key, as
	// encodeJSON indents the whole document.
	inner := pad + "  "
	open, next := "[\n"+inner, ",\n"+inner
	var elem bytes.Buffer
	enc := json.NewEncoder(&elem)
	enc.SetEscapeHTML(false)
	enc.SetIndent(inner, "  ")
	n := 0
	err := elements(func(v any) error {
		elem.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		if n == 0 {
			_, _ = bw.WriteString(open)
		} else {
			_, _ = bw.WriteString(next)
		}
		n++
		_, err := bw.Write(bytes.TrimSuffix(elem.Bytes(), []byte("\n")))
		return err
	})
	if err != nil {
		return err
	}
	rest := head.Bytes()[at:]
	if n > 0 {
		_, _ = bw.WriteString("\n" + pad + "]")
		rest = rest[len("[]"):]
	}
	_, _ = bw.Write(rest)
	return bw.Flush()
}

// encodeJSON writes v indented by two spaces, without HTML escaping, with a
// final newline.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
