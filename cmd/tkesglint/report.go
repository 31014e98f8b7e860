package main

import (
	"context"
	"errors"
	"io"
	"slices"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/report"
)

// writeReport writes the Markdown or HTML report of r from what
// reportKeep gathered of each unit as the run linted it (once for both
// reports), unless ctx (the run's, which Ctrl-C and SIGTERM cancel) is
// done: an interrupt after the lint stops the run before the page.
func (c *cli) writeReport(ctx context.Context, w io.Writer, r *output.Report, format string, opts *options) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d := opts.report
	if d == nil || d.Report != r {
		units := make([]*report.Unit, 0, len(r.Result.Kept))
		for _, k := range r.Result.Kept {
			u, ok := k.(*report.Unit)
			if !ok {
				return errors.New("the run gathered nothing for the reports")
			}
			if err := u.Err(); err != nil {
				return err
			}
			units = append(units, u)
		}
		d = report.New(r, units, c.linkBase(opts))
		opts.report = d
	}
	if format == "html" {
		return report.WriteHTML(w, d)
	}
	return report.WriteMarkdown(w, d)
}

// reportKeep is what a lint run keeps of each unit for the reports that
// formats ask for (driver.Options.Keep), or nil for none: the requirement
// matrix and, for the HTML report, the policies, gathered with analyzers
// while the unit's model is in memory, so that the run drops the models.
// jobs (--jobs) bounds the goroutines of a large unit's policies; the
// units share one memo of the policies written.
func reportKeep(formats []formatSpec, analyzers []*analysis.Analyzer, jobs int) func(context.Context, driver.Unit) any {
	isReport := func(f formatSpec) bool { return f.name == "markdown" || f.name == "html" }
	if !slices.ContainsFunc(formats, isReport) {
		return nil
	}
	html := slices.ContainsFunc(formats, func(f formatSpec) bool { return f.name == "html" })
	var memo *report.PolicyMemo
	if html {
		memo = report.NewPolicyMemo()
	}
	return func(ctx context.Context, u driver.Unit) any {
		return report.Gather(ctx, analyzers, u.Root, u.Input, report.GatherOptions{Policies: html, Jobs: jobs, Memo: memo})
	}
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
