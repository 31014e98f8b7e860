// Package modeltest renders a model as text for the golden tests of every
// parser, so that each input kind is pinned down in one format.
package modeltest

import (
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Dump renders an input as text, one leaf per line, for golden files: each
// value with its state, range and reason.
func Dump(in *model.Input) string {
	var b strings.Builder
	p := func(indent int, format string, args ...any) {
		b.WriteString(strings.Repeat("  ", indent))
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	res := func(i int, r model.Resource) {
		p(i, "resource %s (%s) at %s decl %s", r.Address, r.Type, span(r.Range), span(r.DeclRange))
		if r.Condition != "" {
			p(i+1, "exists only if: %s", r.Condition)
		}
	}
	dumpGroups(p, res, in.SecurityGroups)
	for _, o := range in.RuleOwners {
		p(0, "owner %s kind=%d sg %s", o.Resource.Address, o.Kind, str(o.SecurityGroup))
	}
	for _, t := range in.AddressTemplates {
		p(0, "address template group=%v", t.Group)
		res(1, t.Resource)
		p(1, "name %s", str(t.Name))
		p(1, "addresses %s", list(t.Addresses))
		p(1, "members %s", list(t.Members))
	}
	for _, t := range in.ServiceTemplates {
		p(0, "service template group=%v", t.Group)
		res(1, t.Resource)
		p(1, "name %s", str(t.Name))
		p(1, "services %s", list(t.Services))
		p(1, "members %s", list(t.Members))
	}
	for _, v := range in.VPCs {
		p(0, "vpc")
		res(1, v.Resource)
		p(1, "name %s", str(v.Name))
		p(1, "cidr %s", str(v.CIDR))
		p(1, "assistant %s", list(v.AssistantCIDRs))
	}
	for _, s := range in.Subnets {
		p(0, "subnet")
		res(1, s.Resource)
		p(1, "vpc %s", str(s.VPC))
		p(1, "cidr %s", str(s.CIDR))
	}
	for _, i := range in.Instances {
		p(0, "instance")
		res(1, i.Resource)
		p(1, "id %s", str(i.ID))
		p(1, "vpc %s subnet %s", str(i.VPC), str(i.Subnet))
		for _, bd := range i.Bindings {
			p(1, "binding %s ordered=%v %s", bd.Field, bd.Ordered, list(bd.Groups))
			if !bd.Origin.IsZero() {
				p(2, "chosen at %s", span(bd.Origin))
			}
		}
	}
	dumpClusters(p, res, in.Clusters)
	for _, n := range in.Notes {
		p(0, "note %s: %s", n.Range, n.Message)
	}
	return b.String()
}

func span(r model.Range) string {
	return fmt.Sprintf("%s:%d:%d-%d:%d", r.Filename, r.Start.Line, r.Start.Column, r.End.Line, r.End.Column)
}

func str(v model.String) string {
	switch v.State() {
	case model.Unresolved:
		return fmt.Sprintf("unresolved(%s) @%s", v.Reason(), span(v.Range()))
	case model.Defaulted:
		return fmt.Sprintf("default(%q)", v.Value())
	case model.Written:
	}
	return fmt.Sprintf("%q @%s", v.Value(), span(v.Range()))
}

func list(v model.StringList) string {
	switch v.State() {
	case model.Unresolved:
		return fmt.Sprintf("unresolved(%s) @%s", v.Reason(), span(v.Range()))
	case model.Defaulted:
		return "default([])"
	case model.Written:
	}
	parts := make([]string, 0, len(v.Value()))
	for _, s := range v.Value() {
		parts = append(parts, str(s))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func boolean(v model.Bool) string {
	switch v.State() {
	case model.Unresolved:
		return fmt.Sprintf("unresolved(%s) @%s", v.Reason(), span(v.Range()))
	case model.Defaulted:
		return fmt.Sprintf("default(%v)", v.Value())
	case model.Written:
	}
	return fmt.Sprintf("%v @%s", v.Value(), span(v.Range()))
}

// printer and resPrinter are the line writers Dump hands to its parts.
type (
	printer    = func(indent int, format string, args ...any)
	resPrinter = func(indent int, r model.Resource)
)

func dumpGroups(p printer, res resPrinter, sgs []*model.SecurityGroup) {
	for _, sg := range sgs {
		p(0, "security group defined=%v", sg.Defined)
		res(1, sg.Resource)
		p(1, "id %s", str(sg.ID))
		p(1, "name %s", str(sg.Name))
		p(1, "description %s", str(sg.Description))
		p(1, "project %s", str(sg.ProjectID))
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			l := sg.Rules(d)
			p(1, "%s complete=%v ordered=%v why=%q", d, l.Complete, l.Ordered, l.Why)
			for _, r := range l.Rules {
				p(2, "rule %d kind=%d owner=%s at %s", r.Position, r.Kind, r.Owner.Address, span(r.Range))
				if r.Malformed != "" {
					p(3, "malformed %s", r.Malformed)
					continue
				}
				if r.InputError != "" {
					p(3, "input error %s", r.InputError)
				}
				for _, f := range []struct {
					n string
					v model.String
				}{
					{"action", r.Action}, {"protocol", r.Protocol}, {"port", r.Port}, {"cidr", r.CIDR},
					{"ipv6", r.IPv6CIDR}, {"sg", r.SecurityGroup}, {"ipm", r.AddressTemplate},
					{"ipmg", r.AddressTemplateGroup}, {"ppm", r.ServiceTemplate}, {"ppmg", r.ServiceTemplateGroup},
					{"description", r.Description},
				} {
					if f.v.State() == model.Defaulted && f.v.Value() == "" {
						continue
					}
					p(3, "%s %s", f.n, str(f.v))
				}
				if r.PolicyIndex.State() != model.Defaulted {
					p(3, "policy_index %v %s", r.PolicyIndex.Value(), r.PolicyIndex.State())
				}
			}
		}
	}
}

func dumpClusters(p printer, res resPrinter, cs []*model.Cluster) {
	for _, c := range cs {
		p(0, "cluster")
		res(1, c.Resource)
		p(1, "id %s", str(c.ID))
		p(1, "name %s", str(c.Name))
		p(1, "vpc %s", str(c.VPC))
		p(1, "cluster_cidr %s", str(c.ClusterCIDR))
		p(1, "service_cidr %s", str(c.ServiceCIDR))
		p(1, "network_type %s", str(c.NetworkType))
		p(1, "eni_subnets %s", list(c.ENISubnets))
		p(1, "deploy_type %s", str(c.DeployType))
		e := c.Endpoint
		p(1, "endpoint internet %s sg %s", boolean(e.Internet), str(e.InternetSecurityGroup))
		p(1, "endpoint intranet %s sg %s subnet %s", boolean(e.Intranet), str(e.IntranetSecurityGroup), str(e.IntranetSubnet))
		if e.Resource != nil {
			p(2, "endpoint resource %s", e.Resource.Address)
		}
		p(1, "policies %s", list(c.DeprecatedInternetPolicies))
		for _, gs := range [][]*model.NodeGroup{c.NodeGroups, c.MasterGroups} {
			for _, g := range gs {
				p(1, "group kind=%d", g.Kind)
				res(2, g.Resource)
				p(2, "binding %s ordered=%v %s", g.Binding.Field, g.Binding.Ordered, list(g.Binding.Groups))
				if !g.Binding.Origin.IsZero() {
					p(3, "chosen at %s", span(g.Binding.Origin))
				}
				p(2, "subnets %s", list(g.Subnets))
				p(2, "instances %s", list(g.Instances))
			}
		}
	}
}
