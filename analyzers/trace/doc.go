// Package trace answers what happens to a flow between two endpoints: for
// each direction the flow crosses (egress at the source when the source's
// security groups are in the input, ingress at the destination), the
// bound groups in order, the rules evaluated down to the one that decides,
// and the verdict. A flow given as a range (a port range, a CIDR, a whole
// cluster) is split into the parts that get different verdicts, each with
// a witness.
//
// Verdicts are the checks' own: the lists are those the requirements
// analyzer evaluates (requirements.ListOf) in the environment it uses
// (requirements.Env), so that tracing the witness of a finding gives the
// finding's verdict and rule. Like the checks, an ACCEPT whose peer is a
// security group counts only for that group's members: a flow from an
// address that such a rule may accept says so (MemberAccepts), and the
// group itself can be traced as sg:NAME.
package trace
