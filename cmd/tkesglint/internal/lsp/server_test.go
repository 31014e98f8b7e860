package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/suppress"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/rulesets"
)

// sshOpen holds a world-open SSH rule (TKESG202 at the ingress block, line
// 7) and a 0.0.0.0/8 source behind a comment of Chinese characters and an
// emoji (TKESG205 on line 15, columns 30 to 41 in code points: UTF-16
// characters 30 to 41 0-based, as the emoji takes two units).
const sshOpen = `resource "tencentcloud_security_group" "bastion" {
  name = "bastion"
}

resource "tencentcloud_security_group_rule_set" "bastion" {
  security_group_id = tencentcloud_security_group.bastion.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = /* 办公室 😀 */ "0.0.0.0/8"
    protocol   = "TCP"
    port       = "8443"
  }
}
`

// testOptions lints with the built-in checks and no configuration.
func testOptions(dir string, paths []string) (driver.Options, []*model.Error) {
	return driver.Options{
		Dir: dir, Paths: paths, Analyzers: append(rulesets.All(rulesets.Options{}), rulesets.Document(suppress.Analyzer())...),
		Levels: map[string]analysis.Level{},
	}, nil
}

// client is a minimal LSP client talking to an in-process server over
// pipes, with LSP's framing.
type client struct {
	t      *testing.T
	w      *io.PipeWriter
	msgs   chan message
	done   chan error
	nextID int
	// pending holds the notifications read while waiting for a response.
	pending []message
}

func startServer(t *testing.T, cfg Config) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, w: inW, msgs: make(chan message, 100), done: make(chan error, 1)}
	go func() {
		err := Serve(context.Background(), inR, outW, cfg)
		_ = outW.Close()
		c.done <- err
	}()
	go func() {
		defer close(c.msgs)
		br := bufio.NewReader(outR)
		for {
			body, err := readMessage(br)
			if err != nil {
				return
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server sent invalid JSON %q: %v", body, err)
				return
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() {
		_ = inW.Close()
		_ = inR.Close()
		_ = outR.Close()
	})
	return c
}

func (c *client) write(v any) {
	c.t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := writeMessage(c.w, body); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// next returns the next message from the server.
func (c *client) next() message {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatal("the server closed its output")
		}
		return m
	case <-time.After(20 * time.Second):
		c.t.Fatal("timed out waiting for the server")
	}
	return message{}
}

// call sends a request and returns its response, keeping notifications.
func (c *client) call(method string, params any) message {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.write(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	for {
		m := c.next()
		if m.Method != "" {
			c.pending = append(c.pending, m)
			continue
		}
		if string(m.ID) != fmt.Sprint(id) {
			c.t.Fatalf("response to %s has id %s, want %d", method, m.ID, id)
		}
		return m
	}
}

// diagnostics waits for the next publishDiagnostics of uri.
func (c *client) diagnostics(uri string) PublishDiagnosticsParams {
	c.t.Helper()
	for {
		var m message
		if len(c.pending) > 0 {
			m, c.pending = c.pending[0], c.pending[1:]
		} else {
			m = c.next()
		}
		if m.Method != "textDocument/publishDiagnostics" {
			continue
		}
		var p PublishDiagnosticsParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatal(err)
		}
		if p.URI == uri {
			return p
		}
	}
}

func (c *client) initialize(root string) {
	c.t.Helper()
	r := c.call("initialize", map[string]any{
		"processId": nil, "rootUri": pathToURI(root),
		"capabilities": map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}}},
	})
	if r.Error != nil {
		c.t.Fatalf("initialize: %v", r.Error)
	}
	var res InitializeResult
	if err := json.Unmarshal(r.Result, &res); err != nil {
		c.t.Fatal(err)
	}
	if s := res.Capabilities.TextDocumentSync; !s.OpenClose || s.Change != SyncFull {
		c.t.Errorf("textDocumentSync = %+v", s)
	}
	if k := res.Capabilities.CodeActionProvider.CodeActionKinds; len(k) != 1 || k[0] != "quickfix" {
		c.t.Errorf("codeActionKinds = %v", k)
	}
	c.notify("initialized", map[string]any{})
}

