package edit

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// yamlFile is a template in YAML, parsed for its positions only: edits are
// made to its text.
type yamlFile struct {
	name string
	src  []byte
	root *yaml.Node
	// lines are the offsets of the starts of the lines.
	lines []int
}

func (w *writer) yaml(name string) (*yamlFile, error) {
	src, err := w.src(name)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, notWritten("%s does not parse: %v", name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, notWritten("%s holds no document", name)
	}
	f := &yamlFile{name: name, src: src, root: doc.Content[0], lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f, nil
}

// offset returns the byte offset of a node's start (its line and column
// count code points from 1).
func (f *yamlFile) offset(n *yaml.Node) int {
	off := f.lines[n.Line-1]
	for col := 1; col < n.Column && off < len(f.src); col++ {
		_, size := utf8.DecodeRune(f.src[off:])
		off += size
	}
	return off
}

// get returns the value of key in mapping m, and the key node.
func get(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// policyList returns the mapping that holds the Ingress and Egress lists of
// the policy set of resource id (its Properties, or their
// SecurityGroupPolicySet), creating nothing.
func (f *yamlFile) policySet(id string) (*yaml.Node, bool) {
	_, resources := get(f.root, "Resources")
	_, res := get(resources, id)
	_, props := get(res, "Properties")
	if props == nil {
		return nil, false
	}
	_, typ := get(res, "Type")
	if typ != nil && typ.Value == "TencentCloud::VPC::SecurityGroupPolicySet" {
		return props, true
	}
	_, ps := get(props, "SecurityGroupPolicySet")
	return ps, ps != nil
}

// insertYAML adds policies to a template in YAML.
func (w *writer) insertYAML(ins *model.Insertion, owner model.Resource) error {
	f, err := w.yaml(owner.Range.Filename)
	if err != nil {
		return err
	}
	key := "Ingress"
	if ins.Direction == model.Egress {
		key = "Egress"
	}
	var items []map[string]string
	for _, r := range ins.Rules {
		item, err := policyFields(r, true)
		if err != nil {
			return err
		}
		if cidr, ok := item["CidrBlock"]; ok {
			item["CidrBlock"] = w.templateCIDR(ins, r, cidr, f.name)
		}
		items = append(items, item)
	}
	ps, ok := f.policySet(owner.Address)
	if !ok {
		return w.yamlNewPolicySet(f, owner, key, items)
	}
	_, seq := get(ps, key)
	if seq == nil || seq.Kind == yaml.SequenceNode && len(seq.Content) == 0 {
		return w.yamlNewList(f, ps, seq, key, items)
	}
	if seq.Kind != yaml.SequenceNode {
		return notWritten("the %s of %s is not a list written in %s", key, owner.Address, f.name)
	}
	sibling := seq.Content[0]
	index := len(seq.Content)
	if ins.Before != nil {
		index = ins.Before.Position
		if index >= len(seq.Content) {
			return notWritten("policy %d of the %s of %s was not found", index+1, key, owner.Address)
		}
		sibling = seq.Content[index]
	}
	order := keysOf(sibling)
	st := f.styleOf(sibling, seq)
	if seq.Style&yaml.FlowStyle != 0 {
		return w.yamlFlowInsert(f, seq, index, items, order, st)
	}
	dash := f.dashBefore(seq.Content[min(index, len(seq.Content)-1)])
	ind := strings.Repeat(" ", dash-lineStart(f.src, dash))
	var b strings.Builder
	for _, item := range items {
		b.WriteString(st.item(item, order, ind, sibling.Style&yaml.FlowStyle != 0))
	}
	var at int
	if index < len(seq.Content) {
		at = leadingComments(f.src, lineStart(f.src, dash))
	} else {
		at = f.itemEnd(dash)
	}
	w.set(f.name, splice(f.src, at, at, b.String()))
	return nil
}

// dashBefore returns the offset of the "- " that starts a block sequence's
// item n.
func (f *yamlFile) dashBefore(n *yaml.Node) int {
	off := f.offset(n)
	for i := off - 1; i >= lineStart(f.src, off); i-- {
		if f.src[i] == '-' {
			return i
		}
	}
	return off
}

// itemEnd returns the offset after the last line of the block sequence
// item whose "-" is at dash: the lines after it that are indented deeper,
// or empty, belong to it.
func (f *yamlFile) itemEnd(dash int) int {
	col := dash - lineStart(f.src, dash)
	end := lineEnd(f.src, dash)
	for at := end; at < len(f.src); {
		next := lineEnd(f.src, at)
		line := f.src[at:next]
		trimmed := bytes.TrimLeft(line, " ")
		switch {
		case len(bytes.TrimSpace(line)) == 0:
		case len(line)-len(trimmed) > col:
			end = next
		default:
			return end
		}
		at = next
	}
	return end
}

// keysOf returns the keys of a mapping in written order.
func keysOf(m *yaml.Node) []string {
	var out []string
	for i := 0; i+1 < len(m.Content); i += 2 {
		out = append(out, m.Content[i].Value)
	}
	return out
}

// policyKeys are the keys a new policy is written with, in the API's order.
func policyKeys() []string {
	return []string{"Protocol", "Port", "CidrBlock", "Ipv6CidrBlock", "SecurityGroupId", "Action", "PolicyDescription"}
}

// policyFields returns the keys and values of a rule as a policy. In a
// template, a group of the template is named with !Ref.
func policyFields(r *model.Rule, template bool) (map[string]string, error) {
	out := map[string]string{
		"Protocol": r.Protocol.Value(), "Port": r.Port.Value(), "Action": r.Action.Value(),
		"PolicyDescription": r.Description.Value(),
	}
	switch {
	case r.CIDR.IsWritten():
		out["CidrBlock"] = r.CIDR.Value()
	case r.IPv6CIDR.IsWritten():
		out["Ipv6CidrBlock"] = r.IPv6CIDR.Value()
	case r.SecurityGroup.IsWritten():
		ref := r.SecurityGroup.Value()
		if template && !strings.HasPrefix(ref, "sg-") {
			ref = "!Ref " + ref
		}
		out["SecurityGroupId"] = ref
	default:
		return nil, notWritten("the rule names no peer")
	}
	return out, nil
}

// ordered returns the keys of item in the order of a sibling's keys, then
// the rest in the API's order.
func ordered(item map[string]string, sibling []string) []string {
	var out []string
	for _, k := range append(slices.Clone(sibling), policyKeys()...) {
		if _, ok := item[k]; ok && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// plainScalar matches the values written without quotes: words, CIDRs.
var plainScalar = regexp.MustCompile(`^(?:[A-Za-z][A-Za-z0-9_.-]*|[0-9a-fA-F:.]*[:.][0-9a-fA-F:.]*/[0-9]+)$`)

// yamlStyle is how a template writes its policies, so that a new one
// reads like the ones next to it: flow mappings with or without spaces inside
// the braces ({Protocol: ALL} or { Protocol: ALL }), quotes single or
// double, a Ref as !Ref Name or as a mapping {Ref: Name}.
type yamlStyle struct {
	tight, single bool
	// refMap is the format of a Ref written as a mapping ("{Ref: %s}"),
	// "" for !Ref.
	refMap string
}

// refForm matches the first Ref of a text: !Ref, or {Ref: in a mapping.
var refForm = regexp.MustCompile(`!Ref\s|\{( ?)Ref:`)

// styleOf returns the style of the policies next to the new ones:
// sibling's, then the other policies' of seq (nil for a new list), then
// the file's.
func (f *yamlFile) styleOf(sibling, seq *yaml.Node) yamlStyle {
	var st yamlStyle
	nodes := []*yaml.Node{sibling}
	if seq != nil {
		nodes = append(nodes, seq.Content...)
	}
	quoted := false
	texts := [][]byte{}
	for _, n := range nodes {
		if n == nil || n.Kind != yaml.MappingNode {
			continue
		}
		for i := 1; i < len(n.Content) && !quoted; i += 2 {
			switch v := n.Content[i]; {
			case v.Kind == yaml.ScalarNode && v.Style&yaml.SingleQuotedStyle != 0:
				st.single, quoted = true, true
			case v.Kind == yaml.ScalarNode && v.Style&yaml.DoubleQuotedStyle != 0:
				quoted = true
			}
		}
		if n.Style&yaml.FlowStyle != 0 {
			if end, ok := flowEnd(f.src, f.offset(n)); ok {
				texts = append(texts, f.src[f.offset(n):end])
			}
		}
	}
	if len(texts) > 0 {
		st.tight = len(texts[0]) > 1 && texts[0][1] != ' '
	}
	for _, text := range append(texts, f.src) {
		if m := refForm.FindSubmatch(text); m != nil {
			if m[0][0] == '{' {
				st.refMap = "{" + string(m[1]) + "Ref: %s" + string(m[1]) + "}"
			}
			break
		}
	}
	return st
}

// scalar writes a value as YAML reads it back as the same string: a word
// or a CIDR as it is, a Ref in the style's form, anything else (a port,
// which would read as a number, a description) quoted.
func (st yamlStyle) scalar(v string) string {
	if name, ok := strings.CutPrefix(v, "!Ref "); ok {
		if st.refMap != "" {
			return fmt.Sprintf(st.refMap, name)
		}
		return v
	}
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~":
		return st.quote(v)
	}
	if plainScalar.MatchString(v) {
		return v
	}
	return st.quote(v)
}

// quote quotes v in the style's quotes.
func (st yamlStyle) quote(v string) string {
	if st.single && !strings.ContainsAny(v, "\n\\") {
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return strconv.Quote(v)
}

// flowMap writes a policy as a flow mapping: { Protocol: ALL, … }.
func (st yamlStyle) flowMap(item map[string]string, order []string) string {
	var parts []string
	for _, k := range ordered(item, order) {
		parts = append(parts, k+": "+st.scalar(item[k]))
	}
	if st.tight {
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// item writes a policy as an item of a block sequence whose dashes are
// indented by ind: in flow style on one line, or in block style.
func (st yamlStyle) item(item map[string]string, order []string, ind string, flow bool) string {
	if flow {
		return ind + "- " + st.flowMap(item, order) + "\n"
	}
	var b strings.Builder
	for i, k := range ordered(item, order) {
		lead := ind + "  "
		if i == 0 {
			lead = ind + "- "
		}
		b.WriteString(lead + k + ": " + st.scalar(item[k]) + "\n")
	}
	return b.String()
}

// yamlFlowInsert inserts policies into a flow sequence, [ {…}, {…} ].
func (w *writer) yamlFlowInsert(f *yamlFile, seq *yaml.Node, index int, items []map[string]string, order []string, st yamlStyle) error {
	var texts []string
	for _, item := range items {
		texts = append(texts, st.flowMap(item, order))
	}
	if index < len(seq.Content) {
		at := f.offset(seq.Content[index])
		w.set(f.name, splice(f.src, at, at, strings.Join(texts, ", ")+", "))
		return nil
	}
	end, ok := flowEnd(f.src, f.offset(seq.Content[len(seq.Content)-1]))
	if !ok {
		return notWritten("the list at %s:%d is not closed", f.name, seq.Line)
	}
	w.set(f.name, splice(f.src, end, end, ", "+strings.Join(texts, ", ")))
	return nil
}

// flowEnd returns the offset after the flow value (a mapping, a sequence
// or a scalar) that starts at off.
func flowEnd(src []byte, off int) (int, bool) {
	depth := 0
	for i := off; i < len(src); i++ {
		switch c := src[i]; c {
		case '"', '\'':
			j := i + 1
			for j < len(src) && src[j] != c {
				if c == '"' && src[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i, true
			}
			depth--
			if depth == 0 {
				return i + 1, true
			}
		case ',', '\n':
			if depth == 0 {
				return i, true
			}
		}
	}
	return len(src), depth == 0
}

// yamlNewList writes the list key of policy set ps, absent or empty, with
// the policies in block style under it.
func (w *writer) yamlNewList(f *yamlFile, ps, seq *yaml.Node, key string, items []map[string]string) error {
	st := f.styleOf(nil, nil)
	if ps.Style&yaml.FlowStyle != 0 {
		if seq != nil {
			return notWritten("the empty %s list at %s:%d is inside a one-line mapping", key, f.name, seq.Line)
		}
		end, ok := flowEnd(f.src, f.offset(ps))
		if !ok || end == 0 {
			return notWritten("the policy set at %s:%d is not closed", f.name, ps.Line)
		}
		var texts []string
		for _, item := range items {
			texts = append(texts, st.flowMap(item, nil))
		}
		at := bytes.LastIndexByte(f.src[:end], '}')
		text := ", " + key + ": [ " + strings.Join(texts, ", ") + " ]"
		if len(ps.Content) == 0 {
			text = text[2:] + " "
		}
		w.set(f.name, splice(f.src, at, at, text))
		return nil
	}
	if len(ps.Content) == 0 {
		return notWritten("the policy set at %s:%d is empty", f.name, ps.Line)
	}
	first := ps.Content[0]
	ind := strings.Repeat(" ", first.Column-1)
	var b strings.Builder
	for _, item := range items {
		b.WriteString(st.item(item, nil, ind+"  ", true))
	}
	if seq != nil {
		// Key: [] on its own line: the items go below the key.
		open := f.offset(seq)
		end := bytes.IndexByte(f.src[open:], ']')
		if end < 0 {
			return notWritten("the %s list at %s:%d is not closed", key, f.name, seq.Line)
		}
		k, _ := get(ps, key)
		ind = strings.Repeat(" ", k.Column-1)
		b.Reset()
		for _, item := range items {
			b.WriteString(st.item(item, nil, ind+"  ", true))
		}
		text := "\n" + strings.TrimSuffix(b.String(), "\n")
		w.set(f.name, splice(f.src, open, open+end+1, text))
		return nil
	}
	last := ps.Content[len(ps.Content)-1]
	at := f.valueEnd(ps.Content[len(ps.Content)-2], last)
	w.set(f.name, splice(f.src, at, at, ind+key+":\n"+b.String()))
	return nil
}

// valueEnd returns the offset after the last line of the value of a
// block mapping's key: the lines after the key indented deeper belong to
// it.
func (f *yamlFile) valueEnd(key, value *yaml.Node) int {
	col := key.Column - 1
	start := f.offset(key)
	end := lineEnd(f.src, start)
	if value.Line > key.Line {
		end = lineEnd(f.src, f.offset(value))
	}
	for at := end; at < len(f.src); {
		next := lineEnd(f.src, at)
		line := f.src[at:next]
		trimmed := bytes.TrimLeft(line, " ")
		switch {
		case len(bytes.TrimSpace(line)) == 0:
		case len(line)-len(trimmed) > col || trimmed[0] == '-' && len(line)-len(trimmed) == col:
			end = next
		default:
			return end
		}
		at = next
	}
	return end
}

// yamlNewPolicySet writes a SecurityGroupPolicySet into the Properties of
// a security group that has none.
func (w *writer) yamlNewPolicySet(f *yamlFile, owner model.Resource, key string, items []map[string]string) error {
	_, resources := get(f.root, "Resources")
	_, res := get(resources, owner.Address)
	_, props := get(res, "Properties")
	if props == nil || props.Style&yaml.FlowStyle != 0 || len(props.Content) == 0 {
		return notWritten("the Properties of %s are not a mapping written one key a line", owner.Address)
	}
	first := props.Content[0]
	ind := strings.Repeat(" ", first.Column-1)
	var b strings.Builder
	b.WriteString(ind + "SecurityGroupPolicySet:\n" + ind + "  " + key + ":\n")
	st := f.styleOf(nil, nil)
	for _, item := range items {
		b.WriteString(st.item(item, nil, ind+"    ", true))
	}
	at := f.valueEnd(props.Content[len(props.Content)-2], props.Content[len(props.Content)-1])
	w.set(f.name, splice(f.src, at, at, b.String()))
	return nil
}
