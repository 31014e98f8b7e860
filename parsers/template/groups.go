package template

import (
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// owner is a policy set: inline in a security group, or a
// TencentCloud::VPC::SecurityGroupPolicySet. It owns every rule of its
// group.
type owner struct {
	res    model.Resource
	target model.String
	rules  [2][]*model.Rule
	// partial says, per direction, why the list is not fully known.
	partial [2]string
}

// securityGroup maps a TencentCloud::VPC::SecurityGroup and its inline
// policy set.
func (b *builder) securityGroup(r *resource, o *object) {
	sg := &model.SecurityGroup{
		Resource:    r.res,
		ID:          pendingID(r),
		Name:        o.str("SecurityGroupName", ""),
		Description: o.str("SecurityGroupDesc", ""),
		ProjectID:   o.str("ProjectId", "0"),
		Defined:     true,
	}
	b.in.SecurityGroups = append(b.in.SecurityGroups, sg)
	b.sgs[r.id] = sg
	ps := o.sub("SecurityGroupPolicySet", "the SecurityGroupPolicySet of "+r.id, "Ingress", "Egress")
	if ps.null {
		return
	}
	ow := &owner{res: r.res, target: model.WrittenValue(r.id, r.res.DeclRange)}
	b.policies(ow, ps)
	b.addOwner(ow)
}

// policySet maps a TencentCloud::VPC::SecurityGroupPolicySet.
func (b *builder) policySet(r *resource, o *object) {
	target := o.str("SecurityGroupId", "")
	if target.State() == model.Defaulted || target.IsWritten() && target.Value() == "" {
		b.src.errAt(target.Range(), "missing property", "policy set %s has no SecurityGroupId; it must name the security group whose rules it owns", r.id)
		target = model.UnresolvedValue[string](target.Range(), "SecurityGroupId is not set")
	}
	b.wantType(target, "SecurityGroupId", typeSecurityGroup)
	ow := &owner{res: r.res, target: target}
	b.policies(ow, o)
	b.addOwner(ow)
}

// addOwner records a policy set.
func (b *builder) addOwner(o *owner) {
	b.owners = append(b.owners, o)
	b.in.RuleOwners = append(b.in.RuleOwners, &model.RuleOwner{Resource: o.res, Kind: model.OwnerPolicySet, SecurityGroup: o.target})
}

// policies reads the Ingress and Egress lists of a policy set, list order
// being priority.
func (b *builder) policies(o *owner, ps *object) {
	for d, name := range []string{"Ingress", "Egress"} {
		if ps.why != "" {
			o.partial[d] = fmt.Sprintf("the %s list of %s is not known (%s)", name, o.res.Address, ps.why)
			continue
		}
		v, ok := ps.value(name)
		if !ok {
			continue
		}
		switch v.kind {
		case kNull:
		case kUnknown:
			o.partial[d] = fmt.Sprintf("the %s list of %s is not known (%s)", name, o.res.Address, v.reason)
		case kList:
			for i, it := range v.items {
				o.rules[d] = append(o.rules[d], b.policy(o, model.Direction(d), i, it))
			}
		case kScalar, kMap:
			b.src.errorf(v.at, "incorrect value type", "%s must be a list of policies, not %s", name, v.describe())
			o.partial[d] = fmt.Sprintf("the %s list of %s is not a list", name, o.res.Address)
		}
	}
}

// policy maps one policy of a list.
func (b *builder) policy(o *owner, d model.Direction, pos int, v value) *model.Rule {
	rng := b.src.rng(v.at)
	rule := &model.Rule{
		Owner: o.res, Kind: model.PolicyRule, Direction: d, Position: pos, Range: rng,
		PolicyIndex: model.DefaultedValue(0, rng),
	}
	if v.kind != kMap && v.kind != kUnknown {
		b.src.errorf(v.at, "incorrect value type", "a policy must be a mapping of Protocol, Port, CidrBlock, Action …, not %s", v.describe())
		v = unknown("the policy is not a mapping", v.at)
	}
	if v.kind == kUnknown {
		// A policy that may be anything: its action, service and peer are
		// unknown; a single unknown peer stands for whichever it names.
		u := model.UnresolvedValue[string](rng, v.reason)
		none := model.DefaultedValue("", rng)
		rule.Action, rule.Protocol, rule.Port, rule.CIDR = u, u, u, u
		rule.IPv6CIDR, rule.SecurityGroup, rule.AddressTemplate, rule.AddressTemplateGroup = none, none, none, none
		rule.ServiceTemplate, rule.ServiceTemplateGroup, rule.Description = none, none, none
		return rule
	}
	what := fmt.Sprintf("%s policy %d of %s", d, pos+1, o.res.Address)
	p := b.object(v, what, rng, policyKeys())
	rule.Action = p.str("Action", "")
	rule.CIDR = p.optional("CidrBlock")
	rule.IPv6CIDR = p.optional("Ipv6CidrBlock")
	rule.SecurityGroup = p.optional("SecurityGroupId")
	rule.Description = p.str("PolicyDescription", "")
	at := p.sub("AddressTemplate", "the AddressTemplate of "+p.what, "AddressId", "AddressGroupId")
	rule.AddressTemplate, rule.AddressTemplateGroup = at.optional("AddressId"), at.optional("AddressGroupId")
	st := p.sub("ServiceTemplate", "the ServiceTemplate of "+p.what, "ServiceId", "ServiceGroupId")
	rule.ServiceTemplate, rule.ServiceTemplateGroup = st.optional("ServiceId"), st.optional("ServiceGroupId")
	def := "ALL"
	if rule.ServiceTemplate.State() != model.Defaulted || rule.ServiceTemplateGroup.State() != model.Defaulted {
		def = ""
	}
	rule.Protocol = p.optionalOr("Protocol", def)
	rule.Port = p.optionalOr("Port", def)
	if p.unknownKeys+at.unknownKeys+st.unknownKeys > 0 {
		// A policy with an unknown property (a typo such as CidrBlok) is
		// reported once, as that error: what it leaves out may be what the
		// property was meant to be (model.Rule.InputError).
		keys := map[*model.String]bool{
			&rule.Action: p.has("Action"), &rule.Description: p.has("PolicyDescription"),
			&rule.CIDR: p.has("CidrBlock"), &rule.IPv6CIDR: p.has("Ipv6CidrBlock"), &rule.SecurityGroup: p.has("SecurityGroupId"),
			&rule.AddressTemplate: at.has("AddressId"), &rule.AddressTemplateGroup: at.has("AddressGroupId"),
			&rule.ServiceTemplate: st.has("ServiceId"), &rule.ServiceTemplateGroup: st.has("ServiceGroupId"),
			&rule.Protocol: p.has("Protocol"), &rule.Port: p.has("Port"),
		}
		model.SettleInputError(rule, what+" has an unknown property", rng, func(f *model.String) bool { return keys[f] })
	}
	b.wantType(rule.SecurityGroup, "SecurityGroupId", typeSecurityGroup)
	b.wantType(rule.AddressTemplate, "AddressId", typeAddressTemplate)
	b.wantType(rule.AddressTemplateGroup, "AddressGroupId", typeAddressTemplateGroup)
	b.wantType(rule.ServiceTemplate, "ServiceId", typeServiceTemplate)
	b.wantType(rule.ServiceTemplateGroup, "ServiceGroupId", typeServiceTemplateGroup)
	return rule
}

// undefinedGroup returns the group known by ref, creating a group that the
// template only names by a cloud id.
func (b *builder) undefinedGroup(ref string, at model.Range) *model.SecurityGroup {
	if sg, ok := b.sgs[ref]; ok {
		return sg
	}
	sg := model.GroupKnownByID(model.WrittenValue(ref, at), typeSecurityGroup)
	b.in.SecurityGroups = append(b.in.SecurityGroups, sg)
	b.sgs[ref] = sg
	return sg
}

// bindingGroups creates the groups that bindings and endpoints name by an
// id that the template does not define.
func (b *builder) bindingGroups() {
	for _, v := range b.in.BoundGroups() {
		if s, ok := v.Get(); ok && v.IsWritten() && s != "" {
			b.undefinedGroup(s, v.Range())
		}
	}
}

// targetGroup returns the group a policy set owns. When its SecurityGroupId
// is not known, the policy set gets a group of its own, named after the
// property, so that its rules are still checked.
func (b *builder) targetGroup(o *owner) *model.SecurityGroup {
	if o.target.IsWritten() {
		return b.undefinedGroup(o.target.Value(), o.target.Range())
	}
	at := o.target.Range()
	sg := &model.SecurityGroup{
		Resource:    model.Resource{Address: o.res.Address + ".SecurityGroupId", Type: typeSecurityGroup, Range: at, DeclRange: at},
		ID:          o.target,
		Name:        model.DefaultedValue("", at),
		Description: model.DefaultedValue("", at),
		ProjectID:   model.DefaultedValue("", at),
	}
	b.in.SecurityGroups = append(b.in.SecurityGroups, sg)
	return sg
}

// linkRules attaches the rules of every policy set to its group and
// decides whether each list is complete and ordered.
func (b *builder) linkRules() {
	byGroup := map[*model.SecurityGroup][]*owner{}
	var unresolved []*owner
	for _, o := range b.owners {
		sg := b.targetGroup(o)
		byGroup[sg] = append(byGroup[sg], o)
		if !o.target.IsWritten() {
			unresolved = append(unresolved, o)
		}
	}
	for _, sg := range b.in.SecurityGroups {
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			fillList(sg, d, byGroup[sg], unresolved)
		}
	}
}

