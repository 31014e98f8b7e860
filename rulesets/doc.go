// Package rulesets assembles the checks tkesglint runs: the analyzers written
// in Go and the TKE flow requirements written as YAML data.
package rulesets
