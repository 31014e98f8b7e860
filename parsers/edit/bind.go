package edit

import (
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"gopkg.in/yaml.v3"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// bind writes a binding into a node group that binds no security group.
func (w *writer) bind(b *model.Bind) error {
	name := b.Group.Resource.Range.Filename
	src, err := w.src(name)
	if err != nil {
		return err
	}
	switch kindOf(name, src) {
	case "tf":
		return w.bindTF(b)
	case "yaml":
		return w.bindYAML(b)
	case "export":
		return notWritten("%s records the live account and is not edited: bind the groups to the node group's CVMs in the console", name)
	}
	return notWritten("%s is not edited: bind the groups there by hand", name)
}

// likeText returns how Like writes its list, when it is written in the
// same file and module as the node group to bind: the repair copies it.
func likeText(w *writer, b *model.Bind) (string, bool) {
	if b.Like == nil {
		return "", false
	}
	rng := b.Like.Binding.Groups.Range()
	if rng.Filename != b.Group.Resource.Range.Filename || !b.Like.Binding.Groups.IsWritten() || modulePath(b.Like.Resource.Address) != modulePath(b.Group.Resource.Address) {
		return "", false
	}
	src, err := w.src(rng.Filename)
	if err != nil || rng.Start.Byte < 0 || rng.End.Byte > len(src) || rng.End.Byte <= rng.Start.Byte {
		return "", false
	}
	text := string(src[rng.Start.Byte:rng.End.Byte])
	if strings.Contains(text, "\n") {
		return "", false
	}
	return text, true
}

// modulePath returns the module part of an address ("module.a." or "").
func modulePath(addr string) string {
	if m := resourceAddr.FindStringSubmatch(addr); m != nil {
		return m[1]
	}
	return addr
}

// bindTF writes the binding of a Terraform node group: its empty list
// filled, or the attribute added to the block that holds it.
func (w *writer) bindTF(b *model.Bind) error {
	g := b.Group
	value, ok := likeText(w, b)
	if !ok {
		var refs []string
		for _, sg := range b.Groups {
			ref, err := groupRef(sg.Resource.Address, g.Resource.Address)
			if err != nil {
				id, known := sg.ID.Get()
				if !known || !strings.HasPrefix(id, "sg-") {
					return err
				}
				ref = tokens(id)
			}
			refs = append(refs, string(ref.Bytes()))
		}
		value = "[" + strings.Join(refs, ", ") + "]"
	}
	f, err := w.tf(g.Resource.Range.Filename)
	if err != nil {
		return err
	}
	if list := g.Binding.Groups; list.IsWritten() {
		rng := list.Range()
		return w.finish(f.name, f.src, splice(f.src, rng.Start.Byte, rng.End.Byte, value))
	}
	blk := blockAt(f.body, g.Resource.Range.Start.Byte)
	if blk == nil {
		return notWritten("%s was not found in %s", g.Resource.Address, f.name)
	}
	path := strings.Split(g.Binding.Field, ".")
	attr := path[len(path)-1]
	path = path[:len(path)-1]
	for i, p := range path {
		if p == blk.Type {
			path = path[i+1:]
			break
		}
	}
	for _, p := range path {
		var next *hclsyntax.Block
		for _, nb := range blk.Body.Blocks {
			if nb.Type == p {
				next = nb
				break
			}
		}
		if next == nil {
			return notWritten("%s has no %s block to bind the groups in", g.Resource.Address, p)
		}
		blk = next
	}
	return w.finish(f.name, f.src, addAttribute(f.src, blk, attr, value))
}

// addAttribute adds `name = value` to a block, after its last attribute
// (or first in it), indented like its attributes.
func addAttribute(src []byte, blk *hclsyntax.Block, name, value string) []byte {
	var last *hclsyntax.Attribute
	for _, a := range blk.Body.Attributes {
		if last == nil || a.SrcRange.End.Byte > last.SrcRange.End.Byte {
			last = a
		}
	}
	if last != nil {
		at := lineEnd(src, last.SrcRange.End.Byte-1)
		return splice(src, at, at, indentAt(src, last.SrcRange.Start.Byte)+name+" = "+value+"\n")
	}
	at := lineEnd(src, blk.OpenBraceRange.Start.Byte)
	return splice(src, at, at, indentAt(src, blk.Range().Start.Byte)+"  "+name+" = "+value+"\n")
}

// bindYAML writes the binding of a template's node group: SecurityGroupIds
// added to its mapping, or its empty list filled.
func (w *writer) bindYAML(b *model.Bind) error {
	g := b.Group
	f, err := w.yaml(g.Resource.Range.Filename)
	if err != nil {
		return err
	}
	value := yamlGroups(w, b)
	// The mapping that holds the binding: the node pool's Properties, or
	// the cluster's Workers (the node group's own value).
	_, resources := get(f.root, "Resources")
	id, sub, _ := strings.Cut(g.Resource.Address, ".")
	_, res := get(resources, id)
	_, m := get(res, "Properties")
	if sub != "" {
		_, m = get(m, sub)
	}
	if m == nil || m.Kind != yaml.MappingNode {
		return notWritten("the mapping of %s was not found in %s", g.Resource.Address, f.name)
	}
	key := g.Binding.Field[strings.LastIndexByte(g.Binding.Field, '.')+1:]
	if _, v := get(m, key); v != nil {
		if v.Kind != yaml.SequenceNode || len(v.Content) > 0 || v.Style&yaml.FlowStyle == 0 {
			return notWritten("the %s of %s is written in a way tkesglint does not edit", key, g.Resource.Address)
		}
		at := f.offset(v)
		end, ok := flowEnd(f.src, at)
		if !ok {
			return notWritten("the %s of %s is not closed", key, g.Resource.Address)
		}
		w.set(f.name, splice(f.src, at, end, value))
		return nil
	}
	if m.Style&yaml.FlowStyle != 0 {
		end, ok := flowEnd(f.src, f.offset(m))
		if !ok || end == 0 {
			return notWritten("the mapping of %s is not closed", g.Resource.Address)
		}
		at := end - 1
		for at > 0 && f.src[at-1] == ' ' {
			at--
		}
		w.set(f.name, splice(f.src, at, at, ", "+key+": "+value))
		return nil
	}
	if len(m.Content) == 0 {
		return notWritten("the mapping of %s is empty", g.Resource.Address)
	}
	ind := strings.Repeat(" ", m.Content[0].Column-1)
	at := f.valueEnd(m.Content[len(m.Content)-2], m.Content[len(m.Content)-1])
	w.set(f.name, splice(f.src, at, at, ind+key+": "+value+"\n"))
	return nil
}

// yamlGroups writes the groups of a Bind as a template lists them: as
// Like writes them when it can be copied, else a !Ref to each group the
// template defines, or its id.
func yamlGroups(w *writer, b *model.Bind) string {
	if value, ok := likeText(w, b); ok {
		return value
	}
	var refs []string
	for _, sg := range b.Groups {
		ref := "!Ref " + sg.Resource.Address
		if id, known := sg.ID.Get(); known && strings.HasPrefix(id, "sg-") && sg.Resource.Type != "TencentCloud::VPC::SecurityGroup" {
			ref = id
		}
		refs = append(refs, ref)
	}
	return "[" + strings.Join(refs, ", ") + "]"
}

// order moves bindings from a set-typed field to the ordered one: the
// attribute renamed, its list as written.
func (w *writer) order(o *model.Order) error {
	if len(o.Bindings) == 0 {
		return notWritten("no binding to move")
	}
	for _, b := range o.Bindings {
		rng := b.Binding.Groups.Range()
		src, err := w.src(rng.Filename)
		if err != nil {
			return err
		}
		if kindOf(rng.Filename, src) != "tf" {
			return notWritten("%s is not edited: bind the groups through %s there by hand", rng.Filename, b.Binding.OrderedField)
		}
		f, err := w.tf(rng.Filename)
		if err != nil {
			return err
		}
		attr := attributeWithValueAt(f.body, rng.Start.Byte)
		if attr == nil {
			return notWritten("the %s of %s was not found in %s", b.Binding.Field, b.Resource.Address, f.name)
		}
		blk := blockAt(f.body, enclosing(f.body, attr))
		if blk != nil && blk.Body.Attributes[b.Binding.OrderedField] != nil {
			return notWritten("%s sets both %s and %s: delete %s", b.Resource.Address, attr.Name, b.Binding.OrderedField, attr.Name)
		}
		name := attr.NameRange
		if err := w.finish(f.name, f.src, splice(f.src, name.Start.Byte, name.End.Byte, b.Binding.OrderedField)); err != nil {
			return err
		}
	}
	return nil
}

// attributeWithValueAt returns the attribute, anywhere in body, whose
// expression starts at byte off.
func attributeWithValueAt(body *hclsyntax.Body, off int) *hclsyntax.Attribute {
	for _, a := range body.Attributes {
		if a.Expr.Range().Start.Byte == off {
			return a
		}
	}
	for _, b := range body.Blocks {
		if a := attributeWithValueAt(b.Body, off); a != nil {
			return a
		}
	}
	return nil
}

// enclosing returns the start of the innermost block of body that holds
// attr.
func enclosing(body *hclsyntax.Body, attr *hclsyntax.Attribute) int {
	for _, b := range body.Blocks {
		if b.Range().Start.Byte < attr.SrcRange.Start.Byte && attr.SrcRange.End.Byte <= b.Range().End.Byte {
			if inner := enclosing(b.Body, attr); inner >= 0 {
				return inner
			}
			return b.Range().Start.Byte
		}
	}
	return -1
}
