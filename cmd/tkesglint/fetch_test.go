package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/fetch"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/fetch/fakeapi"
	"github.com/tkesglint/tkesglint/parsers/export"
	"github.com/tkesglint/tkesglint/rulesets"
)

const (
	fetchID  = "AKIDfetch000000000000000000000000000"
	fetchKey = "fetch-secret-key-00000000000000000"
)

// fetchFixtures are the hand-made bundles that the fake API serves: every
// twin and every export fixture that is a bundle.
func fetchFixtures(t *testing.T) []string {
	t.Helper()
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	var out []string
	for _, glob := range []string{"testdata/twins-export/*/bundle.json", "testdata/export/*/*.json"} {
		paths, err := filepath.Glob(filepath.Join(root, glob))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(src), `"DescribeSecurityGroups"`) {
				rel, _ := filepath.Rel(root, p)
				out = append(out, filepath.ToSlash(rel))
			}
		}
	}
	if len(out) < 15 {
		t.Fatalf("only %d fixtures", len(out))
	}
	return out
}

// fakeAccount starts a fake API serving a fixture per region.
func fakeAccount(t *testing.T, regions map[string]string) *fakeapi.Server {
	t.Helper()
	s := fakeapi.New(t, fetchID, fetchKey, "")
	for r, path := range regions {
		src, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddRegion(r, src); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// runFetchCLI runs `tkesglint fetch args…` against the fake, with the test
// credentials in the environment.
func runFetchCLI(t *testing.T, env map[string]string, terminal bool, args ...string) result {
	t.Helper()
	t.Setenv("HOME", t.TempDir())
	c, stdout, stderr := newTestCLI(t, rulesets.All)
	c.getenv = func(k string) string { return env[k] }
	c.isTerminal = func(io.Writer) bool { return terminal }
	code := c.runFetch(t.Context(), args, fetchDeps{backoff: func(int) time.Duration { return time.Millisecond }, pageSize: 2})
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

func credEnv() map[string]string {
	return map[string]string{fetch.EnvSecretID: fetchID, fetch.EnvSecretKey: fetchKey}
}

// lintFindings lints path and returns its findings as "check level:
// message", sorted, and its notices.
func lintFindings(t *testing.T, path string) (findings, notices []string, code int) {
	t.Helper()
	r := runReal(t, "--format", "json", "--fail-on", "none", path)
	var doc struct {
		Findings []struct{ Check, Level, Message string }
		Errors   []struct{ Message string }
		Notices  []struct{ Message string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("lint %s: %v\n%s%s", path, err, r.stdout, r.stderr)
	}
	for _, e := range doc.Errors {
		t.Errorf("lint %s: error %s", path, e.Message)
	}
	for _, f := range doc.Findings {
		findings = append(findings, f.Check+" "+f.Level+": "+f.Message)
	}
	for _, n := range doc.Notices {
		notices = append(notices, n.Message)
	}
	slices.Sort(findings)
	return findings, notices, r.code
}

// TestFetchLintsLikeTheFixtures serves each fixture from the fake API,
// fetches it and lints the bundle: the findings must be those of the
// fixture itself, check, level and message.
func TestFetchLintsLikeTheFixtures(t *testing.T) {
	total := 0
	t.Cleanup(func() {
		// The fixtures have findings: equal lists are not two empty ones.
		if total < 40 {
			t.Errorf("only %d findings in all the fixtures", total)
		}
	})
	for _, fx := range fetchFixtures(t) {
		t.Run(fx, func(t *testing.T) {
			s := fakeAccount(t, map[string]string{"ap-guangzhou": fx})
			out := filepath.Join(t.TempDir(), "live.json")
			r := runFetchCLI(t, credEnv(), false, "--region", "ap-guangzhou", "--endpoint", s.URL, "--output", out)
			if r.code != exitOK {
				t.Fatalf("fetch exit %d\n%s", r.code, r.stderr)
			}
			for _, v := range s.Violations() {
				t.Errorf("request violation: %s", v)
			}
			want, _, _ := lintFindings(t, fx)
			total += len(want)
			if strings.Contains(fx, "fires") && len(want) == 0 {
				t.Errorf("%s has no finding", fx)
			}
			got, notices, _ := lintFindings(t, out)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings of the fetched bundle:\n  %s\nof the fixture:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
			if len(notices) > 0 {
				t.Errorf("notices: %q", notices)
			}
		})
	}
}

// TestFetchRegions fetches two regions into one bundle: its findings are
// those of both fixtures.
func TestFetchRegions(t *testing.T) {
	a, b := "testdata/twins-export/cluster-dns/bundle.json", "testdata/twins-export/world-exposure/bundle.json"
	s := fakeAccount(t, map[string]string{"ap-guangzhou": a, "eu-frankfurt": b})
	out := filepath.Join(t.TempDir(), "live.json")
	r := runFetchCLI(t, credEnv(), false, "--endpoint", s.URL, "--output", out)
	if r.code != exitOK {
		t.Fatalf("fetch exit %d\n%s", r.code, r.stderr)
	}
	if want := "tkesglint: fetch wrote " + out + ": 2 regions, 8 security groups, 1 cluster, 2 CVMs (credentials: TENCENTCLOUD_SECRET_ID)\n"; r.stderr != want {
		t.Errorf("stderr:\n%s\nwant\n%s", r.stderr, want)
	}
	fa, _, _ := lintFindings(t, a)
	fb, _, _ := lintFindings(t, b)
	want := slices.Concat(fa, fb)
	slices.Sort(want)
	got, _, _ := lintFindings(t, out)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestFetchIncomplete: calls that fail make fetch exit 2, and the bundle
// says so: the lint reports what it cannot know as notices and undecided
// checks, never as rules that are absent.
func TestFetchIncomplete(t *testing.T) {
	fx := "testdata/twins-export/cluster-dns/bundle.json"
	s := fakeAccount(t, map[string]string{"ap-guangzhou": fx})
	s.Deny("ap-guangzhou", "DescribeClusterInstances")
	s.Deny("ap-guangzhou", "DescribeClusterEndpoints")
	s.Throttle("DescribeSecurityGroupPolicies", 1000)
	out := filepath.Join(t.TempDir(), "live.json")
	r := runFetchCLI(t, credEnv(), false, "--region", "ap-guangzhou", "--endpoint", s.URL, "--output", out)
	if r.code != exitFailure {
		t.Errorf("fetch exit %d, want 2", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 5 {
		t.Fatalf("stderr:\n%s", r.stderr)
	}
	for _, want := range []string{
		"tkesglint: fetch: tke:DescribeClusterEndpoints for cls-sh0p0001 in ap-guangzhou failed with AuthFailure.UnauthorizedOperation: ",
		"tkesglint: fetch: tke:DescribeClusterInstances for cls-sh0p0001 in ap-guangzhou failed with AuthFailure.UnauthorizedOperation: ",
		"tkesglint: fetch: vpc:DescribeSecurityGroupPolicies for sg-extra222 in ap-guangzhou failed with RequestLimitExceeded: ",
		"tkesglint: fetch: vpc:DescribeSecurityGroupPolicies for sg-n0des111 in ap-guangzhou failed with RequestLimitExceeded: ",
	} {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, want) }) {
			t.Errorf("stderr has no line %q…:\n%s", want, r.stderr)
		}
	}
	if !strings.Contains(r.stderr, "; the credentials lack the CAM permission tke:DescribeClusterInstances\n") {
		t.Errorf("the missing permission is not named:\n%s", r.stderr)
	}
	if !strings.HasSuffix(r.stderr, "; 4 calls failed, listed under Incomplete in the bundle\n") {
		t.Errorf("summary:\n%s", r.stderr)
	}

	findings, notices, code := lintFindings(t, out)
	if len(notices) != 4 {
		t.Errorf("notices: %q", notices)
	}
	want := "the bundle lacks tke:DescribeClusterInstances for cls-sh0p0001 in ap-guangzhou, which failed with AuthFailure.UnauthorizedOperation"
	if !slices.ContainsFunc(notices, func(n string) bool { return strings.HasPrefix(n, want) }) {
		t.Errorf("no notice %q…: %q", want, notices)
	}
	// No rule is known, so nothing is reported as dropped or open: every
	// finding is an undecided note, and some name the unknown nodes.
	nodes := false
	for _, f := range findings {
		if !strings.Contains(f, " note: ") {
			t.Errorf("finding on unknown rules: %s", f)
		}
		nodes = nodes || strings.Contains(f, "the nodes of cls-sh0p0001 and their security groups are unknown")
	}
	if !nodes {
		t.Errorf("no finding says that the nodes are unknown:\n  %s", strings.Join(findings, "\n  "))
	}
	if code != exitOK {
		t.Errorf("lint exit %d", code)
	}
}

func TestFetchUsage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.json")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "tkesglint: fetch: fetch needs --output FILE, the bundle to write\n"},
		{[]string{"--output", out, "live.json"}, "tkesglint: fetch: fetch takes no arguments, not \"live.json\": name the file to write with --output\n"},
		{[]string{"--region", "ap-guangzhou,Guangzhou", "--output", out}, "tkesglint: fetch: invalid value \"ap-guangzhou,Guangzhou\" for flag -region: \"Guangzhou\" is not a region, such as ap-guangzhou\n"},
		{[]string{"--endpoint", "vpc.tencentcloudapi.com", "--output", out}, "tkesglint: fetch: invalid value \"vpc.tencentcloudapi.com\" for flag -endpoint: endpoint \"vpc.tencentcloudapi.com\" is not " + fetch.EndpointHelp + "\n"},
		{[]string{"--format", "json", "--output", out}, "tkesglint: fetch: flag provided but not defined: -format\n"},
	} {
		r := runFetchCLI(t, credEnv(), false, tc.args...)
		if want := tc.want + "run 'tkesglint fetch -h' for usage\n"; r.code != exitFailure || r.stderr != want {
			t.Errorf("fetch %q: exit %d\n%s\nwant\n%s", tc.args, r.code, r.stderr, want)
		}
	}
	r := runFetchCLI(t, credEnv(), false, "--output", filepath.Join(out, "x.json"))
	if want := "tkesglint: fetch: cannot write " + filepath.ToSlash(filepath.Join(out, "x.json")) + ": " + filepath.ToSlash(out) + " is not a folder\n"; r.code != exitFailure || r.stderr != want {
		t.Errorf("no folder: exit %d\n%s\nwant\n%s", r.code, r.stderr, want)
	}
	r = runFetchCLI(t, nil, false, "-h")
	if r.code != exitOK || r.stdout != fetchUsage {
		t.Errorf("-h: exit %d\n%s", r.code, r.stdout)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a bundle was written")
	}
}

func TestFetchCredentialErrors(t *testing.T) {
	s := fakeAccount(t, map[string]string{"ap-guangzhou": "testdata/twins-export/shadowed/bundle.json"})
	out := filepath.Join(t.TempDir(), "live.json")
	r := runFetchCLI(t, nil, false, "--region", "ap-guangzhou", "--endpoint", s.URL, "--output", out)
	if r.code != exitFailure || r.stderr != "tkesglint: fetch: "+fetch.ErrNoCredentials.Error()+"\n" {
		t.Errorf("no credentials: exit %d\n%s", r.code, r.stderr)
	}
	env := map[string]string{fetch.EnvSecretID: fetchID, fetch.EnvSecretKey: "wrong-key-0000"}
	r = runFetchCLI(t, env, false, "--region", "ap-guangzhou", "--endpoint", s.URL, "--output", out)
	want := "tkesglint: fetch: the API rejects the credentials: AuthFailure.SignatureFailure: the signature does not match the request; " +
		"check the credentials from TENCENTCLOUD_SECRET_ID, and the clock of this machine\n"
	if r.code != exitFailure || r.stderr != want {
		t.Errorf("rejected: exit %d\n%s\nwant\n%s", r.code, r.stderr, want)
	}
	if strings.Contains(r.stderr, "wrong-key") {
		t.Error("the secret key is printed")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a bundle was written")
	}
}

// TestFetchProgress: a terminal sees progress and the summary; --quiet
// leaves both out, but not the failures; the bundle replaces the old one.
func TestFetchProgress(t *testing.T) {
	s := fakeAccount(t, map[string]string{"ap-guangzhou": "testdata/twins-export/cluster-dns/bundle.json"})
	s.Throttle("DescribeVpcs", 1)
	out := filepath.Join(t.TempDir(), "live.json")
	if err := os.WriteFile(out, []byte("yesterday"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runFetchCLI(t, credEnv(), true, "--region", "ap-guangzhou", "--endpoint", s.URL, "--output", out)
	if r.code != exitOK || !strings.Contains(r.stderr, "\r\x1b[Kfetch: 0/1 regions, ") || !strings.Contains(r.stderr, "DescribeVpcs: RequestLimitExceeded, again in 0s…") ||
		!strings.HasSuffix(r.stderr, "\r\x1b[Ktkesglint: fetch wrote "+out+": 1 region, 2 security groups, 1 cluster, 2 CVMs (credentials: TENCENTCLOUD_SECRET_ID)\n") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	src, err := os.ReadFile(out)
	if err != nil || !export.Detect(src) {
		t.Errorf("the bundle is not written: %v", err)
	}
	s.Deny("ap-guangzhou", "DescribeVpcs")
	r = runFetchCLI(t, credEnv(), true, "--quiet", "--region", "ap-guangzhou", "--endpoint", s.URL, "--output", out)
	if r.code != exitFailure || !strings.HasPrefix(r.stderr, "tkesglint: fetch: vpc:DescribeVpcs in ap-guangzhou failed with AuthFailure.UnauthorizedOperation") ||
		strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("--quiet: exit %d, stderr %q", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("files left beside the bundle: %v", entries)
	}
}

// TestLiveAuditDoc keeps docs/live-audit.md in step with fetch: its CAM
// policy allows exactly the calls fetch makes, and its workflow is YAML
// that runs fetch and uploads SARIF.
func TestLiveAuditDoc(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "docs", "live-audit.md"))
	if err != nil {
		t.Fatal(err)
	}
	block := func(lang, after string) string {
		t.Helper()
		text := string(src)
		i := strings.Index(text, after)
		if i < 0 {
			t.Fatalf("no %q in docs/live-audit.md", after)
		}
		_, rest, ok := strings.Cut(text[i:], "```"+lang+"\n")
		body, _, ok2 := strings.Cut(rest, "```\n")
		if !ok || !ok2 {
			t.Fatalf("no %s block after %q", lang, after)
		}
		return body
	}
	var policy struct {
		Version   string
		Statement []struct {
			Effect   string
			Action   []string
			Resource []string
		}
	}
	if err := json.Unmarshal([]byte(block("json", "## The read-only CAM policy")), &policy); err != nil {
		t.Fatalf("the policy is not JSON: %v", err)
	}
	if policy.Version != "2.0" || len(policy.Statement) != 1 || policy.Statement[0].Effect != "allow" {
		t.Fatalf("policy: %+v", policy)
	}
	var actions []string
	for _, a := range policy.Statement[0].Action {
		actions = append(actions, strings.TrimPrefix(a, "name/"))
	}
	if got, want := strings.Join(actions, " "), strings.Join(fetch.Calls(), " "); got != want {
		t.Errorf("the policy allows\n  %s\nfetch calls\n  %s", got, want)
	}
	for _, a := range actions {
		if !strings.Contains(string(src), "`"+strings.SplitN(a, ":", 2)[1]+"`") {
			t.Errorf("the table of docs/live-audit.md does not list %s", a)
		}
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string
				Run  string
			}
		}
	}
	if err := yaml.Unmarshal([]byte(block("yaml", "## Nightly audit")), &wf); err != nil {
		t.Fatalf("the workflow is not YAML: %v", err)
	}
	var runs, uses []string
	for _, s := range wf.Jobs["audit"].Steps {
		runs = append(runs, s.Run)
		uses = append(uses, s.Uses)
	}
	if !strings.Contains(strings.Join(runs, "\n"), "tkesglint fetch ") || !slices.ContainsFunc(uses, func(u string) bool { return strings.HasPrefix(u, "github/codeql-action/upload-sarif@") }) {
		t.Errorf("the workflow does not fetch and upload: %q %q", runs, uses)
	}
}
