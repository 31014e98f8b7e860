package analysistest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// recorder is a Reporter that keeps the failures instead of failing.
type recorder struct{ msgs []string }

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

// fakeRule places an ingress rule at a line of a file of the fixture.
type fakeRule struct {
	file string // relative to the fixture folder, or absolute when abs is set
	abs  bool
	line int
	cidr string
	port string
}

// fakeLoad returns a LoadFunc that builds the model by hand: one security
// group named "web" holding rules at the given places.
func fakeLoad(rules []fakeRule, errs ...*model.Error) LoadFunc {
	return func(_ context.Context, dir string) ([]checker.Unit, []*model.Error) {
		sg := &model.SecurityGroup{
			Resource: model.Resource{Address: "tencentcloud_security_group.web"},
			Name:     model.WrittenValue("web", model.Range{}),
			Defined:  true,
		}
		for i, fr := range rules {
			name := fr.file
			if fr.abs {
				name = filepath.Join(dir, fr.file)
			}
			rng := model.Range{Filename: name, Start: model.Pos{Line: fr.line, Column: 3, Byte: -1}}
			sg.Ingress.Rules = append(sg.Ingress.Rules, &model.Rule{
				Kind:     model.RuleSetRule,
				Position: i,
				Range:    rng,
				Action:   model.WrittenValue("ACCEPT", rng),
				Protocol: model.WrittenValue("TCP", rng),
				Port:     model.WrittenValue(fr.port, rng),
				CIDR:     model.WrittenValue(fr.cidr, rng),
			})
		}
		return []checker.Unit{{Input: &model.Input{SecurityGroups: []*model.SecurityGroup{sg}}}}, errs
	}
}

// worldAnalyzer reports TKESG901 for every ingress rule from 0.0.0.0/0 and
// TKESG902 for every rule on port 22.
var worldAnalyzer = &analysis.Analyzer{
	Name: "fakeworld",
	Checks: []*analysis.Check{
		{ID: "TKESG901", Title: "world", Help: "world"},
		{ID: "TKESG902", Title: "ssh", Help: "ssh"},
	},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, sg := range pass.Input.SecurityGroups {
			for _, r := range sg.Ingress.Rules {
				if r.CIDR.Value() == "0.0.0.0/0" {
					pass.Report(analysis.Diagnostic{Check: "TKESG901", Range: r.Range, Message: fmt.Sprintf("%s accepts port %s from the world", sg.DisplayName(), r.Port.Value())})
				}
				if r.Port.Value() == "22" {
					pass.Report(analysis.Diagnostic{Check: "TKESG902", Range: r.Range, Message: sg.DisplayName() + " accepts ssh"})
				}
			}
		}
		return nil, nil
	},
}

