package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/rulesets"
)

// fixFinding is a finding of the JSON output, as the fix tests read it.
type fixFinding struct {
	Check       string `json:"check"`
	Level       string `json:"level"`
	Message     string `json:"message"`
	File        string `json:"file"`
	Address     string `json:"address"`
	Fingerprint string `json:"fingerprint"`
	Fixes       []struct {
		Message string `json:"message"`
	} `json:"fixes"`
	Suppressed *struct{} `json:"suppressed"`
}

type fixReport struct {
	Findings []fixFinding `json:"findings"`
	Errors   []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

// lintIn runs the real checks in dir with args and returns the status and
// the streams.
func lintIn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	c, stdout, stderr := newTestCLI(t, rulesets.All)
	c.dir = dir
	code := c.run(t.Context(), append([]string{"--no-color"}, args...))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// reportIn lints dir and reads its JSON report.
func reportIn(t *testing.T, dir string) fixReport {
	t.Helper()
	r := lintIn(t, dir, "--format", "json", ".")
	var rep fixReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("lint %s: %v\n%s", dir, err, r.stderr)
	}
	return rep
}

// copyTree copies folder src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o750)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// readTree returns the files of dir by relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// worldAlias matches a CIDR written 0.0.0.0/n, which TKESG205's fix
// writes 0.0.0.0/0: findings about the rule keep their place and their
// sense, not their fingerprint.
var worldAlias = regexp.MustCompile(`0\.0\.0\.0/\d+`)

// fixtureDirs returns the folders of testdata that hold inputs one lint
// run covers: the fixture folders of every check and input kind.
func fixtureDirs(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, glob := range []string{
		"terraform/TKESG*", "template/TKESG*", "export/TKESG*", "twins/*", "twins-export/*", "e2e/*", "fix/*",
		"terraform/deep/*", "terraform/regressions/*",
	} {
		ms, err := filepath.Glob(filepath.Join("..", "..", "testdata", glob))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if info, err := os.Stat(m); err == nil && info.IsDir() {
				out = append(out, m)
			}
		}
	}
	return append(out, filepath.Join("..", "..", "testdata", "suppress"))
}

// TestFixFixtures applies --fix to a copy of every fixture folder whose
// findings have a proved fix, and lints the copy again: every finding
// that had a fix is gone, none is new, the files read and are formatted as
// they were, the diff of --dry-run is what --fix wrote, and a second --fix
// changes nothing.
func TestFixFixtures(t *testing.T) {
	terraform, _ := exec.LookPath("terraform")
	if terraform == "" {
		t.Log("terraform is not installed: the files --fix writes are checked with hclwrite.Format only, not with terraform fmt -check")
	}
	var mu sync.Mutex
	var fixed []string
	// The folders in parallel, in a group that returns when all are done.
	t.Run("fixtures", func(t *testing.T) {
		for _, dir := range fixtureDirs(t) {
			fixFixture(t, dir, terraform, func(name string) {
				mu.Lock()
				defer mu.Unlock()
				fixed = append(fixed, name)
			})
		}
	})
	// The fixtures of every repairable check have fixes in every input
	// kind that can be edited: a test that fixes nothing proves nothing.
	for _, want := range []string{
		"terraform/TKESG101", "terraform/TKESG102", "terraform/TKESG103", "terraform/TKESG104", "terraform/TKESG105",
		"terraform/TKESG106", "terraform/TKESG205", "terraform/TKESG303", "template/TKESG105", "template/TKESG205",
		"template/TKESG305", "fix/legacy-rules", "fix/dynamic-module", "fix/lite-variable", "fix/template-styles",
		"fix/template-json", "fix/node-pool-binding", "fix/rule-set", "fix/set-binding", "fix/cidr-reference",
		"fix/cidr-reference-call", "fix/cidr-reference-module", "fix/cidr-reference-network", "fix/cidr-reference-template", "fix/exempt-kept",
		"fix/shared-variable", "fix/shared-local", "fix/module-default",
	} {
		if !slices.Contains(fixed, want) {
			t.Errorf("no proved fix in testdata/%s", want)
		}
	}
}

