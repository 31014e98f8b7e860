package template

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// resource is one entry of Resources.
type resource struct {
	id       string
	typ      string
	key      *yaml.Node // the logical id
	node     *yaml.Node // the resource's mapping
	props    *yaml.Node // Properties, or nil
	cond     string     // the name of its Condition, if any
	condNode *yaml.Node
	schema   *schema // nil for a type the parser does not know
	res      model.Resource
}

// builder maps the resources of one template into the model.
type builder struct {
	src *source
	e   *evaluator
	in  *model.Input
	// resources in source order.
	resources []*resource
	// sgs and clusters find those by logical id or cloud id.
	sgs      map[string]*model.SecurityGroup
	clusters map[string]*model.Cluster
	owners   []*owner
	outputs  *yaml.Node
}

func newBuilder(src *source, opts Options, nodes int) *builder {
	return &builder{
		src:      src,
		e:        newEvaluator(src, opts, nodes),
		in:       &model.Input{},
		sgs:      map[string]*model.SecurityGroup{},
		clusters: map[string]*model.Cluster{},
	}
}

// topLevelKeys are the keys a template may have.
func topLevelKeys() []string {
	return []string{"TemplateFormatVersion", "Description", "Metadata", "Parameters", "Conditions", "Resources", "Outputs"}
}

// deref follows aliases.
func (e *evaluator) deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && e.alias(n) {
		n = n.Alias
	}
	return n
}

// section returns the mapping of a top-level section, or nil after an
// error when it is not one.
func (b *builder) section(en entry) *yaml.Node {
	n := b.e.deref(en.val)
	switch {
	case n.Kind == yaml.MappingNode && intrinsic(n.Tag) == "":
		return n
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		return nil
	}
	b.src.errorf(en.val, "incorrect value type", "%s must be a mapping, not %s", en.key.Value, kindName(n))
	return nil
}

// top reads the top-level keys of the template.
func (b *builder) top(root *yaml.Node) {
	var resources *yaml.Node
	found := false
	for _, en := range b.e.entries(root) {
		switch en.key.Value {
		case "TemplateFormatVersion", "Description":
			if n := b.e.deref(en.val); n.Kind != yaml.ScalarNode || intrinsic(n.Tag) != "" {
				b.src.errorf(en.val, "incorrect value type", "%s must be a string, not %s", en.key.Value, kindName(n))
			}
		case "Metadata":
		case "Parameters":
			b.parameters(b.section(en))
		case "Conditions":
			b.conditions(b.section(en))
		case "Resources":
			found = true
			resources = b.section(en)
		case "Outputs":
			b.outputs = b.section(en)
		default:
			b.src.errorf(en.key, "unknown top-level key", "%q is not a top-level key of a template; want one of %s",
				en.key.Value, strings.Join(topLevelKeys(), ", "))
		}
	}
	if !found {
		b.src.errorf(root, "no Resources", "a template needs a Resources mapping with at least one TencentCloud:: resource")
	}
	if resources != nil {
		b.collect(resources)
	}
}

// parameters records the entries of Parameters.
func (b *builder) parameters(sec *yaml.Node) {
	if sec == nil {
		return
	}
	keys := []string{"Type", "Default", "Description", "AllowedValues", "AllowedPattern", "ConstraintDescription",
		"MinLength", "MaxLength", "MinValue", "MaxValue", "NoEcho"}
	for _, en := range b.e.entries(sec) {
		p := &param{name: en.key.Value, key: en.key, typ: "String"}
		n := b.e.deref(en.val)
		if n.Kind != yaml.MappingNode {
			b.src.errorf(en.val, "incorrect value type", "parameter %s must be a mapping with Type and Default, not %s", p.name, kindName(n))
		} else {
			for _, f := range b.e.entries(n) {
				switch name := f.key.Value; {
				case !slices.Contains(keys, name):
					b.src.errorf(f.key, "unknown property", "parameter %s has no property %q; want one of %s", p.name, name, strings.Join(keys, ", "))
				case name == "Default":
					p.def = f.val
				case name == "Type":
					t := b.e.deref(f.val)
					if t.Kind != yaml.ScalarNode {
						b.src.errorf(f.val, "incorrect value type", "the Type of parameter %s must be a string, not %s", p.name, kindName(t))
						continue
					}
					p.typ = t.Value
				}
			}
		}
		p.listType = p.typ == "CommaDelimitedList" || strings.HasPrefix(p.typ, "List<")
		b.e.params[p.name] = p
	}
}

