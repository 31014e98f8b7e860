package fix

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
)

// repairText says what a repair does, and what else gets its new rules.
func repairText(r *analysis.Repair) string {
	return r.Message + alsoBoundText(r, nil)
}

// alsoBoundText says which other machines get the new rules of the group
// a repair edits, but for those of served (a fix that serves several
// findings repairs their node groups: they need the rules): "" when none.
func alsoBoundText(r *analysis.Repair, served []string) string {
	ins := r.Change.Insert
	if ins == nil || ins.Group == nil {
		return ""
	}
	var others []string
	for _, b := range r.AlsoBound {
		if !slices.Contains(served, b) {
			others = append(others, b)
		}
	}
	switch {
	case len(others) == 0:
		return ""
	case len(others) > 3:
		others = append(others[:3:3], fmt.Sprintf("%d more", len(others)-3))
	}
	get := "gets"
	if len(others) > 1 {
		get = "get"
	}
	return fmt.Sprintf("; sg %s is bound to %s too, which %s the new rules as well", ins.Group.DisplayName(), strings.Join(others, ", "), get)
}

// servedBy returns the node groups that the repairs of findings serve.
func servedBy(findings []*driver.Finding) []string {
	var out []string
	for _, f := range findings {
		for _, r := range f.Repairs {
			out = append(out, r.Serves...)
		}
	}
	return out
}

// findingNames names each of findings as "TKESG101 at main.tf:30:5", and,
// where two would read the same, adds what tells them apart: the module
// call they come from, or what the finding is about ("the nodes of
// cluster prod"). ok is false when nothing does.
func findingNames(findings []*driver.Finding) (names []string, ok bool) {
	plain := func(f *driver.Finding) string { return fmt.Sprintf("%s at %s", f.Check.ID, f.Range) }
	ok = true
	for _, f := range findings {
		name := plain(f)
		var same []*driver.Finding
		for _, g := range findings {
			if plain(g) == name {
				same = append(same, g)
			}
		}
		if len(same) > 1 {
			switch {
			case distinct(same, (*driver.Finding).Instance):
				name += " in " + f.Instance()
			case distinct(same, subjectOf):
				name += " for " + subjectOf(f)
			default:
				ok = false
			}
		}
		names = append(names, name)
	}
	return names, ok
}

// distinct reports whether key gives each finding a different, non-empty
// value.
func distinct(findings []*driver.Finding, key func(*driver.Finding) string) bool {
	seen := map[string]bool{}
	for _, f := range findings {
		k := key(f)
		if k == "" || seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// subjectOf returns what a finding is about, as its repairs say.
func subjectOf(f *driver.Finding) string {
	if len(f.Repairs) == 0 {
		return ""
	}
	return f.Repairs[0].Subject
}

// sameFixText says that f is repaired by the fix of g, made just before:
// by g's check and place, or, when f has the same, by what tells the two
// apart ("for the nodes of cluster b, the same fix as for the nodes of
// cluster a").
func sameFixText(g, f *driver.Finding) string {
	if g.Check.ID != f.Check.ID || g.Range != f.Range {
		return fmt.Sprintf("the same fix as %s %s", g.Range, g.Check.ID)
	}
	names, ok := findingNames([]*driver.Finding{g, f})
	if !ok {
		return "the same fix as the finding before it"
	}
	prefix := fmt.Sprintf("%s at %s ", f.Check.ID, f.Range)
	return fmt.Sprintf("%s, the same fix as %s", strings.TrimPrefix(names[1], prefix), strings.TrimPrefix(names[0], prefix))
}
