package main

import (
	"context"
	"io"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/report"
)

// writeReport writes the Markdown or HTML report of r; the requirement
// matrix and the policies come from the run's analyzers, run again on each
// unit (once for both reports), until ctx (the run's, which Ctrl-C and
// SIGTERM cancel) is done.
func (c *cli) writeReport(ctx context.Context, w io.Writer, r *output.Report, format string, opts *options) error {
	d := opts.report
	if d == nil || d.Report != r {
		units, err := analyzeUnits(ctx, r.Analyzers, r.Result)
		if err != nil {
			return err
		}
		d = report.New(r, units, c.linkBase(opts))
		opts.report = d
	}
	if format == "html" {
		return report.WriteHTML(w, d)
	}
	return report.WriteMarkdown(w, d)
}

// linkBase is what the links of the Markdown report start with: --link-base
// when given; in GitHub Actions, the blob of the commit checked out, as a
// link relative to the host (/OWNER/REPO/blob/SHA/), which works in a job
// summary and in a pull-request comment alike, for paths relative to the
// repository's root (the working directory of a workflow's steps); else
// nothing, so that links are relative to the working directory.
func (c *cli) linkBase(opts *options) string {
	if b := opts.inspect.linkBase; b != nil {
		return *b
	}
	repo, sha := c.getenv("GITHUB_REPOSITORY"), c.getenv("GITHUB_SHA")
	if repo == "" || sha == "" {
		return ""
	}
	return "/" + repo + "/blob/" + sha + "/"
}
