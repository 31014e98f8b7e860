package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// owner is a resource that defines rules of one security group.
type owner struct {
	res    model.Resource
	kind   model.RuleOwnerKind
	target model.String
	rules  [2][]*model.Rule
	// partial says, per direction, why the owner's own list is not fully
	// known (a dynamic block or a list that is unknown).
	partial [2]string
	// lost is true for a legacy rule whose direction is not known: it may
	// add a rule to either list.
	lost bool
}

// securityGroup maps a tencentcloud_security_group.
func (b *builder) securityGroup(r *resource) {
	blk := b.open(r, schema([]string{"name", "description", "project_id"}))
	sg := &model.SecurityGroup{
		Resource:    r.res,
		ID:          unknownID(r),
		Name:        blk.str("name", ""),
		Description: blk.str("description", ""),
		ProjectID:   blk.str("project_id", "0"),
		Defined:     true,
	}
	b.in.SecurityGroups = append(b.in.SecurityGroups, sg)
	b.sgs[r.address()] = sg
	if id, ok := sg.ID.Get(); ok && id != "" {
		b.sgs[id] = sg // a plan knows the id of a group that exists already
	}
}

// addOwner records a rule owner.
func (b *builder) addOwner(o *owner) {
	b.owners = append(b.owners, o)
	target := o.target
	if target.State() == model.Defaulted {
		target = model.UnresolvedValue[string](target.Range(), "security_group_id is not set")
	}
	b.in.RuleOwners = append(b.in.RuleOwners, &model.RuleOwner{Resource: o.res, Kind: o.kind, SecurityGroup: target})
}

// undefinedGroup returns the group known by ref, creating a group that the
// input only refers to when there is none.
func (b *builder) undefinedGroup(ref string, at model.Range) *model.SecurityGroup {
	if sg, ok := b.sgs[ref]; ok {
		return sg
	}
	sg := model.GroupKnownByID(model.WrittenValue(ref, at), "tencentcloud_security_group")
	b.in.SecurityGroups = append(b.in.SecurityGroups, sg)
	b.sgs[ref] = sg
	return sg
}

// bindingGroups creates the groups that bindings and endpoints name by an
// id the input does not define.
func (b *builder) bindingGroups() {
	for _, v := range b.in.BoundGroups() {
		if s, ok := v.Get(); ok && v.IsWritten() && s != "" {
			b.undefinedGroup(s, v.Range())
		}
	}
}

// targetGroup returns the group an owner's security_group_id names. When it
// cannot be resolved, the owner gets a group of its own, named after the
// attribute, so that its rules are still checked.
func (b *builder) targetGroup(o *owner) *model.SecurityGroup {
	if o.target.State() == model.Written && strings.TrimSpace(o.target.Value()) != "" {
		return b.undefinedGroup(o.target.Value(), o.target.Range())
	}
	id := o.target
	switch {
	case id.State() == model.Defaulted:
		id = model.UnresolvedValue[string](id.Range(), "security_group_id is not set")
	case id.State() == model.Written:
		id = model.UnresolvedValue[string](id.Range(), "security_group_id is empty")
	}
	at := id.Range()
	sg := &model.SecurityGroup{
		Resource:    model.Resource{Address: o.res.Address + ".security_group_id", Type: "tencentcloud_security_group", Range: at, DeclRange: at},
		ID:          id,
		Name:        model.DefaultedValue("", at),
		Description: model.DefaultedValue("", at),
		ProjectID:   model.DefaultedValue("", at),
	}
	b.in.SecurityGroups = append(b.in.SecurityGroups, sg)
	return sg
}

