// Command maxrss runs a command several times and prints the median wall
// time and the median peak resident memory (max RSS, from getrusage) of its
// runs, for scripts/bench.sh. The command's output is discarded.
//
//	go run ./scripts/maxrss [-runs 3] COMMAND [ARG...]
//
// It prints one line: "<median ms> <median max RSS KiB>".
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
	runs := flag.Int("runs", 3, "number of runs")
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: maxrss [-runs N] COMMAND [ARG...]")
		os.Exit(2)
	}
	var walls, rss []int64
	for range *runs {
		cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...) //nolint:gosec // running the command it is given is its job
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		if cmd.ProcessState == nil {
			fmt.Fprintln(os.Stderr, "maxrss:", err)
			os.Exit(2)
		}
		if !cmd.ProcessState.Success() && cmd.ProcessState.ExitCode() != 1 && cmd.ProcessState.ExitCode() != 2 {
			fmt.Fprintln(os.Stderr, "maxrss:", flag.Arg(0), "failed:", err)
			os.Exit(2)
		}
		ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			fmt.Fprintln(os.Stderr, "maxrss: no resource usage on", runtime.GOOS)
			os.Exit(2)
		}
		kib := ru.Maxrss // KiB on Linux
		if runtime.GOOS == "darwin" {
			kib /= 1024 // bytes on macOS
		}
		walls = append(walls, wall.Milliseconds())
		rss = append(rss, kib)
	}
	fmt.Println(median(walls), median(rss))
}

func median(xs []int64) int64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}
