package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/tkesglint/tkesglint/parsers/model"
)

func directionOf(blockType string) model.Direction {
	if blockType == "egress" {
		return model.Egress
	}
	return model.Ingress
}

// ruleSet maps a tencentcloud_security_group_rule_set: its ingress and
// egress blocks in order, block order being priority.
func (b *builder) ruleSet(r *resource) {
	blk := b.open(r, schema([]string{"security_group_id"}, "ingress", "egress"))
	o := &owner{res: r.res, kind: model.OwnerRuleSet, target: blk.str("security_group_id", "")}
	unknown := b.unknownDynamic(r)
	for _, nb := range blk.content.Blocks {
		b.strayRules(o, r, blk, nb.DefRange.Start.Byte)
		d := directionOf(nb.Type)
		rule := b.ruleSetRule(r, d, len(o.rules[d]), nb)
		if why, ok := unknown[nb.DefRange]; ok {
			standIn(rule, why)
		}
		o.rules[d] = append(o.rules[d], rule)
	}
	b.strayRules(o, r, blk, -1)
	b.addOwner(o)
}

// standIn makes rule, the one block a dynamic block whose for_each is not
// known generates (its content with the iterator unknown), stand at its
// place for every rule the dynamic block may generate, none included.
//
// When a value that decides which flows the rule matches is unknown, it
// does as it is: the rules differ only in values that first-match cannot
// tell from one unknown value, and "no rule" is one of the values it may
// take (it may match nothing). When every such value is known, the rules
// are all this one, or there is none: its peer is then unknown, for why,
// so that the rule may or may not match, as its protocol and ports say.
func standIn(rule *model.Rule, why string) {
	peers := []*model.String{&rule.CIDR, &rule.IPv6CIDR, &rule.SecurityGroup, &rule.AddressTemplate, &rule.AddressTemplateGroup}
	for _, v := range append([]*model.String{&rule.Protocol, &rule.Port, &rule.ServiceTemplate, &rule.ServiceTemplateGroup}, peers...) {
		if v.State() == model.Unresolved {
			return
		}
	}
	for _, p := range peers {
		if p.State() != model.Defaulted {
			*p = model.UnresolvedValue[string](p.Range(), why)
		}
	}
}

func (b *builder) ruleSetRule(r *resource, d model.Direction, pos int, nb *hcl.Block) *model.Rule {
	if b.ruleSchema == nil {
		b.ruleSchema = schema([]string{
			"action", "cidr_block", "ipv6_cidr_block", "source_security_id", "address_template_id",
			"address_template_group", "protocol", "port", "service_template_id", "service_template_group", "description",
		})
	}
	blk := b.nested(nb, b.ruleSchema)
	rule := &model.Rule{
		Owner: r.res, Kind: model.RuleSetRule, Direction: d, Position: pos, Range: blk.rng,
		Action:               blk.str("action", ""),
		CIDR:                 blk.optional("cidr_block", ""),
		IPv6CIDR:             blk.optional("ipv6_cidr_block", ""),
		SecurityGroup:        blk.optional("source_security_id", ""),
		AddressTemplate:      blk.optional("address_template_id", ""),
		AddressTemplateGroup: blk.optional("address_template_group", ""),
		ServiceTemplate:      blk.optional("service_template_id", ""),
		ServiceTemplateGroup: blk.optional("service_template_group", ""),
		Description:          blk.str("description", ""),
		PolicyIndex:          model.DefaultedValue(0, blk.rng),
	}
	def := protocolDefault(rule)
	rule.Protocol = blk.optional("protocol", def)
	rule.Port = blk.optional("port", def)
	if blk.flaw != "" {
		settleFlawed(rule, blk.flaw, blk.rng, blk.written, map[*model.String]string{
			&rule.Action: "action", &rule.Description: "description",
			&rule.CIDR: "cidr_block", &rule.IPv6CIDR: "ipv6_cidr_block", &rule.SecurityGroup: "source_security_id",
			&rule.AddressTemplate: "address_template_id", &rule.AddressTemplateGroup: "address_template_group",
			&rule.Protocol: "protocol", &rule.Port: "port",
			&rule.ServiceTemplate: "service_template_id", &rule.ServiceTemplateGroup: "service_template_group",
		})
	}
	return rule
}

// protocolDefault is what an absent protocol or port means: all, unless a
// service template replaces both.
func protocolDefault(r *model.Rule) string {
	if r.ServiceTemplate.State() != model.Defaulted || r.ServiceTemplateGroup.State() != model.Defaulted {
		return ""
	}
	return "ALL"
}

