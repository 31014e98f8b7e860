package model

// A Change is an edit of the input that would repair a finding, in the
// model's terms: a check says what should change, and the parser of the
// input's format writes it out (docs/fixing.md). Exactly one of its parts
// is set.
type Change struct {
	Insert *Insertion
	Bind   *Bind
	Order  *Order
}

// Insertion adds rules to one direction of a security group's list.
type Insertion struct {
	Group     *SecurityGroup
	Direction Direction
	// Before is the rule the new rules go right above. Nil puts them after
	// the last rule of the list (or makes them the list, when it is empty).
	Before *Rule
	// Rules are the new rules, in order: Action, Protocol, Port, one peer
	// (CIDR or IPv6CIDR, or SecurityGroup: the address or id of a group of
	// the input) and Description are written; Owner, Kind, Range and
	// Position are not set. A format whose rules have no description (a
	// lite rule's string) writes it as a comment above the rule.
	Rules []*Rule
	// Owners are the resources that define rules of Group
	// (Input.RuleOwners that target it): the new rules join theirs, or a
	// new owner is written when there is none.
	Owners []*RuleOwner
	// Origins say, for a new rule whose CIDR is a value of the input (the
	// pod CIDR of a cluster, written cluster_cidr = var.pod_cidr), where
	// that value comes from. A format writes the rule's CIDR as a
	// reference to it where the rule's scope can read it, so that the
	// rule follows the value; else it writes the value and says what it
	// assumed.
	Origins map[*Rule]Origin
}

// Origin is a value of the input that a new rule's CIDR comes from.
type Origin struct {
	// Value is the value as read: its Range is the expression that
	// gives it.
	Value String
	// Scope is the resource whose attribute the expression is: the
	// expression is evaluated in its module instance.
	Scope Resource
	// Exact is false when the rule's CIDR is only a part of the value: the
	// rule then cannot name it, and only says what it assumed.
	Exact bool
}

// Bind binds security groups to a node group that binds none.
type Bind struct {
	Group *NodeGroup
	// Groups are the security groups to bind, first-bound first.
	Groups []*SecurityGroup
	// Like is a node group that binds exactly Groups: where it is written
	// in the same scope, its list is copied as written.
	Like *NodeGroup
}

// Order moves the groups of bindings written in a set-typed field, whose
// order the input does not keep, to the field that keeps it
// (Binding.OrderedField), in the order they are written.
type Order struct {
	Bindings []Bound
}

// Bound is a binding with what writes it: a node group or an instance.
type Bound struct {
	Resource Resource
	Binding  Binding
}
