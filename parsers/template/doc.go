// Package template reads tkesglint's CloudFormation-like templates, in YAML
// or JSON, and turns the TencentCloud:: resources they define into the common
// model of package model.
//
// A template has CloudFormation's shape (Parameters, Conditions, Resources
// with Type and Properties, Outputs) and the Tencent Cloud API's field names.
// It is read from gopkg.in/yaml.v3 nodes, which carry line and column, so that
// every model value points at the place it was written. JSON is read by the
// same YAML parser: JSON is YAML in flow style.
//
// Intrinsic functions are evaluated in short (`!Ref`) and long (`Ref:`,
// `Fn::GetAtt:`) form: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select,
// Fn::Split and Fn::If, with Conditions built from Fn::Equals, Fn::Not,
// Fn::And, Fn::Or and Condition. A Ref to a resource is the resource's
// logical id, which is how the model names the security groups, templates
// and clusters that an input defines; it is never evaluated further, so a
// security group may name itself as a peer. Fn::GetAtt gives the value of a
// property of another resource. A parameter without a Default or a --param
// value, a condition that depends on one, and a property that is known only
// after deployment are unresolved: their model values say why, and nothing is
// guessed. A value computed by a function points at the function, a value
// that Fn::If or Fn::Select chose points at the chosen element, and a
// parameter's or another resource's value points at the Ref or Fn::GetAtt
// that uses it.
//
// Resources whose Condition is false do not exist. Values of a resource whose
// Condition cannot be decided are all unresolved.
//
// The parser only reads: protocols, ports and CIDRs are kept as written, and
// their validation is the job of analyzers/flows. Problems that stop part of
// a template from being read (a syntax error, an unknown property, a Ref to
// nothing, a cycle, a value of the wrong type, invalid UTF-8, a document that
// is nested too deeply or expands too many aliases) are [model.Error] values
// with a line and column. Evaluation is bounded: an alias bomb cannot make
// the parser use unbounded memory or time.
package template
