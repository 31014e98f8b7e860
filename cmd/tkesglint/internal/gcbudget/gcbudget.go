// Package gcbudget lets one run of the command line spend memory it can
// afford on fewer garbage collections.
//
// With Go's default pace (GOGC=100) the collector runs each time the heap
// has grown by as much as was live after the last collection. A lint run
// keeps little live (the syntax and model of the modules being analyzed)
// while it allocates a lot, so it collects very often: 33-42 times on the
// 1.5 MiB public corpus, whose live heap stays under 10 MiB, about 92
// times on a generated tree of 7 MiB; garbage collection was 10-12% of the
// CPU time of every workload.
//
// The parse-only floor that issue 15 measures against keeps the syntax of
// every file, so its peak memory grows with the size of the input: about
// 34-42 bytes per byte read (49 MB for the corpus, 278-297 MB for the
// generated trees of 7 MiB). A run can therefore let its heap grow to a
// goal derived from the input's size before it collects, and stay within
// the floor's memory. ForInput gives 12 bytes per byte, about a third of
// the floor's ratio: the rest is for what is not heap (the binary's pages,
// stacks, the runtime's own structures: about 17 MB) and for the overshoot
// of a collection. On the corpus, where a run's memory was already close
// to the floor's, 12 keeps its peak where it was (43-44 MB against the
// floor's 49-51 MB in one run of five each); 16 made it 47.5 MB, too close.
//
// The idea is the Go compiler's starting-heap adjustment
// (cmd/compile/internal/base.AdjustStartingHeap): after each collection,
// GOGC is set so that the next heap goal is the budget's goal. The goal is
// a floor for the heap goal, never a limit: after a collection that leaves
// so much live that the default pace gives a higher goal, the collector
// has its default settings until the next one, so that a run whose live
// heap is large collects as it would without the budget. (Unlike the
// compiler's, the budget does not end there: the heap marked by a
// collection counts what was allocated while it ran, which for a fast
// allocator may briefly look like a large live heap.) While the budget
// sets the pace, a memory limit a quarter above its goal keeps the heap
// from outgrowing it should a collection end long before the budget hears
// of it: it learns of each from a cleanup, which runs once the
// collection's sweep reaches it.
//
// A user who sets GOGC or GOMEMLIMIT has chosen the collector's pace: the
// budget then does nothing.
package gcbudget

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// perInputByte is the heap goal per byte of input (see the package
// comment).
const perInputByte = 12

// minHeap is the runtime's minimum heap goal at GOGC=100, which it scales
// with GOGC (runtime.defaultHeapMinimum; "4 MiB" in the GC guide).
const minHeap = 4 << 20

// maxGoal bounds the goal of a large input. Beyond it collections are
// rare enough to cost little, and an input of that size (an account
// export of 150 MB) keeps a live heap that paces the collector by itself.
const maxGoal = 256 << 20

// ForInput returns the heap goal of a run that reads size bytes of input.
func ForInput(size int64) uint64 {
	if size <= 0 {
		return 0
	}
	return min(uint64(size)*perInputByte, maxGoal)
}

// Budget keeps the heap goal at least its goal until Stop.
type Budget struct {
	mu      sync.Mutex
	goal    uint64
	stopped bool
	// restorePercent and restoreLimit are the GOGC and memory limit the
	// collector had before the budget.
	restorePercent int
	restoreLimit   int64
	sample         []metrics.Sample
}

// The metrics the budget reads.
const (
	liveBytes     = "/gc/heap/live:bytes"
	stackBytes    = "/gc/scan/stack:bytes"
	globalsBytes  = "/gc/scan/globals:bytes"
	goalBytes     = "/gc/heap/goal:bytes"
	totalBytes    = "/memory/classes/total:bytes"
	releasedBytes = "/memory/classes/heap/released:bytes"
	objectBytes   = "/memory/classes/heap/objects:bytes"
)

// Start keeps the heap goal at least goal bytes until Stop. It returns nil,
// and changes nothing, when getenv finds GOGC or GOMEMLIMIT set, or when
// the heap goal is already that large.
func Start(goal uint64, getenv func(string) string) *Budget {
	if goal == 0 || getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil
	}
	b := &Budget{
		goal:   goal,
		sample: []metrics.Sample{{Name: liveBytes}, {Name: stackBytes}, {Name: globalsBytes}, {Name: goalBytes}},
	}
	metrics.Read(b.sample)
	for _, s := range b.sample {
		if s.Value.Kind() != metrics.KindUint64 {
			return nil // a runtime without these metrics: keep its default
		}
	}
	if b.sample[3].Value.Uint64() >= goal {
		return nil // the heap is already larger than the budget
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.restorePercent = debug.SetGCPercent(100)
	b.restoreLimit = debug.SetMemoryLimit(-1)
	b.pace()
	b.watch()
	return b
}

// limit is the memory limit while the budget acts: a quarter above the
// goal, plus the memory the runtime holds besides the heap's objects (its
// own structures, stacks, spans not yet reused), which the limit counts.
func (b *Budget) limit() int64 {
	s := []metrics.Sample{{Name: totalBytes}, {Name: releasedBytes}, {Name: objectBytes}}
	metrics.Read(s)
	other := uint64(0)
	if total := s[0].Value.Uint64(); total > s[1].Value.Uint64()+s[2].Value.Uint64() {
		other = total - s[1].Value.Uint64() - s[2].Value.Uint64()
	}
	return int64(min(b.goal+b.goal/4+other, math.MaxInt64))
}

// Stop gives the collector back the pace it had before Start. A nil
// Budget does nothing.
func (b *Budget) Stop() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.stopped {
		b.stopped = true
		b.restore()
	}
}

// restore gives the collector its own settings; b.mu is held.
func (b *Budget) restore() {
	debug.SetGCPercent(b.restorePercent)
	debug.SetMemoryLimit(b.restoreLimit)
}

// watch has collected run once the next garbage collection is done: a
// cleanup of an object nothing points to runs after the collection that
// frees it.
func (b *Budget) watch() {
	runtime.AddCleanup(new([32]byte), (*Budget).collected, b) // 32 bytes: not batched by the tiny allocator
}

// collected sets the pace for the next collection, and watches for the
// one after, until Stop.
func (b *Budget) collected() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.stopped {
		b.pace()
		b.watch()
	}
}

// pace sets GOGC so that the next heap goal is b.goal, from the live heap
// the last collection left, with a memory limit against overshoot; when
// the default pace (GOGC=100) gives a goal at least as high, it gives the
// collector its own settings for the next collection instead. b.mu is
// held.
func (b *Budget) pace() {
	metrics.Read(b.sample)
	live := b.sample[0].Value.Uint64()
	// GOGC is the percentage of live heap, stacks and globals by which the
	// heap may grow before the next collection.
	scanned := live + b.sample[1].Value.Uint64() + b.sample[2].Value.Uint64()
	if live+scanned >= b.goal {
		b.restore()
		return
	}
	// The runtime's minimum heap goal grows with GOGC too (minHeap at 100):
	// with a small live heap it is what sets the goal.
	percent := min(max(100*(b.goal-live)/max(scanned, 1), 100), 100*b.goal/minHeap, math.MaxInt32)
	debug.SetGCPercent(int(percent))
	debug.SetMemoryLimit(b.limit())
}
