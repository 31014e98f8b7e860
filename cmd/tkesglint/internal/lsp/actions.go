package lsp

import (
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/suppress"
)

// SuppressionReason is the reason a suppression inserted by a code action
// gives, for the user to replace.
const SuppressionReason = "TODO: why this is acceptable"

// codeActions returns the quick fixes for the tkesglint diagnostics of the
// request's range: a suppression comment for each, and the proved fixes of
// its finding (docs/fixing.md) while the documents they edit still hold
// the text they replace.
func (s *server) codeActions(p *CodeActionParams) []CodeAction {
	actions := []CodeAction{}
	if len(p.Context.Only) > 0 && !wantsQuickFix(p.Context.Only) {
		return actions
	}
	path, ok := uriToPath(p.TextDocument.URI)
	if !ok {
		return actions
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := s.docs[path]
	if doc == nil {
		return actions
	}
	diags := p.Context.Diagnostics
	if len(diags) == 0 {
		diags = s.published[path]
	}
	t := newText(doc.text)
	syntax := suppress.SyntaxOf(path)
	for _, d := range diags {
		if d.Source != source || d.Code == "" || !overlaps(d.Range, p.Range) {
			continue
		}
		if syntax != suppress.NoComments && d.Code != suppress.CheckID {
			actions = append(actions, s.action(d, "Suppress "+d.Code+" here", fileEdit{path: path, edit: suppression(t, d)}))
		}
		for _, fix := range s.fixesOf(path, d) {
			if s.holds(fix) {
				actions = append(actions, s.action(d, fix.title, fix.edits...))
			}
		}
	}
	return actions
}

// fixesOf returns the fixes of the diagnostic published for path that d
// (as the client sends it back) is. s.mu is held.
func (s *server) fixesOf(path string, d Diagnostic) []quickFix {
	for _, p := range s.published[path] {
		if p.Code == d.Code && p.Range == d.Range && p.Message == d.Message {
			return p.fixes
		}
	}
	return nil
}

// holds reports whether every open document a fix edits still has, at
// each edit, the text it replaces and the lines around it: an edit is
// never applied to text it did not expect, and a fix is not applied twice
// (one that several diagnostics share, docs/fixing.md, is offered on
// each). (A file that is not open is as the lint read it from disk.)
// s.mu is held.
func (s *server) holds(fix quickFix) bool {
	for _, e := range fix.edits {
		doc := s.docs[e.path]
		if doc == nil {
			continue
		}
		if t := newText(doc.text); t.slice(e.edit.Range) != e.old || t.wholeLines(e.edit.Range) != e.lines {
			return false
		}
	}
	return true
}

// wantsQuickFix reports whether the kinds a client asks for include
// quickfix (a kind covers its sub-kinds).
func wantsQuickFix(only []string) bool {
	for _, k := range only {
		if k == CodeActionKindQuickFix || strings.HasPrefix(CodeActionKindQuickFix, k+".") {
			return true
		}
	}
	return false
}

// overlaps reports whether two ranges share a position, ends included, so
// that a cursor at either end of a diagnostic finds it.
func overlaps(a, b Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(a, b Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// action wraps edits in a quick fix for d: a WorkspaceEdit of every
// document they touch, each at the version the client has (open
// documents) or as on disk. s.mu is held.
func (s *server) action(d Diagnostic, title string, edits ...fileEdit) CodeAction {
	we := &WorkspaceEdit{}
	var paths []string
	byPath := map[string][]TextEdit{}
	for _, e := range edits {
		if _, ok := byPath[e.path]; !ok {
			paths = append(paths, e.path)
		}
		byPath[e.path] = append(byPath[e.path], e.edit)
	}
	for _, p := range paths {
		uri := pathToURI(p)
		var version *int
		if doc := s.docs[p]; doc != nil {
			uri = doc.uri
			v := doc.version
			version = &v
		}
		if s.documentChanges {
			we.DocumentChanges = append(we.DocumentChanges, TextDocumentEdit{
				TextDocument: OptionalVersionedTextDocumentIdentifier{URI: uri, Version: version},
				Edits:        byPath[p],
			})
			continue
		}
		if we.Changes == nil {
			we.Changes = map[string][]TextEdit{}
		}
		we.Changes[uri] = byPath[p]
	}
	return CodeAction{Title: title, Kind: CodeActionKindQuickFix, Diagnostics: []Diagnostic{d}, Edit: we}
}

// suppression inserts a tkesglint:ignore comment for d on the line above
// its start, indented as that line.
func suppression(t text, d Diagnostic) TextEdit {
	line := d.Range.Start.Line
	raw := ""
	if line < len(t.lines) {
		raw = t.lines[line]
	}
	body := strings.TrimSuffix(raw, "\r")
	indent := body[:len(body)-len(strings.TrimLeft(body, " \t"))]
	eol := "\n"
	if strings.HasSuffix(raw, "\r") {
		eol = "\r\n"
	}
	at := Position{Line: line, Character: 0}
	return TextEdit{
		Range:   Range{Start: at, End: at},
		NewText: fmt.Sprintf("%s# %signore %s reason=%q%s", indent, suppress.Prefix, d.Code, SuppressionReason, eol),
	}
}
