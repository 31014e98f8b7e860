package model

import "fmt"

// Input is everything the parsers read from one run: the union over every
// scanned file. Slices are in a deterministic order (file, then position).
type Input struct {
	SecurityGroups   []*SecurityGroup
	AddressTemplates []*AddressTemplate
	ServiceTemplates []*ServiceTemplate
	VPCs             []*VPC
	Subnets          []*Subnet
	Instances        []*Instance
	Clusters         []*Cluster
	// RuleOwners lists every resource that defines rules of some security
	// group (rule sets, lite rules, legacy rules, template policy sets), so
	// that conflicting owners can be reported.
	RuleOwners []*RuleOwner
	// Notes are facts worth telling the user that are not findings, such as
	// a resource type the parser does not know.
	Notes []Note
}

// Resource locates one resource (or one instance of a counted resource, or
// one object of an export) in the input.
type Resource struct {
	// Address is the stable, line-independent identity: a Terraform address
	// such as `module.net.tencentcloud_security_group.nodes["a"]`, a template's
	// logical id, or an export's cloud id. It is what fingerprints and
	// configuration use.
	Address string
	// Type is the resource type as the input names it, for messages
	// (`tencentcloud_security_group_rule_set`, `TencentCloud::VPC::SecurityGroup`,
	// `DescribeSecurityGroupPolicies`).
	Type string
	// Range is the range of the whole definition (the block, the object).
	Range Range
	// DeclRange is the range of its header (`resource "a" "b"`), the line a
	// finding about the resource as a whole points at.
	DeclRange Range
	// CallChain lists the module calls that instantiated the resource,
	// outermost first; empty at the root.
	CallChain []Range
	// Module is the address of the module instance that the innermost
	// call of CallChain makes (`module.env["prod"].module.sg`), so that
	// messages can tell two instances of one module apart; empty at the
	// root or when not known.
	Module string
	// Condition, when not empty, says that the resource exists only under a
	// condition the input does not decide, and why (a template resource
	// whose Condition depends on a parameter with no value). Findings about
	// it are notes, never errors or warnings.
	Condition string
}

// Note is an informational message about the input, located.
type Note struct {
	Range   Range
	Message string
}

// Direction is ingress or egress.
type Direction uint8

// The two directions of a rule.
const (
	Ingress Direction = iota
	Egress
)

func (d Direction) String() string {
	if d == Egress {
		return "egress"
	}
	return "ingress"
}

// SecurityGroup is one security group with its ordered rules.
type SecurityGroup struct {
	Resource Resource
	// ID is the cloud id (`sg-1a2b3c4d`) when the input knows it; a
	// Terraform-created SG has none until applied, so ID is unresolved and
	// references to it use Resource.Address.
	ID          String
	Name        String
	Description String
	ProjectID   String
	Ingress     RuleList
	Egress      RuleList
	// Defined is false for a group that the input only refers to (an id in a
	// rule resource or a binding) without defining it.
	Defined bool
}

// Rules returns the list of one direction.
func (sg *SecurityGroup) Rules(d Direction) *RuleList {
	if d == Egress {
		return &sg.Egress
	}
	return &sg.Ingress
}

// Refs returns every string by which inputs may refer to this group: its
// address and, when known, its cloud id.
func (sg *SecurityGroup) Refs() []string {
	refs := []string{sg.Resource.Address}
	if id, ok := sg.ID.Get(); ok && id != "" && id != sg.Resource.Address {
		refs = append(refs, id)
	}
	return refs
}

// DisplayName is how messages name the group: its name when known, else its
// address or id.
func (sg *SecurityGroup) DisplayName() string {
	if n, ok := sg.Name.Get(); ok && n != "" {
		return n
	}
	if id, ok := sg.ID.Get(); ok && id != "" {
		return id
	}
	return sg.Resource.Address
}

// RuleList is the ordered list of one direction of one security group.
type RuleList struct {
	Rules []*Rule
	// Complete is true when the input holds every rule of this direction:
	// an owner of all rules (rule set, lite rule, policy set, export) exists,
	// or the group is defined in the input and every rule resource names its
	// group. When false, "no rule matches" is unknown rather than DROP.
	Complete bool
	// Ordered is false when the relative order of some rules is not kept by
	// the input (legacy rule resources without policy_index).
	Ordered bool
	// Why says, when Complete or Ordered is false, what is missing.
	Why string
}

// RuleKind says which kind of definition a rule came from.
type RuleKind uint8

