// Command tkesglint checks the security groups of Tencent Kubernetes Engine
// (TKE) clusters, as Terraform defines them, against what TKE needs and what
// least privilege asks.
//
// Usage:
//
//	tkesglint [flags] [PATH...]   lint files and folders (default: .)
//	tkesglint rules               list the checks: id, level, title
//	tkesglint explain TKESGnnn    print the full help of one check
//	tkesglint fetch --output FILE read a live account into an export bundle
//	tkesglint version             print the version
//
// Flags:
//
//	--format FORMATS  text, json, sarif, github or checkstyle; several
//	                  separated by commas, each optionally with its own file:
//	                  --format sarif=out.sarif,text
//	--output FILE     write the formats that name no file to FILE (default: stdout)
//	--fail-on LEVEL   error, warning, note or none (default: warning)
//	--var NAME=VALUE  set a Terraform variable (repeatable)
//	--no-color        never color the text output
//	--quiet           leave out the summary line of the text output
//	--no-inline-suppressions  ignore tkesglint:ignore comments
//	--baseline FILE   do not count the findings whose fingerprints FILE holds
//	--write-baseline FILE  write the fingerprints of the findings to FILE
//	--sarif-category NAME  SARIF automationDetails.id is tkesglint/NAME/
//	--jobs N          parse and analyze N modules or files at once
//
// Suppressed findings (a `# tkesglint:ignore ID reason="..."` comment, a
// suppressions: entry of .tkesglint.yml, or the baseline) are left out of
// the text, github and checkstyle output and of the counts and exit status;
// SARIF and JSON keep them, marked. Progress ("linting 120/3400 files…") is
// drawn on stderr only when it is a terminal and CI is unset.
//
// The exit status is 0 when no finding is at or above --fail-on, 1 when some
// are, and 2 when the run failed or some input could not be read; the
// findings of every readable file are printed in all three cases.
//
// Color is used only when the text output goes to a terminal, NO_COLOR is
// unset or empty, and --no-color is not given.
package main
