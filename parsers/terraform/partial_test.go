package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/dynblock"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	"pgregory.net/rapid"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// unknowns declares the values the partial-knowledge cases read: variables
// without a value and a data source, all unknown.
const unknowns = `
variable "u" { type = map(string) }
variable "v" { type = map(string) }
variable "l" { type = list(string) }
variable "s" { type = string }
variable "o" { type = object({ a = string, b = string }) }
variable "any" {}
data "tencentcloud_security_groups" "d" {}
`

// evalLocals evaluates every local of a one-file module, refined.
func evalLocals(tb testing.TB, src string, opts Options) (map[string]refined, []*model.Error) {
	tb.Helper()
	files := []File{{Path: "m/main.tf", Src: []byte(src)}}
	tr := newTree(tb.Context(), files, opts)
	m := tr.module("m")
	if m == nil {
		tb.Fatal("no module")
	}
	u := &unit{t: tr, dirs: map[string]bool{}}
	s := newScope(u, m, "", nil)
	s.given, u.errs = tr.givenValues(m)
	out := map[string]refined{}
	for _, name := range sortedKeys(m.locals) {
		out[name] = s.localValue(name)
	}
	return out, model.SortErrors(append(tr.loadModule("m").errs, u.errs...))
}

// jsonOf renders a wholly known value as JSON, decoded, for comparison.
func jsonOf(tb testing.TB, v cty.Value) any {
	tb.Helper()
	v, _ = v.UnmarkDeep()
	b, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		tb.Fatalf("marshal %#v: %v", v, err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		tb.Fatal(err)
	}
	return out
}

func decodeJSON(tb testing.TB, s string) any {
	tb.Helper()
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		tb.Fatalf("bad expectation %s: %v", s, err)
	}
	return out
}

// knownCases are closed expressions that go through the walker (a merge,
// a for, a flatten), with the value `terraform console` gives them, as
// JSON (Terraform v1.11: `jsonencode(...)`).
var knownCases = []struct{ expr, want string }{
	{`merge({a=1},{b=2})["a"]`, `1`},
	{`merge({a=1},{a=2})["a"]`, `2`},
	{`lookup(merge({a="x"},{b="y"}), "b", "d")`, `"y"`},
	{`lookup(merge({a="x"}), "z", "d")`, `"d"`},
	{`try(merge({a="x"})["z"], "fallback")`, `"fallback"`},
	{`try(merge({a="x"})["a"], "fallback")`, `"x"`},
	{`can(merge({a="x"})["z"])`, `false`},
	{`coalesce("", merge({a="x"})["a"])`, `"x"`},
	{`coalesce(merge({a=""})["a"], "d")`, `"d"`},
	{`concat([for s in ["a","b"] : upper(s)], ["c"])`, `["A","B","c"]`},
	{`[for k, v in merge({a=1},{b=2}) : "${k}=${v}"]`, `["a=1","b=2"]`},
	{`{for k, v in merge({a=1},{b=2}) : v => k}`, `{"1":"a","2":"b"}`},
	{`{for k, v in merge({a=1},{b=2}) : k => v if v > 1}`, `{"b":2}`},
	{`{for k, v in {x = "a", y = "a", z = "b"} : v => k...}`, `{"a":["x","y"],"b":["z"]}`},
	{`flatten([for x in [1,2] : []])`, `[]`},
	{`flatten([for x in [1,2] : [for y in [] : y]])`, `[]`},
	{`flatten([[for x in [1,2] : []], ["a"]])`, `["a"]`},
	{`true ? merge({a="x"}, {b="y"}) : {}`, `{"a":"x","b":"y"}`},
	{`false ? "x" : merge({a="y"})["a"]`, `"y"`},
	{`merge({a={b="c"}}, {d="e"})["a"]["b"]`, `"c"`},
	{`merge(null, {a="x"})`, `{"a":"x"}`},
	{`merge()`, `{}`},
}

