// Package export reads what users save from the Tencent Cloud API: responses
// of the console's API Explorer and of `tccli`, one per file or many in a
// bundle, and turns them into the common model of package model.
//
// A response is either wrapped (`{"Response": {…}}`, as the API sends it) or
// bare (the inner object, as tccli prints it). A bundle is one JSON object
// keyed by action (`DescribeSecurityGroups`, …); the per-resource actions
// (DescribeSecurityGroupPolicies, DescribeClusterInstances,
// DescribeClusterEndpoints) hold a map keyed by resource id, and every value
// may itself be wrapped or bare. The responses read are those that
// docs/design.md#inputs lists; [Detect] tells them from other JSON by shape.
//
// `tkesglint fetch` writes one such bundle per region under a top-level
// `Regions` object keyed by region, and lists in `Incomplete` the calls
// that failed (action, resource id, region, and the API's error code and
// message). Each item is a notice, and what the call would have given is
// unknown rather than absent: the rules of a group whose policies failed,
// the nodes or the endpoint of a cluster. Hand-made bundles may use both
// keys too.
//
// JSON is read token by token with positions (lines, and columns in code
// points) by parsers/internal/jsonpos, the reader the Terraform plan reader
// shares. A bundle is read one response at a time:
// only the response being mapped is held as a tree, so an account of
// thousands of security groups parses in memory proportional to the model.
//
// Values are kept raw, as the API returned them: `tcp` and `ACCEPT` in any
// case, ports and CIDRs unvalidated (that is analyzers/flows' job). Missing
// keys, `null` and `""` are absent values (defaulted); unknown keys are
// ignored; a value of the wrong JSON type is an error at its position and
// leaves the value unresolved. A response that is an API error
// (`"Error": {"Code", "Message"}`) is reported as an error.
//
// Several files describe one account together: the policies of an SG in
// `sg-1a2b3c4d.json`, its name in a DescribeSecurityGroups file, the cluster's
// workers in DescribeClusterInstances and their security groups in
// DescribeInstances. [Merge] joins them by cloud id; [Parse] merges what one
// file holds.
package export
