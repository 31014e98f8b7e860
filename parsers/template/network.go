package template

import (
	"slices"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// vpc maps a TencentCloud::VPC::VPC.
func (b *builder) vpc(r *resource, o *object) {
	b.in.VPCs = append(b.in.VPCs, &model.VPC{
		Resource:       r.res,
		ID:             pendingID(r),
		Name:           o.str("VpcName", ""),
		CIDR:           o.str("CidrBlock", ""),
		AssistantCIDRs: o.list("AssistantCidrs"),
		CIDRField:      "CidrBlock", AssistantCIDRsField: "AssistantCidrs",
	})
}

// subnet maps a TencentCloud::VPC::Subnet.
func (b *builder) subnet(r *resource, o *object) {
	s := &model.Subnet{
		Resource:  r.res,
		ID:        pendingID(r),
		VPC:       o.str("VpcId", ""),
		CIDR:      o.str("CidrBlock", ""),
		CIDRField: "CidrBlock",
	}
	b.wantType(s.VPC, "VpcId", typeVPC)
	b.in.Subnets = append(b.in.Subnets, s)
}

// addressTemplate maps TencentCloud::VPC::AddressTemplate and
// TencentCloud::VPC::AddressTemplateGroup.
func (b *builder) addressTemplate(r *resource, o *object) {
	t := &model.AddressTemplate{
		Resource:  r.res,
		ID:        pendingID(r),
		Group:     r.typ == typeAddressTemplateGroup,
		Addresses: model.DefaultedValue[[]model.String](nil, o.rng),
		Members:   model.DefaultedValue[[]model.String](nil, o.rng),
	}
	if t.Group {
		t.Name = o.str("AddressTemplateGroupName", "")
		t.Members = o.list("AddressTemplateIds")
		b.wantTypes(t.Members, "AddressTemplateIds", typeAddressTemplate)
	} else {
		t.Name = o.str("AddressTemplateName", "")
		t.Addresses = o.list("Addresses")
	}
	b.in.AddressTemplates = append(b.in.AddressTemplates, t)
}

// serviceTemplate maps TencentCloud::VPC::ServiceTemplate and
// TencentCloud::VPC::ServiceTemplateGroup.
func (b *builder) serviceTemplate(r *resource, o *object) {
	t := &model.ServiceTemplate{
		Resource: r.res,
		ID:       pendingID(r),
		Group:    r.typ == typeServiceTemplateGroup,
		Services: model.DefaultedValue[[]model.String](nil, o.rng),
		Members:  model.DefaultedValue[[]model.String](nil, o.rng),
	}
	if t.Group {
		t.Name = o.str("ServiceTemplateGroupName", "")
		t.Members = o.list("ServiceTemplateIds")
		b.wantTypes(t.Members, "ServiceTemplateIds", typeServiceTemplate)
	} else {
		t.Name = o.str("ServiceTemplateName", "")
		t.Services = o.list("Services")
	}
	b.in.ServiceTemplates = append(b.in.ServiceTemplates, t)
}

// instance maps a TencentCloud::CVM::Instance with its ordered binding.
func (b *builder) instance(r *resource, o *object) {
	vpc := o.sub("VirtualPrivateCloud", "the VirtualPrivateCloud of "+r.id,
		"VpcId", "SubnetId", "PrivateIpAddresses", "AsVpcGateway", "Ipv6AddressCount")
	in := &model.Instance{
		Resource: r.res,
		ID:       pendingID(r),
		VPC:      vpc.str("VpcId", ""),
		Subnet:   vpc.str("SubnetId", ""),
	}
	vpc.finish()
	b.wantType(in.VPC, "VpcId", typeVPC)
	b.wantType(in.Subnet, "SubnetId", typeSubnet)
	if _, ok := o.fields["SecurityGroupIds"]; ok {
		groups := o.list("SecurityGroupIds")
		b.wantTypes(groups, "SecurityGroupIds", typeSecurityGroup)
		in.Bindings = append(in.Bindings, model.Binding{Field: "SecurityGroupIds", Groups: groups, Ordered: true})
	}
	b.in.Instances = append(b.in.Instances, in)
}

// wantType reports a value that names a resource of the template of
// another type than want (a VpcId that is a Ref to a subnet).
func (b *builder) wantType(v model.String, field string, want ...string) {
	s, ok := v.Get()
	if !ok || !v.IsWritten() {
		return
	}
	r := b.e.resources[s]
	if r == nil {
		return
	}
	if slices.Contains(want, r.typ) {
		return
	}
	b.src.errAt(v.Range(), "incorrect reference", "%s names %s, which is a %s, not a %s", field, s, r.typ, want[0])
}

// wantTypes checks each element of a list with wantType.
func (b *builder) wantTypes(l model.StringList, field string, want ...string) {
	for _, v := range l.Value() {
		b.wantType(v, field, want...)
	}
}
