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
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/config"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// DefaultDebounce is how long the server waits after a change before it
// lints, so that typing does not start a run on every keystroke.
const DefaultDebounce = 200 * time.Millisecond

// Config is what the server takes from the command that starts it.
type Config struct {
	// Options returns the options of a lint run over paths (relative to
	// dir) with dir as the working directory, computed as the command line
	// computes them (configuration file found from the paths, rulesets,
	// flags). Errors make the run not happen; they are shown instead.
	Options func(dir string, paths []string) (driver.Options, []*model.Error)
	// Name and Version are sent as serverInfo.
	Name, Version string
	// Debounce is the delay after a change; 0 means DefaultDebounce.
	Debounce time.Duration
	// Log receives what the server has to say about itself; nil discards.
	Log io.Writer
	// TuneGC lets the server set the garbage collector's GOGC from its live
	// heap (see gcHeadroom) unless GOGC or GOMEMLIMIT is set: for a process
	// whose only job is the server, as GOGC is the process's.
	TuneGC bool

	// observe, when set (by tests), is called at the end of each run that
	// published its diagnostics, after everything the run does.
	observe func(runStats)
}

// runStats is what Config.observe learns of a run.
type runStats struct {
	// collections is the number of garbage collections that ended while
	// the run linted.
	collections uint64
}

// ErrExitWithoutShutdown is returned by Serve when the client sent exit
// without shutdown first, or closed the stream: LSP's exit status is then 1.
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// document is an open text document.
type document struct {
	uri     string // as the client wrote it
	path    string // absolute, cleaned
	version int
	text    string
}

// target is what one lint run covers: the folder of a Terraform module,
// or one template or export file.
type target struct {
	timer  *time.Timer
	cancel context.CancelFunc
	// gen counts the runs scheduled; a run whose gen is no longer current
	// publishes nothing.
	gen int
}

// server is the state of one session.
type server struct {
	cfg    Config
	out    *sender
	ctx    context.Context
	cancel context.CancelFunc

	mu              sync.Mutex
	initialized     bool
	shutdown        bool
	root            string // workspace root, absolute; empty when unknown
	documentChanges bool
	docs            map[string]*document // by path
	targets         map[string]*target   // by target path
	published       map[string][]Diagnostic
	runs            sync.WaitGroup
	// parses keeps the syntax of the Terraform files between runs: after
	// an edit only the edited file is parsed again.
	parses *terraform.ParseCache
	// disk keeps the content of the module files on disk that are not
	// open, while they do not change.
	disk *diskCache
	// gc tunes the collector after each run; nil when it is not tuned.
	gc *gcTuner
}

// Serve runs a language server over in and out until the client sends
// exit, the stream ends, or ctx is canceled. It returns nil after
// shutdown and exit.
func Serve(ctx context.Context, in io.Reader, out io.Writer, cfg Config) error {
	if cfg.Debounce == 0 {
		cfg.Debounce = DefaultDebounce
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	lctx, cancel := context.WithCancel(ctx)
	s := &server{
		cfg: cfg, out: newSender(out), ctx: lctx, cancel: cancel,
		docs: map[string]*document{}, targets: map[string]*target{}, published: map[string][]Diagnostic{},
		parses: &terraform.ParseCache{}, disk: &diskCache{},
	}
	if cfg.TuneGC {
		s.gc = newGCTuner(os.Getenv)
		defer s.gc.stop()
	}
	err := s.loop(ctx, bufio.NewReader(in))
	s.stopRuns()
	if werr := s.out.close(); werr != nil && err == nil {
		err = fmt.Errorf("write: %w", werr)
	}
	return err
}

// loop reads messages and handles them one at a time, in order. Reading
// happens on its own goroutine so that ctx can end the session while a read
// is blocked.
func (s *server) loop(ctx context.Context, r *bufio.Reader) error {
	type read struct {
		body []byte
		err  error
	}
	msgs := make(chan read)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			body, err := readMessage(r)
			select {
			case msgs <- read{body, err}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	for {
		var m read
		select {
		case <-ctx.Done():
			return fmt.Errorf("serve: %w", ctx.Err())
		case m = <-msgs:
		}
		if errors.Is(m.err, io.EOF) {
			return s.exitStatus()
		}
		if m.err != nil {
			return m.err
		}
		if exit := s.handle(m.body); exit {
			return s.exitStatus()
		}
	}
}

func (s *server) exitStatus() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.shutdown {
		return ErrExitWithoutShutdown
	}
	return nil
}

func (s *server) logf(format string, args ...any) {
	_, _ = fmt.Fprintf(s.cfg.Log, "tkesglint lsp: "+format+"\n", args...)
}

// handle handles one message; it returns true on exit.
func (s *server) handle(body []byte) bool {
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		s.out.replyError(nil, errorf(codeParseError, "parse error: %v", err))
		return false
	}
	if m.Method == "" {
		// A response to a request of ours: the server sends none.
		return false
	}
	if m.Method == "exit" {
		return true
	}
	result, rerr := s.dispatch(&m)
	if !m.isRequest() {
		if rerr != nil && rerr.Code != codeMethodNotFound {
			s.logf("%s: %v", m.Method, rerr)
		}
		return false
	}
	if rerr != nil {
		s.out.replyError(m.ID, rerr)
		return false
	}
	s.out.reply(m.ID, result)
	return false
}

