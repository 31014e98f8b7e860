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
// request's range: a suppression comment for each, and the suggested fixes
// of its finding (TKESG205: the CIDR written as 0.0.0.0/0) while the
// document still holds the text they replace.
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
			actions = append(actions, s.action(doc, d, "Suppress "+d.Code+" here", suppression(t, d)))
		}
		for _, fix := range s.fixesOf(path, d) {
			if holds(t, fix) {
				actions = append(actions, s.action(doc, d, fix.title, fix.edits...))
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

// holds reports whether t still has, at each edit of fix, the text it
// replaces: an edit is never applied to text it did not expect.
func holds(t text, fix quickFix) bool {
	for i, e := range fix.edits {
		if e.Range.Start.Line != e.Range.End.Line {
			return false
		}
		if s, _ := t.lineSlice(e.Range); s != fix.old[i] {
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

// action wraps edits of doc in a quick fix for d. s.mu is held.
func (s *server) action(doc *document, d Diagnostic, title string, edits ...TextEdit) CodeAction {
	we := &WorkspaceEdit{}
	if s.documentChanges {
		we.DocumentChanges = []TextDocumentEdit{{
			TextDocument: VersionedTextDocumentIdentifier{URI: doc.uri, Version: doc.version},
			Edits:        edits,
		}}
	} else {
		we.Changes = map[string][]TextEdit{doc.uri: edits}
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
