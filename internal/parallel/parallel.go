// Package parallel runs independent pieces of work on a bounded number of
// goroutines, each writing its own slot, so that results never depend on
// scheduling: the parsing of files and the analysis of units.
package parallel

import (
	"context"
	"runtime"
	"sync"
)

// Workers returns jobs, or GOMAXPROCS when jobs is 0 or less.
func Workers(jobs int) int {
	if jobs > 0 {
		return jobs
	}
	return runtime.GOMAXPROCS(0)
}

// ForEach calls fn(i) for every i in [0, n) on at most jobs goroutines and
// returns when all calls are done. Calls not yet started when ctx is
// canceled are skipped. Callers write results to slot i, so that the order
// of the output never depends on scheduling.
func ForEach(ctx context.Context, n, jobs int, fn func(i int)) {
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
