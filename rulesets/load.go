package rulesets

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/internal/strictyaml"
	"github.com/tkesglint/tkesglint/parsers/model"
)

//go:embed tke-node.yaml tke-master.yaml sensitive-services.yaml
var builtin embed.FS

// Builtin returns the TKE rulesets embedded in the binary.
func Builtin() []*requirements.Ruleset {
	var out []*requirements.Ruleset
	for _, name := range []string{"tke-node.yaml", "tke-master.yaml", "sensitive-services.yaml"} {
		src, err := builtin.ReadFile(name)
		if err != nil {
			panic(fmt.Sprintf("embedded ruleset %s: %v", name, err)) // cannot happen: embedded above
		}
		rs, errs := Parse("rulesets/"+name, src)
		if len(errs) > 0 {
			panic(fmt.Sprintf("embedded ruleset %s: %v", name, errs[0])) // caught by tests
		}
		for _, r := range rs {
			r.Builtin = true
		}
		out = append(out, rs...)
	}
	return out
}

// Parse reads a ruleset file: one or more YAML documents in the schema of
// docs/design.md#rulesets. Every error carries its line and column.
func Parse(path string, src []byte) ([]*requirements.Ruleset, []*model.Error) {
	p := &parser{strictyaml.Reader{Path: path, Summary: "invalid ruleset"}}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var out []*requirements.Ruleset
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			p.Errorf(nil, "invalid YAML: %v", err)
			break
		}
		if len(doc.Content) == 0 {
			continue
		}
		if rs := p.ruleset(doc.Content[0]); rs != nil {
			out = append(out, rs)
		}
	}
	return out, p.Errs
}

// Validate checks rulesets together: requirement ids and service names
// must be unique, and a change must name a service.
func Validate(sets []*requirements.Ruleset) []*model.Error {
	var errs []*model.Error
	seen := map[string]model.Range{}
	for _, rs := range sets {
		for _, r := range rs.Requirements {
			if prev, dup := seen[r.ID]; dup {
				errs = append(errs, &model.Error{Range: r.Range, Summary: "duplicate requirement id " + r.ID,
					Detail: "it is already defined at " + prev.String()})
				continue
			}
			seen[r.ID] = r.Range
		}
	}
	return append(errs, validateServices(sets)...)
}

// parser reads one file; see strictyaml.
type parser struct{ strictyaml.Reader }

func (p *parser) str(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		p.Errorf(n, "%s must be a string", what)
		return ""
	}
	return n.Value
}

// strs reads a string or a list of strings.
func (p *parser) strs(n *yaml.Node, what string) []string {
	switch {
	case n == nil:
		return nil
	case n.Kind == yaml.ScalarNode:
		return []string{n.Value}
	case n.Kind == yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			out = append(out, p.str(c, what))
		}
		return out
	}
	p.Errorf(n, "%s must be a string or a list of strings", what)
	return nil
}

func (p *parser) required(m map[string]*yaml.Node, at *yaml.Node, what string, keys ...string) bool {
	ok := true
	for _, k := range keys {
		if m[k] == nil {
			p.Errorf(at, "%s has no %q", what, k)
			ok = false
		}
	}
	return ok
}

func (p *parser) ruleset(n *yaml.Node) *requirements.Ruleset {
	m := p.Fields(n, "a ruleset", "ruleset", "description", "requirements", "sensitive_services")
	if m == nil || !p.required(m, n, "the ruleset", "ruleset") {
		return nil
	}
	rs := &requirements.Ruleset{Name: p.str(m["ruleset"], "ruleset"), Description: p.str(m["description"], "description"), Range: p.Range(n)}
	reqs := m["requirements"]
	if svcs := m["sensitive_services"]; svcs != nil {
		rs.Services = ParseServices(&p.Reader, svcs, "sensitive_services", rs.Name)
	} else if reqs == nil {
		p.Errorf(n, "the ruleset has neither \"requirements\" nor \"sensitive_services\"")
		return nil
	}
	if reqs == nil {
		return rs
	}
	if reqs.Kind != yaml.SequenceNode {
		p.Errorf(reqs, "requirements must be a list")
		return rs
	}
	for _, r := range reqs.Content {
		if req := p.requirement(r); req != nil {
			rs.Requirements = append(rs.Requirements, req)
		}
	}
	return rs
}

