package driver

import (
	"sync"
)

// counter reports progress from several goroutines, one call at a time.
type counter struct {
	mu       sync.Mutex
	done     int
	total    int
	progress func(done, total int)
}

// add counts n more files done.
func (c *counter) add(n int) {
	if c.progress == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done += n
	c.progress(c.done, c.total)
}
