// Command maxrss runs commands several times each, in turns, and prints
// the median wall time and the median peak resident memory (max RSS, from
// getrusage) of each command's runs, for scripts/bench.sh. Taking turns
// spreads the changing load of a shared machine over every command, so
// that their ratios hold when absolute times do not. The commands' output
// is discarded.
//
//	go run ./scripts/maxrss [-runs 3] COMMAND [ARG...] [::: COMMAND [ARG...]]...
//
// It prints one line per command: "<median ms> <median max RSS KiB>".
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("runs", 3, "number of runs of each command")
	flag.Parse()
	var cmds [][]string
	for rest := flag.Args(); len(rest) > 0; {
		i := slices.Index(rest, ":::")
		if i < 0 {
			i = len(rest)
		}
		if i > 0 {
			cmds = append(cmds, rest[:i])
		}
		rest = rest[min(i+1, len(rest)):]
	}
	if len(cmds) == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: maxrss [-runs N] COMMAND [ARG...] [::: COMMAND [ARG...]]...")
		os.Exit(2)
	}
	walls := make([][]int64, len(cmds))
	rss := make([][]int64, len(cmds))
	for range *runs {
		for i, c := range cmds {
			ms, kib, err := measure(c)
			if err != nil {
				fmt.Fprintln(os.Stderr, "maxrss:", err)
				os.Exit(2)
			}
			walls[i] = append(walls[i], ms)
			rss[i] = append(rss[i], kib)
		}
	}
	for i := range cmds {
		fmt.Println(median(walls[i]), median(rss[i]))
	}
}

// measure runs c once and returns its wall time in ms and max RSS in KiB.
// Exit statuses 1 and 2 are a linter's findings and errors, not failures.
func measure(c []string) (ms, kib int64, err error) {
	cmd := exec.Command(c[0], c[1:]...) //nolint:gosec // running the command it is given is its job
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return 0, 0, fmt.Errorf("run %s: %w", c[0], err)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 && code != 2 {
		return 0, 0, fmt.Errorf("%s failed: %w", c[0], err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, fmt.Errorf("no resource usage on %s", runtime.GOOS)
	}
	kib = ru.Maxrss // KiB on Linux
	if runtime.GOOS == "darwin" {
		kib /= 1024 // bytes on macOS
	}
	return wall.Milliseconds(), kib, nil
}

func median(xs []int64) int64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}
