package requirements

import (
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/topology"
)

// peerSet is what a peer of a requirement stands for in one cluster.
type peerSet struct {
	name  string // as written: container-network, 10.0.0.0/8
	label string // for messages: "container network 172.16.0.0/16"
	addrs flows.Addrs
	// missing says why (part of) the set is unknown.
	missing []string
}

// resolvePeer returns what peer p means for cl.
func resolvePeer(p string, cl *topology.Cluster, res *flows.Resolver) peerSet {
	net := func(label string, n topology.Network) peerSet {
		if !n.Known() {
			// Wholly unknown: an opaque set inside the private ranges, so
			// that a DROP of all of them still counts.
			sym := unknownNetwork(label)
			return peerSet{name: p, label: sym, addrs: flows.Symbol(sym), missing: n.Missing}
		}
		return peerSet{name: p, label: label + " " + strings.Join(n.Written, ","), addrs: n.Addrs, missing: n.Missing}
	}
	switch p {
	case PeerClusterNetwork:
		return net("cluster network", cl.ClusterNet)
	case PeerContainerNetwork:
		return net("container network", cl.ContainerNet)
	case PeerServiceNetwork:
		return net("service network", cl.ServiceNet)
	case PeerLBClients:
		return peerSet{name: p, label: "load-balancer client", addrs: cl.LBClients}
	case PeerWorld:
		return peerSet{name: p, label: "the internet", addrs: flows.World()}
	case PeerWorld4:
		return peerSet{name: p, label: "the IPv4 internet", addrs: flows.World4()}
	case PeerWorld6:
		return peerSet{name: p, label: "the IPv6 internet", addrs: flows.World6()}
	case PeerNodeSG:
		ps := peerSet{name: p, label: "a member of the node security groups"}
		for _, sg := range cl.NodeGroups() {
			ps.addrs = ps.addrs.Union(flows.Symbol(res.GroupSymbol(sg.Resource.Address)))
		}
		if ps.addrs.IsEmpty() {
			ps.missing = []string{"cluster " + cl.Name + " has no node security group"}
		}
		return ps
	}
	a, err := flows.ParseCIDR(p)
	if err != nil {
		return peerSet{name: p, missing: []string{fmt.Sprintf("peer %q: %v", p, err)}}
	}
	return peerSet{name: p, label: p, addrs: a}
}

// unknownSuffix ends the name of the opaque set that stands for a network
// whose CIDRs the input does not give.
const unknownSuffix = " (CIDR unknown)"

// unknownNetwork names that set: "the container network (CIDR unknown)".
func unknownNetwork(label string) string { return "the " + label + unknownSuffix }

// privateRanges are the ranges a VPC and TKE's pod networks are taken from
// (RFC 1918): the bound of a network whose CIDRs are unknown.
func privateRanges() flows.Addrs {
	var a flows.Addrs
	for _, c := range []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"} {
		p, _ := flows.ParseCIDR(c)
		a = a.Union(p)
	}
	return a
}

// row is one flow row of a requirement, resolved for a cluster.
type row struct {
	set   flows.Set
	level string
	peers []peerSet
}

// rows resolves the rows of flows for cl.
func rows(fs []Flow, cl *topology.Cluster, res *flows.Resolver) []row {
	var out []row
	for _, f := range fs {
		protos, ports := service(f)
		r := row{level: f.Level}
		for _, p := range f.Peers {
			ps := resolvePeer(p, cl, res)
			r.peers = append(r.peers, ps)
			r.set = r.set.Union(flows.NewSet(protos, ports, ps.addrs))
		}
		if len(f.Peers) == 0 {
			r.set = flows.NewSet(protos, ports, flows.World())
		}
		out = append(out, r)
	}
	return out
}

// service reads a row's protocol and ports; rulesets are validated when
// loaded, so errors here cannot happen.
func service(f Flow) (flows.Protos, flows.Ports) {
	protos, ok := flows.ParseProto(f.Protocol)
	if !ok {
		protos = flows.AllProtos
	}
	ports, err := flows.ParsePorts(f.Ports)
	if err != nil || f.Ports == "" {
		ports = flows.AllPorts()
	}
	return protos, ports
}

// union returns the union of the rows' sets.
func union(rs []row) flows.Set {
	var s flows.Set
	for _, r := range rs {
		s = s.Union(r.set)
	}
	return s
}

// exceptSet returns the flows an except list takes out of q: rows without
// peers apply to every peer of q, symbols included.
func exceptSet(fs []Flow, q flows.Set, cl *topology.Cluster, res *flows.Resolver) flows.Set {
	var out flows.Set
	for _, f := range fs {
		protos, ports := service(f)
		if len(f.Peers) == 0 {
			out = out.Union(flows.NewSet(protos, ports, flows.World().Union(q.Addrs())))
			continue
		}
		for _, p := range f.Peers {
			out = out.Union(flows.NewSet(protos, ports, resolvePeer(p, cl, res).addrs))
		}
	}
	return out
}

// describe names the peer a witness address belongs to.
func describe(w flows.Flow, rs []row) string {
	for _, r := range rs {
		for _, p := range r.peers {
			probe := flows.NewSet(w.Proto, flows.AllPorts(), flows.Symbol(w.Sym))
			if w.Addr.IsValid() {
				a, _ := flows.ParseCIDR(w.Addr.String())
				probe = flows.NewSet(w.Proto, flows.AllPorts(), a)
			}
			if !probe.Intersect(flows.NewSet(flows.AllProtos, flows.AllPorts(), p.addrs)).IsEmpty() {
				return strings.TrimSpace(p.label)
			}
		}
	}
	return ""
}