// The kinds of rule definitions.
const (
	// RuleSetRule is an `ingress {}`/`egress {}` block of a rule set.
	RuleSetRule RuleKind = iota
	// LiteRule is one `ACTION#SOURCE#PORT#PROTOCOL` string.
	LiteRule
	// LegacyRule is a `tencentcloud_security_group_rule` resource.
	LegacyRule
	// PolicyRule is a policy of a template's or export's policy set.
	PolicyRule
)

// Rule is one rule as written. Values are kept raw (strings as the user wrote
// them); analyzers/flows compiles them into match sets and reports what is
// invalid, so that every input kind is validated by the same code.
type Rule struct {
	// Owner is the resource that defines the rule (the rule set, the lite
	// rule, the legacy rule, the policy set).
	Owner Resource
	Kind  RuleKind
	// Direction of the rule.
	Direction Direction
	// Position is the 0-based position in its owner's list of this direction,
	// which is its priority for ordered owners.
	Position int
	// Range spans the whole rule (the block, the string, the object).
	Range Range

	Action   String
	Protocol String
	Port     String
	// Peers: exactly one should be set (its State is not Defaulted).
	CIDR                 String
	IPv6CIDR             String
	SecurityGroup        String // `sg-…` id or the address of an SG in the input
	AddressTemplate      String // `ipm-…` id or template address
	AddressTemplateGroup String // `ipmg-…` id or template address
	// Service templates replace Protocol and Port.
	ServiceTemplate      String // `ppm-…`
	ServiceTemplateGroup String // `ppmg-…`
	Description          String
	// PolicyIndex is the legacy rule's policy_index; Defaulted when absent.
	PolicyIndex Int
	// Malformed, when not empty, says why the rule could not be read into
	// fields at all (a lite-rule string without four fields). The rule then
	// matches nothing and is reported as invalid.
	Malformed string
	// InputError, when not empty, is the input error the parser reported
	// on the rule itself (an argument or key its schema does not have),
	// in a few words. The rule is read as far as its other fields go:
	// every field it leaves out that decides what it matches is unresolved
	// with this reason, since the wrong key may have been meant for it, so
	// that no verdict rests on the rule having been half read. Notes that
	// only say the rule is undecided are not worth reading next to the
	// error, and are not reported.
	InputError string
}

// Peer returns the peer fields that are set (not defaulted), in a fixed
// order, each with its kind.
func (r *Rule) Peer() []Peer {
	var out []Peer
	for _, p := range []Peer{
		{PeerCIDR, r.CIDR}, {PeerIPv6CIDR, r.IPv6CIDR}, {PeerSecurityGroup, r.SecurityGroup},
		{PeerAddressTemplate, r.AddressTemplate}, {PeerAddressTemplateGroup, r.AddressTemplateGroup},
	} {
		if p.Value.State() != Defaulted {
			out = append(out, p)
		}
	}
	return out
}

// PeerKind is what a rule's peer names: addresses, a group, a template.
type PeerKind uint8

// The kinds of peers, in the order Rule.Peer lists them.
const (
	PeerCIDR PeerKind = iota
	PeerIPv6CIDR
	PeerSecurityGroup
	PeerAddressTemplate
	PeerAddressTemplateGroup
)

// String is the name of the peer's field in the model, for messages.
func (k PeerKind) String() string {
	switch k {
	case PeerCIDR:
		return "cidr"
	case PeerIPv6CIDR:
		return "ipv6_cidr"
	case PeerSecurityGroup:
		return "security_group"
	case PeerAddressTemplate:
		return "address_template"
	case PeerAddressTemplateGroup:
		return "address_template_group"
	}
	return fmt.Sprintf("PeerKind(%d)", uint8(k))
}

// Peer is the value of one peer field of a rule, with its kind.
type Peer struct {
	Kind  PeerKind
	Value String
}

// RuleOwnerKind is the kind of resource that defines rules.
type RuleOwnerKind uint8

// Kinds of rule owners. The first two replace every rule of their group on
// apply; legacy rules add one rule each.
const (
	OwnerRuleSet RuleOwnerKind = iota
	OwnerLiteRule
	OwnerLegacyRule
	OwnerPolicySet
)

// Exclusive reports whether an owner of this kind replaces all rules of its
// group when applied.
func (k RuleOwnerKind) Exclusive() bool { return k != OwnerLegacyRule }

