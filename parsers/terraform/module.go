package terraform

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// module is what the files of one folder declare, before evaluation.
type module struct {
	pos       *positions
	variables map[string]*variable
	locals    map[string]*local
	resources map[string]*resource // by address
	// order lists resource addresses in file order.
	order []string
	// resTypes holds every resource type declared, so that a reference to
	// one is told apart from a misspelled name.
	resTypes map[string]bool
	// exprs lists every expression of the module, to learn which
	// resource attributes are read.
	exprs []hcl.Expression
	// blockRanges maps the header range of every native-syntax block to
	// its whole range.
	blockRanges map[hcl.Range]hcl.Range
	errs        []*model.Error
	notes       []model.Note
	// broken is true when some file could not be parsed: references to
	// what it may have declared are then unknown rather than errors.
	broken bool
}

// variable is a `variable` block.
type variable struct {
	name    string
	decl    hcl.Range
	defExpr hcl.Expression // nil when the block has no default
	typExpr hcl.Expression
}

// local is one attribute of a `locals` block.
type local struct {
	name  string
	expr  hcl.Expression
	rng   hcl.Range
	state evalState
	val   cty.Value
}

// resource is a `resource` block.
type resource struct {
	typ, name string
	block     *hcl.Block
	res       model.Resource
	// counted is true when the block has count or for_each.
	counted bool
	state   evalState
	val     cty.Value
}

func (r *resource) address() string { return r.typ + "." + r.name }

type evalState uint8

const (
	unvisited evalState = iota
	visiting
	visited
)

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
		},
	}
}

func variableSchema() *hcl.BodySchema {
	return &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "default"}, {Name: "type"}},
	}
}

func metaSchema() *hcl.BodySchema {
	return &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}},
	}
}

func (m *module) addDiags(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		file := ""
		if d.Subject != nil {
			file = d.Subject.Filename
		}
		m.errs = append(m.errs, m.pos.errorFromDiag(d, file))
	}
}

func (m *module) errorf(r hcl.Range, summary, format string, args ...any) {
	m.errs = append(m.errs, &model.Error{Range: m.pos.rng(r), Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

// collect records the top-level blocks of one file body.
func (m *module) collect(body hcl.Body) {
	if m.variables == nil {
		m.variables = map[string]*variable{}
		m.locals = map[string]*local{}
		m.resources = map[string]*resource{}
		m.resTypes = map[string]bool{}
		m.blockRanges = map[hcl.Range]hcl.Range{}
	}
	indexBlocks(body, m.blockRanges)
	allExpressions(body, func(e hcl.Expression) { m.exprs = append(m.exprs, e) })
	content, _, diags := body.PartialContent(rootSchema())
	m.addDiags(diags)
	if content == nil {
		return
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "variable":
			m.addVariable(b)
		case "locals":
			m.addLocals(b)
		case "resource":
			m.addResource(b)
		}
	}
}

func (m *module) addVariable(b *hcl.Block) {
	name := b.Labels[0]
	if prev, ok := m.variables[name]; ok {
		m.errorf(b.DefRange, "duplicate variable declaration",
			"A variable named %q was already declared at %s.", name, m.pos.rng(prev.decl))
		return
	}
	c, _, diags := b.Body.PartialContent(variableSchema())
	m.addDiags(diags)
	v := &variable{name: name, decl: b.DefRange}
	if c != nil {
		if a, ok := c.Attributes["default"]; ok {
			v.defExpr = a.Expr
		}
		if a, ok := c.Attributes["type"]; ok {
			v.typExpr = a.Expr
		}
	}
	m.variables[name] = v
}

func (m *module) addLocals(b *hcl.Block) {
	attrs, diags := b.Body.JustAttributes()
	m.addDiags(diags)
	for _, a := range sortedAttributes(attrs) {
		if prev, ok := m.locals[a.Name]; ok {
			m.errorf(a.NameRange, "duplicate local value definition",
				"A local value named %q was already defined at %s.", a.Name, m.pos.rng(prev.rng))
			continue
		}
		m.locals[a.Name] = &local{name: a.Name, expr: a.Expr, rng: a.NameRange}
	}
}

func (m *module) addResource(b *hcl.Block) {
	r := &resource{typ: b.Labels[0], name: b.Labels[1], block: b}
	addr := r.address()
	if prev, ok := m.resources[addr]; ok {
		m.errorf(b.DefRange, "duplicate resource",
			"A resource %s was already declared at %s.", addr, m.pos.rng(prev.block.DefRange))
		return
	}
	r.res = model.Resource{
		Address:   addr,
		Type:      r.typ,
		Range:     m.pos.rng(m.wholeRange(b)),
		DeclRange: m.pos.rng(m.declRange(b)),
	}
	if c, _, _ := b.Body.PartialContent(metaSchema()); c != nil && len(c.Attributes) > 0 {
		r.counted = true
	}
	m.resources[addr] = r
	m.resTypes[r.typ] = true
	m.order = append(m.order, addr)
}

// blockEnd is the range of the end of a block: its closing brace in native
// syntax, the end of its body otherwise.
func blockEnd(b *hcl.Block) hcl.Range {
	if sb, ok := b.Body.(interface{ Range() hcl.Range }); ok {
		return sb.Range()
	}
	return b.Body.MissingItemRange()
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
