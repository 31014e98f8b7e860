package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

// TestProfileRun runs the whole command on the arguments in
// TKESGLINT_PROFILE_ARGS (separated by spaces; paths absolute, as the test
// runs in the package's folder), for the profiles of scripts/bench.sh:
//
//	TKESGLINT_PROFILE_ARGS="--format json /tmp/tree" go test ./cmd/tkesglint \
//	    -run '^TestProfileRun$' -count 1 -cpuprofile cpu.prof -memprofile allocs.prof
//
// go test's -memprofile is taken after the run, when little is live; with
// TKESGLINT_PROFILE_PEAK=FILE the test also writes the heap profile of the
// moment the live heap was largest, which shows what the run holds at its
// peak. The output goes to TKESGLINT_PROFILE_OUT, or nowhere.
func TestProfileRun(t *testing.T) {
	args := strings.Fields(os.Getenv("TKESGLINT_PROFILE_ARGS"))
	if len(args) == 0 {
		t.Skip("TKESGLINT_PROFILE_ARGS is not set")
	}
	stdout := io.Discard
	if p := os.Getenv("TKESGLINT_PROFILE_OUT"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := f.Close(); err != nil {
				t.Error(err)
			}
		}()
		stdout = f
	}
	var peak *peakHeap
	if p := os.Getenv("TKESGLINT_PROFILE_PEAK"); p != "" {
		peak = watchPeakHeap(t.Context(), 5*time.Millisecond)
		defer func() {
			live, prof := peak.stop()
			t.Logf("peak live heap %.1f MiB", float64(live)/(1<<20))
			if err := os.WriteFile(p, prof, 0o600); err != nil {
				t.Error(err)
			}
		}()
	}
	var stderr bytes.Buffer
	start := time.Now()
	code := run(t.Context(), args, stdout, &stderr)
	t.Logf("exit %d in %v; %d bytes on stderr", code, time.Since(start), stderr.Len())
}

// peakHeap polls the live heap and keeps the heap profile of the largest.
type peakHeap struct {
	done chan struct{}
	out  chan peakResult
}

type peakResult struct {
	live uint64
	prof []byte
}

// watchPeakHeap starts polling every interval. The heap profile and the
// live-heap metric both describe the heap as the last garbage collection
// left it, so a new maximum of one is a new maximum of the other.
func watchPeakHeap(ctx context.Context, interval time.Duration) *peakHeap {
	p := &peakHeap{done: make(chan struct{}), out: make(chan peakResult, 1)}
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var best peakResult
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > best.live {
				var buf bytes.Buffer
				if pprof.Lookup("heap").WriteTo(&buf, 0) == nil {
					best = peakResult{live: live, prof: buf.Bytes()}
				}
			}
			select {
			case <-p.done:
				p.out <- best
				return
			case <-ctx.Done():
				p.out <- best
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

func (p *peakHeap) stop() (live uint64, prof []byte) {
	close(p.done)
	r := <-p.out
	return r.live, r.prof
}
