package flows

import "github.com/tkesglint/tkesglint/parsers/model"

// Compiler compiles the rules of an input once and builds the lists that
// analyzers evaluate.
type Compiler struct {
	res   *Resolver
	rules map[*model.Rule]*Rule
}

// NewCompiler returns a compiler for the rules of in.
func NewCompiler(in *model.Input) *Compiler {
	return &Compiler{res: NewResolver(in), rules: map[*model.Rule]*Rule{}}
}

// Resolver returns the resolver the compiler uses.
func (c *Compiler) Resolver() *Resolver { return c.res }

// Rule returns the compiled form of r, which belongs to sg.
func (c *Compiler) Rule(sg *model.SecurityGroup, r *model.Rule) *Rule {
	if cr, ok := c.rules[r]; ok {
		return cr
	}
	cr := Compile(r, c.res)
	cr.Group = sg
	c.rules[r] = cr
	return cr
}

// Segment returns direction d of sg as a segment.
func (c *Compiler) Segment(sg *model.SecurityGroup, d model.Direction) Segment {
	list := sg.Rules(d)
	seg := Segment{Group: sg, Complete: list.Complete, Ordered: list.Ordered, Why: list.Why}
	for _, r := range list.Rules {
		seg.Rules = append(seg.Rules, c.Rule(sg, r))
	}
	return seg
}

// List returns the concatenation of direction d of groups, in binding order.
func (c *Compiler) List(groups []*model.SecurityGroup, d model.Direction) List {
	l := make(List, 0, len(groups))
	for _, sg := range groups {
		l = append(l, c.Segment(sg, d))
	}
	return l
}