// idPattern is the form of requirement ids: TKESG101, ORG001.
var idPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*\d+$`)

func (p *parser) requirement(n *yaml.Node) *requirements.Requirement {
	m := p.Fields(n, "a requirement", "id", "level", "title", "applies_to", "when", "direction", "require", "flows", "except", "satisfied_by", "help", "source")
	if m == nil || !p.required(m, n, "the requirement", "id", "level", "title", "applies_to", "direction", "require", "flows") {
		return nil
	}
	req := &requirements.Requirement{
		ID: p.str(m["id"], "id"), Level: p.str(m["level"], "level"), Title: p.str(m["title"], "title"),
		AppliesTo: p.str(m["applies_to"], "applies_to"), Require: p.str(m["require"], "require"),
		Help: p.str(m["help"], "help"), Source: p.str(m["source"], "source"), Range: p.Range(n),
	}
	if !idPattern.MatchString(req.ID) {
		p.Errorf(m["id"], "id %q must be upper-case letters followed by digits, like TKESG101 or ORG001", req.ID)
	}
	p.oneOf(m["level"], req.Level, "level", "error", "warning", "note")
	p.oneOf(m["applies_to"], req.AppliesTo, "applies_to", "node", "master", "endpoint-internet", "endpoint-intranet", "any")
	p.oneOf(m["require"], req.Require, "require", "accept", "forbid")
	switch d := p.str(m["direction"], "direction"); d {
	case "ingress":
		req.Direction = model.Ingress
	case "egress":
		req.Direction = model.Egress
	default:
		p.Errorf(m["direction"], "direction %q must be ingress or egress", d)
	}
	if w := m["when"]; w != nil {
		wm := p.Fields(w, "when", "deploy_type", "network_type")
		req.When.DeployType = p.strs(wm["deploy_type"], "deploy_type")
		req.When.NetworkType = p.strs(wm["network_type"], "network_type")
	}
	req.Flows = p.flows(m["flows"], "flows", true)
	if len(req.Flows) == 0 {
		p.Errorf(m["flows"], "flows must list at least one flow")
	}
	req.Except = p.flows(m["except"], "except", false)
	req.SatisfiedBy = p.flows(m["satisfied_by"], "satisfied_by", true)
	return req
}

func (p *parser) oneOf(n *yaml.Node, v, what string, allowed ...string) {
	if n != nil && !slices.Contains(allowed, v) {
		p.Errorf(n, "%s %q must be one of %s", what, v, strings.Join(allowed, ", "))
	}
}

func (p *parser) flows(n *yaml.Node, what string, needPeer bool) []requirements.Flow {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.Errorf(n, "%s must be a list of flows", what)
		return nil
	}
	var out []requirements.Flow
	for _, fn := range n.Content {
		m := p.Fields(fn, "a flow", "name", "protocol", "ports", "peer", "level")
		if m == nil {
			continue
		}
		f := requirements.Flow{Protocol: p.str(m["protocol"], "protocol"), Ports: p.str(m["ports"], "ports"), Peers: p.strs(m["peer"], "peer"), Level: p.str(m["level"], "level"), Name: p.str(m["name"], "name")}
		if f.Protocol == "" {
			f.Protocol = "ALL"
		}
		if f.Ports == "" {
			f.Ports = "ALL"
		}
		protos, ok := flows.ParseProto(f.Protocol)
		if !ok {
			p.Errorf(m["protocol"], "unknown protocol %q (want TCP, UDP, ICMP, ICMPv6, GRE or ALL)", f.Protocol)
		}
		if ports, err := flows.ParsePorts(f.Ports); err != nil {
			p.Errorf(m["ports"], "%v", err)
		} else if ok && !ports.IsAll() && protos&^flows.PortProtos != 0 {
			p.Errorf(m["ports"], "ports %s with protocol %s: only TCP and UDP have ports", f.Ports, f.Protocol)
		}
		if needPeer && len(f.Peers) == 0 {
			p.Errorf(fn, "a flow of %s needs a peer", what)
		}
		for _, peer := range f.Peers {
			if _, err := flows.ParseCIDR(peer); err != nil && !requirements.Symbolic(peer) {
				p.Errorf(m["peer"], "peer %q is neither a CIDR nor one of cluster-network, container-network, service-network, node-sg, lb-clients, world, world4, world6", peer)
			}
		}
		if m["level"] != nil {
			p.oneOf(m["level"], f.Level, "level", "error", "warning", "note")
		}
		out = append(out, f)
	}
	return out
}
