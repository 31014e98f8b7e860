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
	"github.com/tkesglint/tkesglint/parsers/model"
)

// diff implements `tkesglint diff BASE_REF [flags] [PATH...]`: what the
// working tree newly accepts and drops compared with BASE_REF, per security
// group, and which findings it adds or resolves. The base revision is read
// with `git archive` into a temporary folder: the repository is not touched.
func (c *cli) diff(ctx context.Context, args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return c.usageError("diff takes a base revision first, such as: tkesglint diff origin/main infra/")
	}
	base := args[0]
	opts, err := parseFlags(args[1:])
	if err != nil {
		return c.usageError("%v", err)
	}
	out, err := diffOutput(opts)
	if err != nil {
		return c.usageError("%v", err)
	}
	dir, err := c.workDir()
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	baseDir, cleanup, err := checkoutBase(ctx, dir, base)
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	defer cleanup()

	dopts, failOn, errs := c.settings(opts, dir)
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
	changes := flowdiff.Compare(old.Input, head.Input)
	for _, ch := range changes {
		// The peer of an egress flow is its destination.
		towards := "from"
		if ch.Direction == model.Egress {
			towards = "to"
		}
		_, _ = fmt.Fprintf(w, "%s: sg %s, %s: %s %s %s %s (%s)\n",
			ch.Range, ch.Group, ch.Direction, ch.Kind, ch.Witness, towards, ch.Witness.Peer(), ch.Rule)
	}
	before := fingerprints(old)
	after := fingerprints(head)
	var added []driver.Finding
	for _, f := range head.Findings {
		if f.Suppression == nil && !before[f.Fingerprint] {
			added = append(added, f)
			_, _ = fmt.Fprintf(w, "%s: new %s %s: %s\n", f.Range, f.Level, f.Check.ID, f.Message)
		}
	}
	resolved := 0
	for _, f := range old.Findings {
		if f.Suppression == nil && !after[f.Fingerprint] {
			resolved++
			_, _ = fmt.Fprintf(w, "resolved %s %s (was at %s): %s\n", f.Level, f.Check.ID, f.Range, f.Message)
		}
	}
	for _, e := range head.Errors {
		c.errorf("%v", e)
	}
	_, _ = fmt.Fprintf(w, "since %s: %d flow changes, %d new findings, %d resolved\n", base, len(changes), len(added), resolved)
	switch {
	case !head.Successful():
		return exitFailure
	case failing(added, failOn):
		return exitFindings
	}
	return exitOK
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

// checkoutBase extracts revision rev of the git repository that holds dir
// into a temporary folder, and returns the folder that corresponds to dir
// there.
func checkoutBase(ctx context.Context, dir, rev string) (baseDir string, cleanup func(), err error) {
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", nil, fmt.Errorf("diff needs a git repository: %w", err)
	}
	top = strings.TrimSpace(top)
	if _, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return "", nil, fmt.Errorf("unknown revision %q", rev)
	}
	tmp, err := os.MkdirTemp("", "tkesglint-diff-")
	if err != nil {
		return "", nil, fmt.Errorf("diff: %w", err)
	}
	cleanup = func() { _ = os.RemoveAll(tmp) }
	cmd := exec.CommandContext(ctx, "git", "-C", top, "archive", "--format=tar", rev) //nolint:gosec // rev was verified as a commit above
	out, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err == nil {
		err = untar(out, tmp)
		if werr := cmd.Wait(); err == nil {
			err = werr
		}
	}
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("read revision %s: %w", rev, err)
	}
	rel, err := filepath.Rel(top, dir)
	if err != nil {
		rel = "."
	}
	return filepath.Join(tmp, rel), cleanup, nil
}

// git runs a git command in dir and returns its output.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...).Output() //nolint:gosec // fixed git subcommands
	return string(out), err
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
