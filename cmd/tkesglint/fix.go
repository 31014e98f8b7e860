package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/english"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/fix"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
)

// lintOrFix runs the lint and proves the fixes of its findings, or, with
// --fix, applies them (fix.Apply), writes the files they edit unless
// --dry-run, and returns the lint of the files as they are left, with
// what was done and the files that could not be written.
func (c *cli) lintOrFix(ctx context.Context, dopts driver.Options, opts *options, dir string, progress *progress) (*driver.Result, *fix.Outcome, []string, error) {
	// Every run proves the fixes it shows; the proofs read the units'
	// footprints (which root modules to lint again, which module calls an
	// edit changes), which the driver keeps when it drops the models.
	if !opts.fix {
		res, err := lintAndProve(ctx, dopts)
		return res, nil, nil, err
	}
	out, err := fix.Apply(ctx, dopts, opts.fixChosen)
	if err != nil {
		return nil, nil, nil, err
	}
	if opts.dryRun {
		return out.Result, out, nil, nil
	}
	progress.clear()
	unwritten := c.writeFixes(out, dir)
	if len(unwritten) == 0 {
		return out.Result, out, nil, nil
	}
	// The files are not as the fixes would leave them: lint them as they
	// are.
	res, err := lintAndProve(ctx, dopts)
	return res, out, unwritten, err
}

// lintAndProve lints the files as dopts reads them and proves the fixes
// of the findings.
func lintAndProve(ctx context.Context, dopts driver.Options) (*driver.Result, error) {
	res, err := driver.Run(ctx, dopts)
	if err != nil {
		return nil, err
	}
	if err := fix.Prove(ctx, dopts, res); err != nil {
		return nil, err
	}
	return res, nil
}

// writeFixes writes the files the fixes edited and returns the names of
// those it could not write, sorted, after saying why on stderr.
func (c *cli) writeFixes(out *fix.Outcome, dir string) []string {
	write := c.writeFile
	if write == nil {
		write = writeKeepingMode
	}
	var unwritten []string
	for _, name := range sortedNames(out.Files) {
		if err := write(resolve(dir, filepath.FromSlash(name)), out.Files[name]); err != nil {
			c.errorf("write the fix of %s: %v", name, err)
			unwritten = append(unwritten, name)
		}
	}
	return unwritten
}

// finishFix prints, with --dry-run, the diff of the fixes on stdout, and
// says on stderr what was done (writeFixSummary). res is the lint of the
// files as they are left; unwritten are the files writeFixes could not
// write. It reports whether every file was written, and the diff.
func (c *cli) finishFix(out *fix.Outcome, res *driver.Result, unwritten []string, opts *options) bool {
	ok := len(unwritten) == 0
	if opts.dryRun {
		if _, err := io.WriteString(c.stdout, out.Diff()); err != nil {
			c.errorf("write the diff: %v", err)
			ok = false
		}
	}
	writeFixSummary(c.stderr, out, res, unwritten, opts.dryRun, opts.fixChosen)
	writeHeldFixes(c.stderr, res, opts)
	return ok
}

// fixChosen reports whether --fix makes the fix of finding f: those of
// the checks --fix-checks names, or, without it, every fix but those
// that are held (heldWhy).
func (opts *options) fixChosen(f *driver.Finding) bool {
	if len(opts.fixChecks) == 0 {
		return heldWhy(f) == ""
	}
	return slices.Contains(opts.fixChecks, "all") || slices.ContainsFunc(opts.fixChecks, func(id string) bool { return strings.EqualFold(id, f.Check.ID) })
}

// The reasons why --fix, without --fix-checks, leaves a fix offered and
// does not make it, most telling first.
const (
	heldGuess = "guess"
	heldWorld = "world"
	heldNote  = "note"
)

// heldWhy says why --fix, without --fix-checks, does not make the fix of
// f, or "" when it does: the fix guesses what was meant (TKESG205), it
// accepts flows from the whole internet (a NodePort rule from 0.0.0.0/0),
// or its finding is a note, which fails nothing. Such a fix is still
// offered everywhere, and made when its check is named.
func heldWhy(f *driver.Finding) string {
	switch {
	case f.Check.FixOnRequest:
		return heldGuess
	case opensOf(f) != "":
		return heldWorld
	case f.Level == analysis.LevelNote:
		return heldNote
	}
	return ""
}

