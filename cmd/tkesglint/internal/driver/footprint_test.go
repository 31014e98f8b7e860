package driver

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
)

// TestFootprintGroups checks that a run builds the groups of a unit's
// footprint only when a finding of the unit carries a fix to prove, or
// when Options.AllGroups asks for every unit: the prover alone reads them,
// and building them cost a fifth of the lint of a large export.
func TestFootprintGroups(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"fixed", "plain"} {
		if err := os.MkdirAll(filepath.Join(dir, name), 0o750); err != nil {
			t.Fatal(err)
		}
		src := `resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "TCP"
    port       = "22"
  }
}
`
		if err := os.WriteFile(filepath.Join(dir, name, "main.tf"), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	check := &analysis.Check{ID: "TKESG999", Level: analysis.LevelWarning, Title: "every group", Help: "Reports every group."}
	// The analyzer reports every group, with a repair in folder fixed only.
	a := &analysis.Analyzer{Name: "report", Checks: []*analysis.Check{check}, Run: func(p *analysis.Pass) (any, error) {
		for _, sg := range p.Input.SecurityGroups {
			d := analysis.Diagnostic{Check: check.ID, At: analysis.Resource(sg.Resource), Message: "a group"}
			if strings.HasPrefix(sg.Resource.DeclRange.Filename, "fixed/") {
				d.Repairs = []analysis.Repair{{Message: "change it"}}
			}
			p.Report(d)
		}
		return nil, nil
	}}
	groups := func(all bool) map[string]string {
		res, err := Run(t.Context(), Options{Dir: dir, Paths: []string{"."}, Analyzers: []*analysis.Analyzer{a}, DropModels: true, AllGroups: all})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) > 0 {
			t.Fatalf("errors: %v", res.Errors)
		}
		out := map[string]string{}
		for _, fp := range res.Footprints {
			if fp.HasGroups {
				var rules []string
				for _, g := range fp.Groups {
					rules = append(rules, g.Resource.Address+": "+g.Rules)
				}
				out[fp.Root] = strings.Join(rules, "")
			}
		}
		return out
	}
	lazy, all := groups(false), groups(true)
	if _, ok := lazy["plain"]; ok || len(lazy) != 1 {
		t.Errorf("a lint builds the groups of %v, want those of fixed only", keys(lazy))
	}
	if len(all) != 2 {
		t.Errorf("a lint with AllGroups builds the groups of %v, want fixed and plain", keys(all))
	}
	if lazy["fixed"] == "" || lazy["fixed"] != all["fixed"] {
		t.Errorf("the groups of fixed are %q, with AllGroups %q", lazy["fixed"], all["fixed"])
	}
	if want := "tencentcloud_security_group.nodes: ingress complete=true"; !strings.HasPrefix(all["plain"], want) {
		t.Errorf("the groups of plain are %q, want them to start %q", all["plain"], want)
	}
}

func keys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }
