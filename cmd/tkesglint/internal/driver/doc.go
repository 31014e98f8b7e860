// Package driver runs tkesglint over a set of paths: it finds the input files,
// parses them module by module, merges what the parsers read into one model,
// runs every analyzer over it and turns their diagnostics into findings that
// are sorted, deduplicated and fingerprinted. It computes no presentation;
// the output package writes its Result.
//
// Failures of the tool itself (a parser or an analyzer that panics or returns
// an error, a path that cannot be read) do not stop the run: they are collected
// as located errors next to the findings of everything that could be read.
package driver