// opensOf returns the flows from (or to) the whole internet that the
// fix of f accepts, or its API call for an export: "" for none.
func opensOf(f *driver.Finding) string {
	switch {
	case len(f.Fixes) > 0:
		return f.Fixes[0].Opens
	case f.Command != nil:
		return f.Command.Opens
	}
	return ""
}

// opensForOf returns the checks whose requirements the rules of
// opensOf(f) serve.
func opensForOf(f *driver.Finding) []string {
	switch {
	case len(f.Fixes) > 0:
		return f.Fixes[0].OpensFor
	case f.Command != nil:
		return f.Command.OpensFor
	}
	return nil
}

// lbCheck is the check of the NodePorts from the load-balancer clients,
// whose default, the whole internet, is the usual reason a fix is held.
const lbCheck = "TKESG104"

// heldFixes are the fixes held for one reason (heldWhy).
type heldFixes struct {
	n     int
	calls int // of n, the API calls of exports
	// lb is set when world-open rules serve the load-balancer clients
	// in the fix of another check's finding.
	lb     bool
	checks []string
	opens  []string
}

// writeHeldFixes says which proved fixes --fix left offered, not made,
// because they were not chosen (fixChosen), why, and how to make them.
func writeHeldFixes(w io.Writer, res *driver.Result, opts *options) {
	writeHeldLines(w, heldByWhy(res, opts))
}

// heldByWhy gathers the fixes of res that --fix did not choose, by why
// they were held ("unnamed" for those --fix-checks does not name).
func heldByWhy(res *driver.Result, opts *options) map[string]*heldFixes {
	by := map[string]*heldFixes{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if len(f.Fixes) == 0 && f.Command == nil || f.Suppression != nil || opts.fixChosen(f) {
			continue
		}
		why := heldWhy(f)
		if len(opts.fixChecks) > 0 {
			why = "unnamed"
		}
		h := by[why]
		if h == nil {
			h = &heldFixes{}
			by[why] = h
		}
		h.n++
		if len(f.Fixes) == 0 {
			h.calls++
		}
		h.lb = h.lb || f.Check.ID != lbCheck && slices.Contains(opensForOf(f), lbCheck)
		if !slices.Contains(h.checks, f.Check.ID) {
			h.checks = append(h.checks, f.Check.ID)
		}
		for o := range strings.SplitSeq(opensOf(f), "; ") {
			if o != "" && !slices.Contains(h.opens, o) {
				h.opens = append(h.opens, o)
			}
		}
	}
	return by
}

// writeHeldLines writes one line per reason, most telling first.
func writeHeldLines(w io.Writer, by map[string]*heldFixes) {
	for _, why := range []string{heldGuess, heldWorld, heldNote, "unnamed"} {
		h := by[why]
		if h == nil {
			continue
		}
		slices.Sort(h.checks)
		slices.Sort(h.opens)
		ids := strings.Join(h.checks, ",")
		head := fmt.Sprintf("tkesglint: %s of %s left offered, not made", english.Count(h.n, "fix", "fixes"), ids)
		if h.calls == h.n {
			// An export is not edited: its fix is an API call, which --fix
			// lists with the repairs when it makes the fix.
			head = fmt.Sprintf("tkesglint: %s of %s left offered, not listed with the repairs", english.Count(h.n, "API call", "API calls"), ids)
		}
		switch why {
		case heldGuess:
			fmt.Fprintf(w, "%s: --fix makes %s only when named, as the fix may not be what was meant (--fix --fix-checks %s)\n", head, english.ItThem(h.n), ids)
		case heldWorld:
			made, rest := "makes such a fix", "makes"
			if h.calls == h.n {
				made, rest = "lists such a call", "lists"
			}
			fmt.Fprintf(w, "%s: %s %s %s (the whole internet), and --fix %s only when named (--fix --fix-checks %s)%s\n",
				head, english.Agree(h.n, "it", "they"), english.Agree(h.n, "accepts", "accept"), strings.Join(h.opens, ", "), made, ids, lbAdvice(h.lb, rest))
		case heldNote:
			fmt.Fprintf(w, "%s: %s %s, which fail%s nothing, and --fix makes the fixes of notes only when named (--fix --fix-checks %s)\n",
				head, english.Agree(h.n, "its finding is", "their findings are"), english.Agree(h.n, "a note", "notes"), english.Agree(h.n, "s", ""), ids)
		default:
			fmt.Fprintf(w, "%s, as --fix-checks does not name %s\n", head, english.ItThem(len(h.checks)))
		}
	}
}