// conditions records the entries of Conditions.
func (b *builder) conditions(sec *yaml.Node) {
	if sec == nil {
		return
	}
	for _, en := range b.e.entries(sec) {
		b.e.conds[en.key.Value] = &condDef{name: en.key.Value, key: en.key, node: en.val}
	}
}

// resourceKeys are the keys of a resource.
func resourceKeys() []string {
	return []string{"Type", "Properties", "Condition", "DependsOn", "Metadata"}
}

// collect records every resource, so that references between them work
// whatever their order.
func (b *builder) collect(sec *yaml.Node) {
	for _, en := range b.e.entries(sec) {
		id := en.key.Value
		if id == "" {
			b.src.errorf(en.key, "invalid resource name", "a resource needs a non-empty logical id")
			continue
		}
		if _, clash := b.e.params[id]; clash {
			b.src.errorf(en.key, "duplicate name", "%s is both a parameter and a resource; Ref could not tell them apart", id)
		}
		n := b.e.deref(en.val)
		if n.Kind != yaml.MappingNode || intrinsic(n.Tag) != "" {
			b.src.errorf(en.val, "incorrect value type", "resource %s must be a mapping with Type and Properties, not %s", id, kindName(n))
			continue
		}
		r := &resource{id: id, key: en.key, node: n}
		for _, f := range b.e.entries(n) {
			switch f.key.Value {
			case "Type":
				t := b.e.deref(f.val)
				if t.Kind != yaml.ScalarNode || t.ShortTag() != "!!str" || intrinsic(t.Tag) != "" {
					b.src.errorf(f.val, "incorrect value type", "the Type of resource %s must be a string such as %s, not %s", id, typeSecurityGroup, kindName(t))
					continue
				}
				r.typ = t.Value
			case "Properties":
				r.props = f.val
			case "Condition":
				c := b.e.deref(f.val)
				if c.Kind != yaml.ScalarNode || intrinsic(c.Tag) != "" {
					b.src.errorf(f.val, "incorrect value type", "the Condition of resource %s must name a condition, not %s", id, kindName(c))
					continue
				}
				r.cond, r.condNode = c.Value, c
			case "DependsOn", "Metadata":
			default:
				b.src.errorf(f.key, "unknown resource attribute", "resource %s has no attribute %q; want one of %s",
					id, f.key.Value, strings.Join(resourceKeys(), ", "))
			}
		}
		if r.typ == "" {
			b.src.errorf(en.key, "missing Type", "resource %s has no Type", id)
			continue
		}
		r.schema = schemaOf(r.typ)
		r.res = model.Resource{Address: id, Type: r.typ, Range: b.src.rng(n), DeclRange: b.src.rng(en.key)}
		b.resources = append(b.resources, r)
		b.e.resources[id] = r
	}
	for _, r := range b.resources {
		b.dependsOn(r)
	}
}

// dependsOn checks that DependsOn names resources.
func (b *builder) dependsOn(r *resource) {
	for _, f := range b.e.entries(r.node) {
		if f.key.Value != "DependsOn" {
			continue
		}
		n := b.e.deref(f.val)
		names := []*yaml.Node{n}
		if n.Kind == yaml.SequenceNode {
			names = n.Content
		}
		for _, c := range names {
			c = b.e.deref(c)
			if c.Kind != yaml.ScalarNode || intrinsic(c.Tag) != "" {
				b.src.errorf(c, "incorrect value type", "DependsOn takes a resource name or a list of them, not %s", kindName(c))
				continue
			}
			if b.e.resources[c.Value] == nil {
				b.src.errorf(c, "reference to nothing", "DependsOn names %q, which is not a resource of this template", c.Value)
			}
		}
	}
}