// dispatch runs the handler of a method.
func (s *server) dispatch(m *message) (any, *rpcError) {
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case m.Method == "initialize":
		if initialized {
			return nil, errorf(codeInvalidRequest, "initialize was already sent")
		}
		return s.initialize(m.Params)
	case !initialized:
		return nil, errorf(codeServerNotInitialized, "%s before initialize", m.Method)
	case shutdown:
		return nil, errorf(codeInvalidRequest, "%s after shutdown", m.Method)
	}
	switch m.Method {
	case "initialized":
		return nil, nil
	case "shutdown":
		s.stopRuns()
		return nil, nil
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		return nil, decode(m.Params, &p, func() { s.didOpen(&p) })
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		return nil, decode(m.Params, &p, func() { s.didChange(&p) })
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		return nil, decode(m.Params, &p, func() { s.didSave(&p) })
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		return nil, decode(m.Params, &p, func() { s.didClose(&p) })
	case "textDocument/codeAction":
		var (
			p       CodeActionParams
			actions []CodeAction
		)
		err := decode(m.Params, &p, func() { actions = s.codeActions(&p) })
		return actions, err
	}
	return nil, errorf(codeMethodNotFound, "method %q is not supported", m.Method)
}

// decode reads params into p and calls f.
func decode(params json.RawMessage, p any, f func()) *rpcError {
	if err := json.Unmarshal(params, p); err != nil {
		return errorf(codeInvalidParams, "invalid params: %v", err)
	}
	f()
	return nil
}

func (s *server) initialize(params json.RawMessage) (any, *rpcError) {
	var p InitializeParams
	if len(params) > 0 {
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, errorf(codeInvalidParams, "invalid params: %v", err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case p.RootURI != nil:
		s.root, _ = uriToPath(*p.RootURI)
	case len(p.WorkspaceFolders) > 0:
		s.root, _ = uriToPath(p.WorkspaceFolders[0].URI)
	case p.RootPath != nil && filepath.IsAbs(*p.RootPath):
		s.root = filepath.Clean(*p.RootPath)
	}
	s.documentChanges = p.Capabilities.Workspace.WorkspaceEdit.DocumentChanges
	s.initialized = true
	return InitializeResult{
		Capabilities: ServerCapabilities{
			TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: SyncFull, Save: SaveOptions{}},
			CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{CodeActionKindQuickFix}},
		},
		ServerInfo: ServerInfo{Name: s.cfg.Name, Version: s.cfg.Version},
	}, nil
}

// stopRuns cancels the pending and running lints, waits for them, and
// refuses new ones.
func (s *server) stopRuns() {
	s.mu.Lock()
	s.shutdown = true
	for _, t := range s.targets {
		t.gen++
		if t.timer != nil {
			t.timer.Stop()
		}
		if t.cancel != nil {
			t.cancel()
		}
	}
	s.mu.Unlock()
	s.cancel()
	s.runs.Wait()
}

