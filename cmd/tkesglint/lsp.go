package main

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/lsp"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// lsp implements `tkesglint lsp [flags]`: a language server on stdin and
// stdout. The flags are those of a lint run, without paths or outputs; they
// apply to every document, as on the command line.
func (c *cli) lsp(ctx context.Context, opts *options, args []string) int {
	var stdin io.Reader = os.Stdin
	if c.stdin != nil {
		stdin = c.stdin
	}
	if len(args) > 0 {
		return c.usageError("lsp takes no paths: the editor says which files to lint")
	}
	if err := opts.finish(); err != nil {
		return c.usageError("lsp: %v", err)
	}
	wd, err := c.workDir()
	if err != nil {
		c.errorf("%v", err)
		return exitFailure
	}
	absFlagPaths(opts, wd)
	c.reuse = &analyzerCache{}
	cfg := lsp.Config{
		Name:    toolName,
		Version: c.version,
		Log:     c.stderr,
		TuneGC:  true,
		Options: func(dir string, paths []string) (driver.Options, []*model.Error) {
			o := *opts
			o.paths = paths
			d, _, errs := c.settings(&o, dir)
			return d, errs
		},
	}
	err = lsp.Serve(ctx, stdin, c.stdout, cfg)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, lsp.ErrExitWithoutShutdown):
		return 1
	}
	c.errorf("lsp: %v", err)
	return exitFailure
}

// absFlagPaths makes the files named by flags absolute against the
// directory the server started in: each lint runs in the folder of the
// document's configuration instead.
func absFlagPaths(opts *options, wd string) {
	if opts.config != "" {
		opts.config = resolve(wd, opts.config)
	}
	if opts.baseline != "" {
		opts.baseline = resolve(wd, opts.baseline)
	}
	for i, r := range opts.rulesets {
		opts.rulesets[i] = resolve(wd, r)
	}
	for i := range opts.varArgs {
		if opts.varArgs[i].File != "" {
			opts.varArgs[i].File = resolve(wd, opts.varArgs[i].File)
		}
	}
	for i := range opts.params {
		if opts.params[i].file != "" {
			opts.params[i].file = resolve(wd, opts.params[i].file)
		}
	}
}
