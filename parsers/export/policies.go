package export

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// policies maps a DescribeSecurityGroupPolicies response: the ordered
// ingress and egress rules of one security group. The response does not
// name the group: subj does (a bundle key, or a file name that starts with
// an SG id); otherwise the group is named by the file's base name.
func (p *parser) policies(subj subject, resp, set *node) {
	declRng := resp.keyRange("SecurityGroupPolicySet")
	setRng := resp.rng
	if set != nil {
		setRng = set.rng
	}
	id, addr := p.groupID(subj, declRng)
	res := model.Resource{Address: addr, Type: actPolicies, Range: setRng, DeclRange: declRng}
	sg := &model.SecurityGroup{
		Resource:    res,
		ID:          id,
		Name:        none(declRng),
		Description: none(declRng),
		ProjectID:   none(declRng),
		Defined:     true,
	}
	p.in.SecurityGroups = append(p.in.SecurityGroups, sg)
	switch {
	case set.empty():
		for _, d := range directions() {
			sg.Rules(d).Why = fmt.Sprintf("the DescribeSecurityGroupPolicies response of %s holds no SecurityGroupPolicySet, so its rules are unknown", addr)
		}
		return
	case set.kind != kindObject:
		p.errorf(set.rng, "invalid value", "SecurityGroupPolicySet must be an object, not %s.", set.kind)
		for _, d := range directions() {
			sg.Rules(d).Why = fmt.Sprintf("the SecurityGroupPolicySet of %s cannot be read, so its rules are unknown", addr)
		}
		return
	}
	for _, d := range directions() {
		p.direction(sg, d, set)
	}
	owner := model.WrittenValue(addr, declRng)
	if id.Known() {
		owner = id
	}
	p.in.RuleOwners = append(p.in.RuleOwners, &model.RuleOwner{Resource: res, Kind: model.OwnerPolicySet, SecurityGroup: owner})
}

func directions() []model.Direction { return []model.Direction{model.Ingress, model.Egress} }

// directionKey is the key of direction d in a policy set.
func directionKey(d model.Direction) string {
	if d == model.Egress {
		return "Egress"
	}
	return "Ingress"
}

// idPrefix returns the cloud id that name starts with: prefix and eight
// letters or digits (`sg-1a2b3c4d`), then the end or one of `-`, `_`, `.`.
func idPrefix(name, prefix string) (string, bool) {
	n := len(prefix) + 8
	if len(name) < n || name[:len(prefix)] != prefix {
		return "", false
	}
	for _, c := range []byte(name[len(prefix):n]) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return "", false
		}
	}
	if len(name) > n && !strings.ContainsRune("-_.", rune(name[n])) {
		return "", false
	}
	return name[:n], true
}

// groupID returns the cloud id and address of the group a policy response
// is about.
func (p *parser) groupID(subj subject, at model.Range) (id model.String, addr string) {
	if !subj.fromFile {
		return model.WrittenValue(subj.key, subj.rng), subj.key
	}
	if prefix, ok := idPrefix(subj.key, "sg-"); ok {
		return model.WrittenValue(prefix, at), prefix
	}
	p.notef(at, "this DescribeSecurityGroupPolicies response does not name its security group, so it is named %q after its file; "+
		"name the file after the group's id (sg-xxxxxxxx.json) or put it in a bundle keyed by the id", subj.key)
	return model.UnresolvedValue[string](at, fmt.Sprintf("the export does not give the id of security group %q", subj.key)), subj.key
}

// direction reads the Ingress or Egress array of a policy set, in
// PolicyIndex order (array order when some policy has no PolicyIndex).
func (p *parser) direction(sg *model.SecurityGroup, d model.Direction, set *node) {
	key := directionKey(d)
	list := sg.Rules(d)
	arr := set.get(key)
	switch {
	case arr == nil || arr.kind == kindNull:
		list.Why = fmt.Sprintf("the policy set of %s gives no %s array, so its %s rules are unknown", sg.Resource.Address, key, d)
		return
	case arr.kind != kindArray:
		p.errorf(arr.rng, "invalid value", "%s must be an array of policies, not %s.", key, arr.kind)
		list.Why = fmt.Sprintf("the %s array of %s cannot be read, so its %s rules are unknown", key, sg.Resource.Address, d)
		return
	}
	list.Complete, list.Ordered = true, true
	// The rules of a direction live and die together: one allocation
	// holds them all, without the rounding up of each to its size class.
	objects := 0
	for _, e := range arr.elems {
		if e.kind == kindObject {
			objects++
		}
	}
	slab := make([]model.Rule, objects)
	rules := make([]*model.Rule, 0, objects)
	for _, e := range arr.elems {
		if e.kind != kindObject {
			p.errorf(e.rng, "invalid value", "A policy must be an object, not %s.", e.kind)
			list.Complete = false
			list.Why = fmt.Sprintf("a policy in the %s array of %s cannot be read, so its %s rules are not all known", key, sg.Resource.Address, d)
			continue
		}
		r := &slab[len(rules)]
		p.policy(r, sg.Resource, d, e)
		rules = append(rules, r)
	}
	indexed := 0
	for _, r := range rules {
		if r.PolicyIndex.IsWritten() {
			indexed++
		}
	}
	switch {
	case indexed == len(rules):
		slices.SortStableFunc(rules, func(a, b *model.Rule) int { return a.PolicyIndex.Value() - b.PolicyIndex.Value() })
	case indexed > 0:
		p.notef(arr.rng, "some policies of the %s array of %s have no PolicyIndex, so array order is taken as their priority", key, sg.Resource.Address)
	}
	for i, r := range rules {
		r.Position = i
	}
	list.Rules = rules
}