func (c *client) shutdown() {
	c.t.Helper()
	if r := c.call("shutdown", nil); r.Error != nil || string(r.Result) != "null" {
		c.t.Fatalf("shutdown: result %s, error %v", r.Result, r.Error)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			c.t.Fatalf("Serve after exit: %v", err)
		}
	case <-time.After(20 * time.Second):
		c.t.Fatal("the server did not stop after exit")
	}
}

// codes returns the codes of ds with their ranges, sorted.
func codes(ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s %d:%d-%d:%d", d.Code, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character))
	}
	sort.Strings(out)
	return out
}

func TestSession(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "main.tf")
	// On disk the module is clean; the editor's unsaved text is not.
	if err := os.WriteFile(path, []byte("# empty\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	uri := pathToURI(path)
	c := startServer(t, Config{Options: testOptions, Debounce: 10 * time.Millisecond})
	c.initialize(dir)

	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "terraform", Version: 1, Text: sshOpen}})
	p := c.diagnostics(uri)
	if p.Version == nil || *p.Version != 1 {
		t.Errorf("version = %v, want 1", p.Version)
	}
	want := []string{"TKESG202 6:2-11:3", "TKESG205 14:30-14:41"}
	if got := codes(p.Diagnostics); strings.Join(got, ";") != strings.Join(want, ";") {
		t.Fatalf("diagnostics = %v, want %v", got, want)
	}
	for _, d := range p.Diagnostics {
		if d.Source != "tkesglint" || d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "/"+d.Code+".md") {
			t.Errorf("diagnostic %+v: want source tkesglint and a help link", d)
		}
		if d.Severity != SeverityWarning {
			t.Errorf("%s severity = %d, want 2", d.Code, d.Severity)
		}
		if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.URI != uri || d.RelatedInformation[0].Location.Range.Start.Line != 0 {
			t.Errorf("%s related = %+v, want the SG's line 0 in %s", d.Code, d.RelatedInformation, uri)
		}
	}

	// Code actions on the TKESG205 line: a suppression and the fix.
	var tkesg205 Diagnostic
	for _, d := range p.Diagnostics {
		if d.Code == "TKESG205" {
			tkesg205 = d
		}
	}
	r := c.call("textDocument/codeAction", CodeActionParams{
		TextDocument: TextDocumentIdentifier{URI: uri},
		Range:        Range{Start: Position{Line: 14, Character: 33}, End: Position{Line: 14, Character: 33}},
		Context:      CodeActionContext{Diagnostics: []Diagnostic{tkesg205}},
	})
	var actions []CodeAction
	if err := json.Unmarshal(r.Result, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 2 {
		t.Fatalf("code actions = %+v, want a suppression and a fix", actions)
	}
	fix := onlyEdit(t, actions[1], uri, 1)
	if got := applyEdits(sshOpen, fix); !strings.Contains(got, `cidr_block = /* 办公室 😀 */ "0.0.0.0/0"`) {
		t.Errorf("the fix gives:\n%s", got)
	}

	// Fix the SSH rule as the user types: a few changes in quick
	// succession, then the CIDR.
	text := strings.Replace(sshOpen, `cidr_block = "0.0.0.0/0"`, `cidr_block = "10.0.0.0/8"`, 1)
	text = applyEdits(text, fix)
	for v := 2; v <= 4; v++ {
		c.notify("textDocument/didChange", DidChangeTextDocumentParams{
			TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: v},
			ContentChanges: []TextDocumentContentChangeEvent{{Text: text}},
		})
	}
	p = c.diagnostics(uri)
	if len(p.Diagnostics) != 0 || p.Version == nil || *p.Version != 4 {
		t.Fatalf("after the fix: version %v, diagnostics %v; want version 4 and none", p.Version, codes(p.Diagnostics))
	}

	// Open SSH again, and suppress it with the code action.
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 5},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: sshOpen}},
	})
	p = c.diagnostics(uri)
	var tkesg202 Diagnostic
	for _, d := range p.Diagnostics {
		if d.Code == "TKESG202" {
			tkesg202 = d
		}
	}
	if tkesg202.Code == "" {
		t.Fatalf("no TKESG202 in %v", codes(p.Diagnostics))
	}
	r = c.call("textDocument/codeAction", CodeActionParams{
		TextDocument: TextDocumentIdentifier{URI: uri},
		Range:        tkesg202.Range,
		Context:      CodeActionContext{Diagnostics: []Diagnostic{tkesg202}},
	})
	actions = nil
	if err := json.Unmarshal(r.Result, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Title != "Suppress TKESG202 here" || actions[0].Kind != "quickfix" {
		t.Fatalf("code actions = %+v, want one suppression", actions)
	}
	edits := onlyEdit(t, actions[0], uri, 5)
	text = applyEdits(sshOpen, edits)
	wantLine := `  # tkesglint:ignore TKESG202 reason="TODO: why this is acceptable"` + "\n  ingress {\n    action     = \"ACCEPT\"\n    cidr_block = \"0.0.0.0/0\""
	if !strings.Contains(text, wantLine) {
		t.Fatalf("after the suppression:\n%s", text)
	}
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 6},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: text}},
	})
	p = c.diagnostics(uri)
	if got := codes(p.Diagnostics); strings.Join(got, ";") != "TKESG205 15:30-15:41" {
		t.Fatalf("after the suppression: %v, want only TKESG205 one line lower", got)
	}

	// Closing clears the document's diagnostics.
	c.notify("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Errorf("after close: %v", codes(p.Diagnostics))
	}
	c.shutdown()
}

