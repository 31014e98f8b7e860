package terraform

import (
	"bytes"
	"sync"
)

// ParseCache keeps the syntax of configuration files from one ParseTree to
// the next, so that a language server that lints a module again after each
// edit parses only the file that changed. An entry is found by the file's
// path and used only when the content is byte for byte the same: a file's
// syntax names its path in every range and depends on nothing else.
//
// Syntax trees are never changed once parsed (evaluation copies what it
// rewrites), so runs may share them, at once too. Each path keeps only its
// latest content, and the entries that no run of the last cacheRuns asked
// for are dropped, so that the cache does not grow with edits or with the
// files that left the workspace. Its zero value is ready for use, and it is
// safe for concurrent use.
type ParseCache struct {
	mu      sync.Mutex
	run     int
	entries map[string]*cacheEntry
}

// cacheRuns is how many runs an entry is kept without being asked for.
const cacheRuns = 8

type cacheEntry struct {
	src     []byte
	parsed  parsedFile
	lastRun int
}

// begin starts a run and drops the entries the last runs did not ask for;
// it returns the run's number.
func (c *ParseCache) begin() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.run++
	for p, e := range c.entries {
		if c.run-e.lastRun > cacheRuns {
			delete(c.entries, p)
		}
	}
	return c.run
}

// parse returns the syntax of f, parsing it unless the cache holds it.
func (c *ParseCache) parse(run int, f File) parsedFile {
	c.mu.Lock()
	e := c.entries[f.Path]
	if e != nil && bytes.Equal(e.src, f.Src) {
		e.lastRun = max(e.lastRun, run)
		c.mu.Unlock()
		return e.parsed
	}
	c.mu.Unlock()
	p := parseFile(f)
	p.refs = &fileRefs{}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]*cacheEntry{}
	}
	if e := c.entries[f.Path]; e == nil || e.lastRun <= run {
		c.entries[f.Path] = &cacheEntry{src: f.Src, parsed: p, lastRun: run}
	}
	c.mu.Unlock()
	return p
}

// Len returns the number of files the cache holds.
func (c *ParseCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
