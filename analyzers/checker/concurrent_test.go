package checker

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// reporter returns an analyzer of check id that waits for wait (when set)
// and then reports n diagnostics.
func reporter(id string, n int, wait func(), requires ...*analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: strings.ToLower(id), Checks: []*analysis.Check{{ID: id}}, Requires: requires,
		Run: func(pass *analysis.Pass) (any, error) {
			if wait != nil {
				wait()
			}
			for i := range n {
				pass.Report(analysis.Diagnostic{Check: id, Range: model.Range{Filename: "a.tf"}, Message: fmt.Sprint(id, " ", i)})
			}
			return nil, nil
		},
	}
}

func messages(fs []Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Message)
	}
	return strings.Join(out, "|")
}

// TestIndependentAnalyzersRunAtOnce: with two jobs, two analyzers that do
// not require one another run at the same time (each waits for the other
// to start), and their findings come in the order of the analyzers, not
// of their finishing.
func TestIndependentAnalyzersRunAtOnce(t *testing.T) {
	var started atomic.Int32
	var alone atomic.Bool
	both := func() {
		started.Add(1)
		deadline := time.Now().Add(5 * time.Second)
		for started.Load() < 2 {
			if time.Now().After(deadline) {
				alone.Store(true)
				return
			}
			time.Sleep(time.Millisecond)
		}
	}
	slow := reporter("TKESG901", 2, func() { both(); time.Sleep(20 * time.Millisecond) })
	fast := reporter("TKESG902", 2, both)
	fs, errs, err := Run(t.Context(), []*analysis.Analyzer{slow, fast}, Unit{Input: &model.Input{}, Jobs: 2})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if started.Load() != 2 || alone.Load() {
		t.Fatal("the analyzers did not run at once")
	}
	if got, want := messages(fs), "TKESG901 0|TKESG901 1|TKESG902 0|TKESG902 1"; got != want {
		t.Errorf("findings %q, want %q", got, want)
	}
}

// TestJobsBoundConcurrency: no more analyzers run at once than Jobs
// allows, and one job runs them one after the other.
func TestJobsBoundConcurrency(t *testing.T) {
	for _, jobs := range []int{1, 2} {
		var running, most atomic.Int32
		track := func() {
			n := running.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(5 * time.Millisecond)
			running.Add(-1)
		}
		var as []*analysis.Analyzer
		for i := range 6 {
			as = append(as, reporter(fmt.Sprintf("TKESG90%d", i), 1, track))
		}
		if _, _, err := Run(t.Context(), as, Unit{Input: &model.Input{}, Jobs: jobs}); err != nil {
			t.Fatal(err)
		}
		if most.Load() > int32(jobs) {
			t.Errorf("jobs %d: %d analyzers ran at once", jobs, most.Load())
		}
	}
}

// TestRequiredDoneFirst: an analyzer starts only once those it requires
// are done, whatever the number of jobs, and reads their results.
func TestRequiredDoneFirst(t *testing.T) {
	var done atomic.Bool
	base := &analysis.Analyzer{Name: "base", Run: func(*analysis.Pass) (any, error) {
		time.Sleep(10 * time.Millisecond)
		done.Store(true)
		return 42, nil
	}}
	check := func(id string) *analysis.Analyzer {
		return &analysis.Analyzer{
			Name: id, Checks: []*analysis.Check{{ID: id}}, Requires: []*analysis.Analyzer{base},
			Run: func(pass *analysis.Pass) (any, error) {
				pass.Report(analysis.Diagnostic{Check: id, Range: model.Range{Filename: "a.tf"}, Message: fmt.Sprint(done.Load(), pass.ResultOf[base])})
				return nil, nil
			},
		}
	}
	fs, _, err := Run(t.Context(), []*analysis.Analyzer{check("TKESG901"), check("TKESG902")}, Unit{Input: &model.Input{}, Jobs: 4})
	if err != nil {
		t.Fatal(err)
	}
	if got := messages(fs); got != "true 42|true 42" {
		t.Errorf("findings %q, want both to see the required result", got)
	}
}