// onlyEdit returns the edits of a code action, checking that they apply to
// version of uri.
func onlyEdit(t *testing.T, a CodeAction, uri string, version int) []TextEdit {
	t.Helper()
	if a.Edit == nil || len(a.Edit.DocumentChanges) != 1 {
		t.Fatalf("code action %q: want one document change, got %+v", a.Title, a.Edit)
	}
	dc := a.Edit.DocumentChanges[0]
	if dc.TextDocument.URI != uri || dc.TextDocument.Version == nil || *dc.TextDocument.Version != version {
		t.Fatalf("code action %q edits %s version %v, want %s version %d", a.Title, dc.TextDocument.URI, dc.TextDocument.Version, uri, version)
	}
	return dc.Edits
}

// applyEdits applies non-overlapping edits as a client does.
func applyEdits(src string, edits []TextEdit) string {
	sorted := append([]TextEdit(nil), edits...)
	sort.Slice(sorted, func(i, j int) bool { return before(sorted[j].Range.Start, sorted[i].Range.Start) })
	for _, e := range sorted {
		src = applyChange(src, TextDocumentContentChangeEvent{Range: &e.Range, Text: e.NewText})
	}
	return src
}

func TestParseErrorAndProtocol(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "template.yaml")
	uri := pathToURI(path)
	c := startServer(t, Config{Options: testOptions, Debounce: 10 * time.Millisecond})

	// Before initialize, requests are refused.
	if r := c.call("textDocument/codeAction", map[string]any{}); r.Error == nil || r.Error.Code != codeServerNotInitialized {
		t.Errorf("codeAction before initialize: %+v", r)
	}
	c.initialize(dir)
	if r := c.call("workspace/symbol", map[string]any{"query": ""}); r.Error == nil || r.Error.Code != codeMethodNotFound {
		t.Errorf("unknown request: %+v", r)
	}
	c.notify("$/setTrace", map[string]any{"value": "off"})
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": nil})

	// A template with a YAML error is an error diagnostic at its line.
	broken := "Resources:\n  SG:\n    Type: TencentCloud::VPC::SecurityGroup\n    Properties: [unclosed\n"
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "yaml", Version: 1, Text: broken}})
	p := c.diagnostics(uri)
	if len(p.Diagnostics) == 0 || p.Diagnostics[0].Severity != SeverityError || p.Diagnostics[0].Range.Start.Line == 0 {
		t.Errorf("diagnostics of a broken template = %+v, want an error past line 0", p.Diagnostics)
	}
	c.shutdown()
}