// fixFixture is TestFixFixtures on one folder, in parallel with the
// others; fixed is told the folder's name when it has a proved fix.
func fixFixture(t *testing.T, dir, terraform string, fixed func(string)) {
	t.Helper()
	name := filepath.ToSlash(strings.TrimPrefix(dir, filepath.Join("..", "..", "testdata")+string(filepath.Separator)))
	t.Run(name, func(t *testing.T) {
		t.Parallel()
		tmp := t.TempDir()
		copyTree(t, dir, tmp)
		before := reportIn(t, tmp)
		var repairable []fixFinding
		for _, f := range before.Findings {
			if len(f.Fixes) > 0 && f.Suppressed == nil {
				repairable = append(repairable, f)
			}
		}
		if len(repairable) == 0 {
			return
		}
		fixed(name)
		orig := readTree(t, tmp)

		// --dry-run writes nothing.
		dry := lintIn(t, tmp, "--fix", "--fix-checks", "all", "--dry-run", ".")
		if dry.code == exitFailure {
			t.Fatalf("--fix --dry-run failed:\n%s", dry.stderr)
		}
		if got := readTree(t, tmp); !equalTrees(got, orig) {
			t.Fatal("--fix --dry-run changed files")
		}
		run := lintIn(t, tmp, "--fix", "--fix-checks", "all", ".")
		if run.code == exitFailure {
			t.Fatalf("--fix failed:\n%s", run.stderr)
		}
		after := readTree(t, tmp)
		checkPatch(t, orig, after, dry.stdout)
		if dry.code != run.code {
			t.Errorf("--dry-run exits %d, --fix %d", dry.code, run.code)
		}
		checkFormatted(t, orig, after)
		again := reportIn(t, tmp)
		checkRepaired(t, before, again, repairable)
		if len(again.Errors) > len(before.Errors) {
			t.Errorf("after --fix the files do not read: %v", again.Errors)
		}
		second := lintIn(t, tmp, "--fix", "--fix-checks", "all", ".")
		if !strings.Contains(second.stderr, "no proved fix to apply") || !equalTrees(readTree(t, tmp), after) {
			t.Errorf("a second --fix changed something:\n%s", second.stderr)
		}
		if terraform != "" && slices.ContainsFunc(sortedTree(after), func(n string) bool { return strings.HasSuffix(n, ".tf") }) && formattedBefore(orig) {
			cmd := exec.Command(terraform, "fmt", "-check", "-diff", "-recursive", tmp)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("terraform fmt -check fails after --fix: %v\n%s", err, out)
			}
		}
	})
}

// checkRepaired checks that every finding that had a fix is gone and
// that none is new: by fingerprint, or, for a rule whose 0.0.0.0/n the
// fix wrote 0.0.0.0/0, by its check, level, resource and message.
func checkRepaired(t *testing.T, before, after fixReport, repairable []fixFinding) {
	t.Helper()
	key := func(f fixFinding) string { return f.Check + " " + f.Fingerprint }
	same := func(f fixFinding) string {
		return f.Check + " " + f.Level + " " + f.Address + " " + worldAlias.ReplaceAllString(f.Message, "0.0.0.0/0")
	}
	was, wasSame := map[string]bool{}, map[string]bool{}
	for _, f := range before.Findings {
		was[key(f)+" "+f.Level] = true
		wasSame[same(f)] = true
	}
	now := map[string]bool{}
	for _, f := range after.Findings {
		now[key(f)] = true
		if !was[key(f)+" "+f.Level] && !wasSame[same(f)] {
			t.Errorf("new after --fix: %s %s %s: %s", f.File, f.Level, f.Check, f.Message)
		}
	}
	for _, f := range repairable {
		if now[key(f)] {
			t.Errorf("still there after --fix: %s %s: %s (its fix: %s)", f.File, f.Check, f.Message, f.Fixes[0].Message)
		}
	}
}