// TestRefinedKnown: on known values the walker gives what Terraform gives.
func TestRefinedKnown(t *testing.T) {
	for _, c := range knownCases {
		locals, errs := evalLocals(t, "locals {\n  result = "+c.expr+"\n}\n", Options{})
		if len(errs) > 0 {
			t.Errorf("%s: %v", c.expr, errs[0])
			continue
		}
		r := locals["result"]
		if !r.whollyKnown() {
			t.Errorf("%s: not known (%s)", c.expr, reasonOf(r.v))
			continue
		}
		if got, want := jsonOf(t, r.v), decodeJSON(t, c.want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %v, want %v", c.expr, got, want)
		}
	}
}

// TestRefinedKnownAgainstTerraform checks the expectations of knownCases
// with `terraform console`, when Terraform is installed.
func TestRefinedKnownAgainstTerraform(t *testing.T) {
	if testing.Short() {
		t.Skip("runs terraform")
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not installed")
	}
	var b strings.Builder
	b.WriteString("jsonencode({")
	for i, c := range knownCases {
		fmt.Fprintf(&b, " c%d = (%s),", i, c.expr)
	}
	b.WriteString("})\n")
	cmd := exec.CommandContext(t.Context(), tf, "console")
	cmd.Dir = t.TempDir()
	cmd.Stdin = strings.NewReader(b.String())
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		t.Fatalf("terraform console: %v", err)
	}
	quoted, diags := hclsyntax.ParseExpression(bytes.TrimSpace(stdout.Bytes()), "console", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("terraform console printed %q", stdout.String())
	}
	text, diags := quoted.Value(nil)
	if diags.HasErrors() || text.Type() != cty.String {
		t.Fatalf("terraform console printed %q", stdout.String())
	}
	got := map[string]any{}
	if err := json.Unmarshal([]byte(text.AsString()), &got); err != nil {
		t.Fatal(err)
	}
	for i, c := range knownCases {
		if want := decodeJSON(t, c.want); !reflect.DeepEqual(got["c"+strconv.Itoa(i)], want) {
			t.Errorf("terraform says %s = %v; the table says %v", c.expr, got["c"+strconv.Itoa(i)], want)
		}
	}
}

