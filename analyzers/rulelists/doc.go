// Package rulelists defines the analyzer of the rule lists themselves:
// TKESG401 (a rule that can never match), TKESG402 (an invalid rule) and
// TKESG403 (more rules in one direction than Tencent Cloud allows).
package rulelists