// RuleOwner is a resource that defines rules for a security group.
type RuleOwner struct {
	Resource Resource
	Kind     RuleOwnerKind
	// SecurityGroup is the group it targets: an id or an address; unresolved
	// when the input does not say.
	SecurityGroup String
}

// AddressTemplate is an `ipm-` template or an `ipmg-` group.
type AddressTemplate struct {
	Resource Resource
	ID       String
	Name     String
	Group    bool
	// Addresses are the members of a template: IPs, CIDRs and ranges `a-b`.
	Addresses StringList
	// Members are the template ids of a group.
	Members StringList
}

// ServiceTemplate is a `ppm-` template or a `ppmg-` group.
type ServiceTemplate struct {
	Resource Resource
	ID       String
	Name     String
	Group    bool
	// Services are the members of a template: `tcp:80`, `udp:all`, `icmp`.
	Services StringList
	// Members are the template ids of a group.
	Members StringList
}

// VPC is a virtual private cloud.
type VPC struct {
	Resource       Resource
	ID             String
	Name           String
	CIDR           String
	AssistantCIDRs StringList
	// CIDRField and AssistantCIDRsField name CIDR and AssistantCIDRs in
	// the input's format (`cidr_block`, `CidrBlock`), for the messages
	// that say one is missing.
	CIDRField, AssistantCIDRsField string
}

// Subnet is a subnet of a VPC.
type Subnet struct {
	Resource Resource
	ID       String
	VPC      String
	CIDR     String
	// CIDRField names CIDR in the input's format, for messages.
	CIDRField string
}

// Binding is an ordered (or not) list of security groups bound to something.
type Binding struct {
	// Field names the attribute the binding came from, for messages
	// (`orderly_security_group_ids`).
	Field string
	// Groups are ids or addresses of the bound groups, first-bound first.
	Groups StringList
	// Ordered is false for set-typed fields whose order Terraform does not
	// keep.
	Ordered bool
	// OrderedField names, in the input's format, the field that binds the
	// same groups in order, for a binding that is not ordered
	// (`orderly_security_group_ids`); empty when the format has none.
	OrderedField string
	// Origin is where the bound list was chosen when the field's expression
	// only passes on an input variable of its module: the argument of the
	// calling module that sets it, followed up through every module that
	// passes it on in turn. Zero when the field's own expression chooses.
	Origin Range
}

// Instance is a CVM or ENI with the security groups bound to it.
type Instance struct {
	Resource Resource
	ID       String
	// Bindings are all the bindings of this instance (a field plus separate
	// attachment resources), in the order the instance evaluates them.
	Bindings []Binding
	VPC      String
	Subnet   String
}

// Cluster is a TKE cluster.
type Cluster struct {
	Resource Resource
	ID       String
	Name     String
	VPC      String
	// ClusterCIDR is the pod CIDR of GR and CiliumOverlay clusters.
	ClusterCIDR String
	ServiceCIDR String
	// NetworkType is GR (default), VPC-CNI or CiliumOverlay.
	NetworkType  String
	ENISubnets   StringList
	DeployType   String // MANAGED_CLUSTER (default) or INDEPENDENT_CLUSTER
	NodeGroups   []*NodeGroup
	MasterGroups []*NodeGroup
	Endpoint     Endpoint
	// DeprecatedInternetPolicies is the list of CIDRs allowed to reach the
	// API server from the internet, the old way
	// (`managed_cluster_internet_security_policies`).
	DeprecatedInternetPolicies StringList
	// DeprecatedInternetPoliciesField names that list in the input's
	// format, for messages.
	DeprecatedInternetPoliciesField string
	// VPCField, ClusterCIDRField, ServiceCIDRField and ENISubnetsField name
	// VPC, ClusterCIDR, ServiceCIDR and ENISubnets in the input's format
	// (`vpc_id`, `VpcId`, `ClusterNetworkSettings.VpcId`), for the messages
	// that say a network is unknown because one is missing.
	VPCField, ClusterCIDRField, ServiceCIDRField, ENISubnetsField string
	// Defined is true for a cluster that the input defines (a resource that
	// creates it, an export that describes it), false for one it only names
	// by id or by a reference it cannot resolve: two defined clusters at
	// different addresses are two clusters even when their ids are unknown.
	Defined bool
}

