// Command tkesglint checks the security groups of Tencent Kubernetes Engine
// (TKE) clusters, as Terraform defines them, against what TKE needs and what
// least privilege asks.
//
// Usage:
//
//	tkesglint [flags] [PATH...]   lint files and folders (default: .)
//	tkesglint rules               list the checks: id, level, title
//	tkesglint explain TKESGnnn    print the full help of one check
//	tkesglint diff BASE [PATH...] what a change newly accepts and drops
//	tkesglint lsp                 language server on stdin/stdout
//	tkesglint fetch --output FILE read a live account into an export bundle
//	tkesglint version             print the version
//
// `tkesglint help` prints every flag: the usage text is generated from the
// command table (commands.go) and the flag definitions (flags.go). Flags may
// come before or after the command and between paths; "--" ends them.
//
// Suppressed findings (a `# tkesglint:ignore ID reason="..."` comment, a
// suppressions: entry of .tkesglint.yml, or the baseline) are left out of
// the text, github and checkstyle output and of the counts and exit status;
// JSON keeps them, marked, and SARIF with --sarif-include suppressed (GitHub
// code scanning would open an alert for each). Progress ("linting 120/3400 files…") is
// drawn on stderr only when it is a terminal and CI is unset.
//
// The exit status is 0 when no finding is at or above --fail-on, 1 when some
// are, and 2 when the run failed or some input could not be read; the
// findings of every readable file are printed in all three cases.
//
// Color is used only when the text output goes to a terminal, NO_COLOR is
// unset or empty, and --no-color is not given.
package main