// TestRefinedPartial: what Terraform's semantics decide when some values
// are unknown. want is the JSON of the decided value, or "unknown: " and a
// part of the reason.
func TestRefinedPartial(t *testing.T) {
	cases := []struct{ expr, want string }{
		// merge: a later known argument decides its keys.
		{`merge(var.u, {a = "x"})["a"]`, `"x"`},
		{`merge(var.u, {a = "x"}, {b = "y"})["a"]`, `"x"`},
		{`merge({a = "x"}, var.u)["a"]`, `unknown: var.u has no value`},
		{`merge(var.u, {a = "x"})["b"]`, `unknown: var.u has no value`},
		{`merge(data.tencentcloud_security_groups.d.groups, {a = "x"})["b"]`, `unknown: data.tencentcloud_security_groups.d.groups is known only after apply`},
		{`merge(var.u, {a = "x"}, var.v)["a"]`, `unknown: =var.v has no value`},
		{`merge(var.u, {a = "x"}, var.v)["b"]`, `unknown: =var.u has no value; var.v has no value`},
		{`merge(var.u, {a = "x"}, var.v, {b = "y"})["a"]`, `unknown: =var.v has no value`},
		{`merge(var.u, merge(var.v, {a = "x"}))["a"]`, `"x"`},
		{`merge(var.u, {a = "x"}).a`, `"x"`},
		{`merge(var.any, {a = "x"})["a"]`, `"x"`},
		// An unknown object has the attributes of its type and no other.
		{`merge(var.o, {c = "z"})["c"]`, `"z"`},
		{`merge({c = "z"}, var.o)["c"]`, `"z"`},
		{`merge({a = "z"}, var.o)["a"]`, `unknown: var.o has no value`},
		{`merge([{a = "x"}]...)["a"]`, `"x"`},
		// lookup and index
		{`lookup(merge(var.u, {a = "x"}), "a", "d")`, `"x"`},
		{`lookup(merge(var.u, {a = "x"}), "b", "d")`, `unknown: var.u has no value`},
		{`lookup({a = merge(var.u, {k = "x"})}, "a", {})["k"]`, `"x"`},
		{`lookup({}, "a", merge(var.u, {k = "x"}))["k"]`, `"x"`},
		{`{a = merge(var.u, {k = "x"})}.a.k`, `"x"`},
		{`[merge(var.u, {k = "x"})][0].k`, `"x"`},
		// try stops at the first argument without an error: unknown when
		// it is not wholly known.
		{`try(merge(var.u, {a = "x"})["a"], "d")`, `"x"`},
		{`try(merge(var.u, {a = "x"})["b"], "d")`, `unknown: var.u has no value`},
		{`try(var.o.c, "d")`, `"d"`},
		{`try(var.s, "d")`, `unknown: var.s has no value`},
		{`try({a = var.s}, "d")`, `unknown: var.s has no value`},
		{`{for k, u in var.any : k => u if try(u.flag, false)}`, `unknown: var.any has no value`},
		{`can(merge(var.u, {a = "x"})["a"])`, `true`},
		{`can(merge(var.u, {a = "x"})["b"])`, `unknown: var.u has no value`},
		// coalesce: the first argument that is not null nor "", when the
		// ones before it are known.
		{`coalesce(merge(var.u, {a = "x"})["a"], "d")`, `"x"`},
		{`coalesce(merge(var.u, {a = ""})["a"], "d")`, `"d"`},
		{`coalesce(var.s, "d")`, `unknown: var.s has no value`},
		{`coalesce("x", var.s)`, `"x"`},
		{`coalesce(merge(var.u, {a = "x"}), {})["a"]`, `"x"`},
		// conditionals
		{`true ? merge(var.u, {a = "x"})["a"] : "y"`, `"x"`},
		{`false ? var.s : merge(var.u, {a = "y"})["a"]`, `"y"`},
		{`(length(var.l) > 0 ? merge(var.u, {a = "x"}) : {a = "y"})["a"]`, `unknown: var.l has no value`},
		{`(true ? merge(var.u, {a = "x"}) : {})["a"]`, `"x"`},
		// for expressions
		{`{for k, v in merge(var.u, {a = "x"}) : k => upper(v)}["a"]`, `"X"`},
		{`{for k, v in merge(var.u, {a = "x"}) : k => v if v != "x"}["a"]`, `unknown: var.u has no value`},
		{`{for k, v in merge(var.u, {a = "x"}) : k => v...}["a"]`, `unknown: var.u has no value`},
		{`[for k, v in merge(var.u, {a = "x"}) : v]`, `unknown: var.u has no value`},
		{`{for k, m in {one = merge(var.u, {a = "x"})} : k => m["a"]}`, `{"one":"x"}`},
		{`[for m in [merge(var.u, {a = "x"})] : m.a]`, `["x"]`},
		{`[for x in var.l : "c"][0]`, `"c"`},
		// concat of lists whose lengths are known
		{`concat([merge(var.u, {a = "x"})], ["y"])[0]["a"]`, `"x"`},
		{`concat(["y"], [merge(var.u, {a = "x"})])[1]["a"]`, `"x"`},
		{`concat(var.l, ["x"])[0]`, `unknown: var.l has no value`},
		// flatten of lists of unknown length whose elements are empty
		{`flatten([for x in var.l : []])`, `[]`},
		{`flatten([for x in var.l : [for y in [] : y]])`, `[]`},
		{`flatten([for x in var.l : [for y in var.l : []]])`, `[]`},
		{`flatten([[for x in var.l : []], ["z"]])`, `["z"]`},
		{`length(flatten([for x in var.l : []])) > 0 ? 1 : 0`, `0`},
		{`flatten([for x in var.l : [x]])`, `unknown: var.l has no value`},
		{`flatten([for x in var.l : ["c"]])`, `unknown: var.l has no value`},
	}
	for _, c := range cases {
		locals, errs := evalLocals(t, unknowns+"locals {\n  result = "+c.expr+"\n}\n", Options{})
		if len(errs) > 0 {
			t.Errorf("%s: %v", c.expr, errs[0])
			continue
		}
		r := locals["result"]
		if reason, ok := strings.CutPrefix(c.want, "unknown: "); ok {
			if r.whollyKnown() {
				t.Errorf("%s = %v, want unknown", c.expr, jsonOf(t, r.v))
			} else if got := reasonOf(r.v); !reasonMatches(got, reason) {
				t.Errorf("%s: reason %q, want %q", c.expr, got, reason)
			}
			continue
		}
		if !r.whollyKnown() {
			t.Errorf("%s: unknown (%s), want %s", c.expr, reasonOf(r.v), c.want)
			continue
		}
		if got, want := jsonOf(t, r.v), decodeJSON(t, c.want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %v, want %v", c.expr, got, want)
		}
	}
}

