package template

import (
	"github.com/tkesglint/tkesglint/parsers/model"
)

// cluster maps a TencentCloud::TKE::Cluster: its network, its endpoint and
// its Workers and Masters groups.
func (b *builder) cluster(r *resource, o *object) {
	cidr := o.sub("ClusterCIDRSettings", "the ClusterCIDRSettings of "+r.id, "ClusterCIDR", "ServiceCIDR", "EniSubnetIds")
	ep := o.sub("Endpoint", "the Endpoint of "+r.id, "Internet", "SecurityGroup", "Intranet", "SubnetId", "IntranetSecurityGroup")
	c := &model.Cluster{
		Resource:    r.res,
		ID:          pendingID(r),
		Name:        o.str("ClusterName", ""),
		VPC:         o.str("VpcId", ""),
		ClusterCIDR: cidr.str("ClusterCIDR", ""),
		ServiceCIDR: cidr.str("ServiceCIDR", ""),
		NetworkType: o.str("NetworkType", "GR"),
		ENISubnets:  cidr.list("EniSubnetIds"),
		DeployType:  o.str("ClusterType", "MANAGED_CLUSTER"),
		Endpoint: model.Endpoint{
			Internet:                   ep.boolean("Internet"),
			InternetSecurityGroup:      ep.str("SecurityGroup", ""),
			InternetSecurityGroupField: "Endpoint.SecurityGroup",
			Intranet:                   ep.boolean("Intranet"),
			IntranetSecurityGroup:      ep.str("IntranetSecurityGroup", ""),
			IntranetSubnet:             ep.str("SubnetId", ""),
		},
		DeprecatedInternetPolicies: model.DefaultedValue[[]model.String](nil, o.rng),
		Defined:                    true,
	}
	nameClusterFields(c)
	b.wantType(c.VPC, "VpcId", typeVPC)
	b.wantTypes(c.ENISubnets, "EniSubnetIds", typeSubnet)
	b.wantType(c.Endpoint.InternetSecurityGroup, "SecurityGroup", typeSecurityGroup)
	b.wantType(c.Endpoint.IntranetSecurityGroup, "IntranetSecurityGroup", typeSecurityGroup)
	b.wantType(c.Endpoint.IntranetSubnet, "SubnetId", typeSubnet)
	if g := b.configGroup(r, o, "Workers", model.WorkerConfig); g != nil {
		c.NodeGroups = append(c.NodeGroups, g)
	}
	if g := b.configGroup(r, o, "Masters", model.MasterConfig); g != nil {
		c.MasterGroups = append(c.MasterGroups, g)
	}
	b.in.Clusters = append(b.in.Clusters, c)
	b.clusters[r.id] = c
}

// configGroup maps Workers or Masters into a node group with an ordered
// binding, or returns nil when the cluster does not have the property.
func (b *builder) configGroup(r *resource, o *object, name string, kind model.NodeGroupKind) *model.NodeGroup {
	en, ok := o.fields[name]
	if !ok {
		return nil
	}
	g := o.sub(name, "the "+name+" of "+r.id, "SubnetIds", "SecurityGroupIds")
	if g.null && g.why == "" {
		return nil
	}
	ng := &model.NodeGroup{
		Resource: model.Resource{
			Address:   r.id + "." + name,
			Type:      r.typ,
			Range:     b.src.rng(en.val),
			DeclRange: b.src.rng(en.key),
		},
		Kind:      kind,
		Binding:   model.Binding{Field: name + ".SecurityGroupIds", Groups: g.list("SecurityGroupIds"), Ordered: true},
		Subnets:   g.list("SubnetIds"),
		Instances: model.DefaultedValue[[]model.String](nil, g.rng),
	}
	b.wantTypes(ng.Binding.Groups, "SecurityGroupIds", typeSecurityGroup)
	b.wantTypes(ng.Subnets, "SubnetIds", typeSubnet)
	return ng
}

// nodePool maps a TencentCloud::TKE::NodePool into a node group of its
// cluster.
func (b *builder) nodePool(r *resource, o *object) {
	ref := o.str("ClusterId", "")
	b.wantType(ref, "ClusterId", typeCluster)
	c := b.clusterByRef(r, ref)
	g := &model.NodeGroup{
		Resource:  r.res,
		Kind:      model.NodePool,
		Subnets:   o.list("SubnetIds"),
		Instances: model.DefaultedValue[[]model.String](nil, o.rng),
		Binding:   model.Binding{Field: "SecurityGroupIds", Groups: o.list("SecurityGroupIds"), Ordered: true},
	}
	b.wantTypes(g.Binding.Groups, "SecurityGroupIds", typeSecurityGroup)
	b.wantTypes(g.Subnets, "SubnetIds", typeSubnet)
	c.NodeGroups = append(c.NodeGroups, g)
}

// clusterByRef returns the cluster that ClusterId names, creating one that
// has only the id when the template does not define it. A ClusterId that is
// not known gives a cluster of its own, named after the property.
func (b *builder) clusterByRef(r *resource, ref model.String) *model.Cluster {
	key := ref.Value()
	if ref.IsWritten() && key == "" {
		b.src.errAt(ref.Range(), "missing property", "the ClusterId of node pool %s is empty; it must name its cluster", r.id)
		ref = model.UnresolvedValue[string](ref.Range(), "ClusterId is empty")
	}
	if ref.IsWritten() {
		if c, ok := b.clusters[key]; ok {
			return c
		}
	} else {
		key = r.id + ".ClusterId"
		if ref.State() == model.Defaulted {
			b.src.errAt(r.res.DeclRange, "missing property", "node pool %s has no ClusterId; it must name its cluster", r.id)
			ref = model.UnresolvedValue[string](ref.Range(), "ClusterId is not set")
		}
	}
	c := model.ClusterKnownByID(ref, key, typeCluster)
	nameClusterFields(c)
	b.in.Clusters = append(b.in.Clusters, c)
	b.clusters[key] = c
	return c
}

// nameClusterFields names the fields of a cluster that messages about its
// networks cite, as TencentCloud::TKE::Cluster writes them.
func nameClusterFields(c *model.Cluster) {
	c.VPCField, c.ClusterCIDRField, c.ServiceCIDRField, c.ENISubnetsField = "VpcId", "ClusterCIDRSettings.ClusterCIDR", "ClusterCIDRSettings.ServiceCIDR", "ClusterCIDRSettings.EniSubnetIds"
}
