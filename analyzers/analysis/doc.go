// Package analysis is the contract between the driver and the checks, in
// the manner of x/tools' go/analysis: an Analyzer is a logically constant
// value with stable check ids, their levels and a Run function; a Pass hands
// it the model of one unit and the results of the analyzers it Requires,
// and collects its Diagnostics. Analyzers that only compute something that
// several checks read (compiled rules, the clusters' topology) are
// analyzers too, run once per unit by analyzers/checker. The options of an
// analyzer are its own (given when it is made), never this package's.
package analysis
