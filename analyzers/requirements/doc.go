// Package requirements defines the generic analyzer of flow requirements:
// rulesets (rulesets.md) say which flows the security groups bound to a
// cluster's nodes or masters must accept or must not accept, and this
// analyzer evaluates them with analyzers/flows for every cluster, reporting
// each cause once (requirements.md §4, "one cause, one finding").
//
// The TKE requirements TKESG101-106 are such rulesets, written as YAML in
// rulesets/; users add their own without writing Go.
package requirements
