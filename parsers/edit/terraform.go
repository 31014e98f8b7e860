package edit

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// tfFile is a Terraform file parsed for editing.
type tfFile struct {
	name string
	src  []byte
	body *hclsyntax.Body
}

// tf parses a Terraform file as it stands.
func (w *writer) tf(name string) (*tfFile, error) {
	src, err := w.src(name)
	if err != nil {
		return nil, err
	}
	body, diags := w.parse(name, src)
	if diags.HasErrors() {
		return nil, notWritten("%s does not parse: %s", name, diags.Error())
	}
	if body == nil {
		return nil, notWritten("%s is not native Terraform syntax", name)
	}
	return &tfFile{name: name, src: src, body: body}, nil
}

// parse returns the syntax of a Terraform file: from the cache for a file
// as read, parsed again for one this change edited.
func (w *writer) parse(name string, src []byte) (*hclsyntax.Body, hcl.Diagnostics) {
	if w.asRead(name, src) {
		return w.cache.file(name, src).parse()
	}
	return parseBody(name, src)
}

// asRead reports whether src is file name as read.
func (w *writer) asRead(name string, src []byte) bool {
	read, ok := w.opts.Files[name]
	return ok && bytes.Equal(read, src)
}

// blockAt returns the block of body, or of the blocks nested in it, that
// starts at byte off.
func blockAt(body *hclsyntax.Body, off int) *hclsyntax.Block {
	for _, b := range body.Blocks {
		if b.Range().Start.Byte == off {
			return b
		}
		if b.Range().Start.Byte < off && off < b.Range().End.Byte {
			return blockAt(b.Body, off)
		}
	}
	return nil
}

// finish records the new content of a Terraform file: formatted as
// `terraform fmt` formats it when the file was formatted before (so that
// a new attribute among aligned ones is aligned too), and only if it
// parses.
func (w *writer) finish(name string, old, src []byte) error {
	formatted := false
	if w.asRead(name, old) {
		formatted = w.cache.file(name, old).formatted()
	} else {
		formatted = bytes.Equal(hclwrite.Format(old), old)
	}
	if formatted {
		src = hclwrite.Format(src)
	}
	if _, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos); diags.HasErrors() {
		return notWritten("the edit of %s would not parse: %s", name, diags.Error())
	}
	w.set(name, src)
	return nil
}

// insertTF writes an insertion into Terraform.
func (w *writer) insertTF(ins *model.Insertion) error {
	owner, kind, ok := ruleOwner(ins)
	if !ok {
		for _, o := range ins.Owners {
			if o.Kind == model.OwnerRuleSet || o.Kind == model.OwnerLiteRule {
				owner, ok = o.Resource, true
				kind = model.RuleSetRule
				if o.Kind == model.OwnerLiteRule {
					kind = model.LiteRule
				}
			}
		}
	}
	if !ok && slices.ContainsFunc(ins.Owners, func(o *model.RuleOwner) bool { return o.Kind == model.OwnerLegacyRule }) {
		return w.legacyInsert(ins)
	}
	if !ok {
		return w.newRuleSet(ins)
	}
	switch kind {
	case model.RuleSetRule:
		return w.ruleSetInsert(ins, owner)
	case model.LiteRule:
		return w.liteInsert(ins, owner)
	case model.LegacyRule:
		return w.legacyInsert(ins)
	case model.PolicyRule:
	}
	return notWritten("the rules of sg %s are not Terraform rules", ins.Group.DisplayName())
}

// directionName is the attribute or block name of a direction.
func directionName(d model.Direction) string { return d.String() }

