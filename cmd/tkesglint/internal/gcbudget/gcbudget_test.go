package gcbudget

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// The tests change the process's collector settings: none of them runs in
// parallel, and each restores what it found.

func noEnv(string) string { return "" }

// gcPercent returns the current GOGC.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func read(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func TestForInput(t *testing.T) {
	for _, tc := range []struct {
		size int64
		want uint64
	}{
		{0, 0},
		{-1, 0},
		{1 << 20, 12 << 20},
		{7 << 20, 84 << 20},
		{160 << 20, maxGoal},
	} {
		if got := ForInput(tc.size); got != tc.want {
			t.Errorf("ForInput(%d) = %d, want %d", tc.size, got, tc.want)
		}
	}
}

// TestUserSettings checks that a user's GOGC or GOMEMLIMIT is left alone.
func TestUserSettings(t *testing.T) {
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		getenv := func(k string) string {
			if k == name {
				return "200"
			}
			return ""
		}
		if b := Start(256<<20, getenv); b != nil {
			b.Stop()
			t.Errorf("%s set: the budget started", name)
		}
		if p := gcPercent(); p != 100 {
			t.Errorf("%s set: GOGC is %d", name, p)
		}
	}
}

// TestSmallGoal checks that a goal the default pace already gives changes
// nothing.
func TestSmallGoal(t *testing.T) {
	if b := Start(1<<20, noEnv); b != nil {
		b.Stop()
		t.Error("a 1 MiB goal started the budget")
	}
	if b := Start(0, noEnv); b != nil {
		b.Stop()
		t.Error("no input started the budget")
	}
}

// TestStartStop checks that the budget raises the heap goal to its own,
// within the runtime's rounding, and that Stop restores GOGC and the memory
// limit.
func TestStartStop(t *testing.T) {
	runtime.GC()
	const goal = 128 << 20
	b := Start(goal, noEnv)
	if b == nil {
		t.Fatal("the budget did not start")
	}
	if got := read(goalBytes); got < goal*9/10 || got > goal+goal/16 {
		t.Errorf("heap goal %d MiB, want about %d MiB", got>>20, goal>>20)
	}
	if limit := debug.SetMemoryLimit(-1); limit == math.MaxInt64 || limit < goal {
		t.Errorf("memory limit %d while the budget acts", limit)
	}
	b.Stop()
	b.Stop()
	if p := gcPercent(); p != 100 {
		t.Errorf("GOGC %d after Stop", p)
	}
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		t.Errorf("memory limit %d after Stop", limit)
	}
	var none *Budget
	none.Stop()
}

// TestFewerCollections is what the budget is for: a program that keeps
// little live and allocates a lot collects far less often.
func TestFewerCollections(t *testing.T) {
	const goal = 256 << 20
	churn := func() uint64 {
		before := read("/gc/cycles/total:gc-cycles")
		var keep [][]byte
		for range 1 << 16 { // 1 GiB in all, at most 256 KiB of it live
			keep = append(keep, make([]byte, 16<<10))
			if len(keep) == 16 {
				keep = keep[:0]
			}
		}
		runtime.KeepAlive(keep)
		return read("/gc/cycles/total:gc-cycles") - before
	}
	runtime.GC()
	plain := churn()
	runtime.GC()
	b := Start(goal, noEnv)
	if b == nil {
		t.Fatal("the budget did not start")
	}
	budgeted := churn()
	b.Stop()
	// The default pace collects each time the heap reaches 4 MiB or twice
	// what the last collection marked (more than 256 KiB while it marks):
	// dozens of times. The budget's, about each time it reaches 256 MiB
	// (a goal far above what marking a fast allocator may hold live, which
	// would end the budget).
	t.Logf("collections: %d by default, %d with a 256 MiB budget", plain, budgeted)
	if budgeted > 12 {
		t.Errorf("%d collections with a 256 MiB budget for 1 GiB of garbage, want at most 12", budgeted)
	}
	if plain < 2*budgeted {
		t.Errorf("%d collections by default, %d with the budget: want fewer with it", plain, budgeted)
	}
}

// settings returns GOGC and the memory limit as the last collection's
// cleanup of b left them.
func settings(t *testing.T, b *Budget) (percent int, limit int64) {
	t.Helper()
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for {
		// The cleanup that paces the next collection runs some time after
		// it: wait for the one runtime.GC made.
		b.mu.Lock()
		done := b.sample[0].Value.Uint64() == read(liveBytes)
		percent, limit = gcPercent(), debug.SetMemoryLimit(-1)
		b.mu.Unlock()
		if done || time.Now().After(deadline) {
			return percent, limit
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestFollowsLiveHeap checks that the collector has its default settings
// after a collection that leaves a live heap the default pace gives a
// higher goal than the budget, and the budget's once the heap is small
// again.
func TestFollowsLiveHeap(t *testing.T) {
	runtime.GC()
	b := Start(32<<20, noEnv)
	if b == nil {
		t.Fatal("the budget did not start")
	}
	defer b.Stop()
	func() {
		live := make([]byte, 24<<20)
		for i := range live {
			live[i] = 1 // touched, so that it is really live
		}
		if percent, limit := settings(t, b); percent != 100 || limit != math.MaxInt64 {
			t.Errorf("GOGC %d, memory limit %d with a live heap of 24 MiB and a goal of 32 MiB", percent, limit)
		}
		runtime.KeepAlive(live)
	}()
	if percent, limit := settings(t, b); percent <= 100 || limit == math.MaxInt64 {
		t.Errorf("GOGC %d, memory limit %d once the live heap is small again", percent, limit)
	}
}
