package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/report"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/rulesets"
)

// TestMarkdownGolden: the Markdown summary of the inspect fixture, with
// the links GitHub Actions gets.
func TestMarkdownGolden(t *testing.T) {
	c, stdout, stderr := newTestCLI(t, rulesets.All)
	c.getenv = func(k string) string {
		return map[string]string{"GITHUB_REPOSITORY": "acme/infra", "GITHUB_SHA": "0123abcd"}[k]
	}
	code := c.run(t.Context(), []string{"--format", "markdown", "testdata/inspect/prod"})
	if code != exitFindings || stderr.Len() > 0 {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	got := stdout.String()
	for _, want := range []string{
		"| error | [TKESG103](https://github.com/tkesglint/tkesglint/blob/main/docs/rules/TKESG103.md) | [testdata/inspect/prod/main.tf:28](/acme/infra/blob/0123abcd/testdata/inspect/prod/main.tf#L28) |",
		"#### Cluster prod",
		"| N5 | TKESG104 | ❌ broken |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the summary does not hold %q", want)
		}
	}
	golden(t, inspectDir+"/report.md", got)

	// --link-base wins; empty gives links relative to the working
	// directory.
	r := runReal(t, "--format", "markdown", "--link-base", "", "testdata/inspect/prod")
	if !strings.Contains(r.stdout, "](testdata/inspect/prod/main.tf#L28)") {
		t.Errorf("--link-base= does not give relative links:\n%s", r.stdout)
	}
}

// TestReportsEscapeTheInput: what an input says cannot become markup in
// either report.
func TestReportsEscapeTheInput(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": `
resource "tencentcloud_security_group" "x" {
  name = "<script>alert(1)</script>|*[x](http://evil)"
}
resource "tencentcloud_security_group_rule_set" "x" {
  security_group_id = tencentcloud_security_group.x.id
  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "22"
    description = "<img src=x onerror=alert(2)>"
  }
}
`})
	r := runReal(t, "--format", "html", dir)
	if strings.Contains(r.stdout, "<script>alert") || strings.Contains(r.stdout, "<img src=x") {
		t.Errorf("the HTML report holds markup from the input")
	}
	if !strings.Contains(r.stdout, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the HTML report does not show the group's name escaped")
	}
	selfContained(t, r.stdout)
	r = runReal(t, "--format", "markdown", dir)
	if strings.Contains(r.stdout, "<script>") || strings.Contains(r.stdout, "[x](http://evil)") {
		t.Errorf("the Markdown report holds markup from the input:\n%s", r.stdout)
	}
}

// selfContained fails t when page loads anything: no external script,
// style, font, image or frame.
func selfContained(t *testing.T, page string) {
	t.Helper()
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<(script|img|iframe|link|source|video|audio|embed|object)[^>]*\s(src|href|data)=`),
		regexp.MustCompile(`@import|url\(`),
	} {
		if m := bad.FindString(page); m != "" {
			t.Errorf("the page loads something: %s", m)
		}
	}
	if !strings.Contains(page, `default-src 'none'`) {
		t.Errorf("the page has no content security policy that forbids loading")
	}
}

// bigReport is a run of n findings over 100 files of 300 lines, with
// related locations, as a large estate gives.
func bigReport(n int) *output.Report {
	res := &driver.Result{Sources: map[string][]byte{}}
	checks := []*analysis.Check{
		{ID: "TKESG101", Level: analysis.LevelError, Title: "t"}, {ID: "TKESG202", Level: analysis.LevelWarning, Title: "t"},
		{ID: "TKESG206", Level: analysis.LevelWarning, Title: "t"}, {ID: "TKESG401", Level: analysis.LevelNote, Title: "t"},
	}
	var src strings.Builder
	for i := range 300 {
		fmt.Fprintf(&src, "  ingress { action = \"ACCEPT\" cidr_block = \"0.0.0.0/0\" port = \"%d\" } # line %d\n", 1000+i, i+1)
	}
	for i := range 100 {
		name := fmt.Sprintf("env%02d/main.tf", i)
		res.Files = append(res.Files, name)
		res.Sources[name] = []byte(src.String())
	}
	for i := range n {
		ch := checks[i%len(checks)]
		file := res.Files[i%100]
		line := 1 + i%290
		res.Findings = append(res.Findings, driver.Finding{Finding: checker.Finding{
			Check: ch, Level: ch.Level, Message: fmt.Sprintf("TCP %d from 203.0.113.7 to sg web-%d is accepted by ingress rule %d", 1000+i%300, i, line),
			Range:   model.Range{Filename: file, Start: model.Pos{Line: line, Column: 3}, End: model.Pos{Line: line + 2, Column: 4}},
			Related: []analysis.Related{{Range: model.Range{Filename: file, Start: model.Pos{Line: 1, Column: 1}}, Message: "sg web is defined here"}},
			Address: fmt.Sprintf("tencentcloud_security_group.web%d", i),
		}})
	}
	return &output.Report{Tool: output.Tool{Name: "tkesglint", Version: testVersion}, Result: res}
}

// TestReportsAtScale: 10,000 findings render in bounded time and size.
func TestReportsAtScale(t *testing.T) {
	skipUnderRace(t)
	r := bigReport(10000)
	d := report.New(r, nil, "")
	var html, md bytes.Buffer
	start := time.Now()
	if err := report.WriteHTML(&html, d); err != nil {
		t.Fatal(err)
	}
	htmlTime := time.Since(start)
	if err := report.WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	t.Logf("10,000 findings: HTML %.1f MB in %v, Markdown %d kB", float64(html.Len())/1e6, htmlTime, md.Len()/1000)
	if htmlTime > 10*time.Second {
		t.Errorf("the HTML report of 10,000 findings took %v", htmlTime)
	}
	if html.Len() > 40<<20 {
		t.Errorf("the HTML report of 10,000 findings is %d bytes", html.Len())
	}
	if n := strings.Count(html.String(), `<div class="finding `); n != 10000 {
		t.Errorf("the page shows %d findings, want 10000", n)
	}
	// A job summary holds 1 MiB.
	if md.Len() > 1<<20/2 {
		t.Errorf("the Markdown summary of 10,000 findings is %d bytes", md.Len())
	}
	if !strings.Contains(md.String(), "and 9900 more findings") {
		t.Errorf("the Markdown summary does not say how many findings it leaves out")
	}
}

// chromium returns the path of a Chromium, or skips t.
func chromium(t *testing.T) string {
	t.Helper()
	skipUnderRace(t)
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH: the report is not tested in a browser (.ci/run installs Debian's chromium)")
	return ""
}

// browse runs headless Chromium on url with args (--dump-dom,
// --screenshot=…) and returns what it prints on stdout.
func browse(t *testing.T, bin, url string, args ...string) string {
	t.Helper()
	all := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir=" + t.TempDir(),
	}, args...)
	cmd := exec.CommandContext(t.Context(), bin, append(all, url)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errb.String())
	}
	return out.String()
}

var shownFinding = regexp.MustCompile(`<div class="finding [a-z]+" data-check="([A-Z0-9]+)"[^>]*>`)

// shownChecks returns the checks of the findings a dumped DOM shows.
func shownChecks(dom string) []string {
	var out []string
	for _, m := range shownFinding.FindAllStringSubmatch(dom, -1) {
		if !strings.Contains(m[0], " hidden") {
			out = append(out, m[1])
		}
	}
	return out
}

