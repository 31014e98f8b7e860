package config

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/internal/strictyaml"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/rulesets"
)

// FileName is the name of the configuration file looked for.
const FileName = ".tkesglint.yml"

// Config is the content of a configuration file.
type Config struct {
	// Path is the file it was read from, as shown in messages.
	Path string
	// Dir is the folder of the file: relative paths in it are relative to
	// Dir.
	Dir     string
	Enable  []string
	Disable []string
	Levels  map[string]analysis.Level
	Exclude []string
	// Rulesets are paths of ruleset files, relative to Dir.
	Rulesets []string
	// FailOn is the --fail-on level, when set.
	FailOn    *analysis.Level
	Variables map[string]string
	// LBClients is the default list of load-balancer clients when not nil.
	LBClients    []string
	Suppressions []Suppression
	Clusters     []topology.Spec
	// Services is the sensitive_services section (TKESG206) as a ruleset:
	// the services it adds and its changes to the others. Nil when absent.
	Services *requirements.Ruleset
	// Ranges of some entries, for messages about them.
	CheckRanges map[string]model.Range
}

// Suppression silences findings of one check on a target: an SG id, a
// resource address or a path glob.
type Suppression struct {
	ID      string
	Target  string
	Reason  string
	Expires time.Time // zero: never
	Range   model.Range
}

// Find returns the path of the configuration file of dir: the first
// .tkesglint.yml in dir or its parents, or "" when there is none.
func Find(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		abs = filepath.Dir(abs)
	}
	for {
		p := filepath.Join(abs, FileName)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

// Parse reads a configuration file. path is the name shown in messages.
func Parse(path string, src []byte) (*Config, []*model.Error) {
	p := &parser{strictyaml.Reader{Path: path, Summary: "invalid configuration"}}
	c := &Config{Path: path, Dir: filepath.Dir(path), Levels: map[string]analysis.Level{}, CheckRanges: map[string]model.Range{}}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil
		}
		p.Errorf(nil, "invalid YAML: %v", err)
		return c, p.Errs
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	top := p.Fields(doc.Content[0], "the configuration", "checks", "exclude", "rulesets", "fail_on", "variables", "suppressions", "clusters", "lb_clients", "sensitive_services")
	if checks := top["checks"]; checks != nil {
		m := p.Fields(checks, "checks", "enable", "disable", "levels")
		c.Enable = p.ids(m["enable"], "checks.enable", c)
		c.Disable = p.ids(m["disable"], "checks.disable", c)
		if lv := m["levels"]; lv != nil {
			for _, kv := range p.pairs(lv, "checks.levels") {
				l, err := analysis.ParseLevel(kv[1].Value)
				if err != nil || l == analysis.LevelNone {
					p.Errorf(kv[1], "checks.levels.%s: %q is not error, warning or note", kv[0].Value, kv[1].Value)
					continue
				}
				c.Levels[kv[0].Value] = l
				c.CheckRanges[kv[0].Value] = p.Range(kv[0])
			}
		}
	}
	c.Exclude = p.strs(top["exclude"], "exclude")
	c.Rulesets = p.strs(top["rulesets"], "rulesets")
	if f := top["fail_on"]; f != nil {
		l, err := analysis.ParseLevel(p.str(f, "fail_on"))
		if err != nil {
			p.Errorf(f, "fail_on: %v", err)
		} else {
			c.FailOn = &l
		}
	}
	if v := top["variables"]; v != nil {
		c.Variables = map[string]string{}
		for _, kv := range p.pairs(v, "variables") {
			c.Variables[kv[0].Value] = p.str(kv[1], "variables."+kv[0].Value)
		}
	}
	if lb := top["lb_clients"]; lb != nil {
		c.LBClients = p.cidrs(lb, "lb_clients")
	}
	c.Suppressions = p.suppressions(top["suppressions"])
	c.Clusters = p.clusters(top["clusters"])
	if svc := top["sensitive_services"]; svc != nil {
		c.Services = p.services(svc)
	}
	return c, p.Errs
}

// parser reads one file; see strictyaml.
type parser struct{ strictyaml.Reader }

// pairs returns the key/value nodes of a mapping.
func (p *parser) pairs(n *yaml.Node, what string) [][2]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		p.Errorf(n, "%s must be a mapping", what)
		return nil
	}
	var out [][2]*yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if seen[n.Content[i].Value] {
			p.Errorf(n.Content[i], "duplicate key %q in %s", n.Content[i].Value, what)
			continue
		}
		seen[n.Content[i].Value] = true
		out = append(out, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return out
}

func (p *parser) str(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.Errorf(n, "%s must be a string", what)
		return ""
	}
	return n.Value
}

func (p *parser) strs(n *yaml.Node, what string) []string {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.Errorf(n, "%s must be a list", what)
		return nil
	}
	out := []string{}
	for _, c := range n.Content {
		out = append(out, p.str(c, what))
	}
	return out
}

