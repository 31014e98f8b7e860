package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// multiLineString is HCL's summary for a quoted string that runs past the
// end of its line.
const multiLineString = "Invalid multi-line string"

// foldCascade keeps, of the "invalid multi-line string" errors of one
// file's parse, the first, and says in it how many follow and where. One
// missing quote makes every quote after it open a string instead of
// closing one, so that HCL reports each following line: those are echoes
// of the first, which is the one to fix, and they would bury it (and, in
// an editor, paint the rest of the file). Errors of other kinds stay.
func foldCascade(diags hcl.Diagnostics) hcl.Diagnostics {
	first, n, last := -1, 0, 0
	for i, d := range diags {
		if d.Severity != hcl.DiagError || d.Summary != multiLineString || d.Subject == nil {
			continue
		}
		if first < 0 {
			first = i
			continue
		}
		n++
		last = d.Subject.Start.Line
	}
	if n == 0 {
		return diags
	}
	out := make(hcl.Diagnostics, 0, len(diags)-n)
	for i, d := range diags {
		switch {
		case i == first:
			folded := *d
			folded.Detail = fmt.Sprintf("%s %d more errors like this one, down to line %d, are not reported: after a missing quote every later quote opens a string instead of closing one, so fix this one first.",
				d.Detail, n, last)
			if n == 1 {
				folded.Detail = fmt.Sprintf("%s One more error like this one, on line %d, is not reported: after a missing quote every later quote opens a string instead of closing one, so fix this one first.",
					d.Detail, last)
			}
			out = append(out, &folded)
		case i > first && d.Severity == hcl.DiagError && d.Summary == multiLineString && d.Subject != nil:
		default:
			out = append(out, d)
		}
	}
	return out
}