// unknownDynamic says, by the header of each dynamic block of r whose
// for_each is not known, why it may make no block: the one block it
// generates has that header (see oneUnknownElement and standIn).
func (b *builder) unknownDynamic(r *resource) map[hcl.Range]string {
	if b.staticOf == r {
		return nil // no dynamic block (openStatic)
	}
	out := map[hcl.Range]string{}
	if r.plan != nil {
		return out
	}
	c, _, _ := r.block.Body.PartialContent(&hcl.BodySchema{
		Blocks: []hcl.BlockHeaderSchema{{Type: "dynamic", LabelNames: []string{"type"}}},
	})
	if c == nil {
		return out
	}
	for _, db := range c.Blocks {
		dc, _, _ := db.Body.PartialContent(schema([]string{"for_each"}))
		if dc == nil || dc.Attributes["for_each"] == nil {
			continue
		}
		e := dc.Attributes["for_each"].Expr
		v := b.s.eval(e)
		if uv, _ := v.Unmark(); uv.IsKnown() {
			continue
		}
		out[db.DefRange] = fmt.Sprintf("dynamic %q in %s may make none: its for_each is not known (%s)",
			db.Labels[0], r.address(), b.s.unknownReason(e, v))
	}
	return out
}

// legacyRule maps a tencentcloud_security_group_rule: one rule, placed by
// its type.
func (b *builder) legacyRule(r *resource) {
	blk := b.open(r, schema([]string{
		"security_group_id", "type", "policy", "cidr_ip", "source_sgid", "ip_protocol", "port_range",
		"policy_index", "description",
	}, "address_template", "protocol_template"))
	o := &owner{res: r.res, kind: model.OwnerLegacyRule, target: blk.str("security_group_id", "")}
	rule := &model.Rule{
		Owner: r.res, Kind: model.LegacyRule, Range: blk.rng,
		Action:        blk.str("policy", ""),
		CIDR:          blk.optional("cidr_ip", ""),
		IPv6CIDR:      model.DefaultedValue("", blk.rng),
		SecurityGroup: blk.optional("source_sgid", ""),
		Description:   blk.str("description", ""),
		PolicyIndex:   blk.integer("policy_index", 0),
	}
	if v, ok := rule.CIDR.Get(); ok && rule.CIDR.IsWritten() && strings.Contains(v, ":") {
		rule.IPv6CIDR, rule.CIDR = rule.CIDR, model.DefaultedValue("", blk.rng)
	}
	var addrFlaw, svcFlaw string
	rule.AddressTemplate, rule.AddressTemplateGroup, addrFlaw = b.templatePair(blk, "address_template")
	rule.ServiceTemplate, rule.ServiceTemplateGroup, svcFlaw = b.templatePair(blk, "protocol_template")
	def := protocolDefault(rule)
	rule.Protocol = blk.optional("ip_protocol", def)
	rule.Port = blk.optional("port_range", def)
	if flaw := joinFlaws(blk.flaw, addrFlaw, svcFlaw); flaw != "" {
		written := func(name string) bool { return blk.written(name) || len(blk.blocks(name)) > 0 }
		settleFlawed(rule, flaw, blk.rng, written, map[*model.String]string{
			&rule.Action: "policy", &rule.Description: "description",
			&rule.CIDR: "cidr_ip", &rule.IPv6CIDR: "cidr_ip", &rule.SecurityGroup: "source_sgid",
			&rule.AddressTemplate: "address_template", &rule.AddressTemplateGroup: "address_template",
			&rule.Protocol: "ip_protocol", &rule.Port: "port_range",
			&rule.ServiceTemplate: "protocol_template", &rule.ServiceTemplateGroup: "protocol_template",
		})
	}

	typ := blk.str("type", "")
	switch v, _ := typ.Get(); {
	case typ.IsWritten() && strings.EqualFold(v, "ingress"):
		rule.Direction = model.Ingress
		o.rules[model.Ingress] = []*model.Rule{rule}
	case typ.IsWritten() && strings.EqualFold(v, "egress"):
		rule.Direction = model.Egress
		o.rules[model.Egress] = []*model.Rule{rule}
	default:
		o.lost = true
		if typ.IsWritten() {
			b.s.u.errs = append(b.s.u.errs, &model.Error{Range: typ.Range(), Summary: "invalid rule type",
				Detail: fmt.Sprintf("type must be \"ingress\" or \"egress\", not %q.", v)})
		}
	}
	b.addOwner(o)
}

// templatePair reads the template_id and group_id of the first block named
// typ, and the block's flaw. A block with a flaw that sets neither names
// one template that is not known.
func (b *builder) templatePair(blk *block, typ string) (id, group model.String, flaw string) {
	nbs := blk.blocks(typ)
	if len(nbs) == 0 {
		return model.DefaultedValue("", blk.rng), model.DefaultedValue("", blk.rng), ""
	}
	t := b.nested(nbs[0], schema([]string{"template_id", "group_id"}))
	id, group = t.optional("template_id", ""), t.optional("group_id", "")
	if t.flaw != "" && !t.written("template_id") {
		id = model.DefaultedValue("", t.rng)
		if !t.written("group_id") {
			id = model.UnresolvedValue[string](t.rng, t.flaw)
		}
	}
	if t.flaw != "" && !t.written("group_id") {
		group = model.DefaultedValue("", t.rng)
	}
	return id, group, t.flaw
}
