package inspect_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/rulesets"
)

// keyedRules is a module whose groups a and b have the same rules in other
// blocks, with other descriptions; c differs from them by one port, d by an
// action; e names a group and f has an unknown port: neither has a key.
const keyedRules = `
resource "tencentcloud_security_group" "a" { name = "a" }
resource "tencentcloud_security_group" "b" { name = "b" }
resource "tencentcloud_security_group" "c" { name = "c" }
resource "tencentcloud_security_group" "d" { name = "d" }
resource "tencentcloud_security_group" "e" { name = "e" }
resource "tencentcloud_security_group" "f" { name = "f" }
variable "port" {}

resource "tencentcloud_security_group_rule_set" "a" {
  security_group_id = tencentcloud_security_group.a.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "22"
  }
  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_security_group_rule_set" "b" {
  security_group_id = tencentcloud_security_group.b.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "TCP"
    port        = "22"
    description = "ssh from the office"
  }

  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }

  egress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
  }
}

resource "tencentcloud_security_group_rule_set" "c" {
  security_group_id = tencentcloud_security_group.c.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "23"
  }
  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_security_group_rule_set" "d" {
  security_group_id = tencentcloud_security_group.d.id
  ingress {
    action     = "DROP"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = "22"
  }
  ingress {
    action     = "DROP"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
}

resource "tencentcloud_security_group_rule_set" "e" {
  security_group_id = tencentcloud_security_group.e.id
  ingress {
    action            = "ACCEPT"
    source_security_id = tencentcloud_security_group.a.id
    protocol          = "TCP"
    port              = "22"
  }
}

resource "tencentcloud_security_group_rule_set" "f" {
  security_group_id = tencentcloud_security_group.f.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/16"
    protocol   = "TCP"
    port       = var.port
  }
}
`

// TestRegionsKey: policies of one key have the same regions (verdicts,
// flows, the places of their rules) and none undecided, and a policy
// whose regions depend on more than the key holds has none.
func TestRegionsKey(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(keyedRules), 0o600); err != nil {
		t.Fatal(err)
	}
	units, _ := analysistest.ReadDir(analysistest.ReadOptions{})(t.Context(), dir)
	u, err := inspect.Analyze(t.Context(), rulesets.All(rulesets.Options{}), units[0].Root, units[0].Input)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, p := range u.PendingGroupPolicies() {
		key, ok := p.RegionsKey()
		name := strings.TrimPrefix(p.Subject, "sg ") + " " + p.Direction.String()
		if ok {
			keys[name] = key
		}
	}
	for _, name := range []string{"a ingress", "b ingress", "c ingress", "d ingress", "a egress", "b egress"} {
		if _, ok := keys[name]; !ok {
			t.Errorf("%s has no key", name)
		}
	}
	for _, name := range []string{"e ingress", "f ingress"} {
		if _, ok := keys[name]; ok {
			t.Errorf("%s has a key, but its regions depend on more", name)
		}
	}
	if keys["a ingress"] != keys["b ingress"] || keys["a egress"] != keys["b egress"] {
		t.Error("a and b have the same rules, and different keys")
	}
	if keys["a ingress"] == keys["c ingress"] || keys["a ingress"] == keys["d ingress"] || keys["c ingress"] == keys["d ingress"] {
		t.Error("groups with different rules have the same key")
	}
	checkKeyedRegions(t, u)
}

// TestRegionsKeyFixtures checks the promise of RegionsKey on every
// fixture and example.
func TestRegionsKeyFixtures(t *testing.T) {
	load := analysistest.ReadDir(analysistest.ReadOptions{})
	var dirs []string
	for _, pattern := range []string{"../../testdata/*/*", "../../examples/*"} {
		m, _ := filepath.Glob(pattern)
		for _, d := range m {
			if fi, err := os.Stat(d); err == nil && fi.IsDir() {
				dirs = append(dirs, d)
			}
		}
	}
	keyed := 0
	for _, dir := range dirs {
		units, _ := load(t.Context(), dir)
		for _, cu := range units {
			u, err := inspect.Analyze(t.Context(), rulesets.All(rulesets.Options{}), cu.Root, cu.Input)
			if err != nil {
				t.Fatal(err)
			}
			keyed += checkKeyedRegions(t, u)
		}
	}
	if keyed < 50 {
		t.Errorf("only %d policies of the fixtures have a key", keyed)
	}
}

// checkKeyedRegions checks that the keyed policies of u have regions that
// owe nothing to their rules but their places, the same for one key, and
// returns how many have a key.
func checkKeyedRegions(t *testing.T, u *inspect.Unit) int {
	t.Helper()
	type region struct {
		Verdict flows.Verdict
		Place   int
		Flows   flows.Set
	}
	byKey := map[string][]region{}
	keyed := 0
	for _, p := range append(u.PendingBindingPolicies(), u.PendingGroupPolicies()...) {
		key, ok := p.RegionsKey()
		if !ok {
			continue
		}
		keyed++
		p.Evaluate()
		var got []region
		for _, r := range p.Regions {
			if r.Verdict == flows.Unknown || len(r.Causes) > 0 || len(r.Reasons) > 0 || len(r.MemberAccepts) > 0 {
				t.Errorf("%s, %s: a keyed policy has a region that depends on more: %+v", p.Subject, p.Direction, r)
			}
			place := -1
			if r.Rule != nil {
				place = p.RulePlace(r.Rule)
				if p.RuleAt(place) != r.Rule {
					t.Errorf("%s, %s: RuleAt(RulePlace(%s)) is another rule", p.Subject, p.Direction, r.Rule.Ref())
				}
			}
			got = append(got, region{r.Verdict, place, r.Flows})
		}
		if want, seen := byKey[key]; seen && !reflect.DeepEqual(got, want) {
			t.Errorf("%s, %s: regions differ from those of another policy of the same key:\n got %+v\nwant %+v", p.Subject, p.Direction, got, want)
		}
		byKey[key] = got
	}
	return keyed
}
