// Package owners defines the analyzer of who defines a security group's
// rules: TKESG404 (a rule set or lite rule, which replaces every rule of its
// group, next to another definition of the same group's rules) and TKESG405
// (DROP rules among legacy rules whose order Terraform does not fix).
package owners