// TestMalformedBody: a message whose body is not JSON is answered with a
// parse error whose id is null, as JSON-RPC 2.0 requires, and the session
// goes on. (Libraries that close the connection on such a message lose
// the user's session for one bad byte; see the package comment.)
func TestMalformedBody(t *testing.T) {
	c := startServer(t, Config{Options: testOptions})
	c.initialize(t.TempDir())
	if err := writeMessage(c.w, []byte(`{"jsonrpc": "2.0", "id": 7, "method": `)); err != nil {
		t.Fatal(err)
	}
	m := c.next()
	if m.Error == nil || m.Error.Code != codeParseError || string(m.ID) != "null" {
		t.Fatalf("reply to a body that is not JSON: id %s, error %+v; want id null, code %d", m.ID, m.Error, codeParseError)
	}
	if r := c.call("workspace/symbol", map[string]any{"query": ""}); r.Error == nil || r.Error.Code != codeMethodNotFound {
		t.Errorf("the session after a parse error: %+v", r)
	}
	c.shutdown()
}

func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t, Config{Options: testOptions})
	c.initialize(t.TempDir())
	c.notify("exit", nil)
	if err := <-c.done; !errors.Is(err, ErrExitWithoutShutdown) {
		t.Errorf("Serve = %v, want ErrExitWithoutShutdown", err)
	}
}

func TestFraming(t *testing.T) {
	in := "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}content-length: 3\r\n\r\n[1]"
	br := bufio.NewReader(strings.NewReader(in))
	for _, want := range []string{"{}", "[1]"} {
		body, err := readMessage(br)
		if err != nil || string(body) != want {
			t.Fatalf("readMessage = %q, %v; want %q", body, err, want)
		}
	}
	if _, err := readMessage(br); !errors.Is(err, io.EOF) {
		t.Errorf("at the end: %v, want io.EOF", err)
	}
	for _, bad := range []string{"Content-Length: x\r\n\r\n", "\r\n", "garbage\r\n\r\n", "Content-Length: 5\r\n\r\n{}"} {
		if _, err := readMessage(bufio.NewReader(strings.NewReader(bad))); err == nil || errors.Is(err, io.EOF) {
			t.Errorf("readMessage(%q) = %v, want an error", bad, err)
		}
	}
}

func TestPositions(t *testing.T) {
	// "\t安全组 😀 x": x is at column 8 (code points, 1-based) and UTF-16
	// character 8 (0-based), since the emoji takes two units.
	tx := newText("line one\r\n\t安全组 😀 x = 1\n")
	for _, tc := range []struct {
		pos  model.Pos
		want Position
	}{
		{model.Pos{Line: 1, Column: 1}, Position{0, 0}},
		{model.Pos{Line: 1, Column: 9}, Position{0, 8}},
		{model.Pos{Line: 1, Column: 50}, Position{0, 8}}, // past the end, \r excluded
		{model.Pos{Line: 2, Column: 2}, Position{1, 1}},  // after the tab
		{model.Pos{Line: 2, Column: 5}, Position{1, 4}},  // after three Chinese characters
		{model.Pos{Line: 2, Column: 6}, Position{1, 5}},  // before the emoji
		{model.Pos{Line: 2, Column: 7}, Position{1, 7}},  // after the emoji
		{model.Pos{Line: 2, Column: 8}, Position{1, 8}},  // before x
		{model.Pos{Line: 0, Column: 0}, Position{0, 0}},  // unknown
	} {
		if got := tx.position(tc.pos); got != tc.want {
			t.Errorf("position(%+v) = %+v, want %+v", tc.pos, got, tc.want)
		}
	}
	line := tx.line(1)
	if off := offset(line, 8); line[off:off+1] != "x" {
		t.Errorf("offset(8) = %d (%q), want the x", off, line[off:])
	}
	if got := character(line, strings.Index(line, "x")); got != 8 {
		t.Errorf("character of x = %d, want 8", got)
	}
}

