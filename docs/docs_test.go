package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/hashicorp/hcl/v2/hclparse"
)

// wantLevels is every check and its SARIF level, written out here apart
// from the pages and the analyzers, so that a level changed in one place
// only fails this test.
func wantLevels() map[string]string {
	return map[string]string{
		"TKESG001": "warning",
		"TKESG101": "error",
		"TKESG102": "error",
		"TKESG103": "error",
		"TKESG104": "warning",
		"TKESG105": "error",
		"TKESG106": "error",
		"TKESG107": "error",
		"TKESG201": "error",
		"TKESG202": "warning",
		"TKESG203": "error",
		"TKESG204": "warning",
		"TKESG205": "warning",
		"TKESG206": "warning",
		"TKESG301": "warning",
		"TKESG302": "warning",
		"TKESG303": "warning",
		"TKESG304": "error",
		"TKESG305": "warning",
		"TKESG401": "warning",
		"TKESG402": "error",
		"TKESG403": "error",
		"TKESG404": "error",
		"TKESG405": "warning",
	}
}

// mayUseNoTest tells whether an example of the page may be marked no-test:
// TKESG403's Bad (101 rules are too long to show), and TKESG001's and the 3xx
// examples if they need files that are not Terraform.
func mayUseNoTest(id, section string) bool {
	return (id == "TKESG403" && section == "Bad") || id == "TKESG001" || strings.HasPrefix(id, "TKESG3")
}

func TestIDs(t *testing.T) {
	var want []string
	for id := range wantLevels() {
		want = append(want, id)
	}
	slices.Sort(want)
	if got := IDs(); !slices.Equal(got, want) {
		t.Errorf("IDs() = %q\nwant %q", got, want)
	}
}

func TestPages(t *testing.T) {
	for _, id := range IDs() {
		t.Run(id, func(t *testing.T) {
			p, ok := Rule(id)
			if !ok {
				src, err := rules.ReadFile("rules/" + id + ".md")
				if err != nil {
					t.Fatal(err)
				}
				_, err = parse(id, string(src))
				t.Fatalf("Rule(%q) failed: %v", id, err)
			}
			if p.ID != id {
				t.Errorf("ID = %q", p.ID)
			}
			if p.Title == "" {
				t.Error("empty title")
			}
			if strings.HasSuffix(p.Title, ".") {
				t.Errorf("title %q ends with a period", p.Title)
			}
			if first := p.Title[:1]; first != strings.ToLower(first) {
				t.Errorf("title %q starts with a capital", p.Title)
			}
			if want := wantLevels()[id]; p.Level != want {
				t.Errorf("Level = %q, want %q", p.Level, want)
			}
			examples := []struct {
				section  string
				code     string
				testable bool
			}{
				{"Bad", p.Bad, p.BadTestable},
				{"Good", p.Good, p.GoodTestable},
			}
			for _, ex := range examples {
				if !ex.testable {
					if !mayUseNoTest(id, ex.section) {
						t.Errorf("%s example is marked no-test", ex.section)
					}
					if ex.code != "" {
						t.Errorf("%s example is no-test but has code", ex.section)
					}
					continue
				}
				_, diags := hclparse.NewParser().ParseHCL([]byte(ex.code), id+"_"+ex.section+".tf")
				if diags.HasErrors() {
					t.Errorf("%s example does not parse: %s", ex.section, diags.Error())
				}
			}
			if !strings.Contains(p.Markdown, "tkesglint:ignore "+id+" reason=") {
				t.Errorf("How to suppress shows no inline suppression for %s", id)
			}
			if strings.Contains(p.Text, "```") {
				t.Error("Text keeps code fences")
			}
			if !strings.HasPrefix(p.Text, id+": "+p.Title+"\n") {
				t.Errorf("Text starts with %q", strings.SplitN(p.Text, "\n", 2)[0])
			}
		})
	}
}

func TestRuleUnknown(t *testing.T) {
	for _, id := range []string{"", "TKESG999", "tkesg101", "TKESG10", "../docs", "rules/TKESG101"} {
		if _, ok := Rule(id); ok {
			t.Errorf("Rule(%q) found a page", id)
		}
	}
}

