// Package output writes a driver.Result in the formats tkesglint offers:
// text for people, a documented JSON structure for scripts, and SARIF 2.1.0
// for code-scanning services. Writers only present: every finding, its
// order and its fingerprint come from the driver. Given the same Report,
// every writer produces the same bytes.
//
// The JSON document (format version 1) is:
//
//	{
//	  "version": 1,
//	  "tool": {"name": "tkesglint", "version": "1.2.3"},
//	  "findings": [{
//	    "check": "TKESG201", "level": "error", "message": "…",
//	    "file": "main.tf", "start": {"line": 3, "column": 5}, "end": {"line": 3, "column": 17},
//	    "related": [{"file": "main.tf", "start": {…}, "end": {…}, "message": "…"}],
//	    "address": "tencentcloud_security_group_rule_set.nodes",
//	    "fingerprint": "<hex sha-256>",
//	    "suppressed": null | {"kind": "inSource"|"external", "justification": "…", "file": "main.tf", "start": {…}}
//	  }],
//	  "errors": [{"file": "broken.tf", "start": {…}, "end": {…}, "message": "…"}],
//	  "summary": {"files": 2, "findings": {"error": 1, "warning": 0, "note": 0}, "suppressed": 0, "errors": 1, "successful": false}
//	}
//
// Lines and columns are 1-based; columns count Unicode code points and the
// end is exclusive. A location the tool does not know is 0. Fields are never
// omitted (empty lists are []), and new fields may be added without changing
// the version. docs/json-schema.json is its JSON Schema (draft 2020-12),
// which the tests validate real output against. Summary counts leave
// suppressed findings out.
//
// The github format is one GitHub Actions workflow command per finding
// (::error/::warning/::notice with file, line, col, endLine, endColumn and
// title=TKESGnnn); checkstyle is Checkstyle XML for reviewdog and editors.
// Both leave suppressed findings out.
package output
