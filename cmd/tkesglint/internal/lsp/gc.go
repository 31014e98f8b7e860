package lsp

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// gcHeadroom is how much the heap may grow between two collections at
// least, while the server tunes the collector (Config.TuneGC).
//
// A server's live heap is small (the syntax of the files it has read: about
// 8 MiB for a module of 300 files) while one lint of a module allocates
// several times that (about 41 MiB for the same module). With Go's default
// (GOGC=100, a collection each time the heap doubles) a run of the module
// then holds three or four collections, each marking the whole live heap
// again: about a quarter of the CPU time of a run. A fixed headroom makes a
// small server collect about once per run instead, and leaves a large one
// (a live heap above gcHeadroom) at the default, so that memory stays
// within the live heap plus gcHeadroom, steady over edits. On that module
// (TestEditLatency, two rounds in one script, load average 23-31): 64 MiB
// makes 0.8 collections per run, 87-109 ms of CPU time, and the heap takes
// 92-96 MiB from the system; 32 MiB, 1.8 collections, 112 ms and 64-72
// MiB; Go's default, 3.1 collections, 138 ms and 48 MiB.
const gcHeadroom = 64 << 20

// gcTuner sets the collector's GOGC after each run from the live heap: at
// least 100, at most maxGCPercent, so that the heap may grow by gcHeadroom
// before the next collection.
type gcTuner struct {
	mu      sync.Mutex
	percent int
	// restore is the GOGC that was set before the server tuned it.
	restore int
	sample  []metrics.Sample
}

// maxGCPercent bounds GOGC for a nearly empty heap (a server with no
// document open yet), where gcHeadroom alone would ask for a huge value.
const maxGCPercent = 1000

// newGCTuner starts tuning the collector, or returns nil when the user
// chose its settings (GOGC or GOMEMLIMIT in the environment: getenv).
func newGCTuner(getenv func(string) string) *gcTuner {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil
	}
	g := &gcTuner{sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	g.restore = debug.SetGCPercent(100)
	g.percent = 100
	g.tune()
	return g
}

// tune sets GOGC from the live heap as the last collection measured it.
func (g *gcTuner) tune() {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	metrics.Read(g.sample)
	live := uint64(0)
	if g.sample[0].Value.Kind() == metrics.KindUint64 {
		live = g.sample[0].Value.Uint64()
	}
	p := gcPercentFor(live)
	if p != g.percent {
		debug.SetGCPercent(p)
		g.percent = p
	}
}

// stop gives the collector back the GOGC it had.
func (g *gcTuner) stop() {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	debug.SetGCPercent(g.restore)
}

// gcPercentFor returns the GOGC that lets a live heap of live bytes grow by
// gcHeadroom: between 100 and maxGCPercent, rounded to tens so that small
// changes of the heap do not retune it.
func gcPercentFor(live uint64) int {
	if live == 0 {
		return maxGCPercent
	}
	p := gcHeadroom * 100 / live
	p = p / 10 * 10
	return int(min(max(p, 100), maxGCPercent))
}
