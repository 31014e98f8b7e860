package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/rulesets"
)

// writeGroups writes a module of groups security groups of rules ingress
// rules each and an egress rule, bound to one CVM each. Group g has the
// rules of group g%distinct, but for its name and the rules' descriptions
// (so its policies have the same key), and every seventh group's second
// rule accepts the group before it instead (a group peer: no key).
func writeGroups(tb testing.TB, groups, rules, distinct int) checker.Unit {
	tb.Helper()
	var b strings.Builder
	for g := range groups {
		fmt.Fprintf(&b, "resource \"tencentcloud_security_group\" \"g%d\" {\n  name = \"group-%d\"\n}\n\n", g, g)
		fmt.Fprintf(&b, "resource \"tencentcloud_security_group_rule_set\" \"g%d\" {\n  security_group_id = tencentcloud_security_group.g%d.id\n", g, g)
		k := g % distinct
		for r := range rules {
			peer := fmt.Sprintf("cidr_block  = \"10.%d.%d.0/24\"", k%250, r)
			switch {
			case r == 1 && g%7 == 6:
				peer = fmt.Sprintf("source_security_id = tencentcloud_security_group.g%d.id", g-1)
			case r%5 == 4:
				peer = "cidr_block  = \"0.0.0.0/0\""
			}
			fmt.Fprintf(&b, "  ingress {\n    action      = %q\n    %s\n    protocol    = %q\n    port        = \"%d\"\n    description = \"rule %d of group %d\"\n  }\n",
				[]string{"ACCEPT", "DROP"}[r%3/2], peer, []string{"TCP", "UDP"}[r%2], 1000+10*k+r, r, g)
		}
		b.WriteString("  egress {\n    action     = \"ACCEPT\"\n    cidr_block = \"10.0.0.0/8\"\n  }\n}\n\n")
		fmt.Fprintf(&b, "resource \"tencentcloud_instance\" \"g%d\" {\n  orderly_security_groups = [tencentcloud_security_group.g%d.id]\n}\n\n", g, g)
	}
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	units, errs := analysistest.ReadDir(analysistest.ReadOptions{})(context.Background(), dir)
	if len(errs) > 0 || len(units) != 1 {
		tb.Fatalf("%d units, errors %v", len(units), errs)
	}
	return units[0]
}

// gatherPolicies gathers the policies of u and returns them joined, with
// the unit.
func gatherPolicies(tb testing.TB, u checker.Unit, opts GatherOptions) ([]byte, *Unit) {
	tb.Helper()
	opts.Policies = true
	g := Gather(context.Background(), rulesets.All(rulesets.Options{}), u.Root, u.Input, opts)
	if g.Err() != nil || g.policiesErr != nil {
		tb.Fatal(g.Err(), g.policiesErr)
	}
	return bytes.Join(g.policies, nil), g
}

// TestPolicyMemo: a group with the rules of another is written from the
// memo (a test that fails if the memo stops applying), with its own name
// and rules' places, as it is written without a memo; groups whose rules
// name a group are evaluated each.
func TestPolicyMemo(t *testing.T) {
	u := writeGroups(t, 21, 8, 5)
	want, _ := gatherPolicies(t, u, GatherOptions{Jobs: 1})
	memo := NewPolicyMemo()
	got, _ := gatherPolicies(t, u, GatherOptions{Jobs: 1, Memo: memo})
	if !bytes.Equal(got, want) {
		t.Fatalf("the policies written from the memo differ:\n%s", firstDiff(got, want))
	}
	// 21 groups of 5 distinct rule lists, 3 of them naming a group: 18
	// keyed ingress lists of 5 keys, 21 egress lists of one.
	if wantHits := (18 - 5) + (21 - 1); memo.hits != wantHits {
		t.Errorf("%d policies written from the memo, want %d", memo.hits, wantHits)
	}
	if !bytes.Contains(got, []byte("ingress rule 3 of sg group-20 <span")) {
		t.Error("a policy from the memo does not name its own rules")
	}
	// A second run shares the memo.
	again, _ := gatherPolicies(t, u, GatherOptions{Jobs: 1, Memo: memo})
	if !bytes.Equal(again, want) || memo.hits != 2*((18-5)+(21-1))+5+1 {
		t.Errorf("a second unit with the memo: same bytes %v, %d hits", bytes.Equal(again, want), memo.hits)
	}
}

// TestPoliciesOnEveryCore: a unit of 5,000 rules or more has its policies
// written in chunks on several goroutines, joined in the order of one.
func TestPoliciesOnEveryCore(t *testing.T) {
	u := writeGroups(t, 420, 12, 100)
	want, one := gatherPolicies(t, u, GatherOptions{Jobs: 1})
	if one.policyChunks != 1 {
		t.Errorf("with one job, %d chunks", one.policyChunks)
	}
	for _, jobs := range []int{2, 5} {
		got, g := gatherPolicies(t, u, GatherOptions{Jobs: jobs, Memo: NewPolicyMemo()})
		if g.policyChunks < jobs {
			t.Errorf("with %d jobs, %d chunks", jobs, g.policyChunks)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("with %d jobs, the policies differ:\n%s", jobs, firstDiff(got, want))
		}
	}
}

// firstDiff shows where a and b part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < min(len(a), len(b)) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return fmt.Sprintf("at byte %d of %d and %d:\n%s\n---\n%s", i, len(a), len(b), a[lo:min(len(a), i+200)], b[lo:min(len(b), i+200)])
}

// BenchmarkUnitPolicies writes the policies of a unit of 200 groups of 20
// rules on one goroutine: all distinct, and 50 rule lists in four groups
// each (memo).
func BenchmarkUnitPolicies(b *testing.B) {
	for _, bc := range []struct {
		name     string
		distinct int
	}{{"distinct", 200}, {"memo", 50}} {
		u := writeGroups(b, 200, 20, bc.distinct)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				gatherPolicies(b, u, GatherOptions{Jobs: 1, Memo: NewPolicyMemo()})
			}
		})
	}
}

// TestBlocks: blocks hold what was written, in order, in blocks of at
// most maxBlock, the last one cut to its length.
func TestBlocks(t *testing.T) {
	var b blocks
	var want []byte
	for i := range 3000 {
		p := bytes.Repeat([]byte{byte('a' + i%26)}, i%1500)
		b.write(p)
		want = append(want, p...)
	}
	b.close()
	if got := bytes.Join(b.full, nil); !bytes.Equal(got, want) {
		t.Fatalf("blocks hold %d bytes, want %d", len(got), len(want))
	}
	for i, blk := range b.full {
		if len(blk) > maxBlock || i < len(b.full)-1 && len(blk) != cap(blk) || cap(blk)-len(blk) > minBlock {
			t.Errorf("block %d of %d: %d bytes of %d", i, len(b.full), len(blk), cap(blk))
		}
	}
}