// ruleSetInsert adds ingress or egress blocks to a rule set.
func (w *writer) ruleSetInsert(ins *model.Insertion, owner model.Resource) error {
	f, err := w.tf(owner.Range.Filename)
	if err != nil {
		return err
	}
	res := blockAt(f.body, owner.Range.Start.Byte)
	if res == nil || res.Type != "resource" {
		return notWritten("%s was not found in %s", owner.Address, f.name)
	}
	typ := directionName(ins.Direction)
	sibling := siblingRule(res.Body)
	blank := blankBetweenBlocks(f.src, res.Body) || len(res.Body.Blocks) < 2 && (len(res.Body.Blocks) == 0 || blankBefore(f.src, res.Body.Blocks[0].Range().Start.Byte))
	var text string
	var at int
	switch {
	case ins.Before != nil:
		b := blockAt(res.Body, ins.Before.Range.Start.Byte)
		if b == nil {
			return notWritten("the rule %s was not found in %s", ins.Before.Range, f.name)
		}
		if b.Type == "content" {
			return w.dynamicInsert(ins, f, res, b)
		}
		at = leadingComments(f.src, lineStart(f.src, b.Range().Start.Byte))
		blocks, err := w.ruleBlocks(ins, typ, sibling, owner, blank)
		if err != nil {
			return err
		}
		text = indent(blocks, indentAt(f.src, b.Range().Start.Byte)) + "\n"
		if blank {
			text += "\n"
		}
	default:
		last := lastBlock(res.Body, typ)
		if last != nil && last.Type == "dynamic" {
			content := dynamicContent(last)
			if content == nil {
				return notWritten("the dynamic %q block of %s has no content", typ, owner.Address)
			}
			return w.dynamicInsert(ins, f, res, content)
		}
		if last == nil {
			last = lastBlock(res.Body, "")
		}
		blocks, err := w.ruleBlocks(ins, typ, sibling, owner, blank)
		if err != nil {
			return err
		}
		if last != nil {
			at = lineEnd(f.src, last.Range().End.Byte-1)
			text = indent(blocks, indentAt(f.src, last.Range().Start.Byte)) + "\n"
			if blank {
				text = "\n" + text
			}
		} else {
			at = lineStart(f.src, res.Body.SrcRange.End.Byte-1)
			text = "\n" + indent(blocks, indentAt(f.src, res.Range().Start.Byte)+"  ") + "\n"
		}
	}
	return w.finish(f.name, f.src, splice(f.src, at, at, text))
}

// blankBetweenBlocks reports whether the nested blocks of body are
// separated by empty lines.
func blankBetweenBlocks(src []byte, body *hclsyntax.Body) bool {
	for _, b := range body.Blocks[min(1, len(body.Blocks)):] {
		if blankBefore(src, b.Range().Start.Byte) {
			return true
		}
	}
	return false
}

// leadingComments returns the start of the comment lines right above the
// line that starts at off, which belong to what follows them.
func leadingComments(src []byte, off int) int {
	for off > 0 {
		prev := lineStart(src, off-1)
		line := bytes.TrimSpace(src[prev:off])
		if !bytes.HasPrefix(line, []byte("#")) && !bytes.HasPrefix(line, []byte("//")) {
			break
		}
		off = prev
	}
	return off
}

// lastBlock returns the last nested block of body that makes rules of
// typ (an ingress block or a dynamic "ingress"), or of any direction when
// typ is empty.
func lastBlock(body *hclsyntax.Body, typ string) *hclsyntax.Block {
	var last *hclsyntax.Block
	for _, b := range body.Blocks {
		kind := b.Type
		if b.Type == "dynamic" && len(b.Labels) == 1 {
			kind = b.Labels[0]
		}
		if kind == typ || typ == "" && (kind == "ingress" || kind == "egress") {
			last = b
		}
	}
	return last
}

// dynamicContent returns the content block of a dynamic block.
func dynamicContent(b *hclsyntax.Block) *hclsyntax.Block {
	for _, c := range b.Body.Blocks {
		if c.Type == "content" {
			return c
		}
	}
	return nil
}

// siblingRule returns the attribute names of the first rule block of a
// rule set, in written order: new blocks follow it.
func siblingRule(body *hclsyntax.Body) []string {
	for _, b := range body.Blocks {
		if b.Type == "ingress" || b.Type == "egress" {
			return attrOrder(b.Body)
		}
		if b.Type == "dynamic" {
			if c := dynamicContent(b); c != nil {
				return attrOrder(c.Body)
			}
		}
	}
	return nil
}

// attrOrder returns the attribute names of body in written order.
func attrOrder(body *hclsyntax.Body) []string {
	attrs := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, a := range body.Attributes {
		attrs = append(attrs, a)
	}
	slices.SortFunc(attrs, func(a, b *hclsyntax.Attribute) int { return a.SrcRange.Start.Byte - b.SrcRange.Start.Byte })
	names := make([]string, len(attrs))
	for i, a := range attrs {
		names[i] = a.Name
	}
	return names
}

// ruleSetPeers are the peer attributes of a rule set's block.
func ruleSetPeers() []string {
	return []string{"cidr_block", "ipv6_cidr_block", "source_security_id", "address_template_id", "address_template_group"}
}

