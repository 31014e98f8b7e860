package rulesets

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/internal/strictyaml"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// ParseServices reads a list of sensitive services (TKESG206), the value of
// sensitive_services in a ruleset or of sensitive_services.add in the
// configuration (what names it in messages); r collects the errors, each at
// its line and column.
func ParseServices(r *strictyaml.Reader, n *yaml.Node, what, ruleset string) []*requirements.Service {
	if n.Kind != yaml.SequenceNode {
		r.Errorf(n, "%s must be a list of services", what)
		return nil
	}
	var out []*requirements.Service
	for _, e := range n.Content {
		m := r.Fields(e, "a sensitive service", "name", "protocol", "ports", "level", "why")
		if e.Kind != yaml.MappingNode {
			continue
		}
		missing := false
		for _, k := range []string{"name", "protocol", "ports", "level", "why"} {
			if m[k] == nil {
				r.Errorf(e, "the sensitive service has no %q", k)
				missing = true
			}
		}
		if missing {
			continue
		}
		s := &requirements.Service{
			Name: oneLine(r, m["name"], "name"), Ports: scalar(r, m["ports"], "ports"),
			Level: scalar(r, m["level"], "level"), Why: oneLine(r, m["why"], "why"),
			Ruleset: ruleset, Range: r.Range(e),
		}
		s.Protocols = protocols(r, m["protocol"])
		if ports, err := flows.ParsePorts(s.Ports); err != nil {
			r.Errorf(m["ports"], "%v", err)
		} else if ports.IsAll() {
			r.Errorf(m["ports"], "a sensitive service names its ports, not ALL (a rule that opens every port is TKESG201)")
		}
		if !slices.Contains([]string{"error", "warning", "note"}, s.Level) {
			r.Errorf(m["level"], "level %q must be one of error, warning, note", s.Level)
		}
		out = append(out, s)
	}
	return out
}

// scalar reads a string.
func scalar(r *strictyaml.Reader, n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		r.Errorf(n, "%s must be a string", what)
		return ""
	}
	return n.Value
}

// oneLine reads a non-empty string of one line.
func oneLine(r *strictyaml.Reader, n *yaml.Node, what string) string {
	s := strings.TrimSpace(scalar(r, n, what))
	switch {
	case s == "" && n.Kind == yaml.ScalarNode:
		r.Errorf(n, "%s must not be empty", what)
	case strings.ContainsAny(s, "\r\n"):
		r.Errorf(n, "%s must be one line", what)
	}
	return s
}

// protocols reads TCP, UDP or a list of them, in upper case.
func protocols(r *strictyaml.Reader, n *yaml.Node) []string {
	nodes := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		nodes = n.Content
		if len(nodes) == 0 {
			r.Errorf(n, "protocol must name TCP, UDP or both")
		}
	}
	var out []string
	for _, c := range nodes {
		p := strings.ToUpper(scalar(r, c, "protocol"))
		switch {
		case p != "TCP" && p != "UDP":
			if c.Kind == yaml.ScalarNode {
				r.Errorf(c, "protocol %q must be TCP or UDP (a list for both): only they have ports", c.Value)
			}
		case slices.Contains(out, p):
			r.Errorf(c, "protocol %s is listed twice", p)
		default:
			out = append(out, p)
		}
	}
	return out
}

// validateServices checks the sensitive services of sets together: a name
// is defined once (case does not matter), and a change names a service.
func validateServices(sets []*requirements.Ruleset) []*model.Error {
	var errs []*model.Error
	defined := map[string]*requirements.Service{}
	for _, rs := range sets {
		for _, s := range rs.Services {
			key := strings.ToLower(s.Name)
			if prev, dup := defined[key]; dup {
				errs = append(errs, &model.Error{Range: s.Range, Summary: "duplicate sensitive service " + s.Name,
					Detail: fmt.Sprintf("it is already defined at %s (ruleset %s); give yours another name, and change or turn off that one with sensitive_services.levels or disable in .tkesglint.yml", prev.Range, prev.Ruleset)})
				continue
			}
			defined[key] = s
		}
	}
	for _, rs := range sets {
		for _, c := range rs.ServiceChanges {
			if defined[strings.ToLower(c.Name)] == nil {
				errs = append(errs, &model.Error{Range: c.Range, Summary: "invalid configuration",
					Detail: fmt.Sprintf("unknown sensitive service %q ('tkesglint explain TKESG206' lists the built-in ones)", c.Name)})
			}
		}
	}
	return errs
}

// markdownWidth is the column at which ServicesMarkdown wraps, as the
// pages of docs/rules are wrapped.
const markdownWidth = 100

// ServicesMarkdown renders services as the list of docs/rules/TKESG206.md:
// one item per service, in the order given, wrapped with hanging indents.
func ServicesMarkdown(services []*requirements.Service) string {
	var b strings.Builder
	for _, s := range services {
		item := fmt.Sprintf("**%s**, %s %s (%s): %s.", s.Name, strings.Join(s.Protocols, " and "), s.Ports, s.Level, s.Why)
		line := "-"
		for w := range strings.FieldsSeq(item) {
			if len(line)+1+len(w) > markdownWidth && len(line) > 2 {
				b.WriteString(line + "\n")
				line = " "
			}
			line += " " + w
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