// TestHTMLInBrowser loads the report of the inspect fixture and the
// examples in headless Chromium: the matrix is there, every finding is
// shown, and the filters (set from the page's address, as a shared link
// does) show the findings of one check, one file or one cluster only.
// With -update it keeps a screenshot for the README.
func TestHTMLInBrowser(t *testing.T) {
	bin := chromium(t)
	r := runReal(t, "--format", "html", "testdata/inspect/prod", "examples/broken-dns-cluster", "examples/dangerous-node-sg")
	if r.code != exitFindings {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, []byte(r.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	all := shownChecks(r.stdout)
	dom := browse(t, bin, "file://"+page, "--dump-dom")
	for _, want := range []string{"Cluster prod", "Cluster shop", "✗ broken", "✓ satisfied", "Effective policy"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page in the browser does not show %q", want)
		}
	}
	if got := shownChecks(dom); len(got) != len(all) || len(all) < 10 {
		t.Errorf("the browser shows %d of %d findings", len(got), len(all))
	}
	if !strings.Contains(dom, fmt.Sprintf(`<span id="n-shown">%d</span>`, len(all))) {
		t.Errorf("the page does not count %d findings shown", len(all))
	}
	for _, tc := range []struct {
		hash  string
		check func(dom string) bool
	}{
		{"check=TKESG103", func(dom string) bool {
			got := shownChecks(dom)
			return len(got) == 2 && got[0] == "TKESG103" && got[1] == "TKESG103"
		}},
		{"file=examples%2Fdangerous-node-sg%2Fmain.tf", func(dom string) bool {
			got := shownChecks(dom)
			return len(got) > 0 && len(got) < len(all) && !strings.Contains(dom, `data-file="testdata/inspect/prod/main.tf" data-clusters="[&quot;prod&quot;]">`)
		}},
		{"cluster=shop", func(dom string) bool {
			got := shownChecks(dom)
			return len(got) == 1 && got[0] == "TKESG103" && strings.Contains(dom, `<section class="cluster" data-cluster="prod" hidden="">`)
		}},
		{"text=kubelet", func(dom string) bool {
			got := shownChecks(dom)
			return len(got) >= 1 && len(got) < len(all)
		}},
	} {
		dom := browse(t, bin, "file://"+page+"#"+tc.hash, "--dump-dom")
		if !tc.check(dom) {
			t.Errorf("filter #%s shows %v", tc.hash, shownChecks(dom))
		}
	}
	if *update {
		shot := filepath.Join("..", "..", "docs", "report.png")
		browse(t, bin, "file://"+page+"#cluster=prod", "--window-size=1100,1100", "--screenshot="+shot)
	}
}

// TestHTMLInBrowserAtScale loads a report of 10,000 findings in Chromium
// and filters it.
func TestHTMLInBrowserAtScale(t *testing.T) {
	bin := chromium(t)
	var html bytes.Buffer
	if err := report.WriteHTML(&html, report.New(bigReport(10000), nil, "")); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "big.html")
	if err := os.WriteFile(page, html.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	dom := browse(t, bin, "file://"+page+"#check=TKESG202&file=env05%2Fmain.tf", "--dump-dom")
	took := time.Since(start)
	got := shownChecks(dom)
	// Finding i is of check i%4 (TKESG202 for 1) in file i%100.
	want := 0
	for i := range 10000 {
		if i%4 == 1 && i%100 == 5 {
			want++
		}
	}
	if len(got) != want {
		t.Errorf("the filtered page of 10,000 findings shows %d, want %d", len(got), want)
	}
	t.Logf("Chromium loaded and filtered 10,000 findings (%.1f MB) in %v", float64(html.Len())/1e6, took)
	if took > 60*time.Second {
		t.Errorf("Chromium took %v on 10,000 findings", took)
	}
}

// TestActionJobSummary runs the Action's "Run tkesglint" step as a runner
// would (bash, its env, ${{ inputs }} given their defaults) with a
// tkesglint built here: the Markdown summary lands in $GITHUB_STEP_SUMMARY,
// after what was already there.
func TestActionJobSummary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds tkesglint")
	}
	skipUnderRace(t)
	action := readAction(t)
	tmp := t.TempDir()
	build := exec.CommandContext(t.Context(), "go", "build", "-o", filepath.Join(tmp, "tkesglint"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	summary := filepath.Join(tmp, "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	subst := func(s string) string {
		return regexp.MustCompile(`\$\{\{\s*inputs\.([a-z-]+)\s*\}\}`).ReplaceAllStringFunc(s, func(m string) string {
			name := regexp.MustCompile(`inputs\.([a-z-]+)`).FindStringSubmatch(m)[1]
			switch name {
			case "paths":
				return "testdata/inspect/prod"
			case "sarif-file": // not the default, which would write into the checkout
				return filepath.Join(tmp, "tkesglint.sarif")
			}
			return action.Inputs[name].Default
		})
	}
	for _, step := range action.Runs.Steps {
		if step.ID != "run" {
			continue
		}
		env := append(os.Environ(), "RUNNER_TEMP="+tmp, "GITHUB_OUTPUT="+filepath.Join(tmp, "out"), "GITHUB_STEP_SUMMARY="+summary,
			"GITHUB_REPOSITORY=acme/infra", "GITHUB_SHA=0123abcd")
		for k, v := range step.Env {
			env = append(env, k+"="+subst(v))
		}
		cmd := exec.CommandContext(t.Context(), "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", subst(step.Run))
		cmd.Dir, cmd.Env = filepath.Join("..", ".."), env
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if err != nil && (!errors.As(err, &exit) || exit.ExitCode() != 1) {
			t.Fatalf("the run step: %v\n%s", err, out)
		}
	}
	got, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"earlier step\n## ❌ tkesglint: 2 errors", "#### Cluster prod", "](/acme/infra/blob/0123abcd/testdata/inspect/prod/main.tf#L28)"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the job summary does not hold %q:\n%s", want, got)
		}
	}
}

