package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// lspClient frames JSON-RPC messages to a language server and reads its
// messages back.
type lspClient struct {
	t    *testing.T
	w    io.Writer
	msgs chan map[string]json.RawMessage
}

func newLSPClient(t *testing.T, w io.Writer, r io.Reader) *lspClient {
	t.Helper()
	c := &lspClient{t: t, w: w, msgs: make(chan map[string]json.RawMessage, 100)}
	go func() {
		defer close(c.msgs)
		br := bufio.NewReader(r)
		for {
			length := -1
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					return
				}
				line = strings.TrimSpace(line)
				if line == "" {
					break
				}
				if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
					length, _ = strconv.Atoi(v)
				}
			}
			body := make([]byte, length)
			if _, err := io.ReadFull(br, body); err != nil {
				return
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("invalid message %q: %v", body, err)
				return
			}
			c.msgs <- m
		}
	}()
	return c
}

func (c *lspClient) send(v map[string]any) {
	c.t.Helper()
	v["jsonrpc"] = "2.0"
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatalf("write to the server: %v", err)
	}
}

// await returns the first message that match accepts.
func (c *lspClient) await(what string, match func(map[string]json.RawMessage) bool) map[string]json.RawMessage {
	c.t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("the server closed its output while waiting for %s", what)
			}
			if match(m) {
				return m
			}
		case <-timeout:
			c.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func (c *lspClient) response(id int) map[string]json.RawMessage {
	c.t.Helper()
	return c.await(fmt.Sprintf("the response %d", id), func(m map[string]json.RawMessage) bool { return string(m["id"]) == strconv.Itoa(id) })
}

// publishedCodes waits for the diagnostics of uri and returns their codes
// and 0-based start lines.
func (c *lspClient) publishedCodes(uri string) []string {
	c.t.Helper()
	m := c.await("diagnostics of "+uri, func(m map[string]json.RawMessage) bool {
		return string(m["method"]) == `"textDocument/publishDiagnostics"` && strings.Contains(string(m["params"]), strconv.Quote(uri))
	})
	var p struct {
		Diagnostics []struct {
			Code  string
			Range struct{ Start struct{ Line, Character int } }
		}
	}
	if err := json.Unmarshal(m["params"], &p); err != nil {
		c.t.Fatal(err)
	}
	out := []string{}
	for _, d := range p.Diagnostics {
		out = append(out, fmt.Sprintf("%s@%d:%d", d.Code, d.Range.Start.Line, d.Range.Start.Character))
	}
	return out
}

// bastionTF has a world-open SSH rule (TKESG202 at line 7, column 3) and
// a 0.0.0.0/8 source (TKESG205 at line 15) behind a comment of Chinese
// characters and an emoji.
const bastionTF = `resource "tencentcloud_security_group" "bastion" {
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

// buildBinary builds tkesglint into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "tkesglint")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func fileURI(p string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
}

// TestLSPBinary runs the built program as an editor would: initialize, open
// a module with a world-open SSH rule in a workspace whose configuration
// disables TKESG205, read its diagnostics, shut down, exit with status 0.
func TestLSPBinary(t *testing.T) {
	bin := buildBinary(t)

	ws := t.TempDir()
	mod := filepath.Join(ws, "infra", "bastion")
	if err := os.MkdirAll(mod, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ws, ".tkesglint.yml"), []byte("checks:\n  disable: [TKESG205]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	src := bastionTF
	path := filepath.Join(mod, "main.tf")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(bin, "lsp")
	cmd.Dir = ws
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	c := newLSPClient(t, stdin, stdout)

	c.send(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"processId": os.Getpid(), "rootUri": fileURI(ws), "capabilities": map[string]any{}}})
	init := c.response(1)
	if !strings.Contains(string(init["result"]), `"codeActionProvider"`) {
		t.Errorf("initialize result: %s", init["result"])
	}
	c.send(map[string]any{"method": "initialized", "params": map[string]any{}})
	uri := fileURI(path)
	c.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "terraform", "version": 1, "text": src},
	}})
	if got := strings.Join(c.publishedCodes(uri), " "); got != "TKESG202@6:2" {
		t.Errorf("diagnostics: %s, want TKESG202@6:2 (TKESG205 is disabled by the configuration)", got)
	}
	c.send(map[string]any{"id": 2, "method": "shutdown"})
	if r := c.response(2); string(r["result"]) != "null" {
		t.Errorf("shutdown: %v", r)
	}
	c.send(map[string]any{"method": "exit"})
	_ = stdin.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("tkesglint lsp: %v; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("tkesglint lsp did not exit")
	}
}

func TestLSPArguments(t *testing.T) {
	c, _, stderr := newTestCLI(t, nil)
	c.stdin = strings.NewReader("")
	if code := c.run(t.Context(), []string{"lsp", "main.tf"}); code != exitFailure || !strings.Contains(stderr.String(), "lsp takes no paths") {
		t.Errorf("lsp main.tf: status %d, stderr %q", code, stderr.String())
	}
	// --stdio is accepted, before or after lsp; a stream that ends without
	// shutdown is status 1.
	for _, args := range [][]string{{"lsp", "--stdio"}, {"--stdio", "lsp"}} {
		c, _, _ = newTestCLI(t, nil)
		c.stdin = strings.NewReader("")
		if code := c.run(t.Context(), args); code != 1 {
			t.Errorf("%v with no input: status %d, want 1", args, code)
		}
	}
}

// nvimScript drives Neovim's own LSP client (0.7 and later): it attaches
// tkesglint to the buffer, waits for diagnostics, applies the suppression
// code action at the TKESG202 block, and waits for TKESG202 to go away.
// Neovim turns the server's UTF-16 characters into byte columns, so the
// TKESG205 column checks the conversion of the line with the emoji.
const nvimScript = `
local out = {}
local function say(s) table.insert(out, s) end
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = 'tkesglint', cmd = { vim.env.TKESGLINT_BIN, 'lsp' }, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(buf, id)
vim.wait(20000, function() return #vim.diagnostic.get(buf) >= 2 end, 20)
local ds = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(ds, string.format('%s@%d:%d', d.code, d.lnum, d.col))
end
table.sort(ds)
say('diagnostics ' .. table.concat(ds, ' '))
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = 6, character = 2 }, ['end'] = { line = 6, character = 2 } },
  context = { diagnostics = {} },
}
local resp = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
for _, r in pairs(resp) do
  for _, a in ipairs(r.result or {}) do
    say('action ' .. a.title)
    if a.title:match('^Suppress') then vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16') end
  end
