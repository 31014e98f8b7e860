package parallel

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// TestForEachRaisesPanics: a panic on a worker is raised again on the
// caller's goroutine, where a recover can see it, as with one job, and
// the calls not yet started are skipped; every worker panicking does not
// leave the caller waiting.
func TestForEachRaisesPanics(t *testing.T) {
	for _, jobs := range []int{1, 2, 4} {
		var calls atomic.Int64
		done := make(chan any)
		go func() {
			defer func() { done <- recover() }()
			ForEach(context.Background(), 1000, jobs, func(int) {
				calls.Add(1)
				panic("boom")
			})
		}()
		select {
		case r := <-done:
			if r != "boom" {
				t.Errorf("jobs %d: recovered %v, want boom", jobs, r)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("jobs %d: ForEach did not return", jobs)
		}
		if n := calls.Load(); n > int64(jobs) {
			t.Errorf("jobs %d: %d calls after the first panic, want at most one per worker", jobs, n)
		}
	}
}

// TestForEachCallsEach: every index once, on at most jobs goroutines.
func TestForEachCallsEach(t *testing.T) {
	seen := make([]atomic.Int32, 500)
	var live, most atomic.Int32
	ForEach(context.Background(), len(seen), 3, func(i int) {
		n := live.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		seen[i].Add(1)
		live.Add(-1)
	})
	for i := range seen {
		if seen[i].Load() != 1 {
			t.Fatalf("index %d called %d times", i, seen[i].Load())
		}
	}
	if most.Load() > 3 {
		t.Errorf("%d calls at once, want at most 3", most.Load())
	}
}
