package flowdiff

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// Kind says what changed for some flows.
type Kind string

// The kinds of changes.
const (
	// Accepts: the new version accepts flows the old one did not.
	Accepts Kind = "newly accepts"
	// Drops: flows the old version accepted are now dropped.
	Drops Kind = "now drops"
	// Undecided: flows the old version accepted may now be dropped.
	Undecided Kind = "may now drop"
	// Added and Removed: a whole group appeared or went away.
	Added   Kind = "is new and accepts"
	Removed Kind = "was removed; it accepted"
)

// Change is one difference for one group, direction and responsible rule.
type Change struct {
	Group   string // how messages name the group
	Address string
	// Root is the root the group belongs to (Root.Name), and CallChain the
	// module calls that instantiated it there, outermost first: a module
	// called from several roots, or twice from one, has one group per call,
	// all at the same Range.
	Root      string
	CallChain []model.Range
	Direction model.Direction
	Kind      Kind
	Witness   flows.Flow
	// Range is the line responsible in the new version: the rule that
	// accepts or drops, or the group when no rule matches any more.
	Range model.Range
	// Rule describes the responsible rule: its place and text, or "no
	// rule matches".
	Rule string
}

// Root is one model compared on its own: a Terraform root module, a
// template, or the exports. Resource addresses, which identify a group
// from one version to the next, are unique only within one; a module
// called from two root modules is two groups, one in each.
type Root struct {
	// Name identifies the root in both versions: the root module's folder,
	// the template's file, empty for the exports.
	Name  string
	Input *model.Input
}

// CompareRoots returns the changes from base to head of every root, those
// of a root that is new or gone included, sorted by location.
func CompareRoots(base, head []Root) []Change {
	byName := func(roots []Root) (map[string]*model.Input, []string) {
		inputs := map[string]*model.Input{}
		var names []string
		for _, r := range roots {
			if _, ok := inputs[r.Name]; !ok {
				names = append(names, r.Name)
			}
			inputs[r.Name] = model.Concat(inputs[r.Name], r.Input)
		}
		return inputs, names
	}
	baseInputs, baseNames := byName(base)
	headInputs, headNames := byName(head)
	var out []Change
	for _, name := range headNames {
		out = append(out, compare(name, baseInputs[name], headInputs[name])...)
	}
	for _, name := range baseNames {
		if _, ok := headInputs[name]; !ok {
			out = append(out, compare(name, baseInputs[name], nil)...)
		}
	}
	sortChanges(out)
	return out
}

// Compare returns the changes from base to head, two versions of one root,
// sorted by location.
func Compare(base, head *model.Input) []Change {
	out := compare("", base, head)
	sortChanges(out)
	return out
}

// compare returns the changes from base to head, two versions of root;
// either may be nil (the root is new or gone).
func compare(root string, base, head *model.Input) []Change {
	if base == nil {
		base = &model.Input{}
	}
	if head == nil {
		head = &model.Input{}
	}
	baseGroups := index(base)
	headGroups := index(head)
	var out []Change
	bc, hc := flows.NewCompiler(base), flows.NewCompiler(head)
	for key, h := range headGroups {
		b, ok := baseGroups[key]
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			hs := hc.Segment(h, d)
			if !ok {
				out = append(out, added(h, hs, d)...)
				continue
			}
			out = append(out, compareSegment(h, bc.Segment(b, d), hs, d)...)
		}
	}
	for key, b := range baseGroups {
		if _, ok := headGroups[key]; ok {
			continue
		}
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			if acc := accepted(bc.Segment(b, d)); !acc.IsEmpty() {
				w, _ := acc.Witness()
				out = append(out, Change{Group: b.DisplayName(), Address: b.Resource.Address, Direction: d, Kind: Removed,
					Witness: w, Range: b.Resource.DeclRange, Rule: "the group is gone"})
			}
		}
	}
	for i := range out {
		out[i].Root = root
		if g := headGroups[out[i].Address]; g != nil {
			out[i].CallChain = g.Resource.CallChain
		} else if g := baseGroups[out[i].Address]; g != nil {
			out[i].CallChain = g.Resource.CallChain
		}
	}
	return out
}

// sortChanges sorts changes by location, then root and group.
func sortChanges(out []Change) {
	slices.SortFunc(out, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.Range.Filename, b.Range.Filename), cmp.Compare(a.Range.Start.Line, b.Range.Start.Line),
			cmp.Compare(a.Range.Start.Column, b.Range.Start.Column), cmp.Compare(a.Root, b.Root), cmp.Compare(a.Address, b.Address),
			cmp.Compare(a.Group, b.Group), cmp.Compare(a.Direction, b.Direction), cmp.Compare(string(a.Kind), string(b.Kind)),
			cmp.Compare(a.Rule, b.Rule))
	})
}

