// Package endpoint defines the analyzer of TKESG204: the API server of a
// cluster with public access must not accept TCP 443 from the whole internet,
// neither through the internet endpoint security group nor through the
// deprecated managed_cluster_internet_security_policies.
package endpoint
