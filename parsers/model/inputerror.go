package model

import "slices"

// SettleInputError makes rule one whose definition has an input error of
// its own, reason (Rule.InputError): what its definition writes stands,
// and what it leaves out is unresolved, for reason, since the wrong key
// may have been meant for it, except where what it writes excludes it. A
// rule has one peer: when none is written, one unresolved address
// template, which may stand for any address, takes the place of all. It
// has a protocol and port or a service template: when none is written,
// the unresolved protocol and port stand for any service. writes says
// whether the definition writes the key that sets a field; at is where the
// rule is.
func SettleInputError(rule *Rule, reason string, at Range, writes func(*String) bool) {
	rule.InputError = reason
	// A key written empty leaves its field out (OmitEmpty).
	written := func(f *String) bool { return writes(f) && f.State() != Defaulted }
	none := DefaultedValue("", at)
	unknown := UnresolvedValue[string](at, reason)
	anyWritten := func(fs []*String) bool { return slices.ContainsFunc(fs, written) }
	set := func(fs []*String, v String) {
		for _, f := range fs {
			if !written(f) {
				*f = v
			}
		}
	}
	peers := []*String{&rule.CIDR, &rule.IPv6CIDR, &rule.SecurityGroup, &rule.AddressTemplate, &rule.AddressTemplateGroup}
	set(peers, none)
	if !anyWritten(peers) {
		rule.AddressTemplate = unknown
	}
	protoPort := []*String{&rule.Protocol, &rule.Port}
	templates := []*String{&rule.ServiceTemplate, &rule.ServiceTemplateGroup}
	set(templates, none)
	if anyWritten(templates) && !anyWritten(protoPort) {
		set(protoPort, none)
	} else {
		set(protoPort, unknown)
	}
	if !written(&rule.Action) {
		rule.Action = unknown
	}
	if !written(&rule.Description) {
		rule.Description = none
	}
}
