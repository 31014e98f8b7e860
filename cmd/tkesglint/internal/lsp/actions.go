package lsp

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/suppress"
)

// SuppressionReason is the reason a suppression inserted by a code action
// gives, for the user to replace.
const SuppressionReason = "TODO: why this is acceptable"

// worldAlias finds a CIDR written 0.0.0.0/n that is not the tail of a
// longer address (10.0.0.0/8).
var worldAlias = regexp.MustCompile(`(?:^|[^0-9.])(0\.0\.0\.0/(\d+))`)

// codeActions returns the quick fixes for the tkesglint diagnostics of the
// request's range: a suppression comment for each, and for TKESG205 the
// CIDR rewritten as 0.0.0.0/0.
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
		if d.Code == "TKESG205" {
			if edit, old, ok := worldAliasFix(t, d.Range); ok {
				actions = append(actions, s.action(doc, d, fmt.Sprintf("Write %s as 0.0.0.0/0, which it means", old), edit))
			}
		}
	}
	return actions
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

// action wraps one edit of doc in a quick fix for d. s.mu is held.
func (s *server) action(doc *document, d Diagnostic, title string, edit TextEdit) CodeAction {
	we := &WorkspaceEdit{}
	if s.documentChanges {
		we.DocumentChanges = []TextDocumentEdit{{
			TextDocument: VersionedTextDocumentIdentifier{URI: doc.uri, Version: doc.version},
			Edits:        []TextEdit{edit},
		}}
	} else {
		we.Changes = map[string][]TextEdit{doc.uri: {edit}}
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

// worldAliasFix replaces the 0.0.0.0/n inside r with 0.0.0.0/0; old is the
// text replaced.
func worldAliasFix(t text, r Range) (edit TextEdit, old string, ok bool) {
	s, from := t.lineSlice(r)
	m := worldAlias.FindStringSubmatchIndex(s)
	if len(m) < 6 || strings.TrimLeft(s[m[4]:m[5]], "0") == "" {
		return TextEdit{}, "", false
	}
	line := t.line(r.Start.Line)
	start, end := from+m[2], from+m[3]
	return TextEdit{
		Range: Range{
			Start: Position{Line: r.Start.Line, Character: character(line, start)},
			End:   Position{Line: r.Start.Line, Character: character(line, end)},
		},
		NewText: "0.0.0.0/0",
	}, s[m[2]:m[3]], true
}
