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

func TestBuiltinServices(t *testing.T) {
	services := builtinServices()
	if len(services) < 25 {
		t.Fatalf("%d built-in services", len(services))
	}
	// The services that answer without authentication as installed are
	// errors; the others warnings (docs/rules/TKESG206.md).
	errors := map[string]bool{"Redis": true, "Memcached": true, "Elasticsearch": true, "Docker API": true}
	for _, s := range services {
		if want := map[bool]string{true: "error", false: "warning"}[errors[s.Name]]; s.Level != want {
			t.Errorf("%s is %s, want %s", s.Name, s.Level, want)
		}
		if s.Ruleset != "sensitive-services" || s.Range.Start.Line == 0 {
			t.Errorf("%s: ruleset %q, range %v", s.Name, s.Ruleset, s.Range)
		}
	}
}

func TestParseServices(t *testing.T) {
	sets, errs := Parse("org.yaml", []byte("ruleset: org\nsensitive_services:\n  - { name: Grafana, protocol: [tcp, UDP], ports: \"3000,3001-3002\", level: note, why: dashboards }\n"))
	if len(errs) > 0 || len(sets) != 1 || len(sets[0].Services) != 1 {
		t.Fatalf("sets %v, errors %v", sets, errs)
	}
	if s := sets[0].Services[0]; s.Name != "Grafana" || strings.Join(s.Protocols, ",") != "TCP,UDP" || s.Ports != "3000,3001-3002" ||
		s.Level != "note" || s.Why != "dashboards" || s.Ruleset != "org" || s.Range.String() != "org.yaml:3:5" {
		t.Errorf("service %+v", s)
	}

	tests := []struct{ name, src, want string }{
		{"neither", "ruleset: x\n", `org.yaml:1:1: invalid ruleset: the ruleset has neither "requirements" nor "sensitive_services"`},
		{"not a list", "ruleset: x\nsensitive_services: {name: X}\n", "org.yaml:2:21: invalid ruleset: sensitive_services must be a list of services"},
		{"not a mapping", "ruleset: x\nsensitive_services: [MySQL]\n", "org.yaml:2:22: invalid ruleset: a sensitive service must be a mapping"},
		{"empty name", "ruleset: x\nsensitive_services:\n  - { name: '', protocol: TCP, ports: '1', level: note, why: y }\n", "org.yaml:3:13: invalid ruleset: name must not be empty"},
		{"protocol twice", "ruleset: x\nsensitive_services:\n  - { name: X, protocol: [TCP, tcp], ports: '1', level: note, why: y }\n", "org.yaml:3:32: invalid ruleset: protocol TCP is listed twice"},
		{"no protocol", "ruleset: x\nsensitive_services:\n  - { name: X, protocol: [], ports: '1', level: note, why: y }\n", "org.yaml:3:26: invalid ruleset: protocol must name TCP, UDP or both"},
		{"bad range", "ruleset: x\nsensitive_services:\n  - { name: X, protocol: TCP, ports: 9-1, level: note, why: y }\n", "has its low end above its high end"},
		{"bad level", "ruleset: x\nsensitive_services:\n  - { name: X, protocol: TCP, ports: '1', level: fatal, why: y }\n", `level "fatal" must be one of error, warning, note`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Parse("org.yaml", []byte(tt.src))
			if len(errs) == 0 || !strings.Contains(errs[0].Error(), tt.want) {
				t.Fatalf("errors = %v, want one containing %q", errs, tt.want)
			}
		})
	}

	dup, _ := Parse("a.yaml", []byte("ruleset: a\nsensitive_services:\n  - { name: REDIS, protocol: TCP, ports: '6380', level: error, why: y }\n"))
	if errs := Validate(append(Builtin(), dup...)); len(errs) != 1 || !strings.Contains(errs[0].Error(), "a.yaml:3:5: duplicate sensitive service REDIS: it is already defined at rulesets/sensitive-services.yaml:") {
		t.Fatalf("Validate = %v", errs)
	}
}
