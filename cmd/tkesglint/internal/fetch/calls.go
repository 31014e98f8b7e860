package fetch

import "time"

// API versions of the services called.
const (
	vpcVersion = "2017-03-12"
	cvmVersion = "2017-03-12"
	tkeVersion = "2018-05-25"
)

// paging is how a call pages through a list.
type paging uint8

const (
	// single: one response, no list.
	single paging = iota
	// offsetString: Offset and Limit, sent as strings (the vpc API types
	// them String).
	offsetString
	// offsetInt: Offset and Limit, sent as integers (cvm, tke).
	offsetInt
	// nextToken: MaxResults and NextToken (vpc DescribeSubnets).
	nextToken
)

// call is one API action that fetch makes, and how.
type call struct {
	service, version, action string
	// list is the key of the response's data array; empty for a single
	// response.
	list   string
	paging paging
	// every is the least time between two calls of the action: the
	// documented limit per second, or 20 per second (the limit most
	// actions of these services have) where no page gives one.
	every time.Duration
}

// perSecond is the spacing of n calls a second.
func perSecond(n int) time.Duration { return time.Second / time.Duration(n) }

// The calls. The limits are those of the API documentation:
// DescribeSecurityGroups and DescribeSecurityGroupPolicies 100/s,
// DescribeInstances 40/s, DescribeClusters 20/s.
func callRegions() call {
	return call{service: "cvm", version: cvmVersion, action: "DescribeRegions", list: "RegionSet", paging: single, every: perSecond(20)}
}

func callGroups() call {
	return call{service: "vpc", version: vpcVersion, action: "DescribeSecurityGroups", list: "SecurityGroupSet", paging: offsetString, every: perSecond(100)}
}

func callPolicies() call {
	return call{service: "vpc", version: vpcVersion, action: "DescribeSecurityGroupPolicies", paging: single, every: perSecond(100)}
}

func callInstances() call {
	return call{service: "cvm", version: cvmVersion, action: "DescribeInstances", list: "InstanceSet", paging: offsetInt, every: perSecond(40)}
}

func callClusters() call {
	return call{service: "tke", version: tkeVersion, action: "DescribeClusters", list: "Clusters", paging: offsetInt, every: perSecond(20)}
}

func callClusterInstances() call {
	return call{service: "tke", version: tkeVersion, action: "DescribeClusterInstances", list: "InstanceSet", paging: offsetInt, every: perSecond(20)}
}

func callEndpoints() call {
	return call{service: "tke", version: tkeVersion, action: "DescribeClusterEndpoints", paging: single, every: perSecond(20)}
}

// regionLists are the calls that list what a region holds, in the order
// they are made.
func regionLists() []call {
	vpc := func(action, list string, p paging) call {
		return call{service: "vpc", version: vpcVersion, action: action, list: list, paging: p, every: perSecond(20)}
	}
	return []call{
		callGroups(),
		vpc("DescribeAddressTemplates", "AddressTemplateSet", offsetString),
		vpc("DescribeAddressTemplateGroups", "AddressTemplateGroupSet", offsetString),
		vpc("DescribeServiceTemplates", "ServiceTemplateSet", offsetString),
		vpc("DescribeServiceTemplateGroups", "ServiceTemplateGroupSet", offsetString),
		vpc("DescribeVpcs", "VpcSet", offsetString),
		vpc("DescribeSubnets", "SubnetSet", nextToken),
		callInstances(),
		callClusters(),
	}
}

// Calls returns the CAM permissions that fetch needs (service:Action), in
// the order of docs/live-audit.md.
func Calls() []string {
	all := []call{callRegions()}
	all = append(all, regionLists()...)
	all = append(all, callPolicies(), callClusterInstances(), callEndpoints())
	out := make([]string, len(all))
	for i, c := range all {
		out[i] = c.service + ":" + c.action
	}
	return out
}
