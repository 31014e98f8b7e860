package terraform

import (
	"bytes"
	"fmt"
	"strings"

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
			o.rules[d] = append(o.rules[d], b.liteRuleString(r, d, 0, unknown))
			continue
		}
		for i, el := range list.Value() {
			o.rules[d] = append(o.rules[d], b.liteRuleString(r, d, i, el))
		}
	}
	b.addOwner(o)
}

// liteRuleString splits one lite-rule string into a rule. Values are kept
// as written; a string without exactly four fields is malformed.
func (b *builder) liteRuleString(r *resource, d model.Direction, pos int, el model.String) *model.Rule {
	rng := el.Range()
	none := model.DefaultedValue("", rng)
	rule := &model.Rule{
		Owner: r.res, Kind: model.LiteRule, Direction: d, Position: pos, Range: rng,
		Action: none, Protocol: none, Port: none,
		CIDR: none, IPv6CIDR: none, SecurityGroup: none, AddressTemplate: none, AddressTemplateGroup: none,
		ServiceTemplate: none, ServiceTemplateGroup: none, Description: none,
		PolicyIndex: model.DefaultedValue(0, rng),
	}
	if !el.Known() {
		u := model.UnresolvedValue[string](rng, el.Reason())
		rule.Action, rule.Protocol, rule.Port, rule.CIDR = u, u, u, u
		return rule
	}
	text := el.Value()
	parts := strings.Split(text, "#")
	if len(parts) != 4 {
		rule.Malformed = fmt.Sprintf("lite rule %q has %d field(s) separated by \"#\"; want 4: ACTION#SOURCE#PORT#PROTOCOL",
			text, len(parts))
		return rule
	}
	field := b.fieldRanges(rng, text, parts)
	rule.Action = model.WrittenValue(parts[0], field[0])
	src := model.WrittenValue(parts[1], field[1])
	switch s := parts[1]; {
	case strings.HasPrefix(s, "sg-"):
		rule.SecurityGroup = src
	case strings.HasPrefix(s, "ipmg-"):
		rule.AddressTemplateGroup = src
	case strings.HasPrefix(s, "ipm-"):
		rule.AddressTemplate = src
	case strings.Contains(s, ":"):
		rule.IPv6CIDR = src
	default:
		rule.CIDR = src
	}
	proto := model.WrittenValue(parts[3], field[3])
	switch p := parts[3]; {
	case strings.HasPrefix(p, "ppmg-"):
		rule.ServiceTemplateGroup = proto
	case strings.HasPrefix(p, "ppm-"):
		rule.ServiceTemplate = proto
	default:
		rule.Protocol = proto
		rule.Port = model.WrittenValue(parts[2], field[2])
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
	src := b.s.pos.src[rng.Filename]
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
