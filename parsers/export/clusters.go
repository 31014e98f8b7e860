package export

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// clusters maps a tke DescribeClusters response.
func (p *parser) clusters(data *node) {
	for _, e := range p.dataList(data, "Clusters") {
		id, ok := p.idOf(e, "ClusterId", "Clusters")
		if !ok {
			continue
		}
		c := &model.Cluster{
			Resource:    model.Resource{Address: id.Value(), Type: actClusters, Range: e.rng, DeclRange: id.Range()},
			ID:          id,
			Name:        p.str(e, "ClusterName", ""),
			VPC:         none(e.rng),
			ClusterCIDR: none(e.rng),
			ServiceCIDR: none(e.rng),
			NetworkType: p.networkType(e, id.Value()),
			ENISubnets:  noList(e.rng),
			DeployType:  p.str(e, "ClusterType", "MANAGED_CLUSTER"),
			Endpoint:    noEndpoint(e.rng),
			// DescribeClusterEndpoints gives the endpoint's ACL.
			DeprecatedInternetPolicies: noList(e.rng),
			VPCField:                   fieldVPC, ClusterCIDRField: fieldClusterCIDR, ServiceCIDRField: fieldServiceCIDR, ENISubnetsField: fieldENISubnets,
			Defined: true,
		}
		if net := p.object(e, "ClusterNetworkSettings"); net != nil {
			c.VPC = p.str(net, "VpcId", "")
			c.ClusterCIDR = p.str(net, "ClusterCIDR", "")
			c.ServiceCIDR = p.str(net, "ServiceCIDR", "")
			c.ENISubnets = p.list(net, "Subnets")
		}
		p.in.Clusters = append(p.in.Clusters, c)
	}
}

// networkType reads NetworkType from the cluster's Property, which the API
// gives as JSON inside a string; the value's range is that of the string.
func (p *parser) networkType(e *node, id string) model.String {
	prop := e.get("Property")
	switch {
	case prop.empty():
		return model.DefaultedValue("GR", e.rng)
	case prop.kind == kindObject:
		return p.strOf(prop.get("NetworkType"), "NetworkType", "GR", prop.rng)
	case prop.kind != kindString:
		p.errorf(prop.rng, "invalid value", "Property must be a string holding a JSON object, not %s.", prop.kind)
		return model.UnresolvedValue[string](prop.rng, "the Property of "+id+" cannot be read")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(prop.text), &fields); err != nil {
		p.notef(prop.rng, "the Property of %s is not a JSON object (%v), so its network type is unknown", id, err)
		return model.UnresolvedValue[string](prop.rng, "the Property of "+id+" is not a JSON object")
	}
	raw, ok := fields["NetworkType"]
	if !ok || string(raw) == "null" {
		return model.DefaultedValue("GR", prop.rng)
	}
	var v string
	if err := json.Unmarshal(raw, &v); err != nil {
		p.notef(prop.rng, "the NetworkType in the Property of %s is not a string, so the network type is unknown", id)
		return model.UnresolvedValue[string](prop.rng, "the NetworkType in the Property of "+id+" is not a string")
	}
	if v == "" {
		return model.DefaultedValue("GR", prop.rng)
	}
	return model.WrittenValue(v, prop.rng)
}

// noEndpoint is the endpoint of a cluster that the export does not describe.
func noEndpoint(r model.Range) model.Endpoint {
	return model.Endpoint{
		Internet: model.DefaultedValue(false, r), InternetSecurityGroup: none(r),
		Intranet: model.DefaultedValue(false, r), IntranetSecurityGroup: none(r), IntranetSubnet: none(r),
	}
}

// clusterID returns the id and address of the cluster a per-cluster
// response is about: a bundle key, or a file name that starts with a
// cluster id.
func (p *parser) clusterID(subj subject, action string, at model.Range) (id model.String, addr string) {
	if !subj.fromFile {
		return model.WrittenValue(subj.key, subj.rng), subj.key
	}
	if prefix, ok := idPrefix(subj.key, "cls-"); ok {
		return model.WrittenValue(prefix, at), prefix
	}
	p.notef(at, "this %s response does not name its cluster, so it is named %q after its file; "+
		"name the file after the cluster's id (cls-xxxxxxxx.json) or put it in a bundle keyed by the id", action, subj.key)
	return model.UnresolvedValue[string](at, fmt.Sprintf("the export does not give the id of cluster %q", subj.key)), subj.key
}

// The fields of DescribeClusters that give a cluster's networks, as
// messages name them.
const (
	fieldVPC         = "ClusterNetworkSettings.VpcId"
	fieldClusterCIDR = "ClusterNetworkSettings.ClusterCIDR"
	fieldServiceCIDR = "ClusterNetworkSettings.ServiceCIDR"
	fieldENISubnets  = "ClusterNetworkSettings.Subnets"
)