// skipUnderRace skips a test that runs no goroutine of tkesglint's and is
// slow or timed: the race detector has nothing to find there.
func skipUnderRace(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("nothing for the race detector to find; timed or slow")
	}
}

// TestMarkdownUndecidedCountsAsText: the Markdown table of undecided checks
// counts what the text summary counts: each check once, under the reasons
// it waits for together, so that the column adds up to the summary's
// "N checks left undecided"; TKESG305, which leaves the node checks
// undecided, is one of them in both. The SARIF log's notification tells the
// undecided notes it leaves out among the same count.
func TestMarkdownUndecidedCountsAsText(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": `
variable "office" {}
resource "tencentcloud_security_group" "nodes" { name = "nodes" }
resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress {
    action     = "DROP"
    cidr_block = var.office
    protocol   = "UDP"
    port       = "53"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
  }
}
resource "tencentcloud_kubernetes_cluster" "a" {
  cluster_name        = "a"
  cluster_deploy_type = "MANAGED_CLUSTER"
  worker_config {
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
resource "tencentcloud_kubernetes_cluster" "b" {
  cluster_name        = "b"
  cluster_deploy_type = "MANAGED_CLUSTER"
  worker_config {
    instance_type = "S5.LARGE8"
  }
}
`})
	text := runReal(t, "--no-color", dir).stdout
	m := regexp.MustCompile(`(\d+) checks left undecided`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("the text summary counts no undecided checks:\n%s", text)
	}
	md := runReal(t, "--format", "markdown", dir).stdout
	_, section, _ := strings.Cut(md, "### Undecided checks by reason")
	if !strings.Contains(section, "\n"+m[1]+" checks left undecided.\n") {
		t.Errorf("the Markdown does not say the text's %s checks left undecided:\n%s", m[1], section)
	}
	sum, rows := 0, 0
	for _, row := range regexp.MustCompile(`(?m)^\| .* \| (TKESG[0-9, TKESG]+) \| (\d+) \|`).FindAllStringSubmatch(section, -1) {
		n, _ := strconv.Atoi(row[2])
		sum += n
		rows++
	}
	if want, _ := strconv.Atoi(m[1]); sum != want || rows == 0 {
		t.Errorf("the Markdown table's %d rows count %d checks, the text summary %d:\n%s", rows, sum, want, section)
	}
	if !strings.Contains(section, "| TKESG305 | 1 |") {
		t.Errorf("the Markdown table does not count TKESG305 as the text does:\n%s", section)
	}
	// The warning TKESG305 is in the SARIF log; the notes are not.
	want, _ := strconv.Atoi(m[1])
	sarif := runReal(t, "--format", "sarif", dir).stdout
	if left := fmt.Sprintf("%d of the %d checks left undecided (--sarif-include undecided)", want-1, want); !strings.Contains(sarif, left) {
		t.Errorf("the SARIF log does not say %q:\n%s", left, sarif)
	}
}

// hostileName is a group name with links for GitHub's autolinker (a URL,
// www., an e-mail address) and control and bidirectional characters.
const hostileName = `nodes see http://evil.example/login or WWW.evil.example, mail a.b@evil.example \u202eLIAM\u202c\r| x \u0007 y\u2028z\u0085w`

// TestReportsBreakLinksAndEscapeControls: no input text becomes a link in
// the Markdown (docs/inspect.md), and control and bidirectional characters
// are escaped everywhere in both reports, as in the text output.
func TestReportsBreakLinksAndEscapeControls(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": `
resource "tencentcloud_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "tencentcloud_security_group" "nodes" {
  name = "` + hostileName + `"
}
resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress {
    action     = "DROP"
    protocol   = "UDP"
    port       = "53"
    cidr_block = "0.0.0.0/0"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
resource "tencentcloud_kubernetes_cluster" "prod" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = "prod www.evil.example"
  cluster_cidr = "172.16.0.0/16"
  worker_config {
    security_group_ids = [tencentcloud_security_group.nodes.id]
  }
}
`})
	raw := func(format, page string) {
		t.Helper()
		for _, r := range page {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
				t.Errorf("the %s report holds the raw character %U", format, r)
			}
		}
	}
	md := runReal(t, "--format", "markdown", dir).stdout
	if !strings.Contains(md, `\\u202eLIAM`) || !strings.Contains(md, "#### Cluster prod") {
		t.Fatalf("the Markdown report does not show the names:\n%s", md)
	}
	raw("Markdown", md)
	// GitHub's cmark-gfm links http://, https://, ftp:// (found at the
	// colon), www. at the start of a word, and local@domain in the text
	// once escapes are undone: none may be left outside the report's own
	// link targets.
	text := regexp.MustCompile(`\]\([^)\s]*\)`).ReplaceAllString(md, "]")
	for _, link := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)(https?|ftp)://`),
		regexp.MustCompile(`(?i)(^|[\s*_~(])www\.`),
		regexp.MustCompile(`[\w.+-]@[\w\\]`),
	} {
		if m := link.FindString(text); m != "" {
			t.Errorf("the Markdown report holds %q, which GitHub makes a link", m)
		}
	}
	if mod := os.Getenv("TKESGLINT_CMARK_GFM"); mod != "" {
		// The node module of GitHub's renderer, where it is installed.
		js := `const c=require(process.argv[1]);const h=c.renderHtmlSync(require("fs").readFileSync(0,"utf8"),{extensions:{table:true,autolink:true}});process.stdout.write(String((h.match(/<a href="[^"]*evil/g)||[]).length))`
		cmd := exec.Command("node", "-e", js, mod)
		cmd.Stdin = strings.NewReader(md)
		out, err := cmd.Output()
		if err != nil || string(out) != "0" {
			t.Errorf("cmark-gfm renders %s links to the input (%v)", out, err)
		}
	}
	page := runReal(t, "--format", "html", dir).stdout
	if !strings.Contains(page, `\u202eLIAM`) {
		t.Fatalf("the HTML report does not show the name escaped")
	}
	raw("HTML", page)
}