// index keys the defined groups of one root by address, which stays the
// same when a block moves, within its file or to another, or its rules
// change.
func index(in *model.Input) map[string]*model.SecurityGroup {
	out := map[string]*model.SecurityGroup{}
	for _, sg := range in.SecurityGroups {
		if _, dup := out[sg.Resource.Address]; !dup {
			out[sg.Resource.Address] = sg
		}
	}
	return out
}

// universe is every flow, with the groups the segment names as peers.
func universe(segs ...flows.Segment) flows.Set {
	var syms []string
	for _, s := range segs {
		for _, r := range s.Rules {
			syms = append(syms, r.Peer.Syms...)
		}
	}
	slices.Sort(syms)
	return flows.Universe(slices.Compact(syms)...)
}

// accepted returns the flows a segment certainly accepts.
func accepted(seg flows.Segment) flows.Set {
	var acc flows.Set
	for _, p := range (flows.List{seg}).Evaluate(universe(seg), nil) {
		if p.Verdict == flows.Accepted {
			acc = append(acc, p.Flows...)
		}
	}
	return acc
}

func added(sg *model.SecurityGroup, seg flows.Segment, d model.Direction) []Change {
	var out []Change
	for _, p := range (flows.List{seg}).Evaluate(universe(seg), nil) {
		if p.Verdict != flows.Accepted || p.Rule == nil {
			continue
		}
		w, _ := p.Flows.Witness()
		out = append(out, change(sg, d, Added, w, p.Rule))
	}
	return merge(out)
}

// compareSegment finds what one direction of one group changed.
func compareSegment(sg *model.SecurityGroup, base, head flows.Segment, d model.Direction) []Change {
	u := universe(base, head)
	var was flows.Set
	for _, p := range (flows.List{base}).Evaluate(u, nil) {
		if p.Verdict == flows.Accepted {
			was = append(was, p.Flows...)
		}
	}
	parts := (flows.List{head}).Evaluate(u, nil)
	var out []Change
	for _, p := range parts {
		var piece flows.Set
		kind := Accepts
		switch p.Verdict {
		case flows.Accepted:
			piece = p.Flows.Subtract(was)
		case flows.Dropped:
			piece, kind = p.Flows.Intersect(was), Drops
		case flows.Unknown:
			piece, kind = p.Flows.Intersect(was), Undecided
		}
		if piece.IsEmpty() {
			continue
		}
		w, _ := piece.Witness()
		if p.Rule == nil {
			out = append(out, Change{Group: sg.DisplayName(), Address: sg.Resource.Address, Direction: d, Kind: kind,
				Witness: w, Range: sg.Resource.DeclRange, Rule: "no rule matches any more"})
			continue
		}
		out = append(out, change(sg, d, kind, w, p.Rule))
	}
	return merge(out)
}

func change(sg *model.SecurityGroup, d model.Direction, kind Kind, w flows.Flow, r *flows.Rule) Change {
	return Change{Group: sg.DisplayName(), Address: sg.Resource.Address, Direction: d, Kind: kind,
		Witness: w, Range: r.Source.Range, Rule: r.Ref() + ": " + r.Text()}
}

// merge keeps one change per responsible rule and kind (the first witness).
func merge(cs []Change) []Change {
	var out []Change
	for _, c := range cs {
		if !slices.ContainsFunc(out, func(o Change) bool { return o.Rule == c.Rule && o.Kind == c.Kind && o.Range == c.Range }) {
			out = append(out, c)
		}
	}
	return out
}

// Instance names the module instance a group of a module belongs to, such
// as `module.stack.module.sg in examples/two`, or "" for a group defined in
// its root, which its Range already names.
func (c Change) Instance() string {
	if len(c.CallChain) == 0 {
		return ""
	}
	inst := modulePath(c.Address)
	if inst == "" {
		inst = "a module"
	}
	if c.Root == "" || c.Root == "." {
		return inst
	}
	return inst + " in " + c.Root
}

// modulePath returns the module instance part of a Terraform resource
// address: `module.a["x.y"].module.b` of
// `module.a["x.y"].module.b.tencentcloud_security_group.this`.
func modulePath(addr string) string {
	end := 0
	for rest := addr; strings.HasPrefix(rest, "module."); {
		rest = rest[len("module."):]
		i := strings.IndexAny(rest, ".[")
		if i < 0 {
			break
		}
		rest = rest[i:]
		if rest[0] == '[' {
			rest = terraform.SkipIndex(rest)
		}
		end = len(addr) - len(rest)
		rest = strings.TrimPrefix(rest, ".")
	}
	return addr[:end]
}