// lbAdvice says, when rules open to the whole internet serve the
// load-balancer clients (TKESG104, whose clients are 0.0.0.0/0 unless
// given) in the fix of another check's finding (TKESG101's, for a group
// with no rules), how to have the rest of the fix without them; verb is
// what --fix does with a fix ("makes", or "lists" for API calls).
func lbAdvice(lb bool, verb string) string {
	if !lb {
		return ""
	}
	return "; those rules are " + lbCheck + "'s NodePorts for the load-balancer clients, the whole internet unless given: name the clients (--lb-clients CIDR, or lb_clients in the configuration) or turn " + lbCheck + " off (--disable " + lbCheck + "), and --fix " + verb + " the rest without them"
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
// accounts, which tkesglint never runs. A fix that edits one of the
// unwritten files is not made: it is said to be not written, with the
// files that hold part of it. chosen, when not nil, tells the findings
// whose commands are listed, as it tells the fixes that are made: the
// others are held (writeHeldFixes).
func writeFixSummary(w io.Writer, out *fix.Outcome, res *driver.Result, unwritten []string, dryRun bool, chosen func(*driver.Finding) bool) {
	verb := "fixed"
	if dryRun {
		verb = "would fix"
	}
	var b strings.Builder
	var made, lost []fix.Applied
	for _, a := range out.Applied {
		f := a.Finding
		if slices.ContainsFunc(a.Files, func(name string) bool { return slices.Contains(unwritten, name) }) {
			lost = append(lost, a)
			fmt.Fprintf(&b, "tkesglint: not fixed %s %s (%s): %s\n", f.Range, f.Check.ID, notWritten(a.Files, unwritten), output.Message(a.Message))
			continue
		}
		made = append(made, a)
		fmt.Fprintf(&b, "tkesglint: %s %s %s: %s\n", verb, f.Range, f.Check.ID, output.Message(a.Message))
	}
	switch {
	case len(out.Applied) == 0:
		b.WriteString("tkesglint: no proved fix to apply\n")
	case dryRun:
		fmt.Fprintf(&b, "tkesglint: %s would change %s (the diff is on stdout; nothing was written)\n", english.Count(len(out.Applied), "fix", "fixes"), strings.Join(sortedNames(out.Files), ", "))
	case len(lost) == 0:
		fmt.Fprintf(&b, "tkesglint: %s changed %s\n", english.Count(len(out.Applied), "fix", "fixes"), strings.Join(sortedNames(out.Files), ", "))
	default:
		if len(made) > 0 {
			fmt.Fprintf(&b, "tkesglint: %s changed %s\n", english.Count(len(made), "fix", "fixes"), strings.Join(filesOf(made), ", "))
		}
		fmt.Fprintf(&b, "tkesglint: %s %s not written, as %s could not be", english.Count(len(lost), "fix", "fixes"), english.WasWere(len(lost)), strings.Join(unwritten, ", "))
		b.WriteString(": the findings are those of the files as they are left\n")
	}
	var commands []string
	perGroup := map[string]int{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Command != nil && f.Suppression == nil && (chosen == nil || chosen(f)) {
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

// notWritten says which of a fix's files were not written, and which were.
func notWritten(files, unwritten []string) string {
	var lost, kept []string
	for _, name := range files {
		if slices.Contains(unwritten, name) {
			lost = append(lost, name)
		} else {
			kept = append(kept, name)
		}
	}
	s := strings.Join(lost, ", ") + " could not be written"
	if len(kept) > 0 {
		s += "; its part in " + strings.Join(kept, ", ") + " was"
	}
	return s
}

// filesOf returns the files the fixes edit, sorted.
func filesOf(fixes []fix.Applied) []string {
	var out []string
	for _, a := range fixes {
		for _, name := range a.Files {
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	slices.Sort(out)
	return out
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