// ruleBlocks writes the rules of ins as rule-set blocks of type typ, with
// the attributes in the order of the sibling block.
func (w *writer) ruleBlocks(ins *model.Insertion, typ string, sibling []string, owner model.Resource, blank bool) (string, error) {
	var parts []string
	for _, r := range ins.Rules {
		f := hclwrite.NewEmptyFile()
		body := f.Body().AppendNewBlock(typ, nil).Body()
		ref := w.tfRef(ins, r, scopeOf(owner.Range.Filename, owner))
		peerName, peer, err := tfPeer(r, owner.Address, ref, "cidr_block", "ipv6_cidr_block", "source_security_id")
		if err != nil {
			return "", err
		}
		values := map[string]hclwrite.Tokens{
			"action":      tokens(r.Action.Value()),
			peerName:      peer,
			"protocol":    tokens(r.Protocol.Value()),
			"port":        tokens(r.Port.Value()),
			"description": tokens(r.Description.Value()),
		}
		for _, name := range order(sibling, []string{"action", peerName, "protocol", "port", "description"}, ruleSetPeers(), peerName) {
			body.SetAttributeRaw(name, values[name])
		}
		parts = append(parts, strings.TrimRight(string(hclwrite.Format(f.Bytes())), "\n"))
	}
	sep := "\n"
	if blank {
		sep = "\n\n"
	}
	return strings.Join(parts, sep), nil
}

