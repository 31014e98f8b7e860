// Package config reads .tkesglint.yml: which checks run and at which level,
// excluded paths, extra rulesets, Terraform variables, suppressions for
// files without comments, the clusters the input does not fully define, and
// changes to TKESG206's sensitive services.
// Every unknown key and every value of the wrong type is an error at its line
// and column: a typo must never be silently ignored.
package config