// TestCanceledRun: a run whose context is canceled before the analyzers
// start returns the cancellation, and runs no analyzer.
func TestCanceledRun(t *testing.T) {
	for _, jobs := range []int{1, 3} {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		var ran atomic.Bool
		a := reporter("TKESG901", 1, func() { ran.Store(true) })
		_, _, err := Run(ctx, []*analysis.Analyzer{a, reporter("TKESG902", 1, nil, a)}, Unit{Input: &model.Input{}, Jobs: jobs})
		if !errors.Is(err, context.Canceled) || ran.Load() {
			t.Errorf("jobs %d: err %v, ran %v; want the cancellation and no run", jobs, err, ran.Load())
		}
	}
}

// TestForEachPanic: a panic in the work an analyzer splits across
// goroutines fails that analyzer, as a panic in its own goroutine does.
func TestForEachPanic(t *testing.T) {
	a := &analysis.Analyzer{Name: "splitter", Run: func(pass *analysis.Pass) (any, error) {
		pass.ForEach(1000, func(i int) {
			if i == 700 {
				panic("bad group")
			}
		})
		return nil, nil
	}}
	_, errs, err := Run(t.Context(), []*analysis.Analyzer{a}, Unit{Input: &model.Input{}, Jobs: 2})
	if err != nil || len(errs) != 1 || !strings.Contains(errs[0].Error(), "analyzer splitter failed: panic: bad group") {
		t.Errorf("errors %v, err %v; want the analyzer's panic", errs, err)
	}
}

// TestForEachCoversAll: ForEach calls fn once for every index, with one
// job or several.
func TestForEachCoversAll(t *testing.T) {
	for _, jobs := range []int{0, 1, 2, 7} {
		for _, n := range []int{0, 1, 5, 100, 1001} {
			counts := make([]atomic.Int32, n)
			(&analysis.Pass{Jobs: jobs}).ForEach(n, func(i int) { counts[i].Add(1) })
			for i := range counts {
				if counts[i].Load() != 1 {
					t.Fatalf("jobs %d, n %d: index %d called %d times", jobs, n, i, counts[i].Load())
				}
			}
		}
	}
}

// TestReportEachKeepsOrder: diagnostics reported from the goroutines of
// ReportEach come out in the order of the indexes, as a run with one job
// gives them, however the calls are scheduled.
func TestReportEachKeepsOrder(t *testing.T) {
	split := &analysis.Analyzer{Name: "split", Checks: []*analysis.Check{{ID: "TKESG901"}}, Run: func(pass *analysis.Pass) (any, error) {
		pass.ReportEach(40, func(p *analysis.Pass, i int) {
			time.Sleep(time.Duration((40-i)%7) * time.Millisecond) // later indexes finish first
			for j := range i % 3 {
				p.Report(analysis.Diagnostic{Check: "TKESG901", Range: model.Range{Filename: "a.tf"}, Message: fmt.Sprint(i, ".", j)})
			}
		})
		return nil, nil
	}}
	var runs []string
	for _, jobs := range []int{1, 4} {
		fs, errs, err := Run(t.Context(), []*analysis.Analyzer{split}, Unit{Input: &model.Input{}, Jobs: jobs})
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		runs = append(runs, messages(fs))
	}
	if runs[0] != runs[1] || !strings.HasPrefix(runs[0], "1.0|2.0|2.1|4.0|5.0|5.1|7.0") {
		t.Errorf("one job: %s\nfour jobs: %s", runs[0], runs[1])
	}
}

// TestJobsForUnit: by default a small unit is analyzed on one goroutine
// (the driver runs units at once) and a large one, such as an export, on
// GOMAXPROCS; Jobs, when given, is used as it is.
func TestJobsForUnit(t *testing.T) {
	big := &model.SecurityGroup{}
	for range LargeUnit {
		big.Ingress.Rules = append(big.Ingress.Rules, &model.Rule{})
	}
	small := &model.Input{SecurityGroups: []*model.SecurityGroup{{}}}
	large := &model.Input{SecurityGroups: []*model.SecurityGroup{big}}
	for i, c := range []struct {
		u    Unit
		want int
	}{
		{Unit{Input: small}, 1},
		{Unit{Input: nil}, 1},
		{Unit{Input: large}, runtime.GOMAXPROCS(0)},
		{Unit{Input: small, Jobs: 3}, 3},
		{Unit{Input: large, Jobs: 1}, 1},
	} {
		if got := jobsFor(c.u); got != c.want {
			t.Errorf("case %d: jobsFor = %d, want %d", i, got, c.want)
		}
	}
}
