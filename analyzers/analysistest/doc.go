// Package analysistest runs analyzers over fixture folders and compares the
// diagnostics they report with expectations written in the fixtures, in the
// manner of golang.org/x/tools/go/analysis/analysistest.
//
// A fixture folder holds input files (.tf, .tf.json, .yaml, .yml, .json) and,
// optionally, sidecar files. [Run] loads each folder through a [LoadFunc]
// (the tests of tkesglint read it with parsers/inputs, as the command line
// reads a folder: a unit per Terraform root module and per template, the
// exports merged), runs the analyzers on each unit through
// analyzers/checker, the loop the driver of the command line runs them
// with (so that levels, notes, fixes and analyzer failures are what users
// get), keeps the findings of the checks under test, and matches them
// against the expectations.
//
// # Expectations in comments
//
// In Terraform (.tf, .tfvars, .hcl) a `#` or `//` comment, and in YAML a `#`
// comment, that starts with the word want states the diagnostics expected on
// its line:
//
//	ingress { # want "TKESG202 .*22"
//	"ACCEPT#0.0.0.0/8#22#TCP", # want "TKESG205" `TKESG202 .*22`
//
// Each pattern is a Go string literal, double-quoted or back-quoted, holding a
// regular expression that is matched against "CHECKID message" (the check id,
// one space, the message). Several patterns on one line expect several
// diagnostics. An offset such as `# want +1 "re"` moves the expectation to a
// later (or, with -N, earlier) line. Every diagnostic must match a pattern of
// the line where its range starts, in the same file, and every pattern must be
// matched by exactly one diagnostic; extra diagnostics and unmatched patterns
// both fail the test with their file and line. Descriptive comments must
// therefore not start with the word want.
//
// # Sidecar files
//
// Files without comments (JSON) take their expectations from a sidecar named
// after them with .want appended (`sg-1a2b3c4d.json.want`). Each line of a
// sidecar is a line number of the input followed by patterns:
//
//	12 "TKESG205"
//	30 "TKESG202 .*22" "TKESG203 .*10250"
//
// Blank lines and lines starting with # are ignored.
//
// # Load errors
//
// A load error ([model.Error]) fails the test unless the folder has a file
// errors.want that lists, one per line, substrings of the expected errors.
// Every error must contain one of the substrings and every substring must be
// contained in some error.
//
// # Folders with nothing to report
//
// A folder without input files, or without any expectation (no want comment,
// no sidecar, no errors.want), fails with "found no tests", which catches a
// misspelled folder name. A folder whose point is that nothing is reported
// says so with a comment `# want none` in one of its files (or a line `none`
// in a sidecar).
//
// # Checks under test
//
// Only diagnostics whose check is among the checks given to [Run] are kept,
// and a pattern that starts with a literal check id (`TKESG202 …`) is
// ignored when that check is not among them. A folder may thus be annotated
// for a whole family of checks and still be run for one of them. With no
// checks given, every diagnostic and every pattern counts.
package analysistest
