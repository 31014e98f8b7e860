package main

import (
	"fmt"
	"time"
)

// Progress timing: nothing is shown for runs shorter than progressDelay,
// and the line is redrawn at most every progressEvery.
const (
	progressDelay = 500 * time.Millisecond
	progressEvery = 100 * time.Millisecond
)

// progress draws "linting 1200/3400 files…" on stderr, in place, while a
// long run goes on. It is off unless stderr is a terminal and CI is unset.
type progress struct {
	c       *cli
	on      bool
	start   time.Time
	last    time.Time
	printed bool
}

// newProgress returns the progress line of a run: off with --quiet, when
// stderr is not a terminal, or when the CI variable is set (CI logs are
// not terminals, but some runners pretend).
func (c *cli) newProgress(opts *options) *progress {
	p := &progress{c: c, on: !opts.quiet && c.isTerminal(c.stderr) && c.getenv("CI") == ""}
	if p.on {
		p.start = c.now()
	}
	return p
}

// update is the driver's Progress callback.
func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	now := p.c.now()
	if now.Sub(p.start) < progressDelay || (p.printed && now.Sub(p.last) < progressEvery && done < total) {
		return
	}
	p.last = now
	p.printed = true
	_, _ = fmt.Fprintf(p.c.stderr, "\r\x1b[Klinting %d/%d files…", done, total)
}

// clear erases the progress line, if one was drawn.
func (p *progress) clear() {
	if p.printed {
		_, _ = fmt.Fprint(p.c.stderr, "\r\x1b[K")
		p.printed = false
	}
}