// linkRules attaches every owner's rules to its group and decides whether
// each list is complete and ordered.
func (b *builder) linkRules() {
	byGroup := map[*model.SecurityGroup][]*owner{}
	var unresolved []*owner
	for _, o := range b.owners {
		sg := b.targetGroup(o)
		byGroup[sg] = append(byGroup[sg], o)
		if o.target.State() != model.Written {
			unresolved = append(unresolved, o)
		}
	}
	for _, sg := range b.in.SecurityGroups {
		owners := byGroup[sg]
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			fillList(sg, d, owners, unresolved)
		}
	}
}

// fillList builds one direction of sg from the owners that target it.
func fillList(sg *model.SecurityGroup, d model.Direction, owners, unresolved []*owner) {
	var exclusive, legacy []*owner
	for _, o := range owners {
		if o.kind.Exclusive() {
			exclusive = append(exclusive, o)
		} else {
			legacy = append(legacy, o)
		}
	}
	var rules []*model.Rule
	for _, o := range exclusive {
		rules = append(rules, o.rules[d]...)
	}
	legacyRules, indexed := legacyOrder(legacy, d)
	rules = append(rules, legacyRules...)

	list := sg.Rules(d)
	list.Rules = rules
	list.Complete, list.Ordered = true, true
	var why []string
	if len(exclusive) > 1 || (len(exclusive) == 1 && len(legacy) > 0) {
		list.Ordered = false
		var names []string
		for _, o := range owners {
			names = append(names, o.res.Address)
		}
		why = append(why, "the rules of this group come from more than one resource ("+strings.Join(names, ", ")+
			") and at least one of them replaces all rules on apply")
	}
	if len(legacyRules) > 1 && !indexed {
		list.Ordered = false
		why = append(why, "some tencentcloud_security_group_rule resources of this direction set no policy_index, so their order is undefined")
	}
	for _, o := range exclusive {
		if o.partial[d] != "" {
			// The unknown rules stand at their place as one rule whose
			// values are all unknown: the order around them holds.
			list.Complete = false
			why = append(why, o.partial[d])
		}
	}
	if len(exclusive) == 0 {
		if missing := unknownRules(sg, legacy, unresolved); len(missing) > 0 {
			list.Complete = false
			why = append(why, missing...)
		}
	}
	if !list.Complete || !list.Ordered {
		list.Why = strings.Join(why, "; ")
	}
}

// legacyOrder returns the rules of legacy owners in one direction, sorted
// by policy_index when every one of them sets it.
func legacyOrder(legacy []*owner, d model.Direction) (rules []*model.Rule, indexed bool) {
	for _, o := range legacy {
		rules = append(rules, o.rules[d]...)
	}
	indexed = true
	seen := map[int]bool{}
	for _, r := range rules {
		// Equal indexes (0 is the provider's default) say no order either.
		if !r.PolicyIndex.IsWritten() || seen[r.PolicyIndex.Value()] {
			indexed = false
		}
		seen[r.PolicyIndex.Value()] = true
	}
	if indexed {
		sort.SliceStable(rules, func(i, j int) bool {
			return rules[i].PolicyIndex.Value() < rules[j].PolicyIndex.Value()
		})
	}
	return rules, indexed
}

// unknownRules says why a group that no exclusive owner targets may have
// rules the input does not hold.
func unknownRules(sg *model.SecurityGroup, legacy, unresolved []*owner) []string {
	var why []string
	switch {
	case !sg.Defined && sg.ID.Known():
		why = append(why, fmt.Sprintf("security group %s is not defined in the input, so its other rules are unknown", sg.ID.Value()))
	case !sg.Defined:
		why = append(why, "the security group is not known ("+sg.ID.Reason()+"), so its other rules are unknown")
	}
	for _, o := range legacy {
		if o.lost {
			why = append(why, "a tencentcloud_security_group_rule of this group has a type that is not known, so it may add a rule here")
			break
		}
	}
	if sg.Defined {
		for _, o := range unresolved {
			why = append(why, fmt.Sprintf("the security_group_id of %s (%s) cannot be resolved, so it may define rules of this group",
				o.res.Address, o.target.Range()))
		}
	}
	return why
}
