package export

import (
	"fmt"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// vpcs maps a DescribeVpcs response.
func (p *parser) vpcs(data *node) {
	for _, e := range p.dataList(data, "VpcSet") {
		id, ok := p.idOf(e, "VpcId", "VpcSet")
		if !ok {
			continue
		}
		p.in.VPCs = append(p.in.VPCs, &model.VPC{
			Resource:       model.Resource{Address: id.Value(), Type: actVpcs, Range: e.rng, DeclRange: id.Range()},
			ID:             id,
			Name:           p.str(e, "VpcName", ""),
			CIDR:           p.str(e, "CidrBlock", ""),
			AssistantCIDRs: p.objectList(e, "AssistantCidrSet", "CidrBlock"),
			CIDRField:      "CidrBlock", AssistantCIDRsField: "AssistantCidrSet",
		})
	}
}

// subnets maps a DescribeSubnets response.
func (p *parser) subnets(data *node) {
	for _, e := range p.dataList(data, "SubnetSet") {
		id, ok := p.idOf(e, "SubnetId", "SubnetSet")
		if !ok {
			continue
		}
		p.in.Subnets = append(p.in.Subnets, &model.Subnet{
			Resource:  model.Resource{Address: id.Value(), Type: actSubnets, Range: e.rng, DeclRange: id.Range()},
			ID:        id,
			VPC:       p.str(e, "VpcId", ""),
			CIDR:      p.str(e, "CidrBlock", ""),
			CIDRField: "CidrBlock",
		})
	}
}

// instances maps a cvm DescribeInstances response: each CVM with its
// ordered SecurityGroupIds.
func (p *parser) instances(data *node) {
	for _, e := range p.dataList(data, "InstanceSet") {
		id, ok := p.idOf(e, "InstanceId", "InstanceSet")
		if !ok {
			continue
		}
		groups := p.list(e, "SecurityGroupIds")
		if groups.State() == model.Defaulted {
			groups = model.UnresolvedValue[[]model.String](e.rng,
				fmt.Sprintf("DescribeInstances gives no SecurityGroupIds for %s", id.Value()))
		}
		in := &model.Instance{
			Resource: model.Resource{Address: id.Value(), Type: actInstances, Range: e.rng, DeclRange: id.Range()},
			ID:       id,
			Bindings: []model.Binding{{Field: "SecurityGroupIds", Groups: groups, Ordered: true}},
			VPC:      none(e.rng),
			Subnet:   none(e.rng),
		}
		if vpc := p.object(e, "VirtualPrivateCloud"); vpc != nil {
			in.VPC = p.str(vpc, "VpcId", "")
			in.Subnet = p.str(vpc, "SubnetId", "")
		}
		p.in.Instances = append(p.in.Instances, in)
	}
}