// Endpoint is the API server access of a cluster.
type Endpoint struct {
	Internet              Bool
	InternetSecurityGroup String
	// InternetSecurityGroupField names, in the input's format, where the
	// internet endpoint's group is set, for a message that asks the user to
	// set one (`cluster_internet_security_group`); empty when the user
	// cannot set it in the input.
	InternetSecurityGroupField string
	Intranet                   Bool
	IntranetSecurityGroup      String
	IntranetSubnet             String
	// Resource is set when the endpoint is a separate resource.
	Resource *Resource
}

// NodeGroupKind is the kind of a group of nodes.
type NodeGroupKind uint8

// Kinds of node groups.
const (
	WorkerConfig NodeGroupKind = iota
	NodePool
	NativeNodePool
	ScaleWorker
	ExistInstance
	ClusterAttachment
	MasterConfig
	MasterAttachment
	ServerlessNodePool
	// ScalingGroup is an auto-scaling group of a cluster
	// (tencentcloud_kubernetes_as_scaling_group).
	ScalingGroup
)

// NodeGroup is a set of CVMs of a cluster that share a binding.
type NodeGroup struct {
	Resource Resource
	Kind     NodeGroupKind
	Binding  Binding
	Subnets  StringList
	// Instances are the ids of existing CVMs the group names.
	Instances StringList
}

// BoundGroups returns the security-group references that node and master
// groups, cluster endpoints and instances write, in input order: the groups
// a parser must know, or create as known only by id.
func (in *Input) BoundGroups() []String {
	var out []String
	for _, c := range in.Clusters {
		for _, g := range c.NodeGroups {
			out = append(out, g.Binding.Groups.Value()...)
		}
		for _, g := range c.MasterGroups {
			out = append(out, g.Binding.Groups.Value()...)
		}
		out = append(out, c.Endpoint.InternetSecurityGroup, c.Endpoint.IntranetSecurityGroup)
	}
	for _, inst := range in.Instances {
		for _, b := range inst.Bindings {
			out = append(out, b.Groups.Value()...)
		}
	}
	return out
}

// GroupKnownByID is a security group that the input names by id but does
// not define: typ is the resource type the input would define it with.
func GroupKnownByID(id String, typ string) *SecurityGroup {
	at := id.Range()
	return &SecurityGroup{
		Resource:    Resource{Address: id.Value(), Type: typ, Range: at, DeclRange: at},
		ID:          id,
		Name:        DefaultedValue("", at),
		Description: DefaultedValue("", at),
		ProjectID:   DefaultedValue("", at),
	}
}

// Resources returns every resource of the input, in the order of its
// lists: what findings, suppressions and conditions can name.
func (in *Input) Resources() []Resource {
	var out []Resource
	for _, sg := range in.SecurityGroups {
		out = append(out, sg.Resource)
	}
	for _, o := range in.RuleOwners {
		out = append(out, o.Resource)
	}
	for _, t := range in.AddressTemplates {
		out = append(out, t.Resource)
	}
	for _, t := range in.ServiceTemplates {
		out = append(out, t.Resource)
	}
	for _, v := range in.VPCs {
		out = append(out, v.Resource)
	}
	for _, n := range in.Subnets {
		out = append(out, n.Resource)
	}
	for _, i := range in.Instances {
		out = append(out, i.Resource)
	}
	for _, c := range in.Clusters {
		out = append(out, c.Resource)
		for _, g := range c.NodeGroups {
			out = append(out, g.Resource)
		}
		for _, g := range c.MasterGroups {
			out = append(out, g.Resource)
		}
		if c.Endpoint.Resource != nil {
			out = append(out, *c.Endpoint.Resource)
		}
	}
	return out
}

// ClusterKnownByID is a cluster that the input names (by id, or by the
// reference that should name it) but does not define: address key, type
// typ, every other value absent.
func ClusterKnownByID(id String, key, typ string) *Cluster {
	at := id.Range()
	none := DefaultedValue("", at)
	noList := DefaultedValue[[]String](nil, at)
	return &Cluster{
		Resource: Resource{Address: key, Type: typ, Range: at, DeclRange: at},
		ID:       id,
		Name:     none, VPC: none, ClusterCIDR: none, ServiceCIDR: none, NetworkType: none, DeployType: none,
		ENISubnets: noList, DeprecatedInternetPolicies: noList,
		Endpoint: Endpoint{
			Internet: DefaultedValue(false, at), Intranet: DefaultedValue(false, at),
			InternetSecurityGroup: none, IntranetSecurityGroup: none, IntranetSubnet: none,
		},
	}
}