// reasonMatches reports whether a reason holds want, or is want after a
// leading "=", and is never vague.
func reasonMatches(got, want string) bool {
	if strings.Contains(got, "statically") {
		return false
	}
	if exact, ok := strings.CutPrefix(want, "="); ok {
		return got == exact
	}
	return strings.Contains(got, want)
}

// soundLocals are expressions whose refinements TestRefinedSound checks
// against every value of the unknowns.
const soundLocals = `
variable "u" { type = map(string) }
variable "v" { type = map(string) }
variable "l" { type = list(string) }
locals {
  m1   = merge(var.u, {a = "x"})
  m2   = merge({a = "x", b = "y"}, var.u)
  m3   = merge(var.u, {a = "x"}, var.v, {b = "y"})
  m4   = merge(var.u, merge(var.v, {c = "z"}))
  i1   = merge(var.u, {a = "x"})["a"]
  l1   = lookup(merge(var.u, {a = "x"}), "b", "d")
  l2   = lookup(merge(var.u, {a = "x"}), "a", "d")
  t1   = try(merge(var.u, {a = "x"})["b"], "d")
  t2   = try(merge(var.u, {a = "x"})["a"], "d")
  c1   = coalesce(lookup(var.u, "a", ""), "d")
  c2   = coalesce(merge(var.u, {a = ""})["a"], "d")
  c3   = coalesce(merge(var.v, {a = "p"})["a"], "d")
  c4   = coalesce(merge(var.u, {a = "x"}), {a = "z"})
  c5   = coalesce(null, merge(var.u, {a = "x"}))["a"]
  f1   = {for k, v in merge(var.u, {a = "x"}) : k => upper(v)}
  f2   = {for k, v in merge(var.u, {a = "x"}) : upper(k) => v}
  f3   = [for k, v in merge(var.u, {a = "x"}) : v]
  f4   = {for k, v in merge(var.u, {a = "x"}) : k => v if v != "x"}
  f5   = {for k, v in merge(var.u, {a = "x"}) : "${k}${v}" => v}
  f6   = [for x in var.l : "c"]
  n1   = {outer = merge(var.u, {a = "x"})}
  n2   = local.n1.outer["a"]
  cc   = concat([merge(var.u, {a = "x"})], var.l)
  cc2  = concat([merge(var.u, {a = "x"})], ["y"])
  fl   = flatten([for x in var.l : []])
  fl2  = flatten([for x in var.l : [for y in var.l : []]])
  fl3  = flatten([[for x in var.l : []], ["z"]])
  fl4  = flatten([for x in var.l : [x]])
  cond = length(var.l) > 0 ? merge(var.u, {a = "x"}) : {a = "y"}
  cnd2 = true ? merge(var.u, {a = "x"}) : {}
}
`

