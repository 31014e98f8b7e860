// Package binding defines the analyzer of how security groups are bound to
// the CVMs of TKE clusters: TKESG301 (node groups of one cluster bind
// different lists), TKESG302 (a node group is also bound to a CVM outside the
// cluster), TKESG303 (conflicting groups bound through a set whose order
// Terraform does not keep), TKESG304 (more than five groups on one CVM) and
// TKESG305 (a node group bound to no group at all).
package binding