// checkFormatted checks that every file --fix wrote reads, and that a
// Terraform file formatted before is formatted after (hclwrite.Format is
// what terraform fmt does).
func checkFormatted(t *testing.T, before, after map[string][]byte) {
	t.Helper()
	for name, src := range after {
		if bytes.Equal(src, before[name]) {
			continue
		}
		switch {
		case strings.HasSuffix(name, ".tf"), strings.HasSuffix(name, ".tfvars"):
			if bytes.Equal(hclwrite.Format(before[name]), before[name]) && !bytes.Equal(hclwrite.Format(src), src) {
				t.Errorf("%s is not formatted after --fix:\n%s", name, src)
			}
		case strings.HasSuffix(name, ".yaml"), strings.HasSuffix(name, ".yml"):
			var v any
			if err := yaml.Unmarshal(src, &v); err != nil {
				t.Errorf("%s does not read after --fix: %v", name, err)
			}
		case strings.HasSuffix(name, ".json"):
			if !json.Valid(src) {
				t.Errorf("%s is not JSON after --fix", name)
			}
		}
	}
}

// formattedBefore reports whether every Terraform file of a tree was
// formatted.
func formattedBefore(files map[string][]byte) bool {
	for name, src := range files {
		if (strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tfvars")) && !bytes.Equal(hclwrite.Format(src), src) {
			return false
		}
	}
	return true
}

func equalTrees(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func sortedTree(files map[string][]byte) []string { return sortedNames(files) }

// treeDiff returns the unified diff from before to after as `git diff
// --no-index` would label it: a/ and b/ and the relative path.
func treeDiff(t *testing.T, before, after map[string][]byte) string {
	t.Helper()
	var b strings.Builder
	for _, name := range sortedTree(after) {
		if bytes.Equal(before[name], after[name]) {
			continue
		}
		b.WriteString(udiff.Unified("a/"+name, "b/"+name, string(before[name]), string(after[name])))
	}
	return b.String()
}

// checkPatch checks that the diff of --dry-run, applied by git apply to
// the files as they were, makes the files --fix wrote.
func checkPatch(t *testing.T, before, after map[string][]byte, diff string) {
	t.Helper()
	dir := t.TempDir()
	for name, src := range before {
		writeFiles(t, dir, map[string]string{name: string(src)})
	}
	cmd := exec.Command("git", "apply", "-")
	cmd.Dir, cmd.Stdin = dir, strings.NewReader(diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply of the --dry-run diff: %v\n%s\n%s", err, out, diff)
	}
	if got := readTree(t, dir); !equalTrees(got, after) {
		t.Errorf("the diff of --dry-run is not what --fix wrote:\n--- dry run\n%s\n--- written\n%s", diff, treeDiff(t, before, after))
	}
}

// TestFixGolden runs --fix --fix-checks all --dry-run (every fix, TKESG205 too) on each folder of testdata/fix and
// compares what it prints (the diff on stdout, what it would fix and the
// findings left on stderr) with the folder's want.txt.
func TestFixGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "fix", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			tmp := t.TempDir()
			copyTree(t, dir, tmp)
			r := lintIn(t, tmp, "--fix", "--fix-checks", "all", "--dry-run", ".")
			golden(t, "testdata/fix/"+filepath.Base(dir)+"/want.txt", r.stdout+"\n# stderr\n"+r.stderr)
		})
	}
}

