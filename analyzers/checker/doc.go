// Package checker is the one loop that runs analyzers: over one unit of
// input (a Terraform root module, a template, the exports), it runs each
// analyzer, turns what the analyzers report into findings and says which
// analyzers failed. The driver of the command line and analysistest both
// call it, as x/tools' analysistest calls the checker of its own driver, so
// that what the tests check is what users get.
//
// Analyzers that do not require one another run at once, on up to
// Unit.Jobs goroutines, and may split their own work per group
// (analysis.Pass.ForEach, ReportEach): an analyzer must therefore treat its
// input and the results it reads as read-only. Findings and errors come out
// in the order a run of one analyzer at a time gives.
//
// A finding is a diagnostic with everything the analyzer did not have to
// say: its check and level, the module calls that evaluate its code, and its
// fingerprint (docs/finding-identity.md). A finding about a resource that
// may not exist is a note that says on what it depends.
package checker
