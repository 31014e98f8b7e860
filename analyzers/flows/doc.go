// Package flows is the evaluation engine: it answers, exactly, what an ordered
// first-match list of security-group rules does with a set of flows.
//
// A flow is (protocol, destination port, peer address). Sets of flows are
// unions of boxes, each the product of a protocol set, a port interval set and
// an address set; every operation works on intervals, never on enumerated
// ports or addresses. Peers that the input does not spell out (another
// security group, an address template whose members are unknown) are opaque
// symbols with a known bound (the world, or the cluster network), so that the
// engine can say "unknown" instead of guessing.
//
// Evaluation is three-valued (docs/design.md#three-valued-answers): every
// part of a query is accepted (by which rule), dropped (by which rule, or
// because no rule matches), or unknown (because a value is unresolved, a
// rule list is incomplete, an opaque peer may match, or the order is
// undefined).
package flows
