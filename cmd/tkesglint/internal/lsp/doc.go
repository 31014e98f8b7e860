// Package lsp is tkesglint's language server: `tkesglint lsp` speaks the
// Language Server Protocol (JSON-RPC 2.0 with Content-Length framing) on
// stdin and stdout.
//
// As the user types, it lints what the open document belongs to (the
// folder of a Terraform module, or a template or export file) with the
// editor's unsaved buffers laid over the disk and the settings the command
// line would use there, and publishes the findings as diagnostics of every
// open document of that module. Changes are debounced and a run made stale
// by a newer change is canceled. Code actions insert a tkesglint:ignore
// comment above a finding, or apply the fixes its analyzer suggests (the
// server only renders them: TKESG205 rewrites a 0.0.0.0/n CIDR as
// 0.0.0.0/0), while the document still holds the text they replace.
//
// The framing and dispatch (jsonrpc.go, about 220 lines on encoding/json)
// are our own, by decision, not by default. The server only answers
// requests and sends notifications; it never calls the client, so a
// library's call and reply bookkeeping would go unused. What it does need,
// sourcegraph/jsonrpc2 (v0.2.3) does not do: its connection closes on a
// message it cannot decode, where JSON-RPC answers a parse error and the
// session goes on (TestMalformedBody); it writes replies synchronously from
// the handler, where our sender queues them on its own goroutine so that a
// client busy writing to us never deadlocks against our write to it; it
// reads "Content-Length: " in one spelling only, where headers are
// case-insensitive (TestFraming). golang.org/x/exp/jsonrpc2 carries x/exp's
// lack of any compatibility promise, and gopls, its origin, keeps its own
// copy internal. Revisit if the server starts calling the client.
package lsp
