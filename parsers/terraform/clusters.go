package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// cluster maps a tencentcloud_kubernetes_cluster with its worker, master
// and existing-instance groups and its endpoint fields.
func (b *builder) cluster(r *resource) {
	blk := b.open(r, schema([]string{
		"cluster_name", "vpc_id", "cluster_cidr", "service_cidr", "network_type", "eni_subnet_ids",
		"cluster_deploy_type", "cluster_internet", "cluster_internet_security_group", "cluster_intranet",
		"cluster_intranet_subnet_id", "managed_cluster_internet_security_policies",
	}, "worker_config", "master_config", "exist_instance"))
	c := &model.Cluster{
		Resource:    r.res,
		ID:          unknownID(r),
		Name:        blk.str("cluster_name", ""),
		VPC:         blk.str("vpc_id", ""),
		ClusterCIDR: blk.str("cluster_cidr", ""),
		ServiceCIDR: blk.str("service_cidr", ""),
		NetworkType: blk.str("network_type", "GR"),
		ENISubnets:  blk.list("eni_subnet_ids"),
		DeployType:  blk.str("cluster_deploy_type", "MANAGED_CLUSTER"),
		Endpoint: model.Endpoint{
			Internet:                   blk.boolean("cluster_internet"),
			InternetSecurityGroup:      blk.str("cluster_internet_security_group", ""),
			InternetSecurityGroupField: "cluster_internet_security_group",
			Intranet:                   blk.boolean("cluster_intranet"),
			IntranetSecurityGroup:      model.DefaultedValue("", blk.rng),
			IntranetSubnet:             blk.str("cluster_intranet_subnet_id", ""),
		},
		DeprecatedInternetPolicies:      blk.list("managed_cluster_internet_security_policies"),
		DeprecatedInternetPoliciesField: "managed_cluster_internet_security_policies",
		Defined:                         true,
	}
	nameClusterFields(c)
	unknown := b.unknownDynamic(r)
	for i, nb := range blk.blocks("worker_config") {
		c.NodeGroups = append(c.NodeGroups, b.configGroup(r, nb, i, model.WorkerConfig, unknown[nb.DefRange]))
	}
	for i, nb := range blk.blocks("master_config") {
		c.MasterGroups = append(c.MasterGroups, b.configGroup(r, nb, i, model.MasterConfig, unknown[nb.DefRange]))
	}
	for i, nb := range blk.blocks("exist_instance") {
		b.existInstance(r, c, nb, i)
	}
	b.in.Clusters = append(b.in.Clusters, c)
	b.clusters[r.address()] = c
}

// groupResource locates a block nested in r as a resource of its own,
// created by the same module calls and under the same condition as r.
func (b *builder) groupResource(r *resource, nb *hcl.Block, path string) model.Resource {
	return model.Resource{
		Address:   r.address() + "." + path,
		Type:      r.typ,
		Range:     b.s.pos.rng(b.s.wholeRange(nb)),
		DeclRange: b.s.pos.rng(nb.DefRange),
		CallChain: r.res.CallChain,
		Module:    r.res.Module,
		Condition: r.res.Condition,
	}
}

// configGroup maps a worker_config or master_config block. A block that a
// dynamic block over a collection that is not known makes stands for the
// groups it may make, none included: unless, says why, the group exists
// only under that condition.
func (b *builder) configGroup(r *resource, nb *hcl.Block, i int, kind model.NodeGroupKind, unless string) *model.NodeGroup {
	blk := b.nested(nb, schema([]string{"security_group_ids", "subnet_id"}))
	g := &model.NodeGroup{
		Resource:  b.groupResource(r, nb, fmt.Sprintf("%s[%d]", nb.Type, i)),
		Kind:      kind,
		Binding:   blk.binding(nb.Type+".security_group_ids", "security_group_ids", true),
		Subnets:   single(blk.str("subnet_id", "")),
		Instances: model.DefaultedValue[[]model.String](nil, blk.rng),
	}
	if unless != "" && g.Resource.Condition == "" {
		g.Resource.Condition = unless
	}
	return g
}

