// Command maxrss runs commands several times each, in turns, and prints
// the median wall time, peak resident memory (max RSS) and CPU time (user
// and system, from getrusage) of each command's runs, for scripts/bench.sh. Taking turns
// spreads the changing load of a shared machine over every command, so
// that their ratios hold when absolute times do not. The commands' output
// is discarded.
//
//	go run ./scripts/maxrss [-runs 3] COMMAND [ARG...] [::: COMMAND [ARG...]]...
//
// It prints one line per command: "<median ms> <median max RSS KiB>
// <median CPU ms>".
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
	cpu := make([][]int64, len(cmds))
	for range *runs {
		for i, c := range cmds {
			u, err := measure(c)
			if err != nil {
				fmt.Fprintln(os.Stderr, "maxrss:", err)
				os.Exit(2)
			}
			walls[i] = append(walls[i], u.wallMS)
			rss[i] = append(rss[i], u.rssKiB)
			cpu[i] = append(cpu[i], u.cpuMS)
		}
	}
	for i := range cmds {
		fmt.Println(median(walls[i]), median(rss[i]), median(cpu[i]))
	}
}

// usage is what one run took.
type usage struct {
	wallMS, rssKiB, cpuMS int64
}

// measure runs c once. Exit statuses 1 and 2 are a linter's findings and
// errors, not failures.
func measure(c []string) (usage, error) {
	cmd := exec.Command(c[0], c[1:]...) //nolint:gosec // running the command it is given is its job
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return usage{}, fmt.Errorf("run %s: %w", c[0], err)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 && code != 2 {
		return usage{}, fmt.Errorf("%s failed: %w", c[0], err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return usage{}, fmt.Errorf("no resource usage on %s", runtime.GOOS)
	}
	kib := ru.Maxrss // KiB on Linux
	if runtime.GOOS == "darwin" {
		kib /= 1024 // bytes on macOS
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return usage{wallMS: wall.Milliseconds(), rssKiB: kib, cpuMS: cpu.Milliseconds()}, nil
}

func median(xs []int64) int64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}
