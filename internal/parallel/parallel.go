// Package parallel runs independent pieces of work on a bounded number of
// goroutines, each writing its own slot, so that results never depend on
// scheduling: the parsing of files and the analysis of units.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
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
// of the output never depends on scheduling. A panic in fn stops the calls
// not yet started and is raised again on the caller's goroutine.
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
	var (
		wg      sync.WaitGroup
		once    sync.Once
		panicky any
		stopped atomic.Bool
	)
	call := func(i int) {
		defer func() {
			if r := recover(); r != nil {
				once.Do(func() { panicky = r })
				stopped.Store(true)
			}
		}()
		fn(i)
	}
	for range min(jobs, n) {
		wg.Go(func() {
			for i := range next {
				if !stopped.Load() {
					call(i)
				}
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil || stopped.Load() {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if panicky != nil {
		// Raised again on the caller's goroutine, as on one goroutine:
		// a panic on a worker would end the process past every recover.
		panic(panicky)
	}
}