// TestRefinedSound: whatever values the unknowns take, every part that
// the partial evaluation decided is what the evaluation with those values
// gives. This is what makes a refinement sound: it never says more than
// every possible value says.
func TestRefinedSound(t *testing.T) {
	partial, errs := evalLocals(t, soundLocals, Options{})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	rapid.Check(t, func(rt *rapid.T) {
		keys := rapid.SampledFrom([]string{"a", "b", "c", "A"})
		vals := rapid.SampledFrom([]string{"", "p", "x", "y"})
		u := rapid.MapOfN(keys, vals, 0, 4).Draw(rt, "u")
		v := rapid.MapOfN(keys, vals, 0, 4).Draw(rt, "v")
		l := rapid.SliceOfN(vals, 0, 3).Draw(rt, "l")
		full, errs := evalLocals(t, soundLocals, Options{Variables: map[string]string{
			"u": hclMap(u), "v": hclMap(v), "l": hclList(l),
		}})
		for name, p := range partial {
			f := full[name]
			if hasErrorIn(errs, soundLocals, name) || !f.whollyKnown() {
				continue
			}
			checkDecided(rt, name, p, f.v)
		}
	})
	// Terraform leaves these open; every other local decides something.
	undecided := map[string]bool{"m2": true, "l1": true, "t1": true, "c1": true, "f3": true, "f4": true, "fl4": true, "cond": true, "cc": true}
	for name, r := range partial {
		if decides := len(r.elems) > 0 || r.each != nil || r.whollyKnown(); decides == undecided[name] {
			t.Errorf("local.%s: decides something = %v, want %v", name, decides, !undecided[name])
		}
	}
}

// hasErrorIn reports whether the evaluation of local name, one line of
// src, failed (a try with every argument failing, an index of a missing
// key...): Terraform would stop there, so nothing is to be compared.
func hasErrorIn(errs []*model.Error, src, name string) bool {
	line := 0
	for i, l := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), name+" ") {
			line = i + 1
		}
	}
	for _, e := range errs {
		if e.Range.Start.Line == line {
			return true
		}
	}
	return false
}

// checkDecided fails when p decides something that differs from v.
func checkDecided(rt *rapid.T, path string, p refined, v cty.Value) {
	v, _ = v.UnmarkDeep()
	if p.whollyKnown() {
		pv, _ := p.v.UnmarkDeep()
		if !pv.Equals(v).True() {
			rt.Fatalf("%s: decided %#v, but with these values it is %#v", path, pv, v)
		}
		return
	}
	if p.each != nil {
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			checkDecided(rt, path+"[*]", *p.each, ev)
			_ = k
		}
		return
	}
	for k, e := range p.elems {
		var ev cty.Value
		found := true
		switch ty := v.Type(); {
		case ty.IsObjectType() && ty.HasAttribute(k):
			ev = v.GetAttr(k)
		case ty.IsListType() || ty.IsTupleType():
			n, _ := strconv.Atoi(k)
			key := cty.NumberIntVal(int64(n))
			found = v.HasIndex(key).True()
			if found {
				ev = v.Index(key)
			}
		case ty.IsMapType():
			key := cty.StringVal(k)
			found = v.HasIndex(key).True()
			if found {
				ev = v.Index(key)
			}
		default:
			found = false
		}
		if !found {
			rt.Fatalf("%s: decided that %q is present, but with these values it is not: %#v", path, k, v)
		}
		checkDecided(rt, path+"["+k+"]", e, ev)
	}
}

// render shows a string value, or what else it is.
func render(v cty.Value) string {
	if v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
		return v.AsString()
	}
	return v.GoString()
}

func hclMap(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("{")
	for _, k := range keys {
		fmt.Fprintf(&b, "%q = %q, ", k, m[k])
	}
	b.WriteString("}")
	return b.String()
}

