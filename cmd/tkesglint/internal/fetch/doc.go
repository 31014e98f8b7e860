// Package fetch reads, read-only, what tkesglint checks from a live Tencent
// Cloud account, and writes it as an export bundle that parsers/export
// reads like a hand-made one.
//
// Per region it lists the security groups, address and service templates
// and their groups, VPCs, subnets, CVMs and TKE clusters, then reads the
// instances and endpoints of each cluster and the policies of each group
// (those listed, and those that CVMs and endpoints are bound to). Lists are
// read page by page to the end (Offset and Limit, NextToken for
// DescribeSubnets). The responses are kept as the API wrote them, pages
// merged, so that bundles made by hand, by tccli and by fetch are
// interchangeable.
//
// Requests go through the official SDK's generic client, which signs them
// with TC3-HMAC-SHA256; the credentials come from the SDK's providers
// (FindCredentials). Each action is called at most at its documented rate;
// throttling (RequestLimitExceeded), network failures and internal errors
// are retried with backoff. A call that still fails is kept as a Failure,
// with the API's error code and message, and the rest is read: the bundle
// lists the failures under Incomplete, so that the lint says what it could
// not know instead of taking a missing rule list for an empty one. Only the
// API rejecting the credentials themselves stops a run.
package fetch