// TestRDJSONSuggestions checks that the suggestions of the rdjson format,
// applied as GitHub applies suggested changes (each replaces its lines),
// make the file --fix writes, and that each sits on a diagnostic over the
// same lines (what reviewdog -reporter=github-pr-review needs).
func TestRDJSONSuggestions(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": nodesTF})
	r := lintIn(t, dir, "--format", "rdjson", ".")
	var doc struct {
		Source      struct{ Name string }
		Diagnostics []struct {
			Message  string
			Severity string
			Code     struct{ Value string }
			Location struct {
				Path  string
				Range struct{ Start, End struct{ Line int } }
			}
			Suggestions []struct {
				Range struct{ Start, End struct{ Line int } }
				Text  string
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if doc.Source.Name != "tkesglint" || len(doc.Diagnostics) < 2 {
		t.Fatalf("rdjson: %s", r.stdout)
	}
	lines := strings.Split(nodesTF, "\n")
	type sugg struct {
		first, last int
		text        string
	}
	var suggs []sugg
	for _, d := range doc.Diagnostics {
		if d.Code.Value != "TKESG101" || d.Severity != "ERROR" {
			t.Errorf("diagnostic %+v: want TKESG101, ERROR", d)
		}
		for _, s := range d.Suggestions {
			if s.Range.Start.Line != d.Location.Range.Start.Line || s.Range.End.Line != d.Location.Range.End.Line {
				t.Errorf("a suggestion over lines %d-%d on a diagnostic over lines %d-%d", s.Range.Start.Line, s.Range.End.Line, d.Location.Range.Start.Line, d.Location.Range.End.Line)
			}
			suggs = append(suggs, sugg{s.Range.Start.Line, s.Range.End.Line, s.Text})
		}
	}
	slices.SortFunc(suggs, func(a, b sugg) int { return b.first - a.first })
	for _, s := range suggs {
		var mid []string
		if s.text != "" {
			mid = []string{s.text}
		}
		lines = slices.Concat(lines[:s.first-1], mid, lines[s.last:])
	}
	if run := lintIn(t, dir, "--fix", "."); run.code != exitOK {
		t.Fatalf("--fix: status %d\n%s", run.code, run.stderr)
	}
	fixed, err := os.ReadFile(filepath.Join(dir, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(lines, "\n"); got != string(fixed) {
		t.Errorf("the suggestions give:\n%s\n--fix writes:\n%s", got, fixed)
	}
}

// TestFixFileArgument fixes a file named on the command line: the fix is
// proved with the other files of its module read, as the lint reads them
// (the VPC rule of extra.tf), and repairs the finding.
func TestFixFileArgument(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": splitModuleMain, "extra.tf": splitModuleExtra})
	r := lintIn(t, dir, "--fix", "main.tf")
	if !strings.Contains(r.stderr, "fixed main.tf:6:1 TKESG105") {
		t.Fatalf("--fix main.tf did not fix TKESG105:\n%s%s", r.stderr, r.stdout)
	}
	after := lintIn(t, dir, "main.tf")
	if got := findingLines(after.stdout); len(got) != 1 || !strings.Contains(got[0], "TKESG104") {
		t.Errorf("after --fix main.tf: %v, want TKESG104 only (no fix: the rules have no order)\n%s", got, after.stdout)
	}
}

// docDiff matches a diff of docs/fixing.md and the folder of testdata/fix
// it comes from.
var docDiff = regexp.MustCompile("(?s)<!-- (testdata/fix/[a-z-]+) -->\n```diff\n(.*?)```\n")

// TestFixingDoc: every diff docs/fixing.md shows is part of what --fix
// --dry-run prints on its folder (TestFixGolden keeps want.txt real).
func TestFixingDoc(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "docs", "fixing.md"))
	if err != nil {
		t.Fatal(err)
	}
	ms := docDiff.FindAllStringSubmatch(string(src), -1)
	if len(ms) < 9 {
		t.Fatalf("docs/fixing.md shows %d diffs from testdata/fix, want one per kind of repair (9)", len(ms))
	}
	for _, m := range ms {
		want, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(m[1]), "want.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(want), m[2]) {
			t.Errorf("docs/fixing.md shows a diff of %s that --fix --dry-run does not print:\n%s", m[1], m[2])
		}
	}
}

// TestFixesWithoutModels checks that a run that drops its models as soon
// as each unit is analyzed (every format but the reports) proves the same
// fixes as one that keeps them (a report format is asked for too): the
// driver keeps the units' footprints, which the proofs read, either way.
// TestFixGolden, which drops the models, checks the footprints' content.
func TestFixesWithoutModels(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "fix", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			tmp := t.TempDir()
			copyTree(t, dir, tmp)
			dropped := lintIn(t, tmp, "--format", "json", ".")
			kept := lintIn(t, tmp, "--format", "json,markdown="+filepath.Join(t.TempDir(), "report.md"), ".")
			if dropped.stdout != kept.stdout {
				t.Errorf("the fixes differ when the models are dropped:\nkept:\n%s\ndropped:\n%s", kept.stdout, dropped.stdout)
			}
			if !strings.Contains(dropped.stdout, `"fixes"`) && filepath.Base(dir) != "unfixable" && filepath.Base(dir) != "export" {
				t.Errorf("no fix proved in %s:\n%s", dir, dropped.stdout)
			}
		})
	}
}

