package terraform

import "github.com/tkesglint/tkesglint/parsers/model"

// addressTemplate maps tencentcloud_address_template and
// tencentcloud_address_template_group.
func (b *builder) addressTemplate(r *resource) {
	blk := b.open(r, schema([]string{"name", "addresses", "template_ids"}))
	t := &model.AddressTemplate{
		Resource:  r.res,
		ID:        unknownID(r),
		Name:      blk.str("name", ""),
		Group:     r.typ == "tencentcloud_address_template_group",
		Addresses: model.DefaultedValue[[]model.String](nil, blk.rng),
		Members:   model.DefaultedValue[[]model.String](nil, blk.rng),
	}
	if t.Group {
		t.Members = blk.list("template_ids")
	} else {
		t.Addresses = blk.list("addresses")
	}
	b.in.AddressTemplates = append(b.in.AddressTemplates, t)
}

// serviceTemplate maps tencentcloud_protocol_template and
// tencentcloud_protocol_template_group.
func (b *builder) serviceTemplate(r *resource) {
	blk := b.open(r, schema([]string{"name", "protocols", "template_ids"}))
	t := &model.ServiceTemplate{
		Resource: r.res,
		ID:       unknownID(r),
		Name:     blk.str("name", ""),
		Group:    r.typ == "tencentcloud_protocol_template_group",
		Services: model.DefaultedValue[[]model.String](nil, blk.rng),
		Members:  model.DefaultedValue[[]model.String](nil, blk.rng),
	}
	if t.Group {
		t.Members = blk.list("template_ids")
	} else {
		t.Services = blk.list("protocols")
	}
	b.in.ServiceTemplates = append(b.in.ServiceTemplates, t)
}

// vpc maps a tencentcloud_vpc.
func (b *builder) vpc(r *resource) {
	blk := b.open(r, schema([]string{"name", "cidr_block", "assistant_cidrs"}))
	b.in.VPCs = append(b.in.VPCs, &model.VPC{
		Resource:       r.res,
		ID:             unknownID(r),
		Name:           blk.str("name", ""),
		CIDR:           blk.str("cidr_block", ""),
		AssistantCIDRs: blk.list("assistant_cidrs"),
		CIDRField:      "cidr_block", AssistantCIDRsField: "assistant_cidrs",
	})
}

// subnet maps a tencentcloud_subnet.
func (b *builder) subnet(r *resource) {
	blk := b.open(r, schema([]string{"vpc_id", "cidr_block"}))
	b.in.Subnets = append(b.in.Subnets, &model.Subnet{
		Resource:  r.res,
		ID:        unknownID(r),
		VPC:       blk.str("vpc_id", ""),
		CIDR:      blk.str("cidr_block", ""),
		CIDRField: "cidr_block",
	})
}
