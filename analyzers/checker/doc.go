// Package checker is the one loop that runs analyzers: over one unit of
// input (a Terraform root module, a template, the exports), it runs each
// analyzer, turns what the analyzers report into findings and says which
// analyzers failed. The driver of the command line and analysistest both
// call it, as x/tools' analysistest calls the checker of its own driver, so
// that what the tests check is what users get.
//
// A finding is a diagnostic with everything the analyzer did not have to
// say: its check and level, the module calls that evaluate its code, and its
// fingerprint (docs/finding-identity.md). A finding about a resource that
// may not exist is a note that says on what it depends.
package checker