func TestParse(t *testing.T) {
	const page = "# TKESG999: a title\n\nLevel: note\n\nSome **bold** and `code *x*` text,\n" +
		"and a [link](https://example.com).\n\n## Bad\n\n```hcl\n# comment\nx = 1\n```\n\n" +
		"## Good\n\n```hcl no-test\ny = 2\n```\n\n## How to fix\n\n- one\n  two\n\n## How to suppress\n\nNo.\n"
	p, err := parse("TKESG999", page)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "a title" || p.Level != "note" {
		t.Errorf("Title %q, Level %q", p.Title, p.Level)
	}
	if p.Bad != "# comment\nx = 1\n" || !p.BadTestable {
		t.Errorf("Bad %q, testable %v", p.Bad, p.BadTestable)
	}
	if p.Good != "" || p.GoodTestable {
		t.Errorf("Good %q, testable %v", p.Good, p.GoodTestable)
	}
	wantText := "TKESG999: a title\n\nLevel: note\n\n" +
		"Some bold and code *x* text, and a link (https://example.com).\n\n" +
		"Bad\n\n    # comment\n    x = 1\n\nGood\n\n    y = 2\n\nHow to fix\n\n- one two\n\n" +
		"How to suppress\n\nNo.\n"
	if p.Text != wantText {
		t.Errorf("Text =\n%s\nwant\n%s", p.Text, wantText)
	}

	bad := map[string]string{
		"wrong id":      strings.Replace(page, "TKESG999", "TKESG998", 1),
		"no level":      strings.Replace(page, "Level: note\n", "", 1),
		"bad level":     strings.Replace(page, "Level: note", "Level: info", 1),
		"no fix":        strings.Replace(page, "## How to fix", "## Fix", 1),
		"no bad code":   strings.Replace(page, "```hcl\n# comment", "```text\n# comment", 1),
		"unclosed code": strings.TrimSuffix(strings.Replace(page, "## How to suppress\n\nNo.\n", "", 1), "") + "```hcl\n",
	}
	for name, src := range bad {
		if _, err := parse("TKESG999", src); err == nil {
			t.Errorf("%s: parse succeeded", name)
		}
	}
}

func TestTextWraps(t *testing.T) {
	for _, id := range IDs() {
		p, _ := Rule(id)
		for i, line := range strings.Split(p.Text, "\n") {
			if strings.HasPrefix(line, "    ") || !strings.Contains(line, " ") {
				continue // code, or a single long word
			}
			if n := len([]rune(line)); n > textWidth {
				t.Errorf("%s: Text line %d has %d columns: %q", id, i+1, n, line)
			}
		}
	}
}

// citation is a comment's reference to a section of the design page or to
// a check's page.
var citation = regexp.MustCompile(`docs/(design\.md#[a-z0-9-]+|rules/[A-Z0-9]+\.md)`)

// specCitation is a reference to the specification the project was written
// from, which is not in the repository: docs/design.md says it in the
// project's own words.
var specCitation = regexp.MustCompile(`\b(requirements|inputs|interface|rulesets|architecture)\.md\b`)

// TestCitations checks that every section of docs/design.md and every check
// page that the Go code cites exists, so that comments cannot point at a
// section that was renamed or removed.
func TestCitations(t *testing.T) {
	design, err := os.ReadFile("design.md")
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for line := range strings.Lines(string(design)) {
		if title, ok := strings.CutPrefix(line, "## "); ok {
			anchors[anchor(title)] = true
		}
	}
	cited := 0
	err = filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata"):
			return filepath.SkipDir
		case d.IsDir() || !strings.HasSuffix(p, ".go"):
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if m := specCitation.FindString(string(src)); m != "" {
			t.Errorf("%s cites %s, which is not in the repository: cite a section of docs/design.md", p, m)
		}
		for _, m := range citation.FindAllStringSubmatch(string(src), -1) {
			cited++
			page, section, _ := strings.Cut(m[1], "#")
			if section != "" && !anchors[section] {
				t.Errorf("%s cites docs/%s, a section docs/design.md does not have", p, m[1])
			}
			if _, err := os.Stat(page); section == "" && err != nil {
				t.Errorf("%s cites docs/%s, which does not exist", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if cited == 0 {
		t.Fatal("no citation found: the walk or the pattern is broken")
	}
}

// anchor is GitHub's anchor of a heading: lower case, punctuation dropped,
// spaces as hyphens.
func anchor(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(title)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