// TestHTMLClusterFilterExact: the filter on cluster "prod" shows the
// findings of "prod", not those of "prod eu", in Chromium: a name may hold
// spaces, and is matched whole.
func TestHTMLClusterFilterExact(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	var src strings.Builder
	src.WriteString(`resource "tencentcloud_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`)
	for i, name := range []string{"prod eu", "prod"} {
		// Each cluster's nodes accept no NodePorts: one TKESG104 each.
		fmt.Fprintf(&src, `resource "tencentcloud_security_group" "g%[1]d" { name = "g%[1]d" }
resource "tencentcloud_security_group_rule_set" "g%[1]d" {
  security_group_id = tencentcloud_security_group.g%[1]d.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "172.16.0.0/12"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}
resource "tencentcloud_kubernetes_cluster" "c%[1]d" {
  vpc_id       = tencentcloud_vpc.main.id
  cluster_name = %[2]q
  cluster_cidr = "172.1%[1]d.0.0/16"
  service_cidr = "192.168.%[1]d.0/24"
  worker_config {
    security_group_ids = [tencentcloud_security_group.g%[1]d.id]
  }
}
`, i, name)
	}
	writeFiles(t, dir, map[string]string{"main.tf": src.String()})
	r := runReal(t, "--format", "html", dir)
	if n := strings.Count(r.stdout, `<div class="finding `); n != 2 {
		t.Fatalf("%d findings, want one per cluster:\n%s", n, r.stdout)
	}
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, []byte(r.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ hash, shown, hidden string }{
		{"cluster=prod", `data-clusters="[&quot;prod&quot;]">`, `data-clusters="[&quot;prod eu&quot;]" hidden="">`},
		{"cluster=prod%20eu", `data-clusters="[&quot;prod eu&quot;]">`, `data-clusters="[&quot;prod&quot;]" hidden="">`},
	} {
		dom := browse(t, bin, "file://"+page+"#"+tc.hash, "--virtual-time-budget=3000", "--dump-dom")
		if got := shownChecks(dom); len(got) != 1 || !strings.Contains(dom, tc.shown) || !strings.Contains(dom, tc.hidden) {
			t.Errorf("#%s shows %d findings, want the one of its cluster:\n%s", tc.hash, len(got), dom)
		}
	}
}

