// Command parsefloor is the parse-only floor of scripts/bench.sh: it reads
// and parses every .tf file under the given paths with hclparse, on
// GOMAXPROCS workers, and does nothing else. A linter of Terraform cannot
// take less time or memory than this; its ratio to the floor is what the
// benchmark reports.
//
//	go run ./scripts/parsefloor PATH...
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2/hclparse"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor PATH...")
		os.Exit(2)
	}
	var paths []string
	for _, root := range os.Args[1:] {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && (d.Name() == ".git" || d.Name() == ".terraform"):
				return filepath.SkipDir
			case d.Type().IsRegular() && strings.HasSuffix(p, ".tf"):
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "parsefloor:", err)
			os.Exit(2)
		}
	}
	files, bad := parseAll(paths)
	fmt.Printf("%d files, %d with errors\n", len(paths), bad)
	runtime.KeepAlive(files)
}

// parseAll reads and parses paths on GOMAXPROCS workers, each with its own
// parser (hclparse.Parser is not safe for concurrent use), and keeps every
// AST, as a linter that builds a model from them would until it is done.
func parseAll(paths []string) (parsers []*hclparse.Parser, bad int) {
	jobs := runtime.GOMAXPROCS(0)
	next := make(chan string)
	parsers = make([]*hclparse.Parser, jobs)
	errs := make([]int, jobs)
	var wg sync.WaitGroup
	for w := range jobs {
		parsers[w] = hclparse.NewParser()
		wg.Go(func() {
			for p := range next {
				if _, diags := parsers[w].ParseHCLFile(p); diags.HasErrors() {
					errs[w]++
				}
			}
		})
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	for _, n := range errs {
		bad += n
	}
	return parsers, bad
}