// TestFixFollowsValue: a fix names the variable or parameter the pod
// CIDR comes from, so the files it writes still hold when they are
// deployed with another value of it.
func TestFixFollowsValue(t *testing.T) {
	for _, c := range []struct {
		dir  string
		args []string
	}{
		{"cidr-reference", []string{"--var", "rs_pods=172.21.0.0/16", "--var", "legacy_pods=172.22.0.0/16"}},
		{"cidr-reference-network", []string{"--var", "vpc_cidr=10.2.0.0/16", "--var", "subnet_cidr=10.9.1.0/24"}},
		{"cidr-reference-template", []string{"--param", "PodCidr=172.30.0.0/16"}},
	} {
		t.Run(c.dir, func(t *testing.T) {
			tmp := t.TempDir()
			copyTree(t, filepath.Join("..", "..", "testdata", "fix", c.dir), tmp)
			if r := lintIn(t, tmp, "--fix", "."); r.code != exitOK {
				t.Fatalf("--fix: status %d\n%s%s", r.code, r.stderr, r.stdout)
			}
			r := lintIn(t, tmp, append(c.args, ".")...)
			if got := findingLines(r.stdout); len(got) > 0 {
				t.Errorf("deployed with %v, the fixed files have findings:\n%s", c.args, strings.Join(got, "\n"))
			}
		})
	}
}

// fileLine matches a place in show's output: its line moves when a fix
// writes lines above it, which changes nothing about the group.
var fileLine = regexp.MustCompile(`[\w./-]+\.(tf|yaml):\d+`)

// groupPolicies returns, from the output of show, the sections of the
// groups whose name contains part, places left out.
func groupPolicies(t *testing.T, dir, part string) map[string]string {
	t.Helper()
	r := lintIn(t, dir, "show", ".")
	out := map[string]string{}
	var name string
	for line := range strings.SplitSeq(r.stdout, "\n") {
		switch {
		case line == "":
			name = ""
		case strings.HasPrefix(line, "sg ") && strings.Contains(line, part):
			name = strings.ReplaceAll(fileLine.ReplaceAllString(line, ""), " ()", "")
		}
		if name != "" {
			out[name] += fileLine.ReplaceAllString(line, "") + "\n"
		}
	}
	return out
}

// TestFixKeepsOtherGroups: a fix edits only the groups that need it.
// Where a variable, a local, a YAML anchor or a module makes the rules
// of a database group too, the database's effective policy after --fix is
// what it was, and the node groups that could be fixed in their own
// resource are.
func TestFixKeepsOtherGroups(t *testing.T) {
	for _, tc := range []struct {
		dir   string
		fixed int // node groups fixed
	}{
		{"shared-variable", 2},
		{"shared-local", 2},
		{"shared-template", 0},
		{"module-calls", 0},
		{"module-default", 2},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, filepath.Join("..", "..", "testdata", "fix", tc.dir), dir)
			before := groupPolicies(t, dir, "-db")
			if len(before) == 0 {
				t.Fatal("show names no database group")
			}
			r := lintIn(t, dir, "--fix", ".")
			if got := strings.Count(r.stderr, "tkesglint: fixed "); got != tc.fixed {
				t.Errorf("--fix made %d fixes, want %d:\n%s", got, tc.fixed, r.stderr)
			}
			after := groupPolicies(t, dir, "-db")
			for name, policy := range before {
				if after[name] != policy {
					t.Errorf("--fix changed %s:\nbefore:\n%s\nafter:\n%s", name, policy, after[name])
				}
			}
		})
	}
}
