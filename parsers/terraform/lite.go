package terraform

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// liteRule maps a tencentcloud_security_group_lite_rule: its ingress and
// egress lists of `ACTION#SOURCE#PORT#PROTOCOL` strings, list order being
// priority.
func (b *builder) liteRule(r *resource) {
	blk := b.open(r, schema([]string{"security_group_id", "ingress", "egress"}))
	o := &owner{res: r.res, kind: model.OwnerLiteRule, target: blk.str("security_group_id", "")}
	for _, name := range []string{"ingress", "egress"} {
		d := directionOf(name)
		list := blk.list(name)
		if !list.Known() {
			o.partial[d] = fmt.Sprintf("the %s list of %s is not known (%s)", name, r.address(), list.Reason())
			// Its rules, however many, stand in for one unknown rule.
			unknown := model.UnresolvedValue[string](list.Range(), o.partial[d])
			rule := b.liteRuleString(r, d, 0, unknown)
			if !blk.written(name) {
				rule.InputError = blk.flaw // a misspelled list may be this one
			}
			o.rules[d] = append(o.rules[d], rule)
			continue
		}
		exprs := elementExprs(blk.attr(name), len(list.Value()))
		for i, el := range list.Value() {
			if !el.Known() && exprs != nil {
				if fields, ok := b.liteFields(exprs[i], el.Range()); ok {
					o.rules[d] = append(o.rules[d], b.liteRuleFields(r, d, i, el.Range(), fields))
					continue
				}
			}
			o.rules[d] = append(o.rules[d], b.liteRuleString(r, d, i, el))
		}
	}
	b.addOwner(o)
}

// elementExprs returns the element expressions of a list written as a
// tuple of n elements; nil otherwise.
func elementExprs(a *hcl.Attribute, n int) []hcl.Expression {
	if a == nil {
		return nil
	}
	elems, diags := hcl.ExprList(a.Expr)
	if diags.HasErrors() || len(elems) != n {
		return nil
	}
	return elems
}

// liteFields reads the four fields of a lite-rule string written as a
// template (`"ACCEPT#${var.peer}#22#TCP"`) whose value is not wholly known,
// field by field: a field that no unknown interpolation touches is known.
// The template's literal text must hold the three separators: an unknown
// interpolation that held one more would make the rule invalid, so in
// every valid rule the fields are where the literal text puts them. ok is
// false for any other string.
func (b *builder) liteFields(e hcl.Expression, rng model.Range) (fields [4]model.String, ok bool) {
	tmpl, isTemplate := e.(*hclsyntax.TemplateExpr)
	if !isTemplate {
		return fields, false
	}
	type segment struct {
		text   string
		reason string // why the segment is unknown; "" when known
	}
	var segs []segment
	separators := 0
	for _, part := range tmpl.Parts {
		if lit, isLit := part.(*hclsyntax.LiteralValueExpr); isLit && lit.Val.Type() == cty.String {
			segs = append(segs, segment{text: lit.Val.AsString()})
			separators += strings.Count(lit.Val.AsString(), "#")
			continue
		}
		v := b.s.evalRefined(part).v
		if !v.IsWhollyKnown() {
			segs = append(segs, segment{reason: b.s.unknownReason(part, v)})
			continue
		}
		v, _ = v.UnmarkDeep()
		sv, err := convert.Convert(v, cty.String)
		if err != nil || sv.IsNull() {
			return fields, false
		}
		text := sv.AsString()
		segs = append(segs, segment{text: text})
		separators += strings.Count(text, "#")
	}
	if separators != 3 {
		return fields, false
	}
	i := 0
	var text strings.Builder
	var reasons []string
	flush := func() {
		if len(reasons) > 0 {
			fields[i] = model.UnresolvedValue[string](rng, strings.Join(reasons, "; "))
		} else {
			fields[i] = model.WrittenValue(text.String(), rng)
		}
		text.Reset()
		reasons = nil
		i++
	}
	for _, sg := range segs {
		if sg.reason != "" {
			reasons = append(reasons, sg.reason)
			continue
		}
		pieces := strings.Split(sg.text, "#")
		for j, piece := range pieces {
			if j > 0 {
				flush()
			}
			text.WriteString(piece)
		}
	}
	flush()
	return fields, true
}