func hclList(l []string) string {
	parts := make([]string, len(l))
	for i, s := range l {
		parts[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// TestRefinedDynamicBlock: the content of a dynamic block reads decided
// entries too, with the block's iterator.
func TestRefinedDynamicBlock(t *testing.T) {
	src := `
data "tencentcloud_security_groups" "existing" {}
resource "tencentcloud_security_group" "nodes" { name = "nodes" }
locals {
  ids = merge(
    { for g in data.tencentcloud_security_groups.existing.security_groups : g.name => g.security_group_id },
    { nodes = tencentcloud_security_group.nodes.id },
  )
  peers = ["nodes", "shared"]
}
resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = local.ids["nodes"]
  dynamic "ingress" {
    for_each = local.peers
    iterator = peer
    content {
      action             = "ACCEPT"
      source_security_id = local.ids[peer.value]
      description        = "from ${peer.value}"
    }
  }
}
`
	in, errs := parseModule(t.Context(), []File{{Path: "main.tf", Src: []byte(src)}}, Options{})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	rules := findSG(t, in, "tencentcloud_security_group.nodes").Ingress.Rules
	if len(rules) != 2 {
		t.Fatalf("%d rules, want 2", len(rules))
	}
	wantString(t, "decided peer", rules[0].SecurityGroup, "tencentcloud_security_group.nodes", model.Written, "main.tf:18:28", "")
	wantString(t, "description", rules[0].Description, "from nodes", model.Written, "", "")
	wantString(t, "undecided peer", rules[1].SecurityGroup, "", model.Unresolved, "", "data.tencentcloud_security_groups.existing.security_groups is known only after apply")
}

// TestDynamicForEach: dynblock reads the for_each of dynamic blocks, nested
// ones too (with the enclosing iterator), through the walker.
func TestDynamicForEach(t *testing.T) {
	src := `
variable "names" { type = list(string) }
locals {
  sets = { web = ["a", "b"], db = [] }
}
resource "tencentcloud_thing" "x" {
  dynamic "empty" {
    for_each = flatten([for n in var.names : []])
    content {
      name = empty.value
    }
  }
  dynamic "outer" {
    for_each = local.sets
    content {
      name = outer.key
      dynamic "inner" {
        for_each = concat(outer.value, flatten([for n in var.names : [for s in [] : outer.key]]), ["z"])
        content {
          name = "${outer.key}.${inner.value}"
        }
      }
    }
  }
}
`
	files := []File{{Path: "m/main.tf", Src: []byte(src)}}
	tr := newTree(t.Context(), files, Options{})
	m := tr.module("m")
	s := newScope(&unit{t: tr, dirs: map[string]bool{}}, m, "", nil)
	body, ok := m.resources["tencentcloud_thing.x"].block.Body.(*hclsyntax.Body)
	if !ok {
		t.Fatal("not a native body")
	}
	ctx := s.contextFor([]hcl.Traversal{
		{hcl.TraverseRoot{Name: "var"}, hcl.TraverseAttr{Name: "names"}},
		{hcl.TraverseRoot{Name: "local"}, hcl.TraverseAttr{Name: "sets"}},
	})
	expanded := dynblock.Expand(s.withDynamicForEach(body), ctx)
	content, diags := expanded.Content(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "empty"}, {Type: "outer"}}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	for _, b := range content.Blocks {
		bc, diags := b.Body.Content(&hcl.BodySchema{
			Attributes: []hcl.AttributeSchema{{Name: "name"}},
			Blocks:     []hcl.BlockHeaderSchema{{Type: "inner"}},
		})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		v, _ := bc.Attributes["name"].Expr.Value(ctx)
		got = append(got, b.Type+" "+render(v))
		for _, ib := range bc.Blocks {
			ic, _ := ib.Body.Content(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "name"}}})
			iv, _ := ic.Attributes["name"].Expr.Value(ctx)
			got = append(got, "  "+render(iv))
		}
	}
	want := []string{"outer db", "  db.z", "outer web", "  web.a", "  web.b", "  web.z"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks %q, want %q", got, want)
	}
}
