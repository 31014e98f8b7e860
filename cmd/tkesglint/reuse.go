package main

import (
	"fmt"
	"io"
	"sync"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
)

// analyzerCache keeps the analyzers that settings made, by a digest of the
// files they were made from (the configuration and the rulesets: with the
// flags, which do not change during a session, they are all the analyzers
// depend on), so that the language server does not compile the same rules
// again for every keystroke. Analyzers keep no state between runs, so runs
// may share them, at once too. A nil cache makes the analyzers every time.
type analyzerCache struct {
	mu      sync.Mutex
	entries map[string][]*analysis.Analyzer
}

// maxAnalyzerSets bounds the cache: a workspace rarely has more
// configurations; when it does, the cache starts again.
const maxAnalyzerSets = 8

// analyzers returns the analyzers made from the files whose digest is key,
// made by build unless the cache holds them.
func (a *analyzerCache) analyzers(key string, build func() []*analysis.Analyzer) []*analysis.Analyzer {
	if a == nil {
		return build()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if as, ok := a.entries[key]; ok {
		return as
	}
	if a.entries == nil || len(a.entries) >= maxAnalyzerSets {
		a.entries = map[string][]*analysis.Analyzer{}
	}
	as := build()
	a.entries[key] = as
	return as
}

// record writes a file read for the settings to w, unambiguously.
func record(w io.Writer, path string, src []byte) {
	_, _ = fmt.Fprintf(w, "%d:%s%d:", len(path), path, len(src))
	_, _ = w.Write(src)
}