// fillList builds one direction of sg from the policy sets that own it.
func fillList(sg *model.SecurityGroup, d model.Direction, owners, unresolved []*owner) {
	list := sg.Rules(d)
	list.Rules = nil
	list.Complete, list.Ordered = true, true
	var why []string
	for _, o := range owners {
		list.Rules = append(list.Rules, o.rules[d]...)
		if o.partial[d] != "" {
			list.Complete, list.Ordered = false, false
			why = append(why, o.partial[d])
		}
	}
	if len(owners) > 1 {
		list.Ordered = false
		names := make([]string, len(owners))
		for i, o := range owners {
			names[i] = o.res.Address
		}
		why = append(why, "the rules of this group come from more than one policy set ("+strings.Join(names, ", ")+
			"), and each replaces all rules of the group on deployment")
	}
	if len(owners) == 0 {
		// A group the input defines has known rules when every rule resource
		// names its group (docs/design.md#how-security-groups-evaluate); with
		// no policy set at all it has none (the same as a Terraform group
		// with no rule resource).
		if !sg.Defined {
			list.Complete = false
			why = append(why, fmt.Sprintf("security group %s is not defined in the template, so its rules are not known", sg.Resource.Address))
		}
		for _, o := range unresolved {
			list.Complete = false
			why = append(why, fmt.Sprintf("the SecurityGroupId of %s (%s) cannot be resolved, so it may define the rules of this group",
				o.res.Address, o.target.Range()))
		}
	}
	if !list.Complete || !list.Ordered {
		list.Why = strings.Join(why, "; ")
	}
}
