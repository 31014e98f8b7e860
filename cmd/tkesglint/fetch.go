package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/fetch"
)

const fetchUsage = `Usage:
  tkesglint fetch [--region R]... [--profile NAME] [--endpoint URL] --output FILE

Reads, read-only, the security groups and their policies, address and
service templates, VPCs, subnets, CVMs and TKE clusters (their instances and
endpoints) of a live Tencent Cloud account, and writes them as one export
bundle that 'tkesglint FILE' lints. docs/live-audit.md lists the CAM
permissions it needs.

Flags:
  --region R      a region to read (repeatable, or comma-separated; default:
                  every available region, from DescribeRegions)
  --profile NAME  use the tccli profile NAME (~/.tccli/NAME.credential)
  --endpoint URL  call URL instead of the public API; {service} in its host
                  stands for vpc, cvm or tke:
                  https://{service}.internal.tencentcloudapi.com
  --output FILE   the bundle to write
  --quiet         no progress and no summary; failed calls are still reported

Credentials, first found: --profile; TENCENTCLOUD_SECRET_ID and
TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN); the tccli profile
TCCLI_PROFILE names, or "default"; ~/.tencentcloud/credentials; the CAM role
of the CVM it runs on. They are never printed nor written.

Exit status: 0 everything was read; 2 some call failed (the bundle is
written and lists it under Incomplete, and the lint says what it could not
know) or nothing could be read.
`

// fetch implements `tkesglint fetch`: a read-only export of a live account.
func (c *cli) fetch(ctx context.Context, args []string) int {
	return c.runFetch(ctx, args, fetchDeps{role: common.DefaultCvmRoleProvider()})
}

// fetchDeps is what a fetch takes from its surroundings besides the cli:
// tests replace them.
type fetchDeps struct {
	// role finds the credentials of the CVM instance role; nil skips it.
	role common.Provider
	// backoff, when not nil, replaces the waits between retries.
	backoff func(int) time.Duration
	// pageSize, when not 0, is the Limit of list calls.
	pageSize int
}

// fetchFlags is the parsed command line of fetch.
type fetchFlags struct {
	regions                   []string
	profile, endpoint, output string
	quiet                     bool
}

// isRegion reports whether s is written like a Tencent Cloud region:
// ap-guangzhou, na-siliconvalley, ap-shanghai-fsi.
func isRegion(s string) bool {
	words := strings.Split(s, "-")
	if len(words) < 2 {
		return false
	}
	for i, w := range words {
		if w == "" || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" && (i == 0 || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz0123456789") != "") {
			return false
		}
	}
	return true
}

func parseFetchFlags(args []string) (*fetchFlags, error) {
	f := &fetchFlags{}
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.Func("region", "", func(s string) error {
		for r := range strings.SplitSeq(s, ",") {
			r = strings.TrimSpace(r)
			if !isRegion(r) {
				return fmt.Errorf("%q is not a region, such as ap-guangzhou", r)
			}
			f.regions = append(f.regions, r)
		}
		return nil
	})
	fs.StringVar(&f.profile, "profile", "", "")
	fs.Func("endpoint", "", func(s string) error {
		f.endpoint = s
		return fetch.CheckEndpoint(s)
	})
	fs.StringVar(&f.output, "output", "", "")
	fs.BoolVar(&f.quiet, "quiet", false, "")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("fetch takes no arguments, not %q: name the file to write with --output", fs.Arg(0))
	case f.output == "":
		return nil, errors.New("fetch needs --output FILE, the bundle to write")
	}
	return f, nil
}

func (c *cli) runFetch(ctx context.Context, args []string, deps fetchDeps) int {
	f, err := parseFetchFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		_, _ = io.WriteString(c.stdout, fetchUsage)
		return exitOK
	}
	if err != nil {
		c.errorf("fetch: %v", err)
		_, _ = fmt.Fprintln(c.stderr, "run 'tkesglint fetch -h' for usage")
		return exitFailure
	}
	dir, err := c.workDir()
	if err != nil {
		c.errorf("fetch: %v", err)
		return exitFailure
	}
	out := resolve(dir, f.output)
	if err := checkFolder(out); err != nil {
		c.errorf("fetch: %v", err)
		return exitFailure
	}
	creds, err := fetch.FindCredentials(fetch.CredentialOptions{Getenv: c.getenv, Profile: f.profile, Role: deps.role})
	if err != nil {
		c.errorf("fetch: %v", err)
		return exitFailure
	}
	p := c.newFetchProgress(f.quiet)
	res, err := fetch.Run(ctx, fetch.Options{
		Regions:       f.regions,
		Credential:    creds.Credential,
		Endpoint:      f.endpoint,
		PageSize:      deps.pageSize,
		Backoff:       deps.backoff,
		RequestClient: "tkesglint " + c.version,
		Progress:      p.event,
	})
	p.clear()
	var rejected *fetch.APIError
	switch {
	case err != nil && ctx.Err() != nil:
		c.errorf("fetch: interrupted; %s is not written", f.output)
		return exitFailure
	case errors.As(err, &rejected):
		c.errorf("fetch: %v; %s", err, creds.Hint())
		return exitFailure
	case err != nil:
		c.errorf("fetch: %v", err)
		return exitFailure
	}
	if err := writeBundle(out, res); err != nil {
		c.errorf("fetch: %v", err)
		return exitFailure
	}
	if !f.quiet {
		_, _ = fmt.Fprintln(c.stderr, fetchSummary(f.output, creds.Source, res))
	}
	if !res.Complete() {
		return exitFailure
	}
	return exitOK
}