// order returns the names of want in the order the sibling writes them (a
// peer name of the sibling standing for peer), then the rest in want's
// order.
func order(sibling, want, peers []string, peer string) []string {
	var out []string
	for _, name := range sibling {
		if slices.Contains(peers, name) {
			name = peer
		}
		if slices.Contains(want, name) && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	for _, name := range want {
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// tokens returns a quoted string.
func tokens(s string) hclwrite.Tokens { return hclwrite.TokensForValue(cty.StringVal(s)) }

// rawTokens returns an expression as written.
func rawTokens(expr string) hclwrite.Tokens {
	return hclwrite.Tokens{{Type: hclsyntax.TokenIdent, Bytes: []byte(expr)}}
}

// tfPeer returns the attribute and the value that name the peer of r in a
// resource at address from: an IPv4 CIDR, an IPv6 one (as the expression
// ref, when it is not empty), or a security group, by reference when the
// group is a resource of the same module, else by id.
func tfPeer(r *model.Rule, from, ref, cidr, ipv6, group string) (string, hclwrite.Tokens, error) {
	value := func(v string) hclwrite.Tokens {
		if ref != "" {
			return rawTokens(ref)
		}
		return tokens(v)
	}
	switch {
	case r.CIDR.IsWritten():
		return cidr, value(r.CIDR.Value()), nil
	case r.IPv6CIDR.IsWritten():
		if ipv6 == "" {
			return "", nil, notWritten("a rule of this kind cannot name the IPv6 CIDR %s", r.IPv6CIDR.Value())
		}
		return ipv6, value(r.IPv6CIDR.Value()), nil
	case r.SecurityGroup.IsWritten():
		expr, err := groupRef(r.SecurityGroup.Value(), from)
		if err != nil {
			return "", nil, err
		}
		return group, expr, nil
	}
	return "", nil, notWritten("the rule names no peer")
}

// resourceAddr splits an address into its module path ("module.a." or "")
// and the resource part.
var resourceAddr = regexp.MustCompile(`^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)$`)

// groupRef writes a reference to a security group, named by its address or
// id, from the resource at address from.
func groupRef(ref, from string) (hclwrite.Tokens, error) {
	if strings.HasPrefix(ref, "sg-") {
		return tokens(ref), nil
	}
	g, f := resourceAddr.FindStringSubmatch(ref), resourceAddr.FindStringSubmatch(from)
	if g == nil || f == nil || g[1] != f[1] || !strings.HasPrefix(g[2], "tencentcloud_security_group.") {
		return nil, notWritten("%s cannot name %s, which is in another module", from, ref)
	}
	return rawTokens(g[2] + ".id"), nil
}

// resourceName returns the name label of a resource address.
func resourceName(addr string) string {
	m := resourceAddr.FindStringSubmatch(addr)
	if m == nil {
		return "rules"
	}
	name := m[2][strings.IndexByte(m[2], '.')+1:]
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	return name
}

// liteInsert adds strings to a lite rule's list.
func (w *writer) liteInsert(ins *model.Insertion, owner model.Resource) error {
	f, err := w.tf(owner.Range.Filename)
	if err != nil {
		return err
	}
	res := blockAt(f.body, owner.Range.Start.Byte)
	if res == nil || res.Type != "resource" {
		return notWritten("%s was not found in %s", owner.Address, f.name)
	}
	typ := directionName(ins.Direction)
	attr := res.Body.Attributes[typ]
	var tuple *hclsyntax.TupleConsExpr
	if attr != nil {
		tuple, _ = attr.Expr.(*hclsyntax.TupleConsExpr)
	}
	if attr != nil && tuple == nil {
		return w.valueInsert(ins, f, owner, attr.Expr)
	}
	elems, err := w.liteStrings(ins, owner.Address, scopeOf(f.name, owner))
	if err != nil {
		return err
	}
	if attr == nil {
		// A new list after the last attribute.
		var last *hclsyntax.Attribute
		for _, a := range res.Body.Attributes {
			if last == nil || a.SrcRange.End.Byte > last.SrcRange.End.Byte {
				last = a
			}
		}
		ind := indentAt(f.src, res.Range().Start.Byte) + "  "
		at := lineStart(f.src, res.Body.SrcRange.End.Byte-1)
		if last != nil {
			at = lineEnd(f.src, last.SrcRange.End.Byte-1)
			ind = indentAt(f.src, last.SrcRange.Start.Byte)
		}
		text := ind + typ + " = [\n" + listLines(ind+"  ", comments(ins.Rules), elems) + ind + "]\n"
		return w.finish(f.name, f.src, splice(f.src, at, at, text))
	}
	index := len(tuple.Exprs)
	if ins.Before != nil {
		index = slices.IndexFunc(tuple.Exprs, func(e hclsyntax.Expression) bool { return e.Range().Start.Byte == ins.Before.Range.Start.Byte })
		if index < 0 {
			return notWritten("the rule %s was not found in the %s list of %s", ins.Before.Range, typ, owner.Address)
		}
	}
	return w.finish(f.name, f.src, listInsert(f.src, tuple, index, comments(ins.Rules), elems, true))
}

// listLines writes list elements one per line, each under its comment
// (when it is not the one above).
func listLines(ind string, comments, elems []string) string {
	var b strings.Builder
	last := ""
	for i, e := range elems {
		if i < len(comments) && comments[i] != "" && comments[i] != last {
			b.WriteString(ind + "# " + comments[i] + "\n")
			last = comments[i]
		}
		b.WriteString(ind + e + ",\n")
	}
	return b.String()
}

// listInsert inserts elems, as written, at index of a tuple expression,
// one per line under their comments. A list written on one line is
// written again one element per line when expand is set (a lite rule's
// strings say what they are for only in a comment), else the elements go
// in the line.
func listInsert(src []byte, tuple *hclsyntax.TupleConsExpr, index int, comments, elems []string, expand bool) []byte {
	open, end := tuple.OpenRange.Start.Byte, tuple.SrcRange.End.Byte
	multiline := bytes.IndexByte(src[open:end], '\n') >= 0
	if !multiline && !expand && len(tuple.Exprs) > 0 {
		if index < len(tuple.Exprs) {
			at := tuple.Exprs[index].Range().Start.Byte
			return splice(src, at, at, strings.Join(elems, ", ")+", ")
		}
		at := tuple.Exprs[len(tuple.Exprs)-1].Range().End.Byte
		return splice(src, at, at, ", "+strings.Join(elems, ", "))
	}
	if !multiline {
		ind := indentAt(src, open)
		var all []string
		for _, e := range tuple.Exprs {
			all = append(all, string(src[e.Range().Start.Byte:e.Range().End.Byte]))
		}
		var b strings.Builder
		b.WriteString("[\n")
		b.WriteString(listLines(ind+"  ", nil, all[:index]))
		b.WriteString(listLines(ind+"  ", comments, elems))
		b.WriteString(listLines(ind+"  ", nil, all[index:]))
		b.WriteString(ind + "]")
		return splice(src, open, end, b.String())
	}
	if index < len(tuple.Exprs) {
		start := tuple.Exprs[index].Range().Start.Byte
		at := leadingComments(src, lineStart(src, start))
		return splice(src, at, at, listLines(indentAt(src, start), comments, elems))
	}
	closing := end - 1
	ind := indentAt(src, closing) + "  "
	if len(tuple.Exprs) == 0 {
		at := lineStart(src, closing)
		return splice(src, at, at, listLines(ind, comments, elems))
	}
	last := tuple.Exprs[len(tuple.Exprs)-1]
	ind = indentAt(src, last.Range().Start.Byte)
	after := last.Range().End.Byte
	rest := bytes.TrimLeft(src[after:], " \t")
	text := listLines(ind, comments, elems)
	if !bytes.HasPrefix(rest, []byte(",")) {
		// The last element had no comma: it needs one now.
		src = splice(src, after, after, ",")
	}
	at := lineEnd(src, after)
	return splice(src, at, at, text)
}

// comments returns the descriptions of rules, one per rule: the comments
// of their elements in a list.
func comments(rules []*model.Rule) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.Description.Value()
	}
	return out
}

// liteStrings writes the rules of ins as a lite rule's strings, for a list
// written in scope sc.
func (w *writer) liteStrings(ins *model.Insertion, from string, sc tfScope) ([]string, error) {
	var elems []string
	for _, r := range ins.Rules {
		e, err := liteString(r, from, w.tfRef(ins, r, sc))
		if err != nil {
			return nil, err
		}
		elems = append(elems, e)
	}
	return elems, nil
}

// liteString writes a rule as a lite rule's quoted string,
// ACTION#SOURCE#PORT#PROTOCOL, with its CIDR as the expression ref when
// that is not empty.
func liteString(r *model.Rule, from, ref string) (string, error) {
	var source string
	switch {
	case r.CIDR.IsWritten() && ref != "":
		source = interpolation(ref)
	case r.CIDR.IsWritten():
		source = r.CIDR.Value()
	case r.IPv6CIDR.IsWritten():
		return "", notWritten("a lite rule cannot name the IPv6 CIDR %s", r.IPv6CIDR.Value())
	case r.SecurityGroup.IsWritten():
		ref, err := groupRef(r.SecurityGroup.Value(), from)
		if err != nil {
			return "", err
		}
		source = string(ref.Bytes())
		if !strings.HasPrefix(source, `"`) {
			source = "${" + source + "}"
		} else {
			source = strings.Trim(source, `"`)
		}
	default:
		return "", notWritten("the rule names no peer")
	}
	return `"` + strings.Join([]string{r.Action.Value(), source, r.Port.Value(), r.Protocol.Value()}, "#") + `"`, nil
}

// legacyPeers are the peer attributes of a tencentcloud_security_group_rule.
func legacyPeers() []string { return []string{"cidr_ip", "source_sgid", "address_template"} }

// legacyInsert adds tencentcloud_security_group_rule resources, with a
// policy_index that places them, renumbering the rules below them only
// when there is no room.
func (w *writer) legacyInsert(ins *model.Insertion) error {
	list := ins.Group.Rules(ins.Direction)
	rules := list.Rules
	pos := len(rules)
	if ins.Before != nil {
		pos = slices.Index(rules, ins.Before)
	}
	sibling := ins.Before
	if sibling == nil {
		if len(rules) > 0 {
			sibling = rules[len(rules)-1]
		} else if other := ins.Group.Rules(1 - ins.Direction).Rules; len(other) > 0 {
			sibling = other[len(other)-1]
		}
	}
	if sibling == nil || pos < 0 {
		return notWritten("no rule of sg %s shows how to write one", ins.Group.DisplayName())
	}
	for _, r := range rules {
		if !r.PolicyIndex.IsWritten() {
			return notWritten("%s sets no policy_index, so a new rule cannot be placed among the %s rules of sg %s: give each of them one first",
				r.Owner.Address, ins.Direction, ins.Group.DisplayName())
		}
	}
	indexes, renumber := policyIndexes(rules, pos, len(ins.Rules))
	f, err := w.tf(sibling.Owner.Range.Filename)
	if err != nil {
		return err
	}
	res := blockAt(f.body, sibling.Owner.Range.Start.Byte)
	if res == nil {
		return notWritten("%s was not found in %s", sibling.Owner.Address, f.name)
	}
	for _, meta := range []string{"count", "for_each"} {
		if a := res.Body.Attributes[meta]; a != nil {
			return notWritten("the rules of sg %s are made by the %s of %s: add the new ones where its value is written (%s)",
				ins.Group.DisplayName(), meta, sibling.Owner.Address, exprText(f, a.Expr))
		}
	}
	sgAttr := res.Body.Attributes["security_group_id"]
	if sgAttr == nil {
		return notWritten("%s has no security_group_id", sibling.Owner.Address)
	}
	sgExpr := string(f.src[sgAttr.Expr.Range().Start.Byte:sgAttr.Expr.Range().End.Byte])
	names := w.resourceNames(f.name, "tencentcloud_security_group_rule")
	var parts []string
	for i, r := range ins.Rules {
		name := uniqueName(names, resourceName(ins.Group.Resource.Address)+"_"+directionName(ins.Direction)+"_"+idsOf(r.Description.Value()))
		ref := w.tfRef(ins, r, scopeOf(f.name, sibling.Owner))
		text, err := legacyResource(r, name, sgExpr, ref, directionName(ins.Direction), indexes[i], attrOrder(res.Body), sibling.Owner.Address)
		if err != nil {
			return err
		}
		parts = append(parts, text)
	}
	text := strings.Join(parts, "\n\n") + "\n"
	// Every edit is placed in the files as read, then made from the last.
	var edits []splicing
	if ins.Before != nil {
		at := leadingComments(f.src, lineStart(f.src, res.Range().Start.Byte))
		edits = append(edits, splicing{f.name, at, at, text + "\n"})
	} else {
		at := lineEnd(f.src, res.Range().End.Byte-1)
		edits = append(edits, splicing{f.name, at, at, "\n" + text})
	}
	for _, rn := range renumber {
		e, err := w.policyIndexEdit(rn.rule, rn.index)
		if err != nil {
			return err
		}
		edits = append(edits, e)
	}
	return w.spliceAll(edits)
}

// splicing replaces [from, to) of a file, as read, with text.
type splicing struct {
	file     string
	from, to int
	text     string
}

// spliceAll makes edits that do not overlap, each file's from the last,
// and records the files.
func (w *writer) spliceAll(edits []splicing) error {
	byFile := map[string][]splicing{}
	for _, e := range edits {
		byFile[e.file] = append(byFile[e.file], e)
	}
	for _, name := range slices.Sorted(maps.Keys(byFile)) {
		old, err := w.src(name)
		if err != nil {
			return err
		}
		es := byFile[name]
		slices.SortFunc(es, func(a, b splicing) int { return b.from - a.from })
		src := old
		for _, e := range es {
			src = splice(src, e.from, e.to, e.text)
		}
		if err := w.finish(name, old, src); err != nil {
			return err
		}
	}
	return nil
}

// renumbered is a rule whose policy_index must change.
type renumbered struct {
	rule  *model.Rule
	index int
}

// policyIndexes returns the policy_index of n new rules placed at pos of
// rules (sorted by policy_index): right above the rule at pos when there
// is room, else after the rule above, moving the rules below down as
// little as they must.
func policyIndexes(rules []*model.Rule, pos, n int) ([]int, []renumbered) {
	prev := -1
	if pos > 0 {
		prev = rules[pos-1].PolicyIndex.Value()
	}
	out := make([]int, n)
	if pos == len(rules) || rules[pos].PolicyIndex.Value()-prev-1 >= n {
		first := prev + 1
		if pos < len(rules) {
			first = rules[pos].PolicyIndex.Value() - n
		}
		for i := range out {
			out[i] = first + i
		}
		return out, nil
	}
	for i := range out {
		out[i] = prev + 1 + i
	}
	var moved []renumbered
	next := prev + n + 1
	for _, r := range rules[pos:] {
		if v := r.PolicyIndex.Value(); v < next {
			moved = append(moved, renumbered{r, next})
			next++
		} else {
			next = v + 1
		}
	}
	return out, moved
}

// policyIndexEdit writes a new policy_index into a legacy rule, whose
// value must be written as a number.
func (w *writer) policyIndexEdit(r *model.Rule, index int) (splicing, error) {
	rng := r.PolicyIndex.Range()
	src, err := w.src(rng.Filename)
	if err != nil {
		return splicing{}, err
	}
	from, to := rng.Start.Byte, rng.End.Byte
	if from < 0 || to > len(src) || from >= to || strings.Trim(string(src[from:to]), "0123456789") != "" {
		return splicing{}, notWritten("the policy_index of %s is not a number written in the file, so it cannot be moved down to make room", r.Owner.Address)
	}
	return splicing{rng.Filename, from, to, fmt.Sprint(index)}, nil
}

// legacyResource writes a tencentcloud_security_group_rule.
func legacyResource(r *model.Rule, name, sgExpr, ref, typ string, index int, sibling []string, from string) (string, error) {
	f := hclwrite.NewEmptyFile()
	body := f.Body().AppendNewBlock("resource", []string{"tencentcloud_security_group_rule", name}).Body()
	peerName, peer, err := tfPeer(r, from, ref, "cidr_ip", "cidr_ip", "source_sgid")
	if err != nil {
		return "", err
	}
	values := map[string]hclwrite.Tokens{
		"security_group_id": rawTokens(sgExpr),
		"type":              tokens(typ),
		peerName:            peer,
		"policy":            tokens(r.Action.Value()),
		"policy_index":      hclwrite.TokensForValue(cty.NumberIntVal(int64(index))),
		"description":       tokens(r.Description.Value()),
	}
	want := []string{"security_group_id", "type", peerName}
	if p := r.Protocol.Value(); p != "ALL" {
		values["ip_protocol"] = tokens(p)
		want = append(want, "ip_protocol")
	}
	if p := r.Port.Value(); p != "ALL" {
		values["port_range"] = tokens(p)
		want = append(want, "port_range")
	}
	want = append(want, "policy", "policy_index", "description")
	for _, n := range order(sibling, want, legacyPeers(), peerName) {
		body.SetAttributeRaw(n, values[n])
	}
	return strings.TrimRight(string(hclwrite.Format(f.Bytes())), "\n"), nil
}

// idsOf returns the requirement ids a description starts with, for a
// resource name: "TKESG101, TKESG103: …" gives "tkesg101_tkesg103".
func idsOf(desc string) string {
	head, _, ok := strings.Cut(desc, ":")
	if !ok {
		return "rule"
	}
	var out []string
	for id := range strings.SplitSeq(head, ",") {
		out = append(out, strings.ToLower(strings.TrimSpace(id)))
	}
	return strings.Join(out, "_")
}

// resourceNames returns the resources of type typ of the module of file
// name (the .tf files of its folder), by name.
func (w *writer) resourceNames(name, typ string) map[string]bool {
	out := map[string]bool{}
	dir := path.Dir(name)
	for n, src := range w.opts.Files {
		if path.Dir(n) != dir || !strings.HasSuffix(n, ".tf") {
			continue
		}
		if s, ok := w.out[n]; ok {
			src = s
		}
		body, diags := w.parse(n, src)
		if diags.HasErrors() || body == nil {
			continue
		}
		for _, b := range body.Blocks {
			if b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == typ {
				out[b.Labels[1]] = true
			}
		}
	}
	return out
}

// uniqueName returns base, or base with a number, that names holds not,
// and adds it.
func uniqueName(names map[string]bool, base string) string {
	name := base
	for i := 2; names[name]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	names[name] = true
	return name
}

// newRuleSet writes a tencentcloud_security_group_rule_set for a group that
// has no rule resource, right after the group.
func (w *writer) newRuleSet(ins *model.Insertion) error {
	sg := ins.Group.Resource
	if sg.Type != "tencentcloud_security_group" || kindOf(sg.Range.Filename, nil) != "tf" {
		return notWritten("sg %s has no rule resource, and it is not a tencentcloud_security_group that one could name", ins.Group.DisplayName())
	}
	f, err := w.tf(sg.Range.Filename)
	if err != nil {
		return err
	}
	res := blockAt(f.body, sg.Range.Start.Byte)
	if res == nil {
		return notWritten("%s was not found in %s", sg.Address, f.name)
	}
	ref, err := groupRef(sg.Address, sg.Address)
	if err != nil {
		return err
	}
	blocks, err := w.ruleBlocks(ins, directionName(ins.Direction), nil, sg, true)
	if err != nil {
		return err
	}
	name := uniqueName(w.resourceNames(f.name, "tencentcloud_security_group_rule_set"), resourceName(sg.Address))
	text := fmt.Sprintf("resource \"tencentcloud_security_group_rule_set\" %q {\n  security_group_id = %s\n\n%s\n}\n",
		name, ref.Bytes(), indent(blocks, "  "))
	ind := indentAt(f.src, res.Range().Start.Byte)
	at := lineEnd(f.src, res.Range().End.Byte-1)
	return w.finish(f.name, f.src, splice(f.src, at, at, "\n"+indent(text, ind)))
}