// TestMarkdownClustersOfOneName: two root modules that each define a
// cluster "test" get two matrix headings that tell them apart.
func TestMarkdownClustersOfOneName(t *testing.T) {
	dir := t.TempDir()
	src := `resource "tencentcloud_security_group" "n" { name = "n" }
resource "tencentcloud_kubernetes_cluster" "test" {
  cluster_name = "test"
  worker_config {
    security_group_ids = [tencentcloud_security_group.n.id]
  }
}
`
	writeFiles(t, dir, map[string]string{"a/main.tf": src, "b/main.tf": src})
	md := runReal(t, "--format", "markdown", filepath.Join(dir, "a"), filepath.Join(dir, "b")).stdout
	headings := regexp.MustCompile(`(?m)^#### Cluster .*$`).FindAllString(md, -1)
	if len(headings) != 2 || headings[0] == headings[1] || !strings.HasSuffix(headings[0], "a/main.tf:2") || !strings.HasSuffix(headings[1], "b/main.tf:2") {
		t.Errorf("the matrix headings do not tell the clusters apart: %q", headings)
	}
}

// TestReportStopsWithTheRun: a report is written under the run's
// context, so Ctrl-C or SIGTERM after the lint stops it too.
func TestReportStopsWithTheRun(t *testing.T) {
	for _, format := range []string{"markdown", "html"} {
		t.Run(format, func(t *testing.T) {
			c, stdout, stderr := newTestCLI(t, rulesets.All)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			// The second reading of the clock takes the duration of the
			// lint, which is then done: the interrupt comes after it.
			now, calls := c.now, 0
			c.now = func() time.Time {
				calls++
				if calls == 2 {
					cancel()
				}
				return now()
			}
			code := c.run(ctx, []string{"--format", format, "testdata/inspect/prod"})
			want := "write " + format + " output: "
			if code != exitFailure || !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "context canceled") {
				t.Errorf("exit %d, want %d with %q…context canceled on stderr; stderr:\n%s", code, exitFailure, want, stderr)
			}
			if stdout.Len() > 0 {
				t.Errorf("an interrupted report wrote %d bytes", stdout.Len())
			}
		})
	}
}

// TestReportsNameModuleInstances: the groups of a module called twice have
// one name and their findings one place; markdown's rows and html's
// policies say which instance each is (the acceptance pass of session 6
// found three identical rows and three identical policies).
func TestReportsNameModuleInstances(t *testing.T) {
	files := map[string]string{
		"main.tf": "module \"blue\" {\n  source = \"./modules/g\"\n}\nmodule \"green\" {\n  source = \"./modules/g\"\n}\n",
		"modules/g/main.tf": `resource "tencentcloud_security_group" "g" {
  name = "same"
}
resource "tencentcloud_security_group_rule_set" "g" {
  security_group_id = tencentcloud_security_group.g.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
}
`,
	}
	md := runIn(t, files, "--format", "markdown", ".")
	html := runIn(t, files, "--format", "html", ".")
	for _, want := range []string{"(modules/g/main.tf#L6) in module.blue |", "(modules/g/main.tf#L6) in module.green |"} {
		if !strings.Contains(md.stdout, want) {
			t.Errorf("markdown has no row ending %q:\n%s", want, md.stdout)
		}
	}
	for _, want := range []string{`<p class="muted">sg same in module.blue</p>`, `<p class="muted">sg same in module.green</p>`} {
		if strings.Count(html.stdout, want) != 2 { // ingress and egress
			t.Errorf("html has %d policies headed %q, want 2", strings.Count(html.stdout, want), want)
		}
	}
}
