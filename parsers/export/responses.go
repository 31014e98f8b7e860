package export

import "slices"

// The actions whose responses are read.
const (
	actPolicies         = "DescribeSecurityGroupPolicies"
	actGroups           = "DescribeSecurityGroups"
	actAddrTemplates    = "DescribeAddressTemplates"
	actAddrGroups       = "DescribeAddressTemplateGroups"
	actSvcTemplates     = "DescribeServiceTemplates"
	actSvcGroups        = "DescribeServiceTemplateGroups"
	actVpcs             = "DescribeVpcs"
	actSubnets          = "DescribeSubnets"
	actInstances        = "DescribeInstances"
	actClusters         = "DescribeClusters"
	actClusterInstances = "DescribeClusterInstances"
	actEndpoints        = "DescribeClusterEndpoints"
)

// dataKey returns the key that holds the data of an action's response, and
// whether the action is read at all.
func dataKey(action string) (string, bool) {
	switch action {
	case actPolicies:
		return "SecurityGroupPolicySet", true
	case actGroups:
		return "SecurityGroupSet", true
	case actAddrTemplates:
		return "AddressTemplateSet", true
	case actAddrGroups:
		return "AddressTemplateGroupSet", true
	case actSvcTemplates:
		return "ServiceTemplateSet", true
	case actSvcGroups:
		return "ServiceTemplateGroupSet", true
	case actVpcs:
		return "VpcSet", true
	case actSubnets:
		return "SubnetSet", true
	case actInstances, actClusterInstances:
		return "InstanceSet", true
	case actClusters:
		return "Clusters", true
	case actEndpoints:
		return "", true
	}
	return "", false
}

func knownAction(action string) bool {
	_, ok := dataKey(action)
	return ok
}

// endpointKeys returns the fields of a DescribeClusterEndpoints response.
func endpointKeys() []string {
	return []string{
		"ClusterExternalEndpoint", "ClusterIntranetEndpoint", "SecurityGroup", "IntranetSecurityGroup",
		"ClusterExternalACL", "ClusterIntranetSubnetId", "ClusterDomain", "ClusterExternalDomain", "ClusterIntranetDomain",
	}
}

// responseKey reports whether key is a field of a response (rather than a
// resource id keying a map of responses).
// fieldName reports whether key is written like a field of the API
// (CamelCase), not like a resource id (sg-1a2b3c4d).
func fieldName(key string) bool {
	return key != "" && key[0] >= 'A' && key[0] <= 'Z'
}

func responseKey(key string) bool {
	switch key {
	case "Response", "RequestId", "Error", "TotalCount",
		"SecurityGroupPolicySet", "SecurityGroupSet", "AddressTemplateSet", "AddressTemplateGroupSet",
		"ServiceTemplateSet", "ServiceTemplateGroupSet", "VpcSet", "SubnetSet", "InstanceSet", "Clusters":
		return true
	}
	return slices.Contains(endpointKeys(), key)
}

// response maps one response of action (empty when no bundle key names it:
// the response's keys say what it is).
func (p *parser) response(action string, subj subject, n *node) {
	switch {
	case n.kind == kindNull:
		return
	case n.kind != kindObject:
		what := action
		if what == "" {
			what = "A response"
		}
		p.errorf(n.rng, "invalid value", "%s must be a JSON object, not %s.", what, n.kind)
		return
	}
	if inner := n.get("Response"); inner != nil && inner.kind == kindObject {
		n = inner
	}
	if e := n.get("Error"); !e.empty() {
		p.apiError(action, subj, e)
		return
	}
	if action != "" {
		p.dispatch(action, subj, n)
		return
	}
	found := false
	for _, a := range []string{actPolicies, actGroups, actAddrTemplates, actAddrGroups, actSvcTemplates, actSvcGroups, actVpcs, actSubnets, actClusters} {
		if k, _ := dataKey(a); n.has(k) {
			p.dispatch(a, subj, n)
			found = true
		}
	}
	if set := n.get("InstanceSet"); set != nil {
		found = true
		if clusterInstances(set) {
			p.dispatch(actClusterInstances, subj, n)
		} else {
			p.dispatch(actInstances, subj, n)
		}
	}
	if slices.ContainsFunc(endpointKeys(), n.has) {
		p.dispatch(actEndpoints, subj, n)
		found = true
	}
	if !found {
		p.notef(n.rng, "this response holds none of the data tkesglint reads (security groups and their policies, templates, VPCs, subnets, instances, clusters); it was skipped")
	}
}

// clusterInstances reports whether an InstanceSet is that of
// DescribeClusterInstances (its items have an InstanceRole) rather than that
// of DescribeInstances.
func clusterInstances(set *node) bool {
	for _, e := range set.objects() {
		if e.has("InstanceRole") {
			return true
		}
		if e.has("SecurityGroupIds") || e.has("VirtualPrivateCloud") {
			return false
		}
	}
	return false
}

func (p *parser) dispatch(action string, subj subject, n *node) {
	key, _ := dataKey(action)
	var data *node
	if key != "" {
		data = n.get(key)
	}
	switch action {
	case actPolicies:
		p.policies(subj, n, data)
	case actGroups:
		p.securityGroups(data)
	case actAddrTemplates:
		p.addressTemplates(data, false)
	case actAddrGroups:
		p.addressTemplates(data, true)
	case actSvcTemplates:
		p.serviceTemplates(data, false)
	case actSvcGroups:
		p.serviceTemplates(data, true)
	case actVpcs:
		p.vpcs(data)
	case actSubnets:
		p.subnets(data)
	case actInstances:
		p.instances(data)
	case actClusters:
		p.clusters(data)
	case actClusterInstances:
		p.clusterInstances(subj, n, data)
	case actEndpoints:
		p.endpoints(subj, n)
	}
}

// apiError reports a response that is an API error.
func (p *parser) apiError(action string, subj subject, e *node) {
	code, msg := "", ""
	if c := e.get("Code"); c != nil && c.kind == kindString {
		code = c.text
	}
	if m := e.get("Message"); m != nil && m.kind == kindString {
		msg = m.text
	}
	if e.kind == kindString {
		msg = e.text
	}
	what := action
	if what == "" {
		what = "the request"
	}
	if !subj.fromFile {
		what += " for " + subj.key
	}
	switch {
	case code != "" && msg != "":
		p.errorf(e.rng, "API error response", "%s failed with %s: %s", what, code, withPeriod(msg))
	case code != "":
		p.errorf(e.rng, "API error response", "%s failed with %s.", what, code)
	default:
		p.errorf(e.rng, "API error response", "%s failed: %s", what, withPeriod(orText(msg, "no code or message given")))
	}
}

func withPeriod(s string) string {
	if s == "" || s[len(s)-1] == '.' {
		return s
	}
	return s + "."
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// dataList returns the objects of a response's data array, reporting a
// value of the wrong type.
func (p *parser) dataList(data *node, what string) []*node {
	if data.empty() {
		return nil
	}
	if data.kind != kindArray {
		p.errorf(data.rng, "invalid value", "%s must be an array, not %s.", what, data.kind)
		return nil
	}
	for _, e := range data.elems {
		if e.kind != kindObject && e.kind != kindNull {
			p.errorf(e.rng, "invalid value", "An item of %s must be an object, not %s.", what, e.kind)
		}
	}
	return data.objects()
}
