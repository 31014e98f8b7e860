// Package requirements defines the generic analyzer of flow requirements:
// rulesets (docs/design.md#rulesets) say which flows the security groups
// bound to a cluster's nodes or masters must accept or must not accept, and
// this analyzer evaluates them with analyzers/flows for every cluster,
// reporting each cause once (docs/design.md#one-cause-one-finding).
//
// What cannot be decided becomes a note, said once per missing value: one
// note per cluster, role and set of reasons, at the first binding they
// leave open, for both directions; a note about a network's missing CIDRs
// only where knowing them would decide something. Nodes bound to no
// security group get no note: TKESG305 (analyzers/binding) says it there.
//
// The TKE requirements TKESG101-106 are such rulesets, written as YAML in
// rulesets/; users add their own without writing Go.
package requirements
