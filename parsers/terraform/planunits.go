package terraform

import (
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// attachedPlans maps a root folder to the plans made from it.
type attachedPlans map[string][]File

// has reports whether the plan at p is attached to some root.
func (a attachedPlans) has(p string) bool {
	for _, fs := range a {
		for _, f := range fs {
			if f.Path == p {
				return true
			}
		}
	}
	return false
}

// attachPlans finds the root module each plan was made from: the root in
// the plan's folder or the nearest folder above it, provided the plan's
// configuration declares something the root declares too.
func (t *tree) attachPlans(roots []string, plans []File) attachedPlans {
	out := attachedPlans{}
	isRoot := map[string]bool{}
	for _, r := range roots {
		isRoot[r] = true
	}
	for _, p := range plans {
		for dir := path.Dir(p.Path); ; dir = path.Dir(dir) {
			if isRoot[dir] && t.planMatches(t.module(dir), p) {
				out[dir] = append(out[dir], p)
				break
			}
			if dir == "." || dir == "/" || dir == path.Dir(dir) || strings.HasPrefix(dir, "../") && path.Dir(dir) == dir {
				break
			}
		}
	}
	return out
}

// planMatches reports whether the plan's root configuration declares a
// resource or a module call that m declares.
func (t *tree) planMatches(m *module, p File) bool {
	if m == nil {
		return false
	}
	var pf struct {
		Configuration struct {
			RootModule confModule `json:"root_module"`
		} `json:"configuration"`
	}
	if jsonUnmarshal(p.Src, &pf) != nil {
		return false
	}
	for _, r := range pf.Configuration.RootModule.Resources {
		if _, ok := m.resources[r.Address]; ok {
			return true
		}
	}
	for name := range pf.Configuration.RootModule.ModuleCalls {
		if _, ok := m.calls[name]; ok {
			return true
		}
	}
	return false
}

// planUnitGuarded reads a plan whose configuration is not in the tree: its
// resources are located in the plan file. The unit is handed to
// opts.Visit.
func (t *tree) planUnitGuarded(p File) (e *rootResult) {
	e = &rootResult{}
	defer func() {
		if r := recover(); r != nil {
			e.unit = nil
			e.errs = append(e.errs, &model.Error{
				Range:   model.Range{Filename: p.Path},
				Summary: "internal error",
				Detail:  fmt.Sprintf("The Terraform parser failed on this plan: %v.", r),
			})
		}
	}()
	m := newModule(t, path.Dir(p.Path))
	in, _, errs := t.evaluate(m, []File{p})
	e.errs = errs
	u := Unit{Dir: p.Path, Input: in}
	if t.opts.Visit != nil {
		t.opts.Visit(&u)
	}
	e.unit = &u
	return e
}

// addUnmatched adds to the unit the plan's resources that no .tf block of
// the tree claimed, located in the plan file.
func (p *planIndex) addUnmatched(u *unit, root *scope) {
	for _, pr := range p.unused() {
		whole := pr.rng
		decl := hcl.Range{Filename: whole.Filename, Start: whole.Start, End: whole.Start}
		body := pr.body(nil, nil, whole, whole)
		u.resources = append(u.resources, &resource{
			typ: pr.typ, name: pr.nam, addr: pr.addr, plan: pr, s: root,
			block: &hcl.Block{Type: "resource", Labels: []string{pr.typ, pr.nam}, DefRange: decl, TypeRange: decl, Body: body},
			res:   model.Resource{Address: pr.addr, Type: pr.typ, Range: p.t.pos.rng(whole), DeclRange: p.t.pos.rng(decl)},
		})
	}
}
