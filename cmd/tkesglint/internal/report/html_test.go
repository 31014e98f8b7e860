package report

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
)

// hostile are strings from the input that the page must escape.
var hostile = []string{
	"", "plain", `"quoted" & 'single' <b>bold</b> 1+1`, "nul\x00byte", "javascript:alert(1)",
	"\x1b[31mred\u202e", "caf\xe9 \xff", "节点 ✓ …", "a\r\nb\tc", "&amp; &#34;", "{{.}}", "</div><script>x</script>",
}

// TestEscMatchesTemplate: the page writer escapes a string as html/template
// does in each place the page puts one (text, and the attributes of a
// finding, a level and a policy).
func TestEscMatchesTemplate(t *testing.T) {
	const frag = `<div class="finding {{.}}" data-check="{{.}}" data-file="{{.}}" data-clusters="{{.}}" data-level="{{.}}" data-cluster="{{.}}">{{.}}</div>`
	tmpl := template.Must(template.New("t").Parse(frag))
	for _, s := range hostile {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		pw := newPageWriter(&got)
		for i, part := range strings.Split(frag, "{{.}}") {
			if i > 0 {
				pw.esc(s)
			}
			pw.raw(part)
		}
		if err := pw.Close(); err != nil {
			t.Fatal(err)
		}
		if w := output.PrintableDocument(want.String()); got.String() != w {
			t.Errorf("%q:\n got %s\nwant %s", s, got.String(), w)
		}
	}
}

// TestPageWriterChunks: a page written in chunks, characters of several
// bytes and bytes that are not UTF-8 across their ends, is what
// PrintableDocument makes of the whole.
func TestPageWriterChunks(t *testing.T) {
	pieces := []string{"<p>", "节点", "✓", "\xe2\x9c", "\x93", "\xff", "\x1b", "\u202e", "\n", "text ", "\xf0\x9f\x9a\x80", "\u0085"}
	rng := rand.New(rand.NewPCG(1, 2))
	var whole strings.Builder
	for whole.Len() < 20*pageChunk {
		whole.WriteString(pieces[rng.IntN(len(pieces))])
	}
	var got bytes.Buffer
	pw := newPageWriter(&got)
	for s := whole.String(); s != ""; {
		n := min(len(s), 1+rng.IntN(7)) // cut anywhere, inside characters too
		if _, err := pw.Write([]byte(s[:n])); err != nil {
			t.Fatal(err)
		}
		s = s[n:]
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	if want := output.PrintableDocument(whole.String()); got.String() != want {
		t.Errorf("the page written in chunks differs from the whole made printable")
	}
}

// TestURLAttr: a help link is written as the template wrote it.
func TestURLAttr(t *testing.T) {
	for _, u := range []string{output.HelpURIPrefix + "TKESG201.md", "javascript:alert(1)", "https://x/a b\"c"} {
		var want strings.Builder
		if err := template.Must(template.New("t").Parse(`{{define "x"}}<a href="{{.}}">{{end}}`)).ExecuteTemplate(&want, "x", u); err != nil {
			t.Fatal(err)
		}
		got, err := urlAttr(u)
		if err != nil {
			t.Fatal(err)
		}
		if `<a href="`+got+`">` != want.String() {
			t.Errorf("urlAttr(%q) = %q, want inside %q", u, got, want.String())
		}
	}
}
