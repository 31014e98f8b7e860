package terraform

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// module is what the files of one folder declare, before evaluation. It is
// read once per run and shared by every instance of the module.
type module struct {
	t         *tree
	pos       *positions
	dir       string
	variables map[string]*variable
	locals    map[string]*local
	outputs   map[string]*output
	calls     map[string]*call
	// callOrder lists module call names in file order.
	callOrder []string
	resources map[string]*resourceBlock // by type.name
	// order lists resource addresses in file order.
	order []string
	// resTypes holds every resource type declared, so that a reference to
	// one is told apart from a misspelled name.
	resTypes map[string]bool
	// referenced holds, per resource address, the attribute names that some
	// expression of the module reads.
	referenced map[string]map[string]bool
	// broken is true when some file could not be parsed: references to
	// what it may have declared are then unknown rather than errors.
	broken bool
	// files lists the paths of the module's files.
	files []string
	// errs are the errors found collecting the module's blocks.
	errs []*model.Error
	// blockRanges maps the header range of every native-syntax block of
	// the module's files to its whole range; contentRanges maps the header
	// range of every dynamic block to the range of its content block.
	blockRanges, contentRanges map[hcl.Range]hcl.Range
}

// variable is a `variable` block.
type variable struct {
	name    string
	decl    hcl.Range
	defExpr hcl.Expression // nil when the block has no default
	typExpr hcl.Expression
	// nullExpr is the nullable attribute; nil means nullable = true.
	nullExpr hcl.Expression
	// validations are the variable's validation blocks.
	validations []validation
}

// validation is one validation block of a variable.
type validation struct {
	condition, message hcl.Expression
}

// local is one attribute of a `locals` block.
type local struct {
	name string
	expr hcl.Expression
	rng  hcl.Range
}

// output is an `output` block.
type output struct {
	name string
	expr hcl.Expression // nil when the block has no value
	rng  hcl.Range
}

// resourceBlock is a `resource` block.
type resourceBlock struct {
	typ, name string
	block     *hcl.Block
	// rng and decl are the ranges of the block and of its header.
	rng, decl   model.Range
	countExpr   hcl.Expression
	forEachExpr hcl.Expression
}

func (r *resourceBlock) address() string { return r.typ + "." + r.name }

// call is a `module` block.
type call struct {
	name        string
	block       *hcl.Block
	decl        model.Range
	source      string
	sourceRange hcl.Range
	countExpr   hcl.Expression
	forEachExpr hcl.Expression
	// args are the arguments given to the module's variables.
	args map[string]*hcl.Attribute
}

// rootSchema lists the top-level blocks of a Terraform file.
func rootSchema() *hcl.BodySchema {
	return &hcl.BodySchema{
		Blocks: []hcl.BlockHeaderSchema{
			{Type: "resource", LabelNames: []string{"type", "name"}},
			{Type: "data", LabelNames: []string{"type", "name"}},
			{Type: "variable", LabelNames: []string{"name"}},
			{Type: "locals"},
			{Type: "output", LabelNames: []string{"name"}},
			{Type: "module", LabelNames: []string{"name"}},
			{Type: "provider", LabelNames: []string{"name"}},
			{Type: "terraform"},
			{Type: "moved"},
			{Type: "import"},
			{Type: "removed"},
			{Type: "check", LabelNames: []string{"name"}},
			{Type: "ephemeral", LabelNames: []string{"type", "name"}},
		},
	}
}

func variableSchema() *hcl.BodySchema {
	return &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "type"}, {Name: "nullable"}},
		Blocks:     []hcl.BlockHeaderSchema{{Type: "validation"}},
	}
}

func metaSchema() *hcl.BodySchema {
	return &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}},
	}
}

func outputSchema() *hcl.BodySchema {
	return &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "value"}}}
}

func newModule(t *tree, dir string) *module {
	return &module{
		t:          t,
		pos:        t.pos,
		dir:        dir,
		variables:  map[string]*variable{},
		locals:     map[string]*local{},
		outputs:    map[string]*output{},
		calls:      map[string]*call{},
		resources:  map[string]*resourceBlock{},
		resTypes:   map[string]bool{},
		referenced: map[string]map[string]bool{},
		// Filled as files are collected.
		blockRanges:   map[hcl.Range]hcl.Range{},
		contentRanges: map[hcl.Range]hcl.Range{},
	}
}

func (m *module) wholeRange(b *hcl.Block) hcl.Range { return m.t.blockRange(m, b) }

func (m *module) addDiags(diags hcl.Diagnostics) { m.errs = m.t.errorsOf(m.errs, diags) }

func (m *module) errorf(r hcl.Range, summary, format string, args ...any) {
	m.errs = append(m.errs, &model.Error{Range: m.t.pos.rng(r), Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

// collect records the top-level blocks of one file body (refs: see
// addReferences). Blocks of an
// override file replace, attribute by attribute, the blocks of the same
// name that the other files declare.
func (m *module) collect(body hcl.Body, override bool, refs *fileRefs) {
	indexBlocks(body, m.blockRanges, m.contentRanges)
	m.addReferences(body, refs)
	content, _, diags := body.PartialContent(rootSchema())
	m.addDiags(diags)
	if content == nil {
		return
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "variable":
			m.addVariable(b, override)
		case "locals":
			m.addLocals(b, override)
		case "output":
			m.addOutput(b, override)
		case "resource":
			m.addResource(b, override)
		case "module":
			m.addCall(b, override)
		}
	}
}

func (m *module) addVariable(b *hcl.Block, override bool) {
	name := b.Labels[0]
	prev, exists := m.variables[name]
	switch {
	case exists && !override:
		m.errorf(b.DefRange, "duplicate variable declaration",
			"A variable named %q was already declared at %s.", name, m.t.pos.rng(prev.decl))
		return
	case !exists && override:
		m.missingBase(b, "variable", name)
		return
	}
	c, _, diags := b.Body.PartialContent(variableSchema())
	m.addDiags(diags)
	v := prev
	if !exists {
		v = &variable{name: name, decl: b.DefRange}
		m.variables[name] = v
	}
	if c != nil {
		if a, ok := c.Attributes["default"]; ok {
			v.defExpr = a.Expr
		}
		if a, ok := c.Attributes["type"]; ok {
			v.typExpr = a.Expr
		}
		if a, ok := c.Attributes["nullable"]; ok {
			v.nullExpr = a.Expr
		}
		for _, vb := range c.Blocks {
			vc, _, _ := vb.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "condition"}, {Name: "error_message"}}})
			if vc == nil || vc.Attributes["condition"] == nil {
				continue
			}
			val := validation{condition: vc.Attributes["condition"].Expr}
			if a := vc.Attributes["error_message"]; a != nil {
				val.message = a.Expr
			}
			v.validations = append(v.validations, val)
		}
	}
}

