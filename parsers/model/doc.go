// Package model is the common model that every parser produces and every
// analyzer reads: security groups with ordered rules, templates, VPCs,
// subnets, CVMs and TKE clusters with their security-group bindings.
//
// The model is pure data and depends on the standard library only. Every leaf
// value is a [Value]: it remembers where in which file it was written, and
// whether it was written, defaulted by the provider or could not be resolved
// without running Terraform or calling the cloud. Checks never learn which input
// format a value came from.
package model