end
say('line7 ' .. vim.api.nvim_buf_get_lines(buf, 6, 7, false)[1])
vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == 'TKESG202' then return false end end
  return true
end, 20)
local left = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(left, d.code) end
say('after ' .. table.concat(left, ' '))
vim.fn.writefile(out, vim.env.TKESGLINT_OUT)
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
vim.cmd('qa!')
`

// TestNeovim runs tkesglint lsp under a real editor when Neovim is
// installed (Debian's neovim package); it is skipped otherwise.
func TestNeovim(t *testing.T) {
	got := runNeovim(t, bastionTF, nvimScript, 90*time.Second)
	// Byte column 38 on line 14: 29 code points, of which three Chinese
	// characters (3 bytes each) and an emoji (4 bytes).
	want := `diagnostics TKESG202@6:2 TKESG205@14:38
action Suppress TKESG202 here
line7   # tkesglint:ignore TKESG202 reason="TODO: why this is acceptable"
after TKESG205
`
	if string(got) != want {
		t.Errorf("Neovim saw:\n%s\nwant:\n%s", got, want)
	}
}

// runNeovim opens main.tf, holding tf, in a headless Neovim that runs the
// Lua script against a freshly built tkesglint, and returns what the
// script wrote to $TKESGLINT_OUT. It skips the test when Neovim is not
// installed.
func runNeovim(t *testing.T, tf, script string, timeout time.Duration) []byte {
	t.Helper()
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed")
	}
	bin := buildBinary(t)
	ws := t.TempDir()
	if err := os.WriteFile(filepath.Join(ws, "main.tf"), []byte(tf), 0o600); err != nil {
		t.Fatal(err)
	}
	scriptFile := filepath.Join(ws, "test.lua")
	if err := os.WriteFile(scriptFile, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	outFile := filepath.Join(t.TempDir(), "out.txt")
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-n", "-i", "NONE", "-u", "NONE", "-c", "luafile "+scriptFile, "main.tf")
	cmd.Dir = ws
	cmd.Env = append(os.Environ(), "TKESGLINT_BIN="+bin, "TKESGLINT_OUT="+outFile, "XDG_STATE_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	got, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// nodesTF is a node group whose rules lack the pods: TKESG101 at the
// binding (line 44, column 26), fixed by a rule at the end of the rule
// set's ingress blocks.
const nodesTF = `resource "tencentcloud_vpc" "main" {
  name       = "main"
  cidr_block = "10.0.0.0/16"
}

resource "tencentcloud_security_group" "nodes" {
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

resource "tencentcloud_kubernetes_cluster" "prod" {
  cluster_name = "prod"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
`

// nvimFixScript drives Neovim's LSP client through a quick fix: it waits
// for the TKESG101 diagnostic, lists the code actions at it, applies the
// one that is not a suppression, and waits for TKESG101 to go away.
const nvimFixScript = `
local out = {}
local function say(s) table.insert(out, s) end
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = 'tkesglint', cmd = { vim.env.TKESGLINT_BIN, 'lsp' }, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(buf, id)
vim.wait(30000, function() return #vim.diagnostic.get(buf) >= 1 end, 20)
local d = vim.diagnostic.get(buf)[1]
say(string.format('diagnostic %s@%d:%d', d.code, d.lnum, d.col))
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.lnum, character = d.col } },
  context = { diagnostics = {} },
}
local resp = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 30000) or {}
for _, r in pairs(resp) do
  for _, a in ipairs(r.result or {}) do
    say('action ' .. a.title)
    if not a.title:match('^Suppress') then vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16') end
  end
end
vim.wait(30000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
say('after ' .. #vim.diagnostic.get(buf))
for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 30, 37, false)) do say(l) end
vim.fn.writefile(out, vim.env.TKESGLINT_OUT)
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
vim.cmd('qa!')
`

// TestNeovimQuickFix applies a proved fix from Neovim's own LSP client,
// when Neovim is installed: the rule TKE needs lands in the rule set,
// formatted, and the finding goes.
func TestNeovimQuickFix(t *testing.T) {
	got := runNeovim(t, nodesTF, nvimFixScript, 120*time.Second)
	want := `diagnostic TKESG101@43:25
action Suppress TKESG101 here
action Add ACCEPT ALL from 172.16.0.0/16 at the end of the ingress rules of sg nodes; it also accepts TCP 22,3389 from 172.16.0.0/16, which TKESG101 does not require (TKE's own rules accept this traffic too)
after 0

  ingress {
    action      = "ACCEPT"
    cidr_block  = "172.16.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "TKESG101, TKESG103: nodes accept all traffic from the container network"
`
	if string(got) != want {
		t.Errorf("Neovim saw:\n%s\nwant:\n%s", got, want)
	}
}