func (m *module) addLocals(b *hcl.Block, override bool) {
	for _, a := range bodyAttributes(b.Body) {
		prev, exists := m.locals[a.Name]
		switch {
		case exists && !override:
			m.errorf(a.NameRange, "duplicate local value definition",
				"A local value named %q was already defined at %s.", a.Name, m.t.pos.rng(prev.rng))
			continue
		case !exists && override:
			m.missingBase(b, "local value", a.Name)
			continue
		}
		m.locals[a.Name] = &local{name: a.Name, expr: a.Expr, rng: a.NameRange}
	}
}

func (m *module) addOutput(b *hcl.Block, override bool) {
	name := b.Labels[0]
	prev, exists := m.outputs[name]
	switch {
	case exists && !override:
		m.errorf(b.DefRange, "duplicate output definition",
			"An output named %q was already defined at %s.", name, m.t.pos.rng(prev.rng))
		return
	case !exists && override:
		m.missingBase(b, "output", name)
		return
	}
	c, _, diags := b.Body.PartialContent(outputSchema())
	m.addDiags(diags)
	o := prev
	if !exists {
		o = &output{name: name, rng: b.DefRange}
		m.outputs[name] = o
	}
	if c != nil && c.Attributes["value"] != nil {
		o.expr = c.Attributes["value"].Expr
	}
}

func (m *module) addResource(b *hcl.Block, override bool) {
	r := &resourceBlock{typ: b.Labels[0], name: b.Labels[1], block: b}
	addr := r.address()
	prev, exists := m.resources[addr]
	switch {
	case exists && !override:
		m.errorf(b.DefRange, "duplicate resource",
			"A resource %s was already declared at %s.", addr, prev.decl)
		return
	case !exists && override:
		m.missingBase(b, "resource", addr)
		return
	case exists:
		merged := *prev.block
		merged.Body = mergeBodies(prev.block.Body, b.Body)
		prev.block = &merged
		prev.countExpr, prev.forEachExpr = metaArguments(merged.Body)
		return
	}
	r.rng = m.t.pos.rng(m.wholeRange(b))
	r.decl = m.t.pos.rng(m.t.declRange(b))
	r.countExpr, r.forEachExpr = metaArguments(b.Body)
	m.resources[addr] = r
	m.resTypes[r.typ] = true
	m.order = append(m.order, addr)
}

// metaArguments returns the count and for_each expressions of a body.
func metaArguments(body hcl.Body) (count, forEach hcl.Expression) {
	c, _, _ := body.PartialContent(metaSchema())
	if c == nil {
		return nil, nil
	}
	if a := c.Attributes["count"]; a != nil {
		count = a.Expr
	}
	if a := c.Attributes["for_each"]; a != nil {
		forEach = a.Expr
	}
	return count, forEach
}

func (m *module) addCall(b *hcl.Block, override bool) {
	name := b.Labels[0]
	prev, exists := m.calls[name]
	switch {
	case exists && !override:
		m.errorf(b.DefRange, "duplicate module call",
			"A module call named %q was already defined at %s.", name, prev.decl)
		return
	case !exists && override:
		m.missingBase(b, "module call", name)
		return
	}
	c := &call{name: name, block: b, decl: m.t.pos.rng(m.t.declRange(b))}
	if exists {
		merged := *prev.block
		merged.Body = mergeBodies(prev.block.Body, b.Body)
		c.block, c.decl = &merged, prev.decl
	}
	c.args = map[string]*hcl.Attribute{}
	for _, a := range bodyAttributes(c.block.Body) {
		switch a.Name {
		case "source":
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
				m.errorf(a.Expr.Range(), "invalid module source", "The source of module %q must be a literal string.", name)
				continue
			}
			c.source, c.sourceRange = v.AsString(), a.Expr.Range()
		case "count":
			c.countExpr = a.Expr
		case "for_each":
			c.forEachExpr = a.Expr
		case "version", "providers", "depends_on":
		default:
			c.args[a.Name] = a
		}
	}
	if c.source == "" && c.sourceRange == (hcl.Range{}) {
		c.sourceRange = b.DefRange
	}
	m.calls[name] = c
	if !exists {
		m.callOrder = append(m.callOrder, name)
	}
}

// missingBase reports an override block that overrides nothing.
func (m *module) missingBase(b *hcl.Block, what, name string) {
	m.errorf(b.DefRange, "missing base "+what+" to override",
		"There is no %s named %q in the module's other files for this override file to override.", what, name)
}

func sortedAttributes(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *hcl.Attribute) int {
		return cmp.Or(cmp.Compare(a.Range.Filename, b.Range.Filename), cmp.Compare(a.Range.Start.Byte, b.Range.Start.Byte))
	})
	return out
}
