package lsp

import (
	"runtime"
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
// before the next collection. And it collects between runs, once their
// diagnostics are sent, when the next run would not fit in what is left
// before the heap goal (see idle): a collection within a run takes a core
// from it while it marks and makes it assist, adding to the latency of one
// edit in three.
type gcTuner struct {
	mu      sync.Mutex
	percent int
	// restore is the GOGC that was set before the server tuned it.
	restore int
	sample  []metrics.Sample
	// run is the most a recent run allocated (decaying, see idle).
	run uint64
}

// The metrics gcTuner reads, in its sample.
const (
	metricLive = iota
	metricAllocs
	metricHeap
	metricGoal
)

// maxGCPercent bounds GOGC for a nearly empty heap (a server with no
// document open yet), where gcHeadroom alone would ask for a huge value.
const maxGCPercent = 1000

// newGCTuner starts tuning the collector, or returns nil when the user
// chose its settings (GOGC or GOMEMLIMIT in the environment: getenv).
func newGCTuner(getenv func(string) string) *gcTuner {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return nil
	}
	g := &gcTuner{sample: []metrics.Sample{
		metricLive:   {Name: "/gc/heap/live:bytes"},
		metricAllocs: {Name: "/gc/heap/allocs:bytes"},
		metricHeap:   {Name: "/memory/classes/heap/objects:bytes"},
		metricGoal:   {Name: "/gc/heap/goal:bytes"},
	}}
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
	g.tuneLocked()
}

// tuneLocked is tune with g.mu held.
func (g *gcTuner) tuneLocked() {
	metrics.Read(g.sample)
	p := gcPercentFor(g.read(metricLive))
	if p != g.percent {
		debug.SetGCPercent(p)
		g.percent = p
	}
}

// read returns a metric of the last metrics.Read of g.sample; 0 when the
// runtime does not have it.
func (g *gcTuner) read(m int) uint64 {
	if v := g.sample[m].Value; v.Kind() == metrics.KindUint64 {
		return v.Uint64()
	}
	return 0
}

// allocated returns how many bytes the process has allocated so far, to
// measure a run with idle.
func (g *gcTuner) allocated() uint64 {
	if g == nil {
		return 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	metrics.Read(g.sample)
	return g.read(metricAllocs)
}

// idle is called once a run's diagnostics are sent, with what allocated
// returned when the run started. When what is left before the heap goal
// would not hold another run like the largest recent ones, it collects
// now, while the editor shows the diagnostics and the user types, rather
// than in the middle of the next run; then it tunes GOGC. A collection of
// the live heap of a module of 300 files takes about 10 ms of CPU time;
// collecting a little before the goal makes them a little more frequent
// (0.4 per run in TestEditLatency instead of 0.3), none within a run.
func (g *gcTuner) idle(since uint64) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	metrics.Read(g.sample)
	run := g.read(metricAllocs) - min(since, g.read(metricAllocs))
	// The largest recent run, forgotten slowly: the first run of a module
	// (parsing every file) allocates far more than the runs after edits.
	g.run = max(run, g.run-g.run/8)
	heap, goal := g.read(metricHeap), g.read(metricGoal)
	if goal == 0 || heap+g.run+g.run/4 < goal {
		return
	}
	runtime.GC()
	g.tuneLocked()
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

// gcCycles returns the number of garbage collections so far when asked
// (for Config.observe), else 0.
func gcCycles(asked bool) uint64 {
	if !asked {
		return 0
	}
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