func writeFixture(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const mainTF = `resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id
  ingress { # want "TKESG901 web .*443"
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    port       = "443"
  }
  ingress { # want "TKESG901 .*22" ` + "`TKESG902 web`" + `
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    port       = "22"
  }
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    port       = "80"
  }
}
`

func TestRunDir(t *testing.T) {
	exact := []fakeRule{
		{file: "main.tf", line: 3, cidr: "0.0.0.0/0", port: "443"},
		{file: "main.tf", line: 8, cidr: "0.0.0.0/0", port: "22"},
		{file: "main.tf", line: 13, cidr: "10.0.0.0/8", port: "80"},
	}
	tests := []struct {
		name   string
		files  map[string]string
		rules  []fakeRule
		errs   []*model.Error
		checks []string
		// fails lists substrings of the failures expected, one per failure,
		// in the order reported. Empty means the run must pass.
		fails []string
	}{
		{
			name:  "exact matches pass",
			files: map[string]string{"main.tf": mainTF},
			rules: exact,
		},
		{
			name:  "absolute file names resolve",
			files: map[string]string{"main.tf": mainTF},
			rules: []fakeRule{
				{file: "main.tf", abs: true, line: 3, cidr: "0.0.0.0/0", port: "443"},
				{file: "main.tf", abs: true, line: 8, cidr: "0.0.0.0/0", port: "22"},
			},
		},
		{
			name:  "missing diagnostic fails",
			files: map[string]string{"main.tf": mainTF},
			rules: exact[1:],
			fails: []string{`main.tf:3: no diagnostic was reported matching "TKESG901 web .*443"`},
		},
		{
			name:  "one of two wants on a line left over",
			files: map[string]string{"main.tf": mainTF},
			rules: []fakeRule{exact[0], {file: "main.tf", line: 8, cidr: "10.0.0.0/8", port: "22"}},
			fails: []string{"main.tf:8: no diagnostic was reported matching \"TKESG901 .*22\""},
		},
		{
			name:  "extra diagnostic fails",
			files: map[string]string{"main.tf": mainTF},
			rules: append(exact[:2:2], fakeRule{file: "main.tf", line: 13, cidr: "0.0.0.0/0", port: "80"}),
			fails: []string{"main.tf:13:3: unexpected diagnostic: TKESG901 web accepts port 80 from the world"},
		},
		{
			name:  "diagnostic on the wrong line fails twice",
			files: map[string]string{"main.tf": mainTF},
			rules: []fakeRule{{file: "main.tf", line: 4, cidr: "0.0.0.0/0", port: "443"}, exact[1]},
			fails: []string{
				`main.tf:3: no diagnostic was reported matching "TKESG901 web .*443"`,
				"main.tf:4:3: unexpected diagnostic: TKESG901 web accepts port 443",
			},
		},
		{
			name: "diagnostic in another file of the fixture fails",
			files: map[string]string{
				"main.tf":  mainTF,
				"other.tf": "# nothing here\n\n\n",
			},
			rules: []fakeRule{exact[0], exact[1], {file: "other.tf", line: 3, cidr: "0.0.0.0/0", port: "443"}},
			fails: []string{"other.tf:3:3: unexpected diagnostic: TKESG901"},
		},
		{
			name:  "diagnostic outside the fixture fails",
			files: map[string]string{"main.tf": mainTF},
			rules: []fakeRule{exact[0], exact[1], {file: "/elsewhere/x.tf", line: 3, cidr: "0.0.0.0/0", port: "443"}},
			fails: []string{"/elsewhere/x.tf:3:3: unexpected diagnostic outside the fixture"},
		},
		{
			name: "a want matches only once",
			files: map[string]string{"main.tf": `resource "x" "y" {
  a = 1 # want "TKESG901"
}
`},
			rules: []fakeRule{
				{file: "main.tf", line: 2, cidr: "0.0.0.0/0", port: "443"},
				{file: "main.tf", line: 2, cidr: "0.0.0.0/0", port: "443"},
			},
			fails: []string{"main.tf:2:3: unexpected diagnostic: TKESG901"},
		},
		{
			name: "pairing is not greedy",
			// The first diagnostic (port 22) matches both patterns; a greedy
			// pairing would take "TKESG901" for it and leave the second
			// diagnostic (port 443) without a pattern.
			files: map[string]string{"main.tf": `resource "x" "y" {
  a = 1 # want "TKESG901" "TKESG901 .*443"
}
`},
			rules: []fakeRule{
				{file: "main.tf", line: 2, cidr: "0.0.0.0/0", port: "22"},
				{file: "main.tf", line: 2, cidr: "0.0.0.0/0", port: "443"},
			},
			checks: []string{"TKESG901"},
		},
		{
			name:   "other checks' diagnostics and wants are dropped",
			files:  map[string]string{"main.tf": mainTF},
			rules:  exact,
			checks: []string{"TKESG901"},
		},
		{
			name:   "only the other check",
			files:  map[string]string{"main.tf": mainTF},
			rules:  exact,
			checks: []string{"TKESG902"},
		},
		{
			name:   "undeclared check fails",
			files:  map[string]string{"main.tf": mainTF},
			rules:  exact,
			checks: []string{"TKESG9O1"},
			fails:  []string{"no analyzer declares check TKESG9O1"},
		},
		{
			name: "double-slash comments, offsets and strings with hashes",
			files: map[string]string{"main.tf": `resource "tencentcloud_security_group_lite_rule" "x" {
  ingress = [
    "ACCEPT#0.0.0.0/0#22#TCP", // want "TKESG901 .*22" "TKESG902"
    "ACCEPT#10.0.0.0/8#80#TCP # want \"TKESG901\"",
    # want +1 "TKESG901 .*443"
    "ACCEPT#0.0.0.0/0#443#TCP",
  ]
}
`},
			rules: []fakeRule{
				{file: "main.tf", line: 3, cidr: "0.0.0.0/0", port: "22"},
				{file: "main.tf", line: 6, cidr: "0.0.0.0/0", port: "443"},
			},
		},
		{
			name: "yaml comments",
			files: map[string]string{"sg.yaml": `Resources:
  Web:
    Type: TencentCloud::VPC::SecurityGroup
    Properties:
      SecurityGroupName: don't # want "TKESG901"
      Text: "a # want \"TKESG902\""
      Url: http://example.com/#want
`},
			rules: []fakeRule{{file: "sg.yaml", line: 5, cidr: "0.0.0.0/0", port: "443"}},
		},
		{
			name: "json sidecar",
			files: map[string]string{
				"sg-1a2b3c4d.json":      "{\n  \"SecurityGroupPolicySet\": {\n    \"Ingress\": [\n      {\"CidrBlock\": \"0.0.0.0/0\", \"Port\": \"22\"}\n    ]\n  }\n}\n",
				"sg-1a2b3c4d.json.want": "# line 4 is the rule\n4 \"TKESG901\" `TKESG902 web`\n",
			},
			rules: []fakeRule{{file: "sg-1a2b3c4d.json", line: 4, cidr: "0.0.0.0/0", port: "22"}},
		},
		{
			name: "json sidecar left over",
			files: map[string]string{
				"sg.json":      "{}\n",
				"sg.json.want": "1 \"TKESG901\"\n",
			},
			fails: []string{`sg.json:1: no diagnostic was reported matching "TKESG901"`},
		},
		{
			name:  "sidecar without its file",
			files: map[string]string{"main.tf": mainTF, "gone.json.want": "1 \"x\"\n"},
			rules: exact,
			fails: []string{"gone.json.want: sidecar of"},
		},
		{
			name:  "no annotation: found no tests",
			files: map[string]string{"main.tf": "resource \"x\" \"y\" {}\n"},
			fails: []string{"found no tests"},
		},
		{
			name:  "no input file: found no tests",
			files: map[string]string{"README.md": "# want \"x\"\n"},
			fails: []string{"found no tests"},
		},
		{
			name:  "silent folder passes when nothing is reported",
			files: map[string]string{"main.tf": "# want none\nresource \"x\" \"y\" {}\n"},
			rules: []fakeRule{{file: "main.tf", line: 2, cidr: "10.0.0.0/8", port: "80"}},
		},
		{
			name:  "silent folder fails on a diagnostic",
			files: map[string]string{"main.tf": "# want none\nresource \"x\" \"y\" {}\n"},
			rules: []fakeRule{{file: "main.tf", line: 2, cidr: "0.0.0.0/0", port: "80"}},
			fails: []string{"main.tf:2:3: unexpected diagnostic: TKESG901"},
		},
		{
			name: "malformed wants",
			files: map[string]string{"main.tf": `# want
# want TKESG901
# want "unterminated
# want "(" 
# want "a""b"
# wanted: not an annotation
`},
			fails: []string{
				"main.tf:1: want needs at least one pattern",
				"main.tf:2: want expects quoted patterns",
				"main.tf:3: unterminated pattern",
				"main.tf:4: bad pattern",
				"main.tf:5: patterns must be separated by spaces",
				"found no tests",
			},
		},
		{
			name:  "load error fails",
			files: map[string]string{"main.tf": mainTF},
			rules: exact,
			errs:  []*model.Error{{Range: model.Range{Filename: "bad.tf", Start: model.Pos{Line: 2, Column: 1}}, Summary: "invalid HCL syntax"}},
			fails: []string{"unexpected load error: bad.tf:2:1: invalid HCL syntax"},
		},
		{
			name:  "expected load error passes",
			files: map[string]string{"main.tf": mainTF, "errors.want": "# the broken file\ninvalid HCL syntax\n"},
			rules: exact,
			errs:  []*model.Error{{Range: model.Range{Filename: "bad.tf", Start: model.Pos{Line: 2, Column: 1}}, Summary: "invalid HCL syntax"}},
		},
		{
			name:  "errors.want alone is a test",
			files: map[string]string{"bad.tf": "resource {\n", "errors.want": "invalid HCL syntax\n"},
			errs:  []*model.Error{{Range: model.Range{Filename: "bad.tf", Start: model.Pos{Line: 1, Column: 10}}, Summary: "invalid HCL syntax"}},
		},
		{
			name:  "expected load error missing",
			files: map[string]string{"main.tf": mainTF, "errors.want": "invalid HCL syntax\n"},
			rules: exact,
			fails: []string{`errors.want:1: no load error contains "invalid HCL syntax"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFixture(t, tt.files)
			rec := &recorder{}
			RunDir(t.Context(), rec, dir, Options{
				Analyzers: []*analysis.Analyzer{worldAnalyzer},
				Checks:    tt.checks,
				Load:      fakeLoad(tt.rules, tt.errs...),
			})
			if len(rec.msgs) != len(tt.fails) {
				t.Fatalf("got %d failures, want %d:\n%s", len(rec.msgs), len(tt.fails), strings.Join(rec.msgs, "\n"))
			}
			for i, want := range tt.fails {
				if !strings.Contains(rec.msgs[i], want) {
					t.Errorf("failure %d = %q, want it to contain %q", i, rec.msgs[i], want)
				}
			}
		})
	}
}

func TestRunDirAnalyzerError(t *testing.T) {
	dir := writeFixture(t, map[string]string{"main.tf": "# want none\n"})
	broken := &analysis.Analyzer{
		Name:   "broken",
		Checks: []*analysis.Check{{ID: "TKESG903"}},
		Run:    func(*analysis.Pass) (any, error) { return nil, errors.New("boom") },
	}
	rec := &recorder{}
	RunDir(t.Context(), rec, dir, Options{Analyzers: []*analysis.Analyzer{broken}, Load: fakeLoad(nil)})
	if len(rec.msgs) != 1 || !strings.Contains(rec.msgs[0], "analyzer broken failed: boom") {
		t.Fatalf("failures = %q", rec.msgs)
	}
}

func TestRunDirNoUnit(t *testing.T) {
	dir := writeFixture(t, map[string]string{"main.tf": "# want none\n"})
	rec := &recorder{}
	RunDir(t.Context(), rec, dir, Options{
		Analyzers: []*analysis.Analyzer{worldAnalyzer},
		Load:      func(context.Context, string) ([]checker.Unit, []*model.Error) { return nil, nil },
	})
	if len(rec.msgs) != 1 || !strings.Contains(rec.msgs[0], "neither a unit nor an error") {
		t.Fatalf("failures = %q", rec.msgs)
	}
}

// TestRun runs the harness the way check tests do, on a passing fixture.
func TestRun(t *testing.T) {
	root := writeFixture(t, map[string]string{
		"terraform/CASE/main.tf":   mainTF,
		"terraform/SILENT/main.tf": "# want none\n",
	})
	load := func(ctx context.Context, dir string) ([]checker.Unit, []*model.Error) {
		if filepath.Base(dir) == "SILENT" {
			return []checker.Unit{{Input: &model.Input{}}}, nil
		}
		return fakeLoad([]fakeRule{
			{file: "main.tf", line: 3, cidr: "0.0.0.0/0", port: "443"},
			{file: "main.tf", line: 8, cidr: "0.0.0.0/0", port: "22"},
		})(ctx, dir)
	}
	Run(t, root, []*analysis.Analyzer{worldAnalyzer}, []string{"TKESG901", "TKESG902"}, load, "terraform/CASE", "terraform/SILENT")
}

func TestComment(t *testing.T) {
	tests := []struct {
		line string
		kind syntax
		want string
		ok   bool
	}{
		{`a = 1 # c`, hclComments, " c", true},
		{`a = 1 // c`, hclComments, " c", true},
		{`"A#B#C" # c`, hclComments, " c", true},
		{`"a \" # b" # c`, hclComments, " c", true},
		{`"A#B#C"`, hclComments, "", false},
		{`url: http://x/#y`, yamlComments, "", false},
		{`a: b#c # d`, yamlComments, " d", true},
		{`a: 'x # y' # z`, yamlComments, " z", true},
		{`a: don't # z`, yamlComments, " z", true},
		{`a: x // y`, yamlComments, "", false},
	}
	for _, tt := range tests {
		got, ok := comment(tt.line, tt.kind)
		if got != tt.want || ok != tt.ok {
			t.Errorf("comment(%q) = %q, %v; want %q, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

// TestNotesNeedNotePatterns: a note matches only a pattern that says
// "note:", and such a pattern matches only a note.
func TestNotesNeedNotePatterns(t *testing.T) {
	note := analysis.LevelNote
	noteAnalyzer := &analysis.Analyzer{
		Name:   "notes",
		Checks: []*analysis.Check{{ID: "TKESG902", Level: analysis.LevelError, Title: "t", Help: "h"}},
		Run: func(pass *analysis.Pass) (any, error) {
			for _, r := range pass.Input.SecurityGroups[0].Ingress.Rules {
				d := analysis.Diagnostic{Check: "TKESG902", Range: r.Range, Message: "about " + r.Port.Value()}
				if r.Port.Value() == "53" {
					d.Level = &note
				}
				pass.Report(d)
			}
			return nil, nil
		},
	}
	rules := []fakeRule{{file: "main.tf", line: 1, cidr: "0.0.0.0/0", port: "53"}, {file: "main.tf", line: 2, cidr: "0.0.0.0/0", port: "80"}}
	for _, tt := range []struct {
		src   string
		fails int
	}{
		{"a # want \"TKESG902 note: about 53\"\nb # want \"TKESG902 about 80\"\n", 0},
		{"a # want \"TKESG902 .*53\"\nb # want \"TKESG902 about 80\"\n", 2},
		{"a # want \"TKESG902 note: about 53\"\nb # want \"TKESG902 note: about 80\"\n", 2},
	} {
		dir := writeFixture(t, map[string]string{"main.tf": tt.src})
		rec := &recorder{}
		RunDir(t.Context(), rec, dir, Options{Analyzers: []*analysis.Analyzer{noteAnalyzer}, Load: fakeLoad(rules)})
		if len(rec.msgs) != tt.fails {
			t.Errorf("%q: %d failures %q, want %d", tt.src, len(rec.msgs), rec.msgs, tt.fails)
		}
	}
}
