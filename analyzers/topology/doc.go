// Package topology works out, for every TKE cluster of an input, what the
// cluster checks need: which security groups are bound to its nodes and
// masters and in which order, its cluster (VPC) and container (pod) networks,
// its deploy and network types, and its load-balancer clients.
//
// Clusters come from the input itself (every input kind fills
// model.Cluster), from security-group names TKE gives its own groups
// (tke-worker-security-for-<id>), and from configuration and flags. Nothing is
// guessed silently: what stays unknown is recorded, with the reason and the
// way to give it, so that checks can turn it into notes.
//
// It is not a check: it reports nothing. A [Cluster] is the topology of one
// cluster (the groups bound to which CVMs, the networks around them), which
// checks read as they read the model.
package topology