func TestURIs(t *testing.T) {
	p := filepath.Join(t.TempDir(), "with space", "安全.tf")
	uri := pathToURI(p)
	if !strings.HasPrefix(uri, "file:///") || strings.Contains(uri, " ") {
		t.Errorf("pathToURI(%q) = %q", p, uri)
	}
	if got, ok := uriToPath(uri); !ok || got != p {
		t.Errorf("uriToPath(%q) = %q, %v; want %q", uri, got, ok, p)
	}
	if _, ok := uriToPath("untitled:Untitled-1"); ok {
		t.Error("uriToPath accepted an untitled: URI")
	}
}

// TestQuickFixInAnotherFile offers the fix of a finding at a binding whose
// edit is in another file of the module, one the client has not opened:
// the WorkspaceEdit names it with a null version, and the edit, made on
// the file on disk, repairs the finding.
func TestQuickFixInAnotherFile(t *testing.T) {
	dir := t.TempDir()
	rules := `resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "30000-32768"
  }

  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "UDP"
    port       = "30000-32768"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
`
	cluster := `resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_kubernetes_cluster" "prod" {
  cluster_name = "prod"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
`
	rulesPath, clusterPath := filepath.Join(dir, "rules.tf"), filepath.Join(dir, "cluster.tf")
	for p, src := range map[string]string{rulesPath: rules, clusterPath: cluster} {
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	uri := pathToURI(clusterPath)
	c := startServer(t, Config{Options: testOptions, Debounce: 10 * time.Millisecond})
	c.initialize(dir)
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "terraform", Version: 3, Text: cluster}})
	p := c.diagnostics(uri)
	if got := codes(p.Diagnostics); strings.Join(got, ";") != "TKESG101 11:25-11:63" {
		t.Fatalf("diagnostics = %v, want TKESG101 at the binding", got)
	}
	r := c.call("textDocument/codeAction", CodeActionParams{
		TextDocument: TextDocumentIdentifier{URI: uri},
		Range:        p.Diagnostics[0].Range,
		Context:      CodeActionContext{Diagnostics: p.Diagnostics},
	})
	var actions []CodeAction
	if err := json.Unmarshal(r.Result, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 2 || !strings.HasPrefix(actions[1].Title, "Add ACCEPT ALL from 172.16.0.0/16 at the end of the ingress rules of sg nodes") {
		t.Fatalf("code actions = %+v, want a suppression and the fix", actions)
	}
	dc := actions[1].Edit.DocumentChanges
	if len(dc) != 1 || dc[0].TextDocument.URI != pathToURI(rulesPath) || dc[0].TextDocument.Version != nil {
		t.Fatalf("the fix edits %+v, want rules.tf as on disk (no version)", dc)
	}
	fixed := applyEdits(rules, dc[0].Edits)
	if !strings.Contains(fixed, "  ingress {\n    action      = \"ACCEPT\"\n    cidr_block  = \"172.16.0.0/16\"") {
		t.Fatalf("the fix gives:\n%s", fixed)
	}
	// On disk, the fix repairs the finding.
	if err := os.WriteFile(rulesPath, []byte(fixed), 0o600); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 4},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: cluster}},
	})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Errorf("after the fix: %v", codes(p.Diagnostics))
	}
	c.shutdown()
}
