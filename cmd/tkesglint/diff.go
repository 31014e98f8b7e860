package main

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/flowdiff"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// diff implements `tkesglint diff BASE_REF [flags] [PATH...]`: what the
// working tree newly accepts and drops compared with BASE_REF, per security
// group, and which findings it adds or resolves. The base revision of the
// git repository that holds the paths (wherever the command runs) is read
// with `git archive` into a temporary folder: the repository is not
// touched.
func (c *cli) diff(ctx context.Context, opts *options, args []string) int {
	if len(args) == 0 {
		return c.usageError("diff takes a base revision first, such as: tkesglint diff origin/main infra/")
	}
	base := args[0]
	opts.paths = args[1:]
	if err := opts.finish(); err != nil {
		return c.usageError("diff: %v", err)
	}
	out, err := diffOutput(opts)
	if err != nil {
		return c.usageError("%v", err)
	}
	wd, err := c.workDir()
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	// Files named by flags are the working tree's, for both revisions.
	absFlagPaths(opts, wd)
	if out != "" {
		out = resolve(wd, out)
	}
	tree, err := findTree(ctx, wd, opts.paths)
	if err != nil {
		c.errorf("diff: %v", err)
		return exitFailure
	}
	opts.paths = tree.paths
	baseDir, cleanup, err := checkoutBase(ctx, tree, base)
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	defer cleanup()

	dopts, failOn, errs := c.settings(opts, tree.dir)
	if len(errs) > 0 {
		for _, e := range errs {
			c.errorf("%v", e)
		}
		return exitFailure
	}
	head, err := driver.Run(ctx, dopts)
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	bopts := dopts
	bopts.Dir = baseDir
	old, err := driver.Run(ctx, bopts)
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	if out == "" {
		return c.reportDiff(c.stdout, base, old, head, failOn)
	}
	f, err := os.Create(out)
	if err != nil {
		c.errorf("write the diff: %v", err)
		return exitFailure
	}
	code := c.reportDiff(f, base, old, head, failOn)
	if err := f.Close(); err != nil {
		c.errorf("write the diff: %v", err)
		return exitFailure
	}
	return code
}

// diffTree is where both revisions are linted: the git repository's top
// folder, the folder the runs happen in (the working directory when it is
// inside the repository or above it, else the top) and the paths relative
// to it.
type diffTree struct {
	top, dir string
	paths    []string
}

// baseDir returns the folder of the base revision, extracted under tmp as
// the repository's top, that corresponds to t.dir: the archive goes to
// tmp/<top relative to dir> when the runs happen above the repository.
func (t diffTree) baseDir(tmp string) (archive, dir string) {
	if rel, err := filepath.Rel(t.dir, t.top); err == nil && within(t.dir, t.top) {
		return filepath.Join(tmp, rel), tmp
	}
	rel, err := filepath.Rel(t.top, t.dir)
	if err != nil {
		rel = "."
	}
	return tmp, filepath.Join(tmp, rel)
}

// findTree finds the git repository that holds every path (resolved
// against wd) and expresses the paths relative to the folder the runs
// happen in, so that the same relative paths name the base revision's
// files.
func findTree(ctx context.Context, wd string, paths []string) (diffTree, error) {
	var t diffTree
	abs := make([]string, len(paths))
	for i, p := range paths {
		abs[i] = filepath.Clean(resolve(wd, p))
		top, err := repositoryOf(ctx, abs[i])
		if err != nil {
			return t, fmt.Errorf("%s: %w", p, err)
		}
		switch {
		case t.top == "":
			t.top = top
		case top != t.top:
			return t, fmt.Errorf("%s and %s are in different git repositories (%s and %s); diff compares one repository", paths[0], p, t.top, top)
		}
	}
	t.dir = t.top
	if within(t.top, wd) || within(wd, t.top) {
		t.dir = wd
	}
	for i, a := range abs {
		rel, err := filepath.Rel(t.dir, a)
		if err != nil {
			return t, fmt.Errorf("%s: %w", paths[i], err)
		}
		t.paths = append(t.paths, rel)
	}
	return t, nil
}

// within reports whether p is dir or below it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// repositoryOf returns the top folder of the git repository that holds p
// (a path that may not exist in the working tree, if one of its folders
// does: a file deleted since the base revision).
func repositoryOf(ctx context.Context, p string) (string, error) {
	dir := p
	for {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no folder of it exists")
		}
		dir = parent
	}
	out, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", fmt.Errorf("not in a git repository (%s): %w", dir, err)
	}
	top := strings.TrimSpace(out)
	// git prints the top folder with symbolic links resolved; p may name
	// it through a link (macOS's /tmp, a checkout in a linked folder).
	if resolved, err := filepath.EvalSymlinks(dir); err == nil && resolved != dir {
		if rel, err := filepath.Rel(resolved, top); err == nil {
			top = filepath.Join(dir, rel)
		}
	}
	return filepath.Clean(top), nil
}

// diffOutput checks the --format and --output of a diff: it writes text
// only, to stdout or to the file named.
func diffOutput(opts *options) (string, error) {
	out := opts.output
	for _, f := range opts.formats {
		if f.name != "text" {
			return "", fmt.Errorf("diff writes only --format text, not %s", f.name)
		}
		if f.path != "" {
			out = f.path
		}
	}
	return out, nil
}

