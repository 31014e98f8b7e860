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
// The framing and dispatch are written here rather than taken from a
// library: the server needs a handful of methods, and the standard library's
// encoding/json covers them.
package lsp
