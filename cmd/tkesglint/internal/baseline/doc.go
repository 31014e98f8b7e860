// Package baseline reads and writes tkesglint baselines: the fingerprints of
// the findings a project has accepted, so that only new findings fail. A
// fingerprint does not depend on line numbers, so moving a block keeps its
// findings baselined. The file is JSON, written in a stable order:
//
//	{
//	  "version": 2,
//	  "tool": "tkesglint",
//	  "findings": [
//	    {"fingerprint": "<hex sha-256>", "check": "TKESG202", "root": "envs/prod", "file": "envs/prod/main.tf", "address": "tencentcloud_security_group_rule_set.nodes"}
//	  ]
//	}
//
// Only fingerprint is read back; check, root, file and address are there for
// the people who review a change of the baseline. Findings are sorted by
// root, check, file, address and fingerprint, and each fingerprint appears
// once. What a fingerprint identifies is in docs/finding-identity.md; a
// baseline of an older format is refused with a message that says to write
// it again.
package baseline