// existInstance maps the instances_para blocks of one exist_instance block;
// node_role MASTER_ETCD makes them master groups.
func (b *builder) existInstance(r *resource, c *model.Cluster, nb *hcl.Block, i int) {
	blk := b.nested(nb, schema([]string{"node_role"}, "instances_para"))
	role := blk.str("node_role", "WORKER")
	for j, pb := range blk.blocks("instances_para") {
		p := b.nested(pb, schema([]string{"instance_ids", "security_group_ids"}))
		g := &model.NodeGroup{
			Resource:  b.groupResource(r, pb, fmt.Sprintf("exist_instance[%d].instances_para[%d]", i, j)),
			Kind:      model.ExistInstance,
			Binding:   p.binding("exist_instance.instances_para.security_group_ids", "security_group_ids", true),
			Subnets:   model.DefaultedValue[[]model.String](nil, p.rng),
			Instances: p.list("instance_ids"),
		}
		if v, ok := role.Get(); ok && strings.EqualFold(v, "MASTER_ETCD") {
			c.MasterGroups = append(c.MasterGroups, g)
		} else {
			c.NodeGroups = append(c.NodeGroups, g)
		}
	}
}

// single makes a one-element list of v, or a defaulted empty list.
func single(v model.String) model.StringList {
	switch v.State() {
	case model.Defaulted:
		return model.DefaultedValue[[]model.String](nil, v.Range())
	case model.Unresolved:
		return model.UnresolvedValue[[]model.String](v.Range(), v.Reason())
	case model.Written:
	}
	return model.WrittenValue([]model.String{v}, v.Range())
}

// clusterByRef returns the cluster that cluster_id names, creating one that
// has only the id when the input does not define it. A cluster_id that is
// not known gives a cluster of its own, named after the attribute.
func (b *builder) clusterByRef(r *resource, ref model.String) *model.Cluster {
	key := ref.Value()
	if ref.IsWritten() {
		if c, ok := b.clusters[key]; ok {
			return c
		}
	} else {
		key = r.address() + ".cluster_id"
		if ref.State() == model.Defaulted {
			ref = model.UnresolvedValue[string](ref.Range(), "cluster_id is not set")
		}
	}
	c := model.ClusterKnownByID(ref, key, "tencentcloud_kubernetes_cluster")
	nameClusterFields(c)
	b.in.Clusters = append(b.in.Clusters, c)
	b.clusters[key] = c
	return c
}

// endpoint maps a tencentcloud_kubernetes_cluster_endpoint into the
// endpoint of its cluster.
func (b *builder) endpoint(r *resource) {
	blk := b.open(r, schema([]string{
		"cluster_id", "cluster_internet", "cluster_internet_security_group", "cluster_intranet",
		"cluster_intranet_security_group", "cluster_intranet_subnet_id",
	}))
	c := b.clusterByRef(r, blk.str("cluster_id", ""))
	res := r.res
	c.Endpoint = model.Endpoint{
		Internet:                   blk.boolean("cluster_internet"),
		InternetSecurityGroup:      blk.str("cluster_internet_security_group", ""),
		InternetSecurityGroupField: "cluster_internet_security_group",
		Intranet:                   blk.boolean("cluster_intranet"),
		IntranetSecurityGroup:      blk.str("cluster_intranet_security_group", ""),
		IntranetSubnet:             blk.str("cluster_intranet_subnet_id", ""),
		Resource:                   &res,
	}
}

