// Package suppress reads tkesglint's inline suppressions,
//
//	# tkesglint:ignore TKESG202,TKESG203 reason="bastion only, VPN fronted" exp=2026-12-31
//
// from the comments of Terraform (.tf: `#`, `//` or `/* */`) and YAML
// template files (`#`), and works out what each one covers: its own line
// when it follows code, otherwise the line below it and the first line
// below it that is not a comment, with the whole block, attribute or YAML
// entry that starts on that line. It only reads sources; the driver decides
// which findings a suppression silences and reports the suppressions that do
// not do their job as TKESG001, the check this package declares.
package suppress
