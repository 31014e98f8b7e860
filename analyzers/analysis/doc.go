// Package analysis is the contract between the driver and the checks: an
// Analyzer is a logically constant value with a stable id, a level, its
// documentation and a Run function; a Pass hands it the model and collects
// its Diagnostics. The driver owns sorting, suppression and printing.
package analysis