// writeBundle writes the bundle to a temporary file beside path, then
// renames it: a failed write leaves no half bundle, and a bundle of
// yesterday is replaced only by a whole one.
func writeBundle(path string, res *fetch.Result) (err error) {
	if err := checkFolder(path); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tkesglint-fetch-*.json")
	if err != nil {
		return fmt.Errorf("write the bundle: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := res.WriteBundle(tmp); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write the bundle: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write the bundle: %w", err)
	}
	return nil
}

// checkFolder reports whether the folder of path, where the bundle goes,
// exists: checked before the fetch, which may take minutes.
func checkFolder(path string) error {
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		return fmt.Errorf("cannot write %s: %s is not a folder", filepath.ToSlash(path), filepath.ToSlash(filepath.Dir(path)))
	}
	return nil
}

// fetchSummary is the last line of a fetch: what the bundle holds, and
// what it lacks.
func fetchSummary(output, source string, res *fetch.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "tkesglint: fetch wrote %s: %s, %s, %s, %s (credentials: %s)", output,
		countOf(len(res.Regions), "region"),
		countOf(res.Count("DescribeSecurityGroups"), "security group"),
		countOf(res.Count("DescribeClusters"), "cluster"),
		countOf(res.Count("DescribeInstances"), "CVM"), source)
	for _, r := range res.Regions {
		for _, s := range r.Unsupported() {
			fmt.Fprintf(&b, "; no %s in %s", s, r.Name)
		}
	}
	if n := len(res.Failures()); n > 0 {
		fmt.Fprintf(&b, "; %s failed, listed under Incomplete in the bundle", countOf(n, "call"))
	}
	return b.String()
}

// fetchProgress draws what a fetch is doing on stderr, in place, when it
// is a terminal, and reports failed calls in every case.
type fetchProgress struct {
	c                   *cli
	on                  bool
	last                time.Time
	printed             bool
	regions, done, hits int
}

// newFetchProgress returns the progress of a fetch: off with --quiet, when
// stderr is not a terminal, or when CI is set.
func (c *cli) newFetchProgress(quiet bool) *fetchProgress {
	return &fetchProgress{c: c, on: !quiet && c.isTerminal(c.stderr) && c.getenv("CI") == ""}
}

// event is fetch.Run's Progress callback.
func (p *fetchProgress) event(e fetch.Event) {
	var what string
	switch e.Kind {
	case fetch.EventRegions:
		p.regions = len(e.Regions)
	case fetch.EventRegionDone:
		p.done++
	case fetch.EventFailure:
		p.clear()
		p.c.errorf("fetch: %s", e.Failure)
		return
	case fetch.EventCall:
		p.hits++
		what = e.Region + " " + e.Action
		switch {
		case e.Resource != "":
			what += " " + e.Resource
		case e.Page > 1:
			what += fmt.Sprintf(" page %d (%d)", e.Page, e.Items)
		}
	case fetch.EventRetry:
		what = fmt.Sprintf("%s %s: %s, again in %s", e.Region, e.Action, e.Err.Code, e.Wait.Round(100*time.Millisecond))
	case fetch.EventUnsupported:
	}
	if !p.on || what == "" {
		return
	}
	now := p.c.now()
	if p.printed && now.Sub(p.last) < progressEvery && e.Kind != fetch.EventRetry {
		return
	}
	p.last, p.printed = now, true
	_, _ = fmt.Fprintf(p.c.stderr, "\r\x1b[Kfetch: %d/%d regions, %d calls · %s…", p.done, p.regions, p.hits, what)
}

// clear erases the progress line, if one was drawn.
func (p *fetchProgress) clear() {
	if p.printed {
		_, _ = fmt.Fprint(p.c.stderr, "\r\x1b[K")
		p.printed = false
	}
}

// countOf is "1 region", "2 regions".
func countOf(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
