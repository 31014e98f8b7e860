package requirements

import "github.com/tkesglint/tkesglint/parsers/model"

// Ruleset is a named list of requirements.
type Ruleset struct {
	Name         string
	Description  string
	Requirements []*Requirement
	// Services are the sensitive services the ruleset adds to TKESG206's
	// list (the key sensitive_services).
	Services []*Service
	// ServiceChanges adjust services that other rulesets define: the
	// configuration's sensitive_services.disable and levels.
	ServiceChanges []*ServiceChange
	// Range is where the ruleset was read from.
	Range model.Range
	// Builtin is true for the rulesets that ship with tkesglint: their
	// requirements are documented checks (docs/rules/<id>.md).
	Builtin bool
}

// Service is a service that must never face the internet (TKESG206): an
// ingress ACCEPT from the world of its ports is a finding.
type Service struct {
	Name string
	// Protocols are TCP, UDP or both.
	Protocols []string
	// Ports are written as in a rule: 3306, 5800,5900, 1433-1434.
	Ports string
	// Why says in one line what an attacker gets from the service.
	Why   string
	Level string // error, warning or note
	// Ruleset is the name of the ruleset that defines the service.
	Ruleset string
	Range   model.Range
}

// ServiceChange turns off, or changes the level of, a service of another
// ruleset, named case-insensitively.
type ServiceChange struct {
	Name    string
	Disable bool
	Level   string // when not empty: the new level
	Range   model.Range
}

// Requirement is one requirement of a ruleset.
type Requirement struct {
	// Ruleset is the name of the ruleset the requirement belongs to; causes
	// are grouped within one ruleset only, so that a user's ruleset never
	// absorbs a built-in finding.
	Ruleset string
	ID      string
	Level   string // error, warning or note
	Title   string
	// AppliesTo is node, master, endpoint-internet, endpoint-intranet or any.
	AppliesTo string
	When      When
	Direction model.Direction
	// Require is "accept" (the flows must be accepted) or "forbid" (they
	// must not be).
	Require     string
	Flows       []Flow
	Except      []Flow
	SatisfiedBy []Flow
	Help        string
	Source      string
	// Range is where the requirement was written.
	Range model.Range
}

// When restricts the clusters a requirement applies to; empty lists match
// every cluster.
type When struct {
	DeployType  []string
	NetworkType []string
}

// Flow is one row of flows: a protocol, ports and peers. Empty Peers means
// any peer (only allowed in Except).
type Flow struct {
	// Name labels the row in the requirement matrix (tkesglint show, the
	// reports): N1, M4, DNS. Empty: the requirement's id and the row's
	// number.
	Name     string
	Protocol string
	Ports    string
	Peers    []string
	// Level overrides the requirement's level when only this flow fails.
	Level string
}

// The symbolic peers of rulesets (docs/design.md#rulesets).
const (
	PeerClusterNetwork   = "cluster-network"
	PeerContainerNetwork = "container-network"
	PeerServiceNetwork   = "service-network"
	PeerNodeSG           = "node-sg"
	PeerLBClients        = "lb-clients"
	PeerWorld            = "world"
	PeerWorld4           = "world4"
	PeerWorld6           = "world6"
)

// Symbolic reports whether p is one of the symbolic peers.
func Symbolic(p string) bool {
	switch p {
	case PeerClusterNetwork, PeerContainerNetwork, PeerServiceNetwork, PeerNodeSG, PeerLBClients, PeerWorld, PeerWorld4, PeerWorld6:
		return true
	}
	return false
}
