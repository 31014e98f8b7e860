package docs

import (
	"regexp"
	"strings"
	"testing"
)

// plainInlineByPatterns is how plainInline was first written, with regular
// expressions: the oracle that the hand-written scanner must agree with.
func plainInlineByPatterns(s string) string {
	emphasis := regexp.MustCompile(`\*([^*\s][^*]*)\*`)
	link := regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 {
		return s
	}
	var b strings.Builder
	for i, part := range parts {
		if i%2 == 1 {
			b.WriteString(part)
			continue
		}
		part = strings.ReplaceAll(part, "**", "")
		part = emphasis.ReplaceAllString(part, "$1")
		part = link.ReplaceAllString(part, "$1 ($2)")
		b.WriteString(part)
	}
	return b.String()
}

func inlineSamples() []string {
	return []string{
		"", "plain", "Some **bold** and `code *x*` text,", "and a [link](https://example.com).",
		"*a*", "**", "***", "* a*", "*a", "a*b*c*d", "*\tx*", "[a](b c)", "[](x)", "[a]()", "[a [b](c)",
		"[a](b)(c)", "[x](y", "`unmatched", "``", "*é*", "[é](ü)", "a ***b*** c", "[*a*](b)", "*[a](b)*",
		"x\f*y*", "[a]\n(b)", "[a](b\r)",
	}
}

// TestPlainInlineAgrees checks the scanner against the patterns on every
// line of every page and on edge cases.
func TestPlainInlineAgrees(t *testing.T) {
	lines := inlineSamples()
	for _, id := range IDs() {
		src, err := rules.ReadFile("rules/" + id + ".md")
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(src), "\n")...)
	}
	for _, s := range lines {
		if got, want := plainInline(s), plainInlineByPatterns(s); got != want {
			t.Errorf("plainInline(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzPlainInline(f *testing.F) {
	for _, s := range inlineSamples() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := plainInline(s), plainInlineByPatterns(s); got != want {
			t.Errorf("plainInline(%q) = %q, want %q", s, got, want)
		}
	})
}

// BenchmarkRules parses every page, as every run of the command does.
func BenchmarkRules(b *testing.B) {
	ids := IDs()
	b.ReportAllocs()
	for b.Loop() {
		for _, id := range ids {
			if _, ok := Rule(id); !ok {
				b.Fatal(id)
			}
		}
	}
}

// TestRulesAllocs keeps the rendering of the pages cheap: every run of the
// command parses every page for the checks' help (rulesets.Document). The
// regexp-based renderer made about 29,000 allocations for the 24 pages;
// this one makes about 1,100 (about 45 per page).
func TestRulesAllocs(t *testing.T) {
	ids := IDs()
	allocs := testing.AllocsPerRun(5, func() {
		for _, id := range ids {
			if _, ok := Rule(id); !ok {
				t.Fatal(id)
			}
		}
	})
	if budget := 60 * float64(len(ids)); allocs > budget {
		t.Errorf("parsing the %d pages made %.0f allocations, want at most %.0f", len(ids), allocs, budget)
	}
}
