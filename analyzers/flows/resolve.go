package flows

import "github.com/tkesglint/tkesglint/parsers/model"

// Resolver finds the security groups and templates that rules name, by
// address or by cloud id.
type Resolver struct {
	groups map[string]*model.SecurityGroup
	// names counts the groups that share a display name: a symbol must
	// tell two groups called alike apart.
	names   map[string]int
	addrs   map[string]*model.AddressTemplate
	service map[string]*model.ServiceTemplate
}

// NewResolver indexes the groups and templates of in.
func NewResolver(in *model.Input) *Resolver {
	r := &Resolver{
		groups:  map[string]*model.SecurityGroup{},
		names:   map[string]int{},
		addrs:   map[string]*model.AddressTemplate{},
		service: map[string]*model.ServiceTemplate{},
	}
	for _, sg := range in.SecurityGroups {
		r.names[sg.DisplayName()]++
		for _, ref := range sg.Refs() {
			if _, dup := r.groups[ref]; !dup {
				r.groups[ref] = sg
			}
		}
	}
	for _, t := range in.AddressTemplates {
		for _, ref := range refs(t.Resource, t.ID) {
			r.addrs[ref] = t
		}
	}
	for _, t := range in.ServiceTemplates {
		for _, ref := range refs(t.Resource, t.ID) {
			r.service[ref] = t
		}
	}
	return r
}

func refs(res model.Resource, id model.String) []string {
	out := []string{res.Address}
	if v, ok := id.Get(); ok && v != "" {
		out = append(out, v)
	}
	return out
}

// SecurityGroup returns the group that ref (an address or id) names, or nil.
func (r *Resolver) SecurityGroup(ref string) *model.SecurityGroup {
	if r == nil {
		return nil
	}
	return r.groups[ref]
}

// templateName names an address template for messages: "template <name>"
// when the input names it, else the reference as written.
func (r *Resolver) templateName(ref string) string {
	if r != nil {
		if t := r.addrs[ref]; t != nil {
			if n, ok := t.Name.Get(); ok && n != "" {
				return "template " + n
			}
		}
	}
	return ref
}

// GroupSymbol returns the opaque peer that stands for the members of the
// group ref names. The same group gives the same symbol whether it is named by
// address or by id.
func (r *Resolver) GroupSymbol(ref string) string {
	if sg := r.SecurityGroup(ref); sg != nil {
		if name := sg.DisplayName(); r.names[name] > 1 && name != sg.Resource.Address {
			// Tencent Cloud does not make names unique: two groups called
			// alike are still two sets of members.
			return "sg " + name + " (" + sg.Resource.Address + ")"
		}
		return "sg " + sg.DisplayName()
	}
	return "sg " + ref
}