// policy maps one SecurityGroupPolicy object into r, a zero rule. Its
// fields are set one by one, in the order a composite literal would set
// them: a literal assigned to *r is built aside and then copied, 1.5 KB
// for each of an export's hundreds of thousands of rules.
func (p *parser) policy(r *model.Rule, owner model.Resource, d model.Direction, obj *node) {
	f := policyFieldsOf(obj)
	r.Owner, r.Kind, r.Direction, r.Range = owner, model.PolicyRule, d, obj.rng
	r.Action = p.strOf(f.action, "Action", "", obj.rng)
	r.CIDR = p.optionalOf(f.cidr, "CidrBlock", "", obj.rng)
	r.IPv6CIDR = p.optionalOf(f.ipv6, "Ipv6CidrBlock", "", obj.rng)
	r.SecurityGroup = p.optionalOf(f.group, "SecurityGroupId", "", obj.rng)
	r.Description = p.strOf(f.description, "PolicyDescription", "", obj.rng)
	r.PolicyIndex = p.integerOf(f.index, obj, "PolicyIndex")
	r.AddressTemplate, r.AddressTemplateGroup = p.pairOf(f.address, obj, "AddressTemplate", "AddressId", "AddressGroupId")
	r.ServiceTemplate, r.ServiceTemplateGroup = p.pairOf(f.service, obj, "ServiceTemplate", "ServiceId", "ServiceGroupId")
	def := "ALL"
	if r.ServiceTemplate.State() != model.Defaulted || r.ServiceTemplateGroup.State() != model.Defaulted {
		def = ""
	}
	r.Protocol = p.optionalOf(f.protocol, "Protocol", def, obj.rng)
	r.Port = p.optionalOf(f.port, "Port", def, obj.rng)
	// Findings about a policy point at its peer, the CidrBlock of the rule
	// (docs/design.md#the-model): in a pretty-printed export that is the
	// line a reader looks for, not the object's opening brace.
	for _, peer := range []*model.String{&r.CIDR, &r.IPv6CIDR, &r.SecurityGroup, &r.AddressTemplate, &r.AddressTemplateGroup} {
		if v, ok := peer.Get(); peer.State() == model.Written && (!ok || v != "") {
			r.Range = peer.Range()
			break
		}
	}
}

// policyFields are the values of the keys of a policy that policy reads.
type policyFields struct {
	action, cidr, ipv6, group, description, index, address, service, protocol, port *node
}

// policyFieldsOf finds the values of a policy's keys in one pass over its
// members, the last of a key given twice, as get finds it: a policy has a
// dozen keys, and looking each up on its own was a tenth of the parse.
func policyFieldsOf(obj *node) policyFields {
	var f policyFields
	for i := range obj.fields {
		m := &obj.fields[i]
		switch m.key {
		case "Action":
			f.action = m.val
		case "CidrBlock":
			f.cidr = m.val
		case "Ipv6CidrBlock":
			f.ipv6 = m.val
		case "SecurityGroupId":
			f.group = m.val
		case "PolicyDescription":
			f.description = m.val
		case "PolicyIndex":
			f.index = m.val
		case "AddressTemplate":
			f.address = m.val
		case "ServiceTemplate":
			f.service = m.val
		case "Protocol":
			f.protocol = m.val
		case "Port":
			f.port = m.val
		}
	}
	return f
}

// pairOf reads t, the value of key of obj, as an AddressTemplate or
// ServiceTemplate object: its two ids.
func (p *parser) pairOf(t, obj *node, key, idKey, groupKey string) (id, group model.String) {
	t = p.objectOf(t, key)
	if t == nil {
		return none(obj.rng), none(obj.rng)
	}
	return model.OmitEmpty(p.strOf(t.get(idKey), idKey, "", obj.rng), ""), model.OmitEmpty(p.strOf(t.get(groupKey), groupKey, "", obj.rng), "")
}
