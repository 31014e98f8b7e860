package analysis

import (
	"slices"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Conditional returns what every driver applies to the diagnostics of in:
// a finding about a resource that may not exist (model.Resource.Condition)
// becomes a note that says on what it depends (requirements.md §3: only
// definite answers are findings).
func Conditional(in *model.Input) func(Diagnostic) Diagnostic {
	conditions := conditionalResources(in)
	return func(d Diagnostic) Diagnostic { return undecidedIf(d, conditions) }
}

// conditionalResources maps the address of every resource that may not
// exist to the reason.
func conditionalResources(in *model.Input) map[string]string {
	out := map[string]string{}
	for _, r := range in.Resources() {
		if r.Condition != "" {
			out[r.Address] = r.Condition
		}
	}
	return out
}

// undecidedIf lowers a finding about a resource that may not exist to a
// note that says on what it depends (requirements.md §3: only definite
// answers are findings).
func undecidedIf(d Diagnostic, conditions map[string]string) Diagnostic {
	why, ok := conditions[d.Address]
	if !ok {
		return d
	}
	note := LevelNote
	d.Level = &note
	d.Undecided = append(slices.Clip(d.Undecided), why)
	d.Message += "; only if " + d.Address + " exists, which is undecided: " + why
	return d
}
