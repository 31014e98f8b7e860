package template

import "slices"

// The resource types a template may define.
const (
	typeVPC                  = "TencentCloud::VPC::VPC"
	typeSubnet               = "TencentCloud::VPC::Subnet"
	typeSecurityGroup        = "TencentCloud::VPC::SecurityGroup"
	typePolicySet            = "TencentCloud::VPC::SecurityGroupPolicySet"
	typeAddressTemplate      = "TencentCloud::VPC::AddressTemplate"
	typeAddressTemplateGroup = "TencentCloud::VPC::AddressTemplateGroup"
	typeServiceTemplate      = "TencentCloud::VPC::ServiceTemplate"
	typeServiceTemplateGroup = "TencentCloud::VPC::ServiceTemplateGroup"
	typeInstance             = "TencentCloud::CVM::Instance"
	typeCluster              = "TencentCloud::TKE::Cluster"
	typeNodePool             = "TencentCloud::TKE::NodePool"
)

// typePrefix starts every type of the format.
const typePrefix = "TencentCloud::"

// schema lists the properties of one resource type. Properties that the
// model has no place for (names, zones, tags) are accepted and evaluated,
// but not mapped.
type schema struct {
	typ   string
	props []string
}

// schemaOf returns the schema of a type, or nil for a type the parser does
// not know.
func schemaOf(typ string) *schema {
	var props []string
	switch typ {
	case typeVPC:
		props = []string{"VpcName", "CidrBlock", "AssistantCidrs", "EnableMulticast", "DnsServers", "DomainName", "Tags"}
	case typeSubnet:
		props = []string{"SubnetName", "VpcId", "CidrBlock", "Zone", "Tags"}
	case typeSecurityGroup:
		props = []string{"SecurityGroupName", "SecurityGroupDesc", "ProjectId", "SecurityGroupPolicySet", "Tags"}
	case typePolicySet:
		props = []string{"SecurityGroupId", "Ingress", "Egress"}
	case typeAddressTemplate:
		props = []string{"AddressTemplateName", "Addresses"}
	case typeAddressTemplateGroup:
		props = []string{"AddressTemplateGroupName", "AddressTemplateIds"}
	case typeServiceTemplate:
		props = []string{"ServiceTemplateName", "Services"}
	case typeServiceTemplateGroup:
		props = []string{"ServiceTemplateGroupName", "ServiceTemplateIds"}
	case typeInstance:
		props = []string{"InstanceName", "InstanceType", "ImageId", "Placement", "SecurityGroupIds", "VirtualPrivateCloud", "Tags"}
	case typeCluster:
		props = []string{"ClusterName", "ClusterVersion", "ClusterType", "VpcId", "NetworkType", "ClusterCIDRSettings",
			"Endpoint", "Workers", "Masters", "Tags"}
	case typeNodePool:
		props = []string{"NodePoolName", "ClusterId", "SubnetIds", "SecurityGroupIds", "InstanceType", "Tags"}
	default:
		return nil
	}
	return &schema{typ: typ, props: props}
}

func (s *schema) has(name string) bool { return slices.Contains(s.props, name) }

func (s *schema) names() []string { return s.props }

// policyKeys are the fields of a policy.
func policyKeys() []string {
	return []string{"Protocol", "Port", "CidrBlock", "Ipv6CidrBlock", "SecurityGroupId", "AddressTemplate",
		"ServiceTemplate", "Action", "PolicyDescription"}
}
