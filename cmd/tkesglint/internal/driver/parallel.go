package driver

import (
	"context"
	"runtime"
	"sync"
)

// workers returns the number of goroutines a run uses: opts.Jobs, or
// GOMAXPROCS when it is 0.
func workers(opts Options) int {
	if opts.Jobs > 0 {
		return opts.Jobs
	}
	return runtime.GOMAXPROCS(0)
}

// forEach calls fn(i) for every i in [0, n) on at most jobs goroutines and
// returns when all calls are done. Calls not yet started when ctx is
// canceled are skipped. Callers write results to slot i, so that the order
// of the output never depends on scheduling.
func forEach(ctx context.Context, n, jobs int, fn func(i int)) {
	if jobs <= 1 || n <= 1 {
		for i := range n {
			if ctx.Err() != nil {
				return
			}
			fn(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, n) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

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
