// Package driver runs tkesglint over a set of paths: it finds the input files,
// parses them module by module, runs the analyzers over each unit through
// analyzers/checker (which derives findings from their diagnostics), applies
// suppressions, and sorts and deduplicates the findings. It computes no presentation;
// the output package writes its Result.
//
// Failures of the tool itself (a parser or an analyzer that panics or returns
// an error, a path that cannot be read) do not stop the run: they are collected
// as located errors next to the findings of everything that could be read.
package driver
