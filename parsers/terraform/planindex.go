package terraform

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// planIndex holds the managed resources of the plans of one unit.
type planIndex struct {
	t      *tree
	byAddr map[string]*planResource
	// blocks lists the instances of each resource block, keyed by the
	// module instance prefix and `type.name`.
	blocks map[string][]*planResource
	order  []*planResource
	// conf holds the configuration modules by module path (call names
	// joined with dots; "" for the root).
	conf map[string]*confModule
	used map[*planResource]bool
}

// planResource is one resource instance of a plan.
type planResource struct {
	p              *planIndex
	addr, typ, nam string
	// prefix is the module instance prefix of the address; modPath the
	// module path of the configuration.
	prefix, modPath string
	key             cty.Value
	val, unknown    cty.Value
	conf            map[string]json.RawMessage
	// path is the JSON path of the values object; spans locate it.
	path  string
	spans map[string]hcl.Range
	// rng is the resource object in the plan file.
	rng hcl.Range
}

// planIndex reads the plans of one unit.
func (t *tree) planIndex(files []File) *planIndex {
	p := &planIndex{t: t, byAddr: map[string]*planResource{}, blocks: map[string][]*planResource{}, conf: map[string]*confModule{}, used: map[*planResource]bool{}}
	for _, f := range files {
		p.add(f)
	}
	return p
}

func (p *planIndex) add(f File) {
	var pf planFile
	if err := json.Unmarshal(f.Src, &pf); err != nil {
		p.t.report(&model.Error{Range: model.Range{Filename: f.Path}, Summary: "invalid plan", Detail: fmt.Sprintf("The plan cannot be read: %v.", err)})
		return
	}
	p.t.pos.add(f.Path, f.Src)
	unknown := map[string]json.RawMessage{}
	for _, rc := range pf.ResourceChanges {
		unknown[rc.Address] = rc.Change.AfterUnknown
	}
	spans := jsonSpans(f.Path, f.Src, "planned_values")
	p.indexConf("", &pf.Configuration.RootModule)
	p.addModule(&pf.PlannedValues.RootModule, "planned_values/root_module", unknown, f.Path, spans)
}

func (p *planIndex) indexConf(path string, m *confModule) {
	p.conf[path] = m
	for name, c := range m.ModuleCalls {
		child := name
		if path != "" {
			child = path + "." + name
		}
		p.indexConf(child, &c.Module)
	}
}

func (p *planIndex) addModule(m *planModule, path string, unknown map[string]json.RawMessage, file string, spans map[string]hcl.Range) {
	prefix := ""
	if m.Address != "" {
		prefix = m.Address + "."
	}
	modPath := strings.Join(moduleNames(m.Address), ".")
	for i := range m.Resources {
		r := &m.Resources[i]
		if r.Mode != "managed" {
			continue
		}
		rpath := fmt.Sprintf("%s/resources/%d", path, i)
		pr := &planResource{
			p: p, addr: r.Address, typ: r.Type, nam: r.Name, prefix: prefix, modPath: modPath,
			key: jsonValue(r.Index), val: jsonValue(r.Values), unknown: jsonValue(unknown[r.Address]),
			path: rpath + "/values", spans: spans, rng: spanOr(spans, rpath, file),
		}
		if c := p.conf[modPath]; c != nil {
			for _, cr := range c.Resources {
				if cr.Address == r.Type+"."+r.Name && cr.Mode == "managed" {
					pr.conf = cr.Expressions
				}
			}
		}
		if _, dup := p.byAddr[pr.addr]; !dup {
			p.order = append(p.order, pr)
		}
		p.byAddr[pr.addr] = pr
		block := prefix + r.Type + "." + r.Name
		p.blocks[block] = append(p.blocks[block], pr)
	}
	for j := range m.ChildModules {
		p.addModule(&m.ChildModules[j], fmt.Sprintf("%s/child_modules/%d", path, j), unknown, file, spans)
	}
}

// spanOr returns the range of the value at path, or the start of file.
func spanOr(spans map[string]hcl.Range, path, file string) hcl.Range {
	if r, ok := spans[path]; ok {
		return r
	}
	return hcl.Range{Filename: file, Start: hcl.InitialPos, End: hcl.InitialPos}
}

// jsonValue converts a JSON value into cty; NilVal when it is absent.
func jsonValue(raw json.RawMessage) cty.Value {
	if len(raw) == 0 {
		return cty.NilVal
	}
	ty, err := ctyjson.ImpliedType(raw)
	if err != nil {
		return cty.NilVal
	}
	v, err := ctyjson.Unmarshal(raw, ty)
	if err != nil {
		return cty.NilVal
	}
	return v
}

// moduleNames returns the call names of a module instance address:
// `module.a["x"].module.b` gives a, b.
func moduleNames(addr string) []string {
	var out []string
	for addr != "" {
		if !strings.HasPrefix(addr, "module.") {
			return out
		}
		addr = addr[len("module."):]
		end := strings.IndexAny(addr, ".[")
		if end < 0 {
			return append(out, addr)
		}
		out = append(out, addr[:end])
		addr = addr[end:]
		if addr[0] == '[' {
			addr = SkipIndex(addr)
		}
		addr = strings.TrimPrefix(addr, ".")
	}
	return out
}

// SkipIndex drops the leading `[…]` of a resource or module instance
// address (s starts with '['), quoted keys with brackets and escaped quotes
// included; it returns "" when the index does not end.
func SkipIndex(s string) string {
	inQuote := false
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && inQuote:
			i++
		case s[i] == '"':
			inQuote = !inQuote
		case s[i] == ']' && !inQuote:
			return s[i+1:]
		}
	}
	return ""
}

// instancesOf returns the plan's instances of the resource block at
// block (module instance prefix and type.name), marking them used.
func (p *planIndex) instancesOf(block string) []*planResource {
	out := p.blocks[block]
	for _, pr := range out {
		p.used[pr] = true
	}
	return out
}

// unused returns the plan's resources that no .tf block claimed.
func (p *planIndex) unused() []*planResource {
	var out []*planResource
	for _, pr := range p.order {
		if !p.used[pr] && p.byAddr[pr.addr] == pr {
			out = append(out, pr)
		}
	}
	return out
}

// attributes is the object by which expressions see a planned instance.
func (pr *planResource) attributes() map[string]cty.Value {
	out := map[string]cty.Value{}
	if pr.val == cty.NilVal || !pr.val.Type().IsObjectType() {
		return out
	}
	maps.Copy(out, pr.val.AsValueMap())
	if pr.unknown != cty.NilVal && pr.unknown.Type().IsObjectType() {
		for name := range pr.unknown.Type().AttributeTypes() {
			if v, ok := out[name]; isTrue(pr.unknown, name) && (!ok || v.IsNull()) {
				out[name] = pr.resolve(name, pr.conf[name])
			}
		}
	}
	return out
}

// isTrue reports whether the after_unknown object marks attribute name.
func isTrue(obj cty.Value, name string) bool {
	if obj == cty.NilVal || !obj.Type().IsObjectType() || !obj.Type().HasAttribute(name) {
		return false
	}
	v := obj.GetAttr(name)
	return v.Type() == cty.Bool && v.True()
}