func (s *server) didOpen(p *DidOpenTextDocumentParams) {
	path, ok := uriToPath(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = &document{uri: p.TextDocument.URI, path: path, version: p.TextDocument.Version, text: p.TextDocument.Text}
	s.schedule(targetOf(path), 0)
}

func (s *server) didChange(p *DidChangeTextDocumentParams) {
	path, ok := uriToPath(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[path]
	if d == nil {
		return
	}
	for _, ch := range p.ContentChanges {
		d.text = applyChange(d.text, ch)
	}
	d.version = p.TextDocument.Version
	s.schedule(targetOf(path), s.cfg.Debounce)
}

// applyChange applies one content change: the whole text, or (from a
// client that ignores the announced full sync) a range.
func applyChange(src string, ch TextDocumentContentChangeEvent) string {
	if ch.Range == nil {
		return ch.Text
	}
	at := func(p Position) int {
		n := 0
		for range p.Line {
			j := strings.IndexByte(src[n:], '\n')
			if j < 0 {
				return len(src)
			}
			n += j + 1
		}
		line := src[n:]
		if j := strings.IndexByte(line, '\n'); j >= 0 {
			line = line[:j]
		}
		return n + offset(line, p.Character)
	}
	from, to := at(ch.Range.Start), at(ch.Range.End)
	if to < from {
		from, to = to, from
	}
	return src[:from] + ch.Text + src[to:]
}

func (s *server) didSave(p *DidSaveTextDocumentParams) {
	path, ok := uriToPath(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[path]; d != nil && p.Text != nil {
		d.text = *p.Text
	}
	if filepath.Base(path) == config.FileName {
		// The configuration changed: every document may lint differently.
		for t := range s.openTargets() {
			s.schedule(t, 0)
		}
		return
	}
	if s.docs[path] != nil {
		s.schedule(targetOf(path), 0)
	}
}

func (s *server) didClose(p *DidCloseTextDocumentParams) {
	path, ok := uriToPath(p.TextDocument.URI)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.docs[path] == nil {
		return
	}
	delete(s.docs, path)
	delete(s.published, path)
	s.out.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []Diagnostic{}})
	tp := targetOf(path)
	if _, ok := s.openTargets()[tp]; ok {
		// The others are linted against the file on disk now.
		s.schedule(tp, 0)
		return
	}
	if t := s.targets[tp]; t != nil {
		t.gen++
		if t.timer != nil {
			t.timer.Stop()
		}
		if t.cancel != nil {
			t.cancel()
		}
		delete(s.targets, tp)
		s.disk.forget(tp)
	}
}

// openTargets returns the targets of the open documents. s.mu is held.
func (s *server) openTargets() map[string]bool {
	out := map[string]bool{}
	for p := range s.docs {
		out[targetOf(p)] = true
	}
	return out
}

// targetOf returns what is linted for a document: its folder for a
// Terraform file (a module is a folder), otherwise the file itself.
func targetOf(path string) string {
	if terraform.KindOf(path).InModule() {
		return filepath.Dir(path)
	}
	return path
}

// schedule (re)starts the lint of tp after delay, canceling the pending or
// running one. s.mu is held.
func (s *server) schedule(tp string, delay time.Duration) {
	if s.shutdown {
		return
	}
	t := s.targets[tp]
	if t == nil {
		t = &target{}
		s.targets[tp] = t
	}
	t.gen++
	gen := t.gen
	if t.timer != nil {
		t.timer.Stop()
	}
	if t.cancel != nil {
		t.cancel() // a stale run
		t.cancel = nil
	}
	t.timer = time.AfterFunc(delay, func() { s.start(tp, gen) })
}

// start runs lint gen of tp unless a later one was scheduled.
func (s *server) start(tp string, gen int) {
	s.mu.Lock()
	t := s.targets[tp]
	if s.shutdown || t == nil || t.gen != gen {
		s.mu.Unlock()
		return
	}
	snap := s.snapshot(tp)
	if len(snap) == 0 {
		s.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	t.cancel = cancel
	dir := s.workDir(filepath.Dir(snap[0].path))
	s.runs.Add(1)
	s.mu.Unlock()

	go func() {
		defer s.runs.Done()
		defer cancel()
		allocated := s.gc.allocated()
		cycles := gcCycles(s.cfg.observe != nil)
		diags := lint(ctx, s.cfg, s.parses, s.disk, dir, tp, snap, s.logf)
		stats := runStats{collections: gcCycles(s.cfg.observe != nil) - cycles}
		s.gc.tune()
		if ctx.Err() != nil {
			return
		}
		if s.publish(tp, gen, snap, diags) {
			s.gc.idle(allocated)
			if s.cfg.observe != nil {
				s.cfg.observe(stats)
			}
		}
	}()
}

// publish sends the diagnostics of run gen of tp for the documents of snap
// that are still open, unless a later run was scheduled; it reports whether
// it sent them.
func (s *server) publish(tp string, gen int, snap []document, diags map[string][]Diagnostic) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.targets[tp]; s.shutdown || t == nil || t.gen != gen {
		return false
	}
	for _, d := range snap {
		if s.docs[d.path] == nil {
			continue
		}
		version := d.version
		list := diags[d.path]
		if list == nil {
			list = []Diagnostic{}
		}
		s.published[d.path] = list
		s.out.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: d.uri, Version: &version, Diagnostics: list})
	}
	return true
}

// snapshot copies the open documents of tp. s.mu is held.
func (s *server) snapshot(tp string) []document {
	var out []document
	for p, d := range s.docs {
		if targetOf(p) == tp {
			out = append(out, *d)
		}
	}
	slices.SortFunc(out, func(a, b document) int { return strings.Compare(a.path, b.path) })
	return out
}

// workDir is the working directory of a lint of files of folder base, as
// if the user ran tkesglint there: the folder of the configuration file
// that applies, or else the workspace root when it holds base, or else
// base. s.mu is held.
func (s *server) workDir(base string) string {
	if cfg := config.Find(base); cfg != "" {
		return filepath.Dir(cfg)
	}
	if s.root != "" && within(s.root, base) {
		return s.root
	}
	return base
}

// within reports whether p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