// nodeGroup maps node pools, native node pools, scale workers, auto-scaling
// groups, cluster and master attachments and serverless node pools into
// groups of their cluster.
func (b *builder) nodeGroup(r *resource) {
	blk := b.open(r, schema([]string{
		"cluster_id", "subnet_ids", "instance_id", "security_groups", "security_group_ids",
	}, "auto_scaling_config", "auto_scaling_group", "native", "worker_config", "serverless_nodes"))
	c := b.clusterByRef(r, blk.str("cluster_id", ""))
	noList := model.DefaultedValue[[]model.String](nil, blk.rng)
	g := &model.NodeGroup{Resource: r.res, Subnets: noList, Instances: noList}
	master := false
	switch r.typ {
	case "tencentcloud_kubernetes_node_pool":
		g.Kind = model.NodePool
		g.Subnets = blk.list("subnet_ids")
		g.Binding = b.nodePoolBinding(blk, noList)
	case "tencentcloud_kubernetes_native_node_pool":
		g.Kind = model.NativeNodePool
		g.Binding = model.Binding{Field: "native.security_group_ids", Groups: noList, Ordered: true}
		if nbs := blk.blocks("native"); len(nbs) > 0 {
			n := b.nested(nbs[0], schema([]string{"security_group_ids", "subnet_ids"}))
			g.Binding = n.binding(g.Binding.Field, "security_group_ids", true)
			g.Subnets = n.list("subnet_ids")
		}
	case "tencentcloud_kubernetes_scale_worker":
		g.Kind = model.ScaleWorker
		g.Binding = model.Binding{Field: "worker_config.security_group_ids", Groups: noList, Ordered: true}
		if nbs := blk.blocks("worker_config"); len(nbs) > 0 {
			w := b.nested(nbs[0], schema([]string{"security_group_ids", "subnet_id"}))
			g.Binding = w.binding(g.Binding.Field, "security_group_ids", true)
			g.Subnets = single(w.str("subnet_id", ""))
		}
	case "tencentcloud_kubernetes_as_scaling_group":
		g.Kind = model.ScalingGroup
		b.scalingGroup(blk, g, noList)
	case "tencentcloud_kubernetes_cluster_attachment":
		g.Kind = model.ClusterAttachment
		g.Binding = blk.binding("security_groups", "security_groups", true)
		g.Instances = single(blk.str("instance_id", ""))
	case "tencentcloud_kubernetes_cluster_master_attachment":
		g.Kind = model.MasterAttachment
		g.Binding = blk.binding("security_group_ids", "security_group_ids", true)
		g.Instances = single(blk.str("instance_id", ""))
		master = true
	case "tencentcloud_kubernetes_serverless_node_pool":
		g.Kind = model.ServerlessNodePool
		g.Binding = blk.binding("security_group_ids", "security_group_ids", true)
		var subnets []model.String
		for _, nb := range blk.blocks("serverless_nodes") {
			if s := b.nested(nb, schema([]string{"subnet_id"})).str("subnet_id", ""); s.State() != model.Defaulted {
				subnets = append(subnets, s)
			}
		}
		if len(subnets) > 0 {
			g.Subnets = model.WrittenValue(subnets, blk.rng)
		}
	}
	if master {
		c.MasterGroups = append(c.MasterGroups, g)
	} else {
		c.NodeGroups = append(c.NodeGroups, g)
	}
}

// nodePoolBinding reads the binding of a node pool's auto_scaling_config:
// orderly_security_group_ids, or the deprecated set security_group_ids.
func (b *builder) nodePoolBinding(blk *block, noList model.StringList) model.Binding {
	bd := model.Binding{Field: "auto_scaling_config.orderly_security_group_ids", Groups: noList, Ordered: true}
	nbs := blk.blocks("auto_scaling_config")
	if len(nbs) == 0 {
		return bd
	}
	asc := b.nested(nbs[0], schema([]string{"orderly_security_group_ids", "security_group_ids"}))
	bd.Groups = model.DefaultedValue[[]model.String](nil, asc.rng)
	orderly, set := asc.attr("orderly_security_group_ids") != nil, asc.attr("security_group_ids") != nil
	var ordered model.StringList
	if orderly {
		ordered = asc.list("orderly_security_group_ids")
	}
	switch {
	case orderly && (ordered.Known() || !set):
		bd.Groups, bd.Origin = ordered, asc.origin("orderly_security_group_ids")
	case set:
		// In a plan, the computed orderly field is unknown while the
		// deprecated set holds the groups.
		bd = asc.binding("auto_scaling_config.security_group_ids", "security_group_ids", false)
		bd.OrderedField = "orderly_security_group_ids"
	}
	return bd
}

// scalingGroup reads the binding and subnets of a
// tencentcloud_kubernetes_as_scaling_group. The provider's
// auto_scaling_config.security_group_ids is a list: its order is kept.
func (b *builder) scalingGroup(blk *block, g *model.NodeGroup, noList model.StringList) {
	g.Binding = model.Binding{Field: "auto_scaling_config.security_group_ids", Groups: noList, Ordered: true}
	if nbs := blk.blocks("auto_scaling_config"); len(nbs) > 0 {
		asc := b.nested(nbs[0], schema([]string{"security_group_ids"}))
		g.Binding = asc.binding(g.Binding.Field, "security_group_ids", true)
	}
	if nbs := blk.blocks("auto_scaling_group"); len(nbs) > 0 {
		g.Subnets = b.nested(nbs[0], schema([]string{"subnet_ids"})).list("subnet_ids")
	}
}

// nameClusterFields names the fields of a cluster that messages about its
// networks cite, as tencentcloud_kubernetes_cluster writes them.
func nameClusterFields(c *model.Cluster) {
	c.VPCField, c.ClusterCIDRField, c.ServiceCIDRField, c.ENISubnetsField = "vpc_id", "cluster_cidr", "service_cidr", "eni_subnet_ids"
}