// liteRuleString splits one lite-rule string into a rule. Values are kept
// as written; a string without exactly four fields is malformed.
func (b *builder) liteRuleString(r *resource, d model.Direction, pos int, el model.String) *model.Rule {
	rng := el.Range()
	if !el.Known() {
		u := model.UnresolvedValue[string](rng, el.Reason())
		return b.liteRuleFields(r, d, pos, rng, [4]model.String{u, u, u, u})
	}
	text := el.Value()
	parts := strings.Split(text, "#")
	if len(parts) != 4 {
		rule := liteRuleBase(r, d, pos, rng)
		rule.Malformed = fmt.Sprintf("lite rule %q has %d field(s) separated by \"#\"; want 4: ACTION#SOURCE#PORT#PROTOCOL",
			text, len(parts))
		return rule
	}
	field := b.fieldRanges(rng, text, parts)
	var fields [4]model.String
	for i, p := range parts {
		fields[i] = model.WrittenValue(p, field[i])
	}
	return b.liteRuleFields(r, d, pos, rng, fields)
}

// liteRuleBase is a lite rule at rng with every field absent.
func liteRuleBase(r *resource, d model.Direction, pos int, rng model.Range) *model.Rule {
	none := model.DefaultedValue("", rng)
	return &model.Rule{
		Owner: r.res, Kind: model.LiteRule, Direction: d, Position: pos, Range: rng,
		Action: none, Protocol: none, Port: none,
		CIDR: none, IPv6CIDR: none, SecurityGroup: none, AddressTemplate: none, AddressTemplateGroup: none,
		ServiceTemplate: none, ServiceTemplateGroup: none, Description: none,
		PolicyIndex: model.DefaultedValue(0, rng),
	}
}

// liteRuleFields makes the rule of the fields of one lite-rule string; a
// zero field is absent. A source or protocol that is the address of a
// group or template of the input is that group or template:
// `${tencentcloud_security_group.x.id}` interpolates its id, and the id of
// what the input creates is its address, as in rule_set fields. A field
// that is not known stands for what any of them may be: a peer, a protocol.
func (b *builder) liteRuleFields(r *resource, d model.Direction, pos int, rng model.Range, fields [4]model.String) *model.Rule {
	rule := liteRuleBase(r, d, pos, rng)
	rule.Action = fields[0]
	src, _ := fields[1].Get()
	// An empty source is no peer; the protocol and the port, positional,
	// are invalid when empty.
	fields[1] = model.OmitEmpty(fields[1], "")
	switch ref := b.types[src]; {
	case !fields[1].Known():
		rule.CIDR = fields[1]
	case strings.HasPrefix(src, "sg-") || ref == "tencentcloud_security_group":
		rule.SecurityGroup = fields[1]
	case strings.HasPrefix(src, "ipmg-") || ref == "tencentcloud_address_template_group":
		rule.AddressTemplateGroup = fields[1]
	case strings.HasPrefix(src, "ipm-") || ref == "tencentcloud_address_template":
		rule.AddressTemplate = fields[1]
	case strings.Contains(src, ":"):
		rule.IPv6CIDR = fields[1]
	default:
		rule.CIDR = fields[1]
	}
	proto, _ := fields[3].Get()
	switch ref := b.types[proto]; {
	case !fields[3].Known():
		rule.Protocol, rule.Port = fields[3], fields[2]
	case strings.HasPrefix(proto, "ppmg-") || ref == "tencentcloud_protocol_template_group":
		rule.ServiceTemplateGroup = fields[3]
	case strings.HasPrefix(proto, "ppm-") || ref == "tencentcloud_protocol_template":
		rule.ServiceTemplate = fields[3]
	default:
		rule.Protocol, rule.Port = fields[3], fields[2]
	}
	return rule
}

// fieldRanges returns the range of each field of a lite-rule string. When
// the string is written as a plain quoted literal, each field gets its own
// columns; otherwise every field gets the range of the whole expression.
func (b *builder) fieldRanges(rng model.Range, text string, parts []string) []model.Range {
	out := make([]model.Range, len(parts))
	for i := range out {
		out[i] = rng
	}
	src, _ := b.s.pos.source(rng.Filename)
	lo, hi := rng.Start.Byte, rng.End.Byte
	if lo < 0 || hi > len(src) || lo > hi || rng.Start.Line != rng.End.Line {
		return out
	}
	if !bytes.Equal(src[lo:hi], []byte(`"`+text+`"`)) {
		return out
	}
	inner := model.Pos{Line: rng.Start.Line, Column: rng.Start.Column + 1, Byte: lo + 1}
	off := 0
	for i, p := range parts {
		out[i] = sub(inner, rng.Filename, text, off, off+len(p))
		off += len(p) + 1
	}
	return out
}
