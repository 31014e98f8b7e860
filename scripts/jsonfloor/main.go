// Command jsonfloor is the decode-only floor of the export benchmark of
// scripts/bench.sh: it reads every .json file under the given paths and
// decodes it with encoding/json into any, on GOMAXPROCS workers, and does
// nothing else.
//
//	go run ./scripts/jsonfloor PATH...
package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: jsonfloor PATH...")
		os.Exit(2)
	}
	var paths []string
	for _, root := range os.Args[1:] {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.Type().IsRegular() && strings.HasSuffix(p, ".json"):
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "jsonfloor:", err)
			os.Exit(2)
		}
	}
	docs := make([]any, len(paths))
	bad := make([]bool, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				src, err := os.ReadFile(paths[i])
				bad[i] = err != nil || json.Unmarshal(src, &docs[i]) != nil
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	n := 0
	for _, b := range bad {
		if b {
			n++
		}
	}
	fmt.Printf("%d files, %d unreadable\n", len(paths), n)
	runtime.KeepAlive(docs)
}