// workDir is the directory the command runs in.
func (c *cli) workDir() (string, error) {
	if c.dir != "" {
		return c.dir, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find the working directory: %w", err)
	}
	return wd, nil
}

// reportDiff prints the flow changes, then the findings the change adds and
// resolves; the exit status follows the added findings and --fail-on.
func (c *cli) reportDiff(w io.Writer, base string, old, head *driver.Result, failOn analysis.Level) int {
	changes := flowdiff.CompareRoots(roots(old), roots(head))
	for _, ch := range changes {
		// The peer of an egress flow is its destination.
		towards := "from"
		if ch.Direction == model.Egress {
			towards = "to"
		}
		group := ch.Group
		if inst := ch.Instance(); inst != "" {
			group += " of " + inst
		}
		_, _ = fmt.Fprintln(w, output.Message(fmt.Sprintf("%s: sg %s, %s: %s %s %s %s (%s)",
			ch.Range, group, ch.Direction, ch.Kind, ch.Witness, towards, ch.Witness.Peer(), ch.Rule)))
	}
	before := fingerprints(old)
	after := fingerprints(head)
	var added []driver.Finding
	for _, f := range head.Findings {
		if f.Suppression == nil && !before[f.Fingerprint] {
			added = append(added, f)
			_, _ = fmt.Fprintln(w, output.Message(fmt.Sprintf("%s: new %s %s%s: %s", f.Range, f.Level, f.Check.ID, instanceOf(f), f.Message)))
		}
	}
	resolved := 0
	for _, f := range old.Findings {
		if f.Suppression == nil && !after[f.Fingerprint] {
			resolved++
			_, _ = fmt.Fprintln(w, output.Message(fmt.Sprintf("resolved %s %s%s (was at %s): %s", f.Level, f.Check.ID, instanceOf(f), f.Range, f.Message)))
		}
	}
	for _, e := range head.Errors {
		c.errorf("%v", e)
	}
	_, _ = fmt.Fprintf(w, "since %s: %s, %s, %d resolved\n", output.Printable(base), countOf(len(changes), "flow change"), countOf(len(added), "new finding"), resolved)
	switch {
	case !head.Successful():
		return exitFailure
	case failing(added, failOn):
		return exitFindings
	}
	return exitOK
}

// instanceOf names the module instance a finding inside a module comes
// from, " of module.stack.module.sg in examples/two" (as flow changes name
// it), so that the same finding of two instances reads as two.
func instanceOf(f driver.Finding) string {
	if inst := f.Instance(); inst != "" {
		return " of " + inst
	}
	return ""
}

// roots returns the models of a run that flowdiff compares one by one.
func roots(r *driver.Result) []flowdiff.Root {
	out := make([]flowdiff.Root, 0, len(r.Units))
	for _, u := range r.Units {
		out = append(out, flowdiff.Root{Name: u.Root, Input: u.Input})
	}
	return out
}

func fingerprints(r *driver.Result) map[string]bool {
	out := map[string]bool{}
	for _, f := range r.Findings {
		if f.Suppression == nil {
			out[f.Fingerprint] = true
		}
	}
	return out
}

// checkoutBase extracts revision rev of the repository t.top into a
// temporary folder, and returns the folder that corresponds to t.dir
// there (see diffTree.baseDir).
func checkoutBase(ctx context.Context, t diffTree, rev string) (baseDir string, cleanup func(), err error) {
	if _, err := git(ctx, t.top, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return "", nil, fmt.Errorf("unknown revision %q in %s", rev, t.top)
	}
	tmp, err := os.MkdirTemp("", "tkesglint-diff-")
	if err != nil {
		return "", nil, fmt.Errorf("diff: %w", err)
	}
	cleanup = func() { _ = os.RemoveAll(tmp) }
	archive, baseDir := t.baseDir(tmp)
	cmd := exec.CommandContext(ctx, "git", "-C", t.top, "archive", "--format=tar", rev) //nolint:gosec // rev was verified as a commit above
	out, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err == nil {
		err = untar(out, archive)
		if werr := cmd.Wait(); err == nil {
			err = werr
		}
	}
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("read revision %s: %w", rev, err)
	}
	return baseDir, cleanup, nil
}

// git runs a git command in dir and returns its output; a failure carries
// what git printed on stderr.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	var stderr strings.Builder
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...) //nolint:gosec // fixed git subcommands
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("%s", strings.TrimPrefix(msg, "fatal: "))
		}
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return string(out), nil
}

// untar writes the regular files and folders of a tar stream below dst,
// refusing any path that would leave it.
func untar(r io.Reader, dst string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		p := filepath.Join(dst, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(p, filepath.Clean(dst)+string(filepath.Separator)) {
			return fmt.Errorf("archive entry %q leaves the folder", h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(p, 0o755)
		case tar.TypeReg:
			err = writeFile(p, tr)
		}
		if err != nil {
			return err
		}
	}
}

func writeFile(p string, r io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
