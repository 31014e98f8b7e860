package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/fix"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
)

// lintOrFix runs the lint and proves the fixes of its findings, or, with
// --fix, applies them (fix.Apply) and returns the lint of the files as
// the fixes leave them, with what was done.
func (c *cli) lintOrFix(ctx context.Context, dopts driver.Options, opts *options) (*driver.Result, *fix.Outcome, error) {
	// Every run proves the fixes it shows; the proofs read the units'
	// footprints (which root modules to lint again, which module calls an
	// edit changes), which the driver keeps when it drops the models.
	if opts.fix {
		out, err := fix.Apply(ctx, dopts)
		if err != nil {
			return nil, nil, err
		}
		return out.Result, out, nil
	}
	res, err := driver.Run(ctx, dopts)
	if err != nil {
		return nil, nil, err
	}
	if err := fix.Prove(ctx, dopts, res); err != nil {
		return nil, nil, err
	}
	return res, nil, nil
}

// finishFix writes the files the fixes edited (or, with --dry-run, prints
// their diff on stdout) and says on stderr what was done, and which API
// calls would repair the exports' live accounts. It reports whether every
// file could be written.
func (c *cli) finishFix(out *fix.Outcome, opts *options, dir string) bool {
	ok := true
	if opts.dryRun {
		if _, err := io.WriteString(c.stdout, out.Diff()); err != nil {
			c.errorf("write the diff: %v", err)
			ok = false
		}
	} else {
		for _, name := range sortedNames(out.Files) {
			if err := writeKeepingMode(resolve(dir, filepath.FromSlash(name)), out.Files[name]); err != nil {
				c.errorf("write the fix of %s: %v", name, err)
				ok = false
			}
		}
	}
	writeFixSummary(c.stderr, out, opts.dryRun)
	return ok
}

// writeKeepingMode replaces the content of the file at p, keeping its
// permissions.
func writeKeepingMode(p string, src []byte) error {
	info, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("stat: %w", err)
	}
	if err := os.WriteFile(p, src, info.Mode().Perm()); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// writeFixSummary says what --fix did, or would do with --dry-run: one
// line per fix, then the count, then the commands that would repair live
// accounts, which tkesglint never runs.
func writeFixSummary(w io.Writer, out *fix.Outcome, dryRun bool) {
	verb := "fixed"
	if dryRun {
		verb = "would fix"
	}
	var b strings.Builder
	for _, a := range out.Applied {
		f := a.Finding
		fmt.Fprintf(&b, "tkesglint: %s %s %s: %s\n", verb, f.Range, f.Check.ID, output.Message(a.Message))
	}
	files := sortedNames(out.Files)
	switch {
	case len(out.Applied) == 0:
		b.WriteString("tkesglint: no proved fix to apply\n")
	case dryRun:
		fmt.Fprintf(&b, "tkesglint: %s would change %s (the diff is on stdout; nothing was written)\n", count(len(out.Applied), "fix"), strings.Join(files, ", "))
	default:
		fmt.Fprintf(&b, "tkesglint: %s changed %s\n", count(len(out.Applied), "fix"), strings.Join(files, ", "))
	}
	var commands []string
	perGroup := map[string]int{}
	for i := range out.Result.Findings {
		f := &out.Result.Findings[i]
		if f.Command != nil && f.Suppression == nil {
			commands = append(commands, fmt.Sprintf("# %s %s: %s\n%s\n", f.Range, f.Check.ID, output.Message(f.Command.Message), f.Command.Line))
			if _, after, ok := strings.Cut(f.Command.Line, "--SecurityGroupId "); ok {
				group, _, _ := strings.Cut(after, " ")
				perGroup[group]++
			}
		}
	}
	if len(commands) > 0 {
		b.WriteString("tkesglint: exports are not edited; these API calls would make the same repairs in the live account (tkesglint does not run them):\n")
		b.WriteString(strings.Join(commands, ""))
	}
	for _, n := range perGroup {
		if n > 1 {
			b.WriteString("tkesglint: each call carries the Version of the group's rules in the export, so that it fails rather than insert rules at a place that has moved: make one call per group, then export and lint again for the next\n")
			break
		}
	}
	_, _ = io.WriteString(w, b.String())
}

// count formats "1 fix" or "3 fixes".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ses", n, word)
}

// sortedNames returns the names of a map of files, sorted.
func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