// build maps every resource, then links rules to their groups and node
// groups to their clusters.
func (b *builder) build(ctx context.Context) {
	var later []*resource
	for _, r := range b.resources {
		if ctx.Err() != nil {
			b.src.errAt(b.src.fileRange(), "not read", "reading stopped: %v", ctx.Err())
			return
		}
		switch {
		case !strings.HasPrefix(r.typ, typePrefix):
			b.in.Notes = append(b.in.Notes, model.Note{Range: r.res.DeclRange,
				Message: fmt.Sprintf("resource %s has type %s, which is not a TencentCloud:: type; it is skipped", r.id, r.typ)})
		case r.schema == nil:
			b.in.Notes = append(b.in.Notes, model.Note{Range: r.res.DeclRange,
				Message: fmt.Sprintf("resource type %s is not read by tkesglint; resource %s is skipped", r.typ, r.id)})
		case r.typ == typePolicySet || r.typ == typeNodePool:
			later = append(later, r)
		default:
			b.guard(r, b.define)
		}
	}
	for _, r := range later {
		b.guard(r, b.refer)
	}
	b.bindingGroups()
	b.linkRules()
	b.finish()
	model.SortInput(b.in)
}

// guard maps r, turning a panic into an error on r's logical id so that one
// resource that trips the parser does not lose the others.
func (b *builder) guard(r *resource, fn func(*resource, *object)) {
	defer func() {
		if p := recover(); p != nil {
			b.src.errAt(r.res.DeclRange, "internal error", "the template parser failed on %s: %v", r.id, p)
		}
	}()
	why := ""
	if r.cond != "" {
		t := b.e.condition(r.cond, r.condNode)
		switch t.t {
		case isFalse:
			return
		case isUnknown:
			why = conditionReason("resource "+r.id, r.cond, t)
		case isTrue:
		}
	}
	var v value
	if r.props != nil {
		v = b.e.eval(r.props)
	}
	o := b.object(v, "the Properties of "+r.id+" ("+r.typ+")", r.res.Range, r.schema.names())
	// A resource that may not exist keeps its values: what is found about
	// it becomes notes (model.Resource.Condition), and it still names the
	// resources it refers to.
	r.res.Condition = why
	fn(r, o)
	o.finish()
}

// define maps the resources that others refer to.
func (b *builder) define(r *resource, o *object) {
	switch r.typ {
	case typeSecurityGroup:
		b.securityGroup(r, o)
	case typeAddressTemplate, typeAddressTemplateGroup:
		b.addressTemplate(r, o)
	case typeServiceTemplate, typeServiceTemplateGroup:
		b.serviceTemplate(r, o)
	case typeVPC:
		b.vpc(r, o)
	case typeSubnet:
		b.subnet(r, o)
	case typeInstance:
		b.instance(r, o)
	case typeCluster:
		b.cluster(r, o)
	}
}

// refer maps the resources that refer to others.
func (b *builder) refer(r *resource, o *object) {
	switch r.typ {
	case typePolicySet:
		b.policySet(r, o)
	case typeNodePool:
		b.nodePool(r, o)
	}
}

// finish evaluates what no resource read, to report its errors: every
// parameter, every condition and the Outputs.
func (b *builder) finish() {
	for _, name := range slices.Sorted(maps.Keys(b.e.params)) {
		p := b.e.params[name]
		b.e.param(p, p.key)
	}
	for _, name := range slices.Sorted(maps.Keys(b.e.conds)) {
		b.e.condition(name, b.e.conds[name].key)
	}
	if b.outputs == nil {
		return
	}
	keys := []string{"Value", "Description", "Export", "Condition"}
	for _, en := range b.e.entries(b.outputs) {
		n := b.e.deref(en.val)
		if n.Kind != yaml.MappingNode {
			b.src.errorf(en.val, "incorrect value type", "output %s must be a mapping with a Value, not %s", en.key.Value, kindName(n))
			continue
		}
		for _, f := range b.e.entries(n) {
			switch f.key.Value {
			case "Condition":
				if c := b.e.deref(f.val); c.Kind == yaml.ScalarNode {
					b.e.condition(c.Value, c)
				}
			case "Value", "Description", "Export":
				b.e.eval(f.val)
			default:
				b.src.errorf(f.key, "unknown property", "output %s has no property %q; want one of %s", en.key.Value, f.key.Value, strings.Join(keys, ", "))
			}
		}
	}
}

// pendingID is the cloud id of a resource that the template creates.
func pendingID(r *resource) model.String {
	return model.UnresolvedValue[string](r.res.DeclRange, r.id+" is created by the template; its cloud id is known only after deployment")
}
