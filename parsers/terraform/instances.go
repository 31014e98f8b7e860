package terraform

import "github.com/tkesglint/tkesglint/parsers/model"

// instance maps a tencentcloud_instance or tencentcloud_eni with the
// security groups its own fields bind.
func (b *builder) instance(r *resource) {
	blk := b.open(r, schema([]string{"orderly_security_groups", "security_groups", "vpc_id", "subnet_id"}))
	in := &model.Instance{
		Resource: r.res,
		ID:       unknownID(r),
		VPC:      blk.str("vpc_id", ""),
		Subnet:   blk.str("subnet_id", ""),
	}
	orderly, set := blk.attr("orderly_security_groups") != nil, blk.attr("security_groups") != nil
	var ordered model.StringList
	if orderly {
		ordered = blk.list("orderly_security_groups")
	}
	switch {
	case orderly && (ordered.Known() || !set):
		in.Bindings = append(in.Bindings, model.Binding{Field: "orderly_security_groups", Groups: ordered, Ordered: true, Origin: blk.origin("orderly_security_groups")})
	case set:
		// In a plan, the computed orderly field is unknown while the
		// deprecated set holds the groups.
		bd := blk.binding("security_groups", "security_groups", false)
		bd.OrderedField = "orderly_security_groups"
		in.Bindings = append(in.Bindings, bd)
	}
	b.in.Instances = append(b.in.Instances, in)
	b.instances[r.address()] = in
}

// instanceByRef returns the instance that ref (an address or a cloud id)
// names, creating one that only has the id when the input does not define
// it.
// An instance whose reference is unresolved is named by fallback.
func (b *builder) instanceByRef(ref model.String, typ, fallback string) *model.Instance {
	key := ref.Value()
	if !ref.IsWritten() {
		key = ""
	}
	if in, ok := b.instances[key]; ok && key != "" {
		return in
	}
	at := ref.Range()
	addr := key
	if addr == "" {
		addr = fallback
	}
	in := &model.Instance{
		Resource: model.Resource{Address: addr, Type: typ, Range: at, DeclRange: at},
		ID:       ref,
		VPC:      model.DefaultedValue("", at),
		Subnet:   model.DefaultedValue("", at),
	}
	b.in.Instances = append(b.in.Instances, in)
	if key != "" {
		b.instances[key] = in
	}
	return in
}

// cvmAttachment maps a tencentcloud_cvm_security_group_attachment: one more
// group bound to a CVM.
func (b *builder) cvmAttachment(r *resource) {
	blk := b.open(r, schema([]string{"instance_id", "security_group_id"}))
	in := b.instanceByRef(blk.str("instance_id", ""), "tencentcloud_instance", r.address()+".instance_id")
	sg := blk.str("security_group_id", "")
	groups := model.WrittenValue([]model.String{sg}, sg.Range())
	if !sg.Known() {
		groups = model.UnresolvedValue[[]model.String](sg.Range(), sg.Reason())
	}
	in.Bindings = append(in.Bindings, model.Binding{Field: "security_group_id", Groups: groups, Ordered: true, Origin: blk.origin("security_group_id")})
}

// eniAttachment maps a tencentcloud_eni_sg_attachment: groups bound to the
// ENIs it names.
func (b *builder) eniAttachment(r *resource) {
	blk := b.open(r, schema([]string{"network_interface_ids", "security_group_ids"}))
	groups := blk.list("security_group_ids")
	enis := blk.list("network_interface_ids")
	if !enis.Known() {
		in := b.instanceByRef(model.UnresolvedValue[string](enis.Range(), enis.Reason()), "tencentcloud_eni", r.address()+".network_interface_ids")
		in.Bindings = append(in.Bindings, model.Binding{Field: "security_group_ids", Groups: groups, Origin: blk.origin("security_group_ids")})
		return
	}
	for _, id := range enis.Value() {
		in := b.instanceByRef(id, "tencentcloud_eni", r.address()+".network_interface_ids")
		in.Bindings = append(in.Bindings, model.Binding{Field: "security_group_ids", Groups: groups, Origin: blk.origin("security_group_ids")})
	}
}
