package edit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// jnode is a JSON value with the offsets of its text.
type jnode struct {
	// kind is '{', '[', '"' (a string) or '0' (anything else).
	kind       byte
	start, end int
	keys       []string
	// elems are the values of an object's keys, or an array's elements.
	elems []*jnode
	str   string
}

// get returns the value of key of an object.
func (n *jnode) get(key string) *jnode {
	if n == nil || n.kind != '{' {
		return nil
	}
	if i := slices.Index(n.keys, key); i >= 0 {
		return n.elems[i]
	}
	return nil
}

// parseJSON reads a JSON document with the offsets of its values.
func parseJSON(src []byte) (*jnode, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var value func() (*jnode, error)
	value = func() (*jnode, error) {
		start := skipJSON(src, int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		n := &jnode{start: start, kind: '0'}
		switch t := tok.(type) {
		case json.Delim:
			n.kind = '['
			if t == '{' {
				n.kind = '{'
			}
			for dec.More() {
				if n.kind == '{' {
					k, err := dec.Token()
					if err != nil {
						return nil, err
					}
					key, _ := k.(string)
					n.keys = append(n.keys, key)
				}
				v, err := value()
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
		case string:
			n.kind, n.str = '"', t
		}
		n.end = int(dec.InputOffset())
		return n, nil
	}
	root, err := value()
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("more than one value")
	}
	return root, nil
}

// skipJSON returns the offset of the next value at or after off, past
// white space and separators.
func skipJSON(src []byte, off int) int {
	for off < len(src) && strings.IndexByte(" \t\r\n,:", src[off]) >= 0 {
		off++
	}
	return off
}

// find returns the innermost value of n whose text holds offset off, and
// the values on the way to it, outermost first.
func (n *jnode) find(off int) []*jnode {
	if off < n.start || off >= n.end {
		return nil
	}
	for _, e := range n.elems {
		if path := e.find(off); path != nil {
			return append([]*jnode{n}, path...)
		}
	}
	return []*jnode{n}
}

// offsetIn returns the byte offset of p in src.
func offsetIn(src []byte, p model.Pos) int {
	if p.Byte >= 0 && p.Byte <= len(src) && p.Line > 0 {
		return p.Byte
	}
	off := 0
	for line := 1; line < p.Line; line++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return min(off+max(p.Column-1, 0), len(src))
}

// jsonObject writes an object in the layout of a sibling object: on one
// line when it is, else one key a line with the sibling's indentation.
func jsonObject(src []byte, sibling *jnode, keys []string, values map[string]any) string {
	multiline := sibling != nil && bytes.IndexByte(src[sibling.start:sibling.end], '\n') >= 0
	var parts []string
	for _, k := range keys {
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(values[k])
		if ref, ok := values[k].(map[string]string); ok {
			vb = []byte(jsonRef(src, sibling, ref["Ref"]))
		}
		parts = append(parts, string(kb)+": "+string(vb))
	}
	if !multiline {
		if sibling != nil && bytes.HasPrefix(src[sibling.start:sibling.end], []byte("{ ")) {
			return "{ " + strings.Join(parts, ", ") + " }"
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	outer := indentAt(src, sibling.start)
	inner := outer + "  "
	if len(sibling.elems) > 0 {
		inner = indentAt(src, sibling.elems[0].start)
	}
	return "{\n" + inner + strings.Join(parts, ",\n"+inner) + "\n" + outer + "}"
}

// jsonRefForm matches a Ref object of a template: {"Ref": "Name"}, with
// the spaces it is written with.
var jsonRefForm = regexp.MustCompile(`\{( ?)"Ref"( ?):( ?)"`)

// jsonRef writes a Ref to name as the template writes its Refs: as the
// first in the sibling, else in the file, else with the spaces of the
// sibling's braces ({ "Ref": "PodCidr" } among { "Key": … } entries).
func jsonRef(src []byte, sibling *jnode, name string) string {
	nb, _ := json.Marshal(name)
	var texts [][]byte
	if sibling != nil {
		texts = append(texts, src[sibling.start:sibling.end])
	}
	for _, text := range append(texts, src) {
		if m := jsonRefForm.FindSubmatch(text); m != nil {
			return fmt.Sprintf(`{%s"Ref"%s:%s%s%s}`, m[1], m[2], m[3], nb, m[1])
		}
	}
	if sibling != nil && bytes.HasPrefix(src[sibling.start:sibling.end], []byte("{ ")) {
		return `{ "Ref": ` + string(nb) + ` }`
	}
	return `{"Ref": ` + string(nb) + `}`
}

// jsonKeys returns the keys of a new object: those of the sibling that it
// has a value for, in the sibling's order, then the rest of order.
func jsonKeys(sibling *jnode, values map[string]any, order []string) []string {
	var out []string
	var have []string
	if sibling != nil {
		have = sibling.keys
	}
	for _, k := range append(slices.Clone(have), order...) {
		if _, ok := values[k]; ok && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// jsonInsert inserts texts, as elements, at index of array arr.
func jsonInsert(src []byte, arr *jnode, index int, texts []string) []byte {
	if len(arr.elems) == 0 {
		ind := indentAt(src, arr.start)
		body := ind + "  " + strings.Join(texts, ",\n"+ind+"  ")
		return splice(src, arr.start, arr.end, "[\n"+body+"\n"+ind+"]")
	}
	if index < len(arr.elems) {
		at := arr.elems[index].start
		sep := ", "
		if bytes.IndexByte(src[arr.start:arr.end], '\n') >= 0 {
			sep = ",\n" + indentAt(src, at)
		}
		return splice(src, at, at, strings.Join(texts, sep)+sep)
	}
	last := arr.elems[len(arr.elems)-1]
	sep := ", "
	if bytes.IndexByte(src[arr.start:arr.end], '\n') >= 0 {
		sep = ",\n" + indentAt(src, last.start)
	}
	return splice(src, last.end, last.end, sep+strings.Join(texts, sep))
}

// insertTemplateJSON adds policies to a template written in JSON.
func (w *writer) insertTemplateJSON(ins *model.Insertion, owner model.Resource) error {
	name := owner.Range.Filename
	src, err := w.src(name)
	if err != nil {
		return err
	}
	root, err := parseJSON(src)
	if err != nil {
		return notWritten("%s does not parse: %v", name, err)
	}
	res := root.get("Resources").get(owner.Address)
	props := res.get("Properties")
	set := props
	if typ := res.get("Type"); typ == nil || typ.str != "TencentCloud::VPC::SecurityGroupPolicySet" {
		set = props.get("SecurityGroupPolicySet")
	}
	arr := set.get(directionKey(ins.Direction))
	if arr == nil || arr.kind != '[' {
		return notWritten("the %s list of %s is not written in %s: add it there", directionKey(ins.Direction), owner.Address, name)
	}
	index := len(arr.elems)
	if ins.Before != nil {
		index = ins.Before.Position
	}
	cidrs := map[*model.Rule]string{}
	for _, r := range ins.Rules {
		if r.CIDR.IsWritten() {
			cidrs[r] = w.templateCIDR(ins, r, r.CIDR.Value(), name)
		}
	}
	texts, err := policyTexts(src, arr, index, ins.Rules, true, nil, cidrs)
	if err != nil {
		return err
	}
	w.set(name, jsonInsert(src, arr, index, texts))
	return nil
}

// directionKey is the key of a direction in a policy set.
func directionKey(d model.Direction) string {
	if d == model.Egress {
		return "Egress"
	}
	return "Ingress"
}

// policyTexts writes rules as policy objects laid out like the element of
// arr next to index; index, when not nil, is the PolicyIndex of each;
// cidrs, how each rule's CidrBlock is written when not as it is ("!Ref
// PodCidr").
func policyTexts(src []byte, arr *jnode, index int, rules []*model.Rule, template bool, policyIndex []int, cidrs map[*model.Rule]string) ([]string, error) {
	var sibling *jnode
	if len(arr.elems) > 0 {
		sibling = arr.elems[min(index, len(arr.elems)-1)]
	}
	var out []string
	for i, r := range rules {
		fields, err := policyFields(r, template)
		if err != nil {
			return nil, err
		}
		if c, ok := cidrs[r]; ok {
			fields["CidrBlock"] = c
		}
		values := map[string]any{}
		for k, v := range fields {
			if ref, ok := strings.CutPrefix(v, "!Ref "); ok {
				values[k] = map[string]string{"Ref": ref}
				continue
			}
			values[k] = v
		}
		order := policyKeys()
		if policyIndex != nil {
			values["PolicyIndex"] = policyIndex[i]
			order = append([]string{"PolicyIndex"}, order...)
		}
		out = append(out, jsonObject(src, sibling, jsonKeys(sibling, values, order), values))
	}
	return out, nil
}

// insertExport writes a change of an export: the export as the account
// would read after the change, for the proof, and the tccli command that
// would make it.
func (w *writer) insertExport(ins *model.Insertion, owner model.Resource) error {
	name := owner.Range.Filename
	src, err := w.src(name)
	if err != nil {
		return err
	}
	id, ok := ins.Group.ID.Get()
	if !ok || !strings.HasPrefix(id, "sg-") {
		return notWritten("the export does not give the id of sg %s, so no API call can name it: name the file after the group's id (sg-xxxxxxxx.json)", ins.Group.DisplayName())
	}
	root, err := parseJSON(src)
	if err != nil {
		return notWritten("%s does not parse: %v", name, err)
	}
	path := root.find(offsetIn(src, owner.Range.Start))
	if len(path) == 0 || path[len(path)-1].kind != '{' {
		return notWritten("the policy set of sg %s was not found in %s", ins.Group.DisplayName(), name)
	}
	set := path[len(path)-1]
	arr := set.get(directionKey(ins.Direction))
	if arr == nil || arr.kind != '[' {
		return notWritten("the export gives no %s array for sg %s", directionKey(ins.Direction), ins.Group.DisplayName())
	}
	index, at, err := exportPlace(src, arr, ins.Before)
	if err != nil {
		return err
	}
	first := at
	if at < 0 {
		first = nextPolicyIndex(src, arr)
	}
	indexes := make([]int, len(ins.Rules))
	for i := range indexes {
		indexes[i] = first + i
	}
	texts, err := policyTexts(src, arr, index, ins.Rules, false, indexes, nil)
	if err != nil {
		return err
	}
	proof, err := movedDown(jsonInsert(src, arr, index, texts), set.start, directionKey(ins.Direction), index, len(texts), at)
	if err != nil {
		return notWritten("the edit of %s would not parse: %v", name, err)
	}
	w.set(name, proof)
	w.export = true
	w.command = tccli(id, regionOf(root, set), set.get("Version"), ins, at)
	return nil
}

// exportPlace returns where new policies go in arr: the array index and
// the PolicyIndex of the policy before (whose place they take, and which
// moves down), or the end of the array and -1.
func exportPlace(src []byte, arr *jnode, before *model.Rule) (index, at int, err error) {
	if before == nil {
		return len(arr.elems), -1, nil
	}
	off := offsetIn(src, before.Range.Start)
	for i, e := range arr.elems {
		if e.start > off || off >= e.end {
			continue
		}
		at = before.Position
		if v, ok := policyIndex(src, e); ok {
			at = v
		}
		return i, at, nil
	}
	return 0, 0, notWritten("the policy %s was not found in the export", before.Range)
}

// policyIndex returns the PolicyIndex of a policy.
func policyIndex(src []byte, policy *jnode) (int, bool) {
	pi := policy.get("PolicyIndex")
	if pi == nil {
		return 0, false
	}
	v, err := strconv.Atoi(string(src[pi.start:pi.end]))
	return v, err == nil
}

// nextPolicyIndex returns the PolicyIndex after the last of arr.
func nextPolicyIndex(src []byte, arr *jnode) int {
	next := len(arr.elems)
	for _, e := range arr.elems {
		if v, ok := policyIndex(src, e); ok && v >= next {
			next = v + 1
		}
	}
	return next
}

// movedDown returns export src, where n policies were inserted at index of
// the array key of the policy set at offset setStart, with the PolicyIndex
// of every other policy at or after at moved down by n (none when at is
// -1, the policies were appended).
func movedDown(src []byte, setStart int, key string, index, n, at int) ([]byte, error) {
	if at < 0 {
		return src, nil
	}
	root, err := parseJSON(src)
	if err != nil {
		return nil, err
	}
	path := root.find(setStart)
	arr := path[len(path)-1].get(key)
	for i, e := range slices.Backward(arr.elems) {
		if i >= index && i < index+n {
			continue
		}
		if v, ok := policyIndex(src, e); ok && v >= at {
			pi := e.get("PolicyIndex")
			src = splice(src, pi.start, pi.end, strconv.Itoa(v+n))
		}
	}
	return src, nil
}

// regionOf returns the region a policy set was fetched from, when the
// export says it (a bundle keyed by region under Regions).
func regionOf(root, set *jnode) string {
	regions := root.get("Regions")
	if regions == nil {
		return ""
	}
	for i, b := range regions.elems {
		if b.start <= set.start && set.end <= b.end {
			return regions.keys[i]
		}
	}
	return ""
}

// tccli writes the tccli command that would add the rules of ins to the
// live group id, at PolicyIndex at (appended when at is -1). The Version
// of the export, when it has one, makes the call fail if the group
// changed since the export, rather than insert at a place that moved.
func tccli(id, region string, version *jnode, ins *model.Insertion, at int) string {
	var policies []string
	for _, r := range ins.Rules {
		fields, err := policyFields(r, false)
		if err != nil {
			continue
		}
		values := map[string]any{}
		for k, v := range fields {
			values[k] = v
		}
		order := policyKeys()
		if at >= 0 {
			values["PolicyIndex"] = at
			order = append([]string{"PolicyIndex"}, order...)
		}
		policies = append(policies, compactObject(jsonKeys(nil, values, order), values))
	}
	body := "{"
	if version != nil && version.kind == '"' && version.str != "" {
		v, _ := json.Marshal(version.str)
		body += `"Version":` + string(v) + ","
	}
	body += `"` + directionKey(ins.Direction) + `":[` + strings.Join(policies, ",") + "]}"
	cmd := "tccli vpc CreateSecurityGroupPolicies"
	if region != "" {
		cmd += " --region " + region
	}
	return cmd + " --SecurityGroupId " + id + " --SecurityGroupPolicySet '" + strings.ReplaceAll(body, "'", `'\''`) + "'"
}

// compactObject writes an object on one line, keys in order.
func compactObject(keys []string, values map[string]any) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(values[k])
		parts[i] = string(kb) + ":" + string(vb)
	}
	return "{" + strings.Join(parts, ",") + "}"
}
