package rulesets

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/docs"
)

var update = flag.Bool("update", false, "rewrite the list of services in docs/rules/TKESG206.md")

// servicesPage is the page that lists the built-in sensitive services, and
// the line after which the list starts.
const (
	servicesPage  = "../docs/rules/TKESG206.md"
	servicesIntro = "The services, from `rulesets/sensitive-services.yaml`:"
)

// builtinServices returns the sensitive services of the built-in rulesets.
func builtinServices() []*requirements.Service {
	var out []*requirements.Service
	for _, rs := range Builtin() {
		out = append(out, rs.Services...)
	}
	return out
}

// TestServicesPage: the list of TKESG206's page is the built-in list, so
// that `explain`, SARIF and the web page never go stale. -update rewrites it.
func TestServicesPage(t *testing.T) {
	src, err := os.ReadFile(servicesPage)
	if err != nil {
		t.Fatal(err)
	}
	page := string(src)
	start := strings.Index(page, servicesIntro+"\n\n")
	if start < 0 {
		t.Fatalf("%s has no line %q followed by a blank line", servicesPage, servicesIntro)
	}
	start += len(servicesIntro) + 2
	end := start
	for end < len(page) && (strings.HasPrefix(page[end:], "- ") || strings.HasPrefix(page[end:], "  ")) {
		next := strings.IndexByte(page[end:], '\n')
		if next < 0 {
			t.Fatalf("%s ends inside the list", servicesPage)
		}
		end += next + 1
	}
	want := ServicesMarkdown(builtinServices())
	if *update {
		if page[end:] != "" && !strings.HasPrefix(page[end:], "\n") {
			want += "\n"
		}
		if err := os.WriteFile(servicesPage, []byte(page[:start]+want+page[end:]), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := page[start:end]; got != want {
		t.Errorf("the list of %s is stale; run go test ./rulesets -run TestServicesPage -update\ngot:\n%s\nwant:\n%s", servicesPage, got, want)
	}
	// The embedded page, which explain prints, is the file on disk.
	if p, ok := docs.Rule("TKESG206"); !ok || p.Markdown != strings.ReplaceAll(page, "\r\n", "\n") {
		t.Error("the embedded TKESG206 page differs from the file")
	}
}
