package edit

import (
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// A rule list made by a dynamic block over a collection (or a lite rule's
// list taken from a variable) is edited where the collection is written:
// the default of the variable, a tfvars file, the argument of the module
// call that sets it, or a local. The new element is written like its
// neighbor, with the keys the dynamic block reads set to the new rule's
// values. When the collection is not a literal in a file read, nothing is
// edited, and the error says what to add where.

// literal is a list written in a file: where a rule list's elements are.
type literal struct {
	file  *tfFile
	tuple *hclsyntax.TupleConsExpr
	// what names it for messages: "the default of var.rules".
	what string
	// scope is where it is written: a variable's default and a tfvars
	// file take no references.
	scope tfScope
}

// valueSource finds the literal list that expr, evaluated for the resource
// owner (with its module calls), stands for.
func (w *writer) valueSource(f *tfFile, expr hclsyntax.Expression, owner model.Resource) (*literal, error) {
	calls := slices.Clone(owner.CallChain)
	what := ""
	sc := scopeOf(f.name, owner)
	for range 16 {
		switch e := expr.(type) {
		case *hclsyntax.TupleConsExpr:
			if what == "" {
				what = "the list"
			}
			sc.dir = path.Dir(f.name)
			return &literal{file: f, tuple: e, what: fmt.Sprintf("%s (%s:%d)", what, f.name, e.SrcRange.Start.Line), scope: sc}, nil
		case *hclsyntax.ObjectConsExpr:
			return nil, notWritten("the collection at %s:%d is a map, whose order is that of its keys: add an element with a key that sorts where the new rule goes", f.name, e.SrcRange.Start.Line)
		case *hclsyntax.ScopeTraversalExpr:
			root := e.Traversal.RootName()
			name, ok := traversalName(e.Traversal)
			if !ok || root != "var" && root != "local" {
				return nil, notWritten("the rules come from %s, which is not a list written in a file", exprText(f, e))
			}
			var err error
			if root == "local" {
				what = "local." + name
				f, expr, err = w.local(f, name)
			} else {
				outer := len(calls)
				f, expr, calls, what, err = w.variable(f, name, calls)
				if err == nil && len(calls) < outer {
					sc.module, sc.calls = parentModule(sc.module), calls // the argument of the call
				} else {
					sc.refs = false // a default or a tfvars file
				}
			}
			if err != nil {
				return nil, err
			}
		default:
			return nil, notWritten("the rules come from %s, which is not a list written in a file", exprText(f, expr))
		}
	}
	return nil, notWritten("the value of the rule list goes through too many variables")
}

// exprText returns the text of an expression for messages.
func exprText(f *tfFile, e hclsyntax.Expression) string {
	r := e.Range()
	if r.Start.Byte < 0 || r.End.Byte > len(f.src) {
		return "an expression"
	}
	return strings.TrimSpace(string(f.src[r.Start.Byte:r.End.Byte]))
}

// traversalName returns the second step of var.name or local.name.
func traversalName(t hcl.Traversal) (string, bool) {
	if len(t) < 2 {
		return "", false
	}
	a, ok := t[1].(hcl.TraverseAttr)
	return a.Name, ok && len(t) == 2
}

// local returns the expression of local name of the module of f.
func (w *writer) local(f *tfFile, name string) (*tfFile, hclsyntax.Expression, error) {
	for _, mf := range w.moduleFiles(f.name) {
		for _, b := range mf.body.Blocks {
			if b.Type == "locals" {
				if a := b.Body.Attributes[name]; a != nil {
					return mf, a.Expr, nil
				}
			}
		}
	}
	return nil, nil, notWritten("local.%s is not defined in a file read", name)
}

// variable returns where the value of var name of the module of f is
// written: the argument of the module call that evaluates it, else a
// tfvars file of the root module (the last that sets it), else its
// default.
func (w *writer) variable(f *tfFile, name string, calls []model.Range) (*tfFile, hclsyntax.Expression, []model.Range, string, error) {
	if len(calls) > 0 {
		call := calls[len(calls)-1]
		cf, err := w.tf(call.Filename)
		if err != nil {
			return nil, nil, nil, "", err
		}
		blk := blockAt(cf.body, call.Start.Byte)
		if blk == nil || blk.Type != "module" || len(blk.Labels) != 1 {
			return nil, nil, nil, "", notWritten("the module call at %s was not found", call)
		}
		if a := blk.Body.Attributes[name]; a != nil {
			return cf, a.Expr, calls[:len(calls)-1], fmt.Sprintf("the %s argument of module.%s", name, blk.Labels[0]), nil
		}
		return w.variableDefault(f, name, calls)
	}
	if w.opts.VarFromCommandLine != nil && w.opts.VarFromCommandLine(name) {
		return nil, nil, nil, "", notWritten("var.%s is set with --var or --var-file, whose value wins over the files a fix may edit (it edits no file --var-file names)", name)
	}
	vf, a, _, err := w.tfvarsValue(path.Dir(f.name), name)
	if err != nil {
		return nil, nil, nil, "", err
	}
	if a != nil {
		return vf, a.Expr, nil, "var." + name, nil
	}
	if w.opts.VarFromEnvironment != nil && w.opts.VarFromEnvironment(name) {
		return nil, nil, nil, "", notWritten("var.%s is given by the environment (TF_VAR_%s) or by variables: in .tkesglint.yml, which a fix does not edit (the list written in terraform.tfvars would override it for every run)", name, name)
	}
	return w.variableDefault(f, name, calls)
}

// tfvarsValue returns the assignment of var name in the variable files
// that Terraform reads for the root module in dir: the last that sets it,
// in Terraform's order (terraform.tfvars, terraform.tfvars.json, then the
// *.auto.tfvars and *.auto.tfvars.json by name), and where it is
// ("terraform.tfvars:3"). None is no error; a file that cannot be edited
// (in JSON, or left out of the scan) is.
func (w *writer) tfvarsValue(dir, name string) (f *tfFile, a *hclsyntax.Attribute, at string, err error) {
	var unscanned map[string][]byte
	if w.opts.Unscanned != nil {
		unscanned = w.opts.Unscanned(dir)
	}
	isVarFile := func(n string) bool {
		b := path.Base(n)
		return path.Dir(n) == dir && (strings.HasSuffix(b, ".auto.tfvars") || strings.HasSuffix(b, ".auto.tfvars.json"))
	}
	var autos []string
	for _, files := range []map[string][]byte{w.opts.Files, unscanned} {
		for n := range files {
			if isVarFile(n) {
				autos = append(autos, n)
			}
		}
	}
	slices.SortFunc(autos, func(a, b string) int { return strings.Compare(path.Base(a), path.Base(b)) })
	order := append([]string{path.Join(dir, "terraform.tfvars"), path.Join(dir, "terraform.tfvars.json")}, autos...)
	for _, n := range slices.Backward(order) {
		src, scanned := w.opts.Files[n]
		if !scanned {
			if src = unscanned[n]; src == nil {
				continue
			}
		}
		if strings.HasSuffix(n, ".json") {
			var vals map[string]json.RawMessage
			if json.Unmarshal(src, &vals) != nil || vals[name] == nil {
				continue
			}
			return nil, nil, n, notWritten("var.%s is set in %s, Terraform in JSON, which tkesglint does not edit", name, n)
		}
		if !scanned {
			parsed, diags := hclsyntax.ParseConfig(src, n, hcl.InitialPos)
			body, ok := parsed.Body.(*hclsyntax.Body)
			if diags.HasErrors() || !ok || body.Attributes[name] == nil {
				continue
			}
			at = fmt.Sprintf("%s:%d", n, body.Attributes[name].SrcRange.Start.Line)
			return nil, nil, at, notWritten("var.%s is set in %s, which is left out of the scan (--exclude or exclude in .tkesglint.yml), so tkesglint does not edit it", name, at)
		}
		vf, err := w.tf(n)
		if err != nil {
			return nil, nil, "", err
		}
		if a := vf.body.Attributes[name]; a != nil {
			return vf, a, fmt.Sprintf("%s:%d", n, a.SrcRange.Start.Line), nil
		}
	}
	return nil, nil, "", nil
}

// variableDefault returns the default of var name of the module of f.
func (w *writer) variableDefault(f *tfFile, name string, calls []model.Range) (*tfFile, hclsyntax.Expression, []model.Range, string, error) {
	for _, mf := range w.moduleFiles(f.name) {
		for _, b := range mf.body.Blocks {
			if b.Type == "variable" && len(b.Labels) == 1 && b.Labels[0] == name {
				if a := b.Body.Attributes["default"]; a != nil {
					return mf, a.Expr, calls, "the default of var." + name, nil
				}
				return nil, nil, nil, "", notWritten("var.%s has no default, and nothing read gives it a value", name)
			}
		}
	}
	return nil, nil, nil, "", notWritten("var.%s is not declared in a file read", name)
}

// moduleFiles returns the .tf files of the folder of name, parsed.
func (w *writer) moduleFiles(name string) []*tfFile {
	dir := path.Dir(name)
	var names []string
	for n := range w.opts.Files {
		if path.Dir(n) == dir && strings.HasSuffix(n, ".tf") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var out []*tfFile
	for _, n := range names {
		if f, err := w.tf(n); err == nil {
			out = append(out, f)
		}
	}
	return out
}

// dynamicInsert adds the rules of ins to the collection a dynamic block
// makes rule blocks from.
func (w *writer) dynamicInsert(ins *model.Insertion, f *tfFile, res, content *hclsyntax.Block) error {
	dyn := parentOf(res.Body, content)
	if dyn == nil || dyn.Type != "dynamic" || len(dyn.Labels) != 1 {
		return notWritten("the rule at %s:%d is not made by a dynamic block", f.name, content.Range().Start.Line)
	}
	forEach := dyn.Body.Attributes["for_each"]
	if forEach == nil {
		return notWritten("the dynamic block at %s:%d has no for_each", f.name, dyn.Range().Start.Line)
	}
	iter := dyn.Labels[0]
	if a := dyn.Body.Attributes["iterator"]; a != nil {
		iter = hcl.ExprAsKeyword(a.Expr)
	}
	owner := ins.Group.Resource
	if r, _, ok := ruleOwner(ins); ok {
		owner = r
	}
	made, index := madeBy(ins, owner, f.name, content)
	// The rules must be what the block can make, wherever the list is.
	for _, r := range ins.Rules {
		if _, err := elementValues(content, iter, ruleAttrs(r), owner.Address); err != nil {
			return err
		}
	}
	if w.opts.InPlace {
		if ok, err := w.argumentFromDefault(f, forEach.Expr, owner); err != nil || ok {
			if err != nil {
				return err
			}
			return w.notInPlace(func() error { return w.dynamicInsert(ins, f, res, content) })
		}
		return w.besideDynamic(ins, f, res, dyn, owner, index, len(made))
	}
	lit, err := w.valueSource(f, forEach.Expr, owner)
	if err != nil {
		return fmt.Errorf("%w; %s", err, describe(ins, content, iter, index))
	}
	if index < 0 || len(lit.tuple.Exprs) != len(made) {
		return notWritten("%s does not make the rules of sg %s one for one; %s", lit.what, ins.Group.DisplayName(), describe(ins, content, iter, index))
	}
	var elems []string
	for _, r := range ins.Rules {
		e, err := element(lit, content, iter, r, index, owner.Address, w.tfRef(ins, r, lit.scope))
		if err != nil {
			return fmt.Errorf("%w; %s", err, describe(ins, content, iter, index))
		}
		elems = append(elems, e)
	}
	notes := comments(ins.Rules)
	if a := content.Body.Attributes["description"]; a != nil {
		if _, read := iterKey(a.Expr, iter); read {
			notes = nil // the elements say it themselves
		}
	}
	src := listInsert(lit.file.src, lit.tuple, index, notes, elems, false)
	w.where = "in " + lit.what + ", which the dynamic block iterates over"
	return w.finish(lit.file.name, lit.file.src, src)
}

// besideDynamic writes the rules of ins as static blocks right above or
// below the dynamic block dyn, which makes n rules of the list: rule
// blocks of one type expand in the order they are written, so a block
// above it comes before all n (index 0), one below it after all n.
func (w *writer) besideDynamic(ins *model.Insertion, f *tfFile, res, dyn *hclsyntax.Block, owner model.Resource, index, n int) error {
	if index != 0 && index != n {
		return notWritten("the new rules go between rules %d and %d of the %d that the dynamic block at %s:%d makes, which only its collection can place", index, index+1, n, f.name, dyn.Range().Start.Line)
	}
	blank := blankBetweenBlocks(f.src, res.Body) || blankBefore(f.src, dyn.Range().Start.Byte)
	blocks, err := w.ruleBlocks(ins, directionName(ins.Direction), siblingRule(res.Body), owner, blank)
	if err != nil {
		return err
	}
	text := indent(blocks, indentAt(f.src, dyn.Range().Start.Byte)) + "\n"
	var at int
	if index == 0 {
		at = leadingComments(f.src, lineStart(f.src, dyn.Range().Start.Byte))
		if blank {
			text += "\n"
		}
	} else {
		at = lineEnd(f.src, dyn.Range().End.Byte-1)
		if blank {
			text = "\n" + text
		}
	}
	w.where = "in " + owner.Address + " itself, next to its dynamic block"
	return w.finish(f.name, f.src, splice(f.src, at, at, text))
}

// madeBy returns the rules of ins's list that the content block makes,
// and the index among them where the new rules go (-1: Before is not one).
func madeBy(ins *model.Insertion, owner model.Resource, file string, content *hclsyntax.Block) (made []*model.Rule, index int) {
	for _, r := range ins.Group.Rules(ins.Direction).Rules {
		if r.Owner.Address == owner.Address && r.Range.Start.Byte == content.Range().Start.Byte && r.Range.Filename == file {
			made = append(made, r)
		}
	}
	if ins.Before != nil {
		return made, slices.Index(made, ins.Before)
	}
	return made, len(made)
}

// parentOf returns the block of body that holds child directly.
func parentOf(body *hclsyntax.Body, child *hclsyntax.Block) *hclsyntax.Block {
	for _, b := range body.Blocks {
		if slices.Contains(b.Body.Blocks, child) {
			return b
		}
		if p := parentOf(b.Body, child); p != nil {
			return p
		}
	}
	return nil
}

// ruleAttrs returns the attributes of a rule-set block that a rule sets,
// with their values.
func ruleAttrs(r *model.Rule) map[string]string {
	out := map[string]string{"action": r.Action.Value(), "protocol": r.Protocol.Value(), "port": r.Port.Value(), "description": r.Description.Value()}
	switch {
	case r.CIDR.IsWritten():
		out["cidr_block"] = r.CIDR.Value()
	case r.IPv6CIDR.IsWritten():
		out["ipv6_cidr_block"] = r.IPv6CIDR.Value()
	case r.SecurityGroup.IsWritten():
		out["source_security_id"] = r.SecurityGroup.Value()
	}
	return out
}

// element writes rule r as an element of lit, laid out like the element
// next to index, with the keys the dynamic block's content reads, and its
// CIDR as the expression ref when that is not empty.
func element(lit *literal, content *hclsyntax.Block, iter string, r *model.Rule, index int, from, ref string) (string, error) {
	if len(lit.tuple.Exprs) == 0 {
		return "", notWritten("%s is empty: no element shows how to write a new one", lit.what)
	}
	neighbor := lit.tuple.Exprs[min(index, len(lit.tuple.Exprs)-1)]
	obj, ok := neighbor.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return "", notWritten("the elements of %s are not objects written in place", lit.what)
	}
	values, err := elementValues(content, iter, ruleAttrs(r), from)
	if err != nil {
		return "", err
	}
	for _, name := range []string{"cidr_block", "ipv6_cidr_block"} {
		if a := content.Body.Attributes[name]; a != nil && ref != "" {
			if key, read := iterKey(a.Expr, iter); read && values[key] != "" {
				values[key] = ref
			}
		}
	}
	// Keys of the neighbor that the block does not read are copied.
	var parts []string
	var keys []string
	for _, item := range obj.Items {
		key := hcl.ExprAsKeyword(item.KeyExpr)
		if key == "" {
			return "", notWritten("the elements of %s have keys tkesglint does not read", lit.what)
		}
		keys = append(keys, key)
		v, ok := values[key]
		if !ok {
			rng := item.ValueExpr.Range()
			v = string(lit.file.src[rng.Start.Byte:rng.End.Byte])
		}
		parts = append(parts, key+" = "+v)
	}
	for _, key := range slices.Sorted(maps.Keys(values)) {
		if !slices.Contains(keys, key) {
			parts = append(parts, key+" = "+values[key])
		}
	}
	rng := obj.SrcRange
	if !strings.Contains(string(lit.file.src[rng.Start.Byte:rng.End.Byte]), "\n") {
		return "{ " + strings.Join(parts, ", ") + " }", nil
	}
	ind := indentAt(lit.file.src, rng.Start.Byte)
	inner := ind + "  "
	if len(obj.Items) > 0 {
		inner = indentAt(lit.file.src, obj.Items[0].KeyExpr.Range().Start.Byte)
	}
	return "{\n" + inner + strings.Join(parts, "\n"+inner) + "\n" + ind + "}", nil
}

// elementValues returns the values, written in HCL, of the keys of an
// element that the content of a dynamic block reads, for a rule whose
// attributes are want. An attribute the content writes as a constant must
// be the rule's; one it leaves out must be the default.
func elementValues(content *hclsyntax.Block, iter string, want map[string]string, from string) (map[string]string, error) {
	values := map[string]string{}
	for name, a := range content.Body.Attributes {
		v, needed := want[name]
		key, read := iterKey(a.Expr, iter)
		switch {
		case read && !needed:
		case read && name == "source_security_id":
			ref, err := groupRef(v, from)
			if err != nil {
				return nil, err
			}
			values[key] = string(ref.Bytes())
		case read:
			values[key] = string(tokens(v).Bytes())
		default:
			c, diags := a.Expr.Value(nil)
			if diags.HasErrors() || !c.Type().Equals(cty.String) || c.IsNull() {
				return nil, notWritten("the dynamic block computes %s in a way tkesglint does not follow", name)
			}
			if !strings.EqualFold(c.AsString(), v) && name != "description" {
				return nil, notWritten("the dynamic block writes %s = %q for every rule, and the new rule needs %q", name, c.AsString(), v)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		v := want[name]
		if content.Body.Attributes[name] != nil || name == "description" || (name == "protocol" || name == "port") && strings.EqualFold(v, "ALL") {
			continue
		}
		return nil, notWritten("the dynamic block does not set %s, and the new rule needs %s = %q", name, name, v)
	}
	return values, nil
}

// iterKey returns the key that an expression reads from the iterator's
// element: it.value.key, it.value["key"], lookup(it.value, "key", …).
func iterKey(e hclsyntax.Expression, iter string) (string, bool) {
	switch x := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		t := x.Traversal
		if len(t) != 3 || t.RootName() != iter {
			return "", false
		}
		if a, ok := t[1].(hcl.TraverseAttr); !ok || a.Name != "value" {
			return "", false
		}
		switch s := t[2].(type) {
		case hcl.TraverseAttr:
			return s.Name, true
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String {
				return s.Key.AsString(), true
			}
		}
	case *hclsyntax.FunctionCallExpr:
		if x.Name == "lookup" && len(x.Args) >= 2 {
			if st, ok := x.Args[0].(*hclsyntax.ScopeTraversalExpr); ok && len(st.Traversal) == 2 && st.Traversal.RootName() == iter {
				k, diags := x.Args[1].Value(nil)
				if !diags.HasErrors() && k.Type() == cty.String {
					return k.AsString(), true
				}
			}
		}
	}
	return "", false
}

// describe says what to add where, for a rule list nothing can edit.
func describe(ins *model.Insertion, content *hclsyntax.Block, iter string, index int) string {
	var keys []string
	for name, a := range content.Body.Attributes {
		if key, ok := iterKey(a.Expr, iter); ok {
			keys = append(keys, name+" from "+key)
		}
	}
	slices.Sort(keys)
	var rules []string
	for _, r := range ins.Rules {
		rules = append(rules, ruleWords(r))
	}
	where := "at its end"
	if ins.Before != nil {
		where = fmt.Sprintf("before its element %d (%s)", max(index, 0)+1, ruleWords(ins.Before))
	}
	return fmt.Sprintf("add %s to the collection the dynamic block iterates over, %s; the block reads %s", strings.Join(rules, "; "), where, strings.Join(keys, ", "))
}

// ruleWords writes a rule for a message as a dynamic block's element
// holds it: "ACCEPT ALL ALL 172.16.0.0/16".
func ruleWords(r *model.Rule) string {
	a := ruleAttrs(r)
	return fmt.Sprintf("%s %s %s %s", a["action"], a["protocol"], a["port"], a["cidr_block"]+a["ipv6_cidr_block"]+a["source_security_id"])
}

// valueInsert adds the strings of a lite rule to the list its attribute
// takes from a variable or a local.
func (w *writer) valueInsert(ins *model.Insertion, f *tfFile, owner model.Resource, expr hclsyntax.Expression) error {
	if w.opts.InPlace {
		if ok, err := w.argumentFromDefault(f, expr, owner); err != nil || ok {
			if err != nil {
				return err
			}
			return w.notInPlace(func() error { return w.valueInsert(ins, f, owner, expr) })
		}
		elems, err := w.liteStrings(ins, owner.Address, scopeOf(f.name, owner))
		if err != nil {
			return err
		}
		return w.concatInsert(ins, f, owner, expr, elems)
	}
	lit, err := w.valueSource(f, expr, owner)
	if err != nil {
		elems, werr := w.liteStrings(ins, owner.Address, tfScope{})
		if werr != nil {
			return werr
		}
		return fmt.Errorf("%w; add %s to it %s", err, strings.Join(elems, ", "), liteListPlace(ins))
	}
	elems, err := w.liteStrings(ins, owner.Address, lit.scope)
	if err != nil {
		return err
	}
	index := len(lit.tuple.Exprs)
	if ins.Before != nil {
		index = ins.Before.Position
	}
	if index > len(lit.tuple.Exprs) {
		return notWritten("%s does not hold the rules of sg %s one for one; add %s to it %s", lit.what, ins.Group.DisplayName(), strings.Join(elems, ", "), liteListPlace(ins))
	}
	src := listInsert(lit.file.src, lit.tuple, index, comments(ins.Rules), elems, false)
	w.where = "in " + lit.what + ", which the lite rule takes its list from"
	return w.finish(lit.file.name, lit.file.src, src)
}

// liteListPlace says where new strings go in a lite rule's list: "at its
// end", or "before its element 2, "DROP#0.0.0.0/0#ALL#ALL"".
func liteListPlace(ins *model.Insertion) string {
	if ins.Before == nil {
		return "at its end"
	}
	text, err := liteString(ins.Before, "", "")
	if err != nil {
		return fmt.Sprintf("before its element %d", ins.Before.Position+1)
	}
	return fmt.Sprintf("before its element %d, %s", ins.Before.Position+1, text)
}

// concatInsert adds the strings of a lite rule to its own attribute, as a
// list concatenated before or after the value it takes from elsewhere:
// only the new rules' place at the end (or, above the first rule, at the
// start) of the list can be written so.
func (w *writer) concatInsert(ins *model.Insertion, f *tfFile, owner model.Resource, expr hclsyntax.Expression, elems []string) error {
	first := ins.Before != nil && ins.Before.Position == 0
	if ins.Before != nil && !first {
		return notWritten("the new rules go above rule %d of the list %s gives, which only that list can place", ins.Before.Position+1, exprText(f, expr))
	}
	rng := expr.Range()
	ind := indentAt(f.src, rng.Start.Byte)
	list := "[\n" + listLines(ind+"  ", comments(ins.Rules), elems) + ind + "]"
	text := "concat(" + exprText(f, expr) + ", " + list + ")"
	if first {
		text = "concat(" + list + ", " + exprText(f, expr) + ")"
	}
	w.where = "in " + owner.Address + " itself, concatenated with " + exprText(f, expr)
	return w.finish(f.name, f.src, splice(f.src, rng.Start.Byte, rng.End.Byte, text))
}

// argumentFromDefault sets, in the module call that makes owner, the
// argument for var name (expr) to the default of the variable, when the
// call leaves it to the default and the default is a literal list that
// reads nothing: the new rules then go in that call's own copy, and the
// other calls keep the default. It reports whether it did.
func (w *writer) argumentFromDefault(f *tfFile, expr hclsyntax.Expression, owner model.Resource) (bool, error) {
	st, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || st.Traversal.RootName() != "var" || len(owner.CallChain) == 0 {
		return false, nil
	}
	name, ok := traversalName(st.Traversal)
	if !ok {
		return false, nil
	}
	call := owner.CallChain[len(owner.CallChain)-1]
	cf, err := w.tf(call.Filename)
	if err != nil {
		return false, err
	}
	blk := blockAt(cf.body, call.Start.Byte)
	if blk == nil || blk.Type != "module" || len(blk.Labels) != 1 || blk.Body.Attributes[name] != nil {
		return false, nil
	}
	mf, def, _, _, err := w.variableDefault(f, name, nil)
	if err != nil {
		return false, nil //nolint:nilerr // no default to copy: the edit stays where it was
	}
	if _, ok := def.(*hclsyntax.TupleConsExpr); !ok || len(def.Variables()) > 0 {
		return false, nil
	}
	var last *hclsyntax.Attribute
	for _, a := range blk.Body.Attributes {
		if last == nil || a.SrcRange.End.Byte > last.SrcRange.End.Byte {
			last = a
		}
	}
	at, ind := lineStart(cf.src, blk.Body.SrcRange.End.Byte-1), indentAt(cf.src, blk.Range().Start.Byte)+"  "
	if last != nil {
		at, ind = lineEnd(cf.src, last.SrcRange.End.Byte-1), indentAt(cf.src, last.SrcRange.Start.Byte)
	}
	text := ind + name + " = " + exprText(mf, def) + "\n"
	if err := w.finish(cf.name, cf.src, splice(cf.src, at, at, text)); err != nil {
		return false, err
	}
	w.copied = fmt.Sprintf("; module.%s gets its own copy of the default of var.%s (%s:%d), which the other calls keep", blk.Labels[0], name, mf.name, def.Range().Start.Line)
	return true, nil
}

// notInPlace runs write with InPlace off: once the value is the target's
// own, it is edited where it is written.
func (w *writer) notInPlace(write func() error) error {
	w.opts.InPlace = false
	defer func() { w.opts.InPlace = true }()
	if err := write(); err != nil {
		return err
	}
	w.where += w.copied
	return nil
}
