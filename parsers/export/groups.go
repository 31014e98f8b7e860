package export

import (
	"fmt"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// securityGroups maps a DescribeSecurityGroups response: names of groups,
// whose rules come from DescribeSecurityGroupPolicies.
func (p *parser) securityGroups(data *node) {
	for _, e := range p.dataList(data, "SecurityGroupSet") {
		id, ok := p.idOf(e, "SecurityGroupId", "SecurityGroupSet")
		if !ok {
			continue
		}
		sg := &model.SecurityGroup{
			Resource:    model.Resource{Address: id.Value(), Type: actGroups, Range: e.rng, DeclRange: id.Range()},
			ID:          id,
			Name:        p.str(e, "SecurityGroupName", ""),
			Description: p.str(e, "SecurityGroupDesc", ""),
			ProjectID:   p.str(e, "ProjectId", ""),
			Defined:     true,
		}
		for _, d := range directions() {
			sg.Rules(d).Why = noPolicies(id.Value())
		}
		p.in.SecurityGroups = append(p.in.SecurityGroups, sg)
	}
}

// noPolicies says why the rules of a group that the export names are
// unknown.
func noPolicies(id string) string {
	return fmt.Sprintf("the export holds no DescribeSecurityGroupPolicies response for %s, so its rules are unknown", id)
}

// addressTemplates maps DescribeAddressTemplates (group false) or
// DescribeAddressTemplateGroups (group true).
func (p *parser) addressTemplates(data *node, group bool) {
	set, idKey, nameKey := "AddressTemplateSet", "AddressTemplateId", "AddressTemplateName"
	if group {
		set, idKey, nameKey = "AddressTemplateGroupSet", "AddressTemplateGroupId", "AddressTemplateGroupName"
	}
	typ := actAddrTemplates
	if group {
		typ = actAddrGroups
	}
	for _, e := range p.dataList(data, set) {
		id, ok := p.idOf(e, idKey, set)
		if !ok {
			continue
		}
		t := &model.AddressTemplate{
			Resource:  model.Resource{Address: id.Value(), Type: typ, Range: e.rng, DeclRange: id.Range()},
			ID:        id,
			Name:      p.str(e, nameKey, ""),
			Group:     group,
			Addresses: noList(e.rng),
			Members:   noList(e.rng),
		}
		if group {
			t.Members = p.members(e, "AddressTemplateIdSet", "AddressTemplateSet", "AddressTemplateId")
		} else {
			t.Addresses = p.entries(e, "AddressSet", "AddressExtraSet", "Address")
		}
		p.in.AddressTemplates = append(p.in.AddressTemplates, t)
	}
}

// serviceTemplates maps DescribeServiceTemplates (group false) or
// DescribeServiceTemplateGroups (group true).
func (p *parser) serviceTemplates(data *node, group bool) {
	set, idKey, nameKey := "ServiceTemplateSet", "ServiceTemplateId", "ServiceTemplateName"
	if group {
		set, idKey, nameKey = "ServiceTemplateGroupSet", "ServiceTemplateGroupId", "ServiceTemplateGroupName"
	}
	typ := actSvcTemplates
	if group {
		typ = actSvcGroups
	}
	for _, e := range p.dataList(data, set) {
		id, ok := p.idOf(e, idKey, set)
		if !ok {
			continue
		}
		t := &model.ServiceTemplate{
			Resource: model.Resource{Address: id.Value(), Type: typ, Range: e.rng, DeclRange: id.Range()},
			ID:       id,
			Name:     p.str(e, nameKey, ""),
			Group:    group,
			Services: noList(e.rng),
			Members:  noList(e.rng),
		}
		if group {
			t.Members = p.members(e, "ServiceTemplateIdSet", "ServiceTemplateSet", "ServiceTemplateId")
		} else {
			t.Services = p.entries(e, "ServiceSet", "ServiceExtraSet", "Service")
		}
		p.in.ServiceTemplates = append(p.in.ServiceTemplates, t)
	}
}

// entries reads the members of a template: the plain list (AddressSet), and
// the items of the extra list (AddressExtraSet[].Address) that the plain
// list does not already hold. The API fills both with the same members.
func (p *parser) entries(e *node, plainKey, extraKey, field string) model.StringList {
	plain := p.list(e, plainKey)
	extra := p.objectList(e, extraKey, field)
	switch {
	case !plain.Known():
		return plain
	case !extra.Known():
		return extra
	case extra.State() == model.Defaulted:
		return plain
	case plain.State() == model.Defaulted:
		return extra
	}
	seen := map[string]bool{}
	out := append([]model.String(nil), plain.Value()...)
	for _, v := range out {
		seen[v.Value()] = true
	}
	for _, v := range extra.Value() {
		if !seen[v.Value()] {
			seen[v.Value()] = true
			out = append(out, v)
		}
	}
	return model.WrittenValue(out, plain.Range())
}

// members reads the template ids of a group: the id list, or else the ids
// of the template items.
func (p *parser) members(e *node, idsKey, itemsKey, idKey string) model.StringList {
	if ids := p.list(e, idsKey); ids.State() != model.Defaulted {
		return ids
	}
	return p.objectList(e, itemsKey, idKey)
}
