// Package flowdiff compares what the security groups of two versions of an
// input let through: per group and direction, the flows the new version
// newly accepts and those it no longer accepts, each with one witness and
// the rule of the new version that is responsible. It is the engine of
// `tkesglint diff`.
package flowdiff