// clusterStub is a cluster that a per-cluster response adds to; Merge joins
// it with the cluster of DescribeClusters.
func clusterStub(id model.String, addr, typ string, rng, decl model.Range) *model.Cluster {
	return &model.Cluster{
		Resource:    model.Resource{Address: addr, Type: typ, Range: rng, DeclRange: decl},
		ID:          id,
		Name:        none(decl),
		VPC:         none(decl),
		ClusterCIDR: none(decl), ServiceCIDR: none(decl), NetworkType: none(decl), DeployType: none(decl),
		ENISubnets: noList(decl), DeprecatedInternetPolicies: noList(decl),
		Endpoint: noEndpoint(decl),
		VPCField: fieldVPC, ClusterCIDRField: fieldClusterCIDR, ServiceCIDRField: fieldServiceCIDR, ENISubnetsField: fieldENISubnets,
	}
}

// clusterInstances maps a tke DescribeClusterInstances response: a node
// group per node pool (workers outside pools form one group, masters
// another), whose binding Merge takes from DescribeInstances.
func (p *parser) clusterInstances(subj subject, resp, data *node) {
	decl := resp.keyRange("InstanceSet")
	id, addr := p.clusterID(subj, actClusterInstances, decl)
	c := clusterStub(id, addr, actClusterInstances, resp.rng, decl)
	type pending struct {
		g   *model.NodeGroup
		ids []model.String
	}
	var groups []*pending
	byName := map[string]*pending{}
	for _, e := range p.dataList(data, "InstanceSet") {
		ins, ok := p.idOf(e, "InstanceId", "InstanceSet")
		if !ok {
			continue
		}
		role := p.str(e, "InstanceRole", "WORKER")
		pool := p.str(e, "NodePoolId", "")
		name, kind := "workers", model.WorkerConfig
		switch r := strings.ToUpper(role.Value()); {
		case strings.Contains(r, "MASTER") || strings.Contains(r, "ETCD"):
			name, kind = "masters", model.MasterConfig
		case pool.IsWritten():
			name, kind = pool.Value(), model.NodePool
		}
		g := byName[name]
		if g == nil {
			g = &pending{g: &model.NodeGroup{
				Resource: model.Resource{Address: addr + "/" + name, Type: actClusterInstances, Range: e.rng, DeclRange: ins.Range()},
				Kind:     kind,
				Binding:  model.Binding{Field: "SecurityGroupIds", Ordered: true},
				Subnets:  noList(e.rng),
			}}
			byName[name] = g
			groups = append(groups, g)
		}
		g.ids = append(g.ids, ins)
	}
	for _, g := range groups {
		g.g.Instances = model.WrittenValue(g.ids, data.rng)
		g.g.Binding.Groups = model.UnresolvedValue[[]model.String](g.g.Resource.DeclRange, notListed(g.ids))
		if g.g.Kind == model.MasterConfig {
			c.MasterGroups = append(c.MasterGroups, g.g)
		} else {
			c.NodeGroups = append(c.NodeGroups, g.g)
		}
	}
	p.in.Clusters = append(p.in.Clusters, c)
}

// notListed says why the binding of nodes is unknown.
func notListed(ids []model.String) string {
	names := make([]string, 0, len(ids))
	for i, id := range ids {
		if i == 3 {
			names = append(names, fmt.Sprintf("and %d more", len(ids)-3))
			break
		}
		names = append(names, id.Value())
	}
	return "DescribeInstances in the export does not list " + strings.Join(names, ", ") + ", so the security groups of these nodes are unknown"
}

// endpoints maps a tke DescribeClusterEndpoints response into the endpoint
// of its cluster.
func (p *parser) endpoints(subj subject, resp *node) {
	decl := resp.rng
	if resp.has("ClusterExternalEndpoint") {
		decl = resp.keyRange("ClusterExternalEndpoint")
	}
	id, addr := p.clusterID(subj, actEndpoints, decl)
	c := clusterStub(id, addr, actEndpoints, resp.rng, decl)
	res := model.Resource{Address: addr + "/endpoints", Type: actEndpoints, Range: resp.rng, DeclRange: decl}
	c.Endpoint = model.Endpoint{
		Internet:              p.present(resp, "ClusterExternalEndpoint"),
		InternetSecurityGroup: p.str(resp, "SecurityGroup", ""),
		Intranet:              p.present(resp, "ClusterIntranetEndpoint"),
		IntranetSecurityGroup: p.str(resp, "IntranetSecurityGroup", ""),
		IntranetSubnet:        p.str(resp, "ClusterIntranetSubnetId", ""),
		Resource:              &res,
	}
	c.DeprecatedInternetPolicies = p.list(resp, "ClusterExternalACL")
	c.DeprecatedInternetPoliciesField = "ClusterExternalACL"
	p.in.Clusters = append(p.in.Clusters, c)
}

// present reads an endpoint address as whether the endpoint is open: a
// non-empty address is true; "" and null are false, as the response says
// so; a missing key is defaulted to false.
func (p *parser) present(resp *node, key string) model.Bool {
	n := resp.get(key)
	switch {
	case n == nil:
		return model.DefaultedValue(false, resp.rng)
	case n.kind == kindNull:
		return model.WrittenValue(false, n.rng)
	}
	v := p.strOf(n, key, "", resp.rng)
	if !v.Known() {
		return model.UnresolvedValue[bool](v.Range(), v.Reason())
	}
	return model.WrittenValue(strings.TrimSpace(v.Value()) != "", n.rng)
}
