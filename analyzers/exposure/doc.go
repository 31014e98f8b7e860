// Package exposure defines the analyzer of least privilege toward the
// internet: TKESG201 (everything open to the world), TKESG202 (remote
// administration from the world), TKESG203 (control-plane and node-agent
// ports from the world), TKESG205 (a 0.0.0.0/n source that Tencent Cloud
// widens to the world) and TKESG206 (a service that must never face the
// internet, from a list that is data: the sensitive_services of rulesets).
//
// Each ingress ACCEPT is judged on the flows it decides, those that no earlier
// rule of its own security group matches, computed exactly by analyzers/flows:
// an ACCEPT of TCP 22 from the world below a DROP of the same is harmless.
package exposure