func (p *parser) ids(n *yaml.Node, what string, c *Config) []string {
	list := p.strs(n, what)
	if n != nil {
		for i, id := range list {
			c.CheckRanges[id] = p.Range(n.Content[i])
		}
	}
	return list
}

func (p *parser) cidrs(n *yaml.Node, what string) []string {
	list := p.strs(n, what)
	for i, c := range list {
		if _, err := flows.ParseCIDR(c); err != nil {
			p.Errorf(n.Content[i], "%s: %v", what, err)
		}
	}
	return list
}

func (p *parser) suppressions(n *yaml.Node) []Suppression {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.Errorf(n, "suppressions must be a list")
		return nil
	}
	var out []Suppression
	for _, e := range n.Content {
		m := p.Fields(e, "a suppression", "id", "target", "reason", "expires")
		s := Suppression{ID: p.str(m["id"], "id"), Target: p.str(m["target"], "target"), Reason: p.str(m["reason"], "reason"), Range: p.Range(e)}
		// A missing reason is not a configuration error but TKESG001, as for
		// comments: the run goes on and the entry is not applied.
		for _, k := range []string{"id", "target"} {
			if m[k] == nil {
				p.Errorf(e, "a suppression needs %q", k)
			}
		}
		if ex := m["expires"]; ex != nil {
			t, err := time.Parse(time.DateOnly, p.str(ex, "expires"))
			if err != nil {
				p.Errorf(ex, "expires %q is not a date like 2026-12-31", ex.Value)
			}
			s.Expires = t
		}
		out = append(out, s)
	}
	return out
}

func (p *parser) clusters(n *yaml.Node) []topology.Spec {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.Errorf(n, "clusters must be a list")
		return nil
	}
	var out []topology.Spec
	for _, e := range n.Content {
		m := p.Fields(e, "a cluster", "match", "name", "node_security_groups", "master_security_groups", "cluster_network", "container_network", "network_type", "lb_clients")
		spec := topology.Spec{
			Match: p.str(m["match"], "match"), Name: p.str(m["name"], "name"), Range: p.Range(e),
			NodeSecurityGroups:   p.strs(m["node_security_groups"], "node_security_groups"),
			MasterSecurityGroups: p.strs(m["master_security_groups"], "master_security_groups"),
			ClusterNetwork:       p.cidrs(m["cluster_network"], "cluster_network"),
			ContainerNetwork:     p.cidrs(m["container_network"], "container_network"),
			NetworkType:          p.str(m["network_type"], "network_type"),
		}
		if lb := m["lb_clients"]; lb != nil {
			spec.LBClients = p.cidrs(lb, "lb_clients")
		}
		switch {
		case spec.Match == "" && spec.Name == "":
			p.Errorf(e, "a cluster needs match (to complete a cluster of the input) or name (to declare one)")
		case spec.Match != "" && spec.Name != "":
			p.Errorf(e, "a cluster has either match or name, not both")
		}
		if t := spec.NetworkType; t != "" && !slices.Contains([]string{"GR", "VPC-CNI", "CILIUMOVERLAY"}, strings.ToUpper(t)) {
			p.Errorf(m["network_type"], "network_type %q must be GR, VPC-CNI or CiliumOverlay", t)
		}
		out = append(out, spec)
	}
	return out
}

// services reads sensitive_services: which services of the rulesets to
// leave out (disable), their levels, and services to add.
func (p *parser) services(n *yaml.Node) *requirements.Ruleset {
	rs := &requirements.Ruleset{Name: p.Path, Range: p.Range(n)}
	m := p.Fields(n, "sensitive_services", "disable", "levels", "add")
	disabled := map[string]bool{}
	if d := m["disable"]; d != nil {
		for i, name := range p.strs(d, "sensitive_services.disable") {
			disabled[strings.ToLower(name)] = true
			rs.ServiceChanges = append(rs.ServiceChanges, &requirements.ServiceChange{Name: name, Disable: true, Range: p.Range(d.Content[i])})
		}
	}
	if lv := m["levels"]; lv != nil {
		for _, kv := range p.pairs(lv, "sensitive_services.levels") {
			name, level := kv[0].Value, kv[1].Value
			switch {
			case kv[1].Kind != yaml.ScalarNode || !slices.Contains([]string{"error", "warning", "note"}, level):
				p.Errorf(kv[1], "sensitive_services.levels.%s: %q is not error, warning or note", name, level)
			case disabled[strings.ToLower(name)]:
				p.Errorf(kv[0], "sensitive_services.levels.%s: the service is also disabled", name)
			default:
				rs.ServiceChanges = append(rs.ServiceChanges, &requirements.ServiceChange{Name: name, Level: level, Range: p.Range(kv[0])})
			}
		}
	}
	if add := m["add"]; add != nil {
		rs.Services = rulesets.ParseServices(&p.Reader, add, "sensitive_services.add", rs.Name)
	}
	return rs
}
