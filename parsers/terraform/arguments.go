package terraform

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// providerSchema is what the tencentcloud provider's schema allows in one
// kind of block: Terraform refuses a configuration that sets anything
// else ("Unsupported argument"), so such a block is never applied as the
// parser would read it. Only the blocks whose fields change a verdict are
// listed: rules, templates and the attachments that bind groups.
type providerSchema struct {
	// args are the arguments a configuration may set, blocks its nested
	// block types, both as the provider (terraform-provider-tencentcloud,
	// resource_tc_*.go) declares them, deprecated ones included.
	args, blocks []string
	// computed are attributes the provider sets itself. Terraform refuses
	// them in a configuration too, with an error of its own; they are not
	// reported here, as what they say is not a typo.
	computed []string
}

// resourceSchema returns the provider's schema of a resource type whose
// arguments are checked.
func resourceSchema(typ string) (providerSchema, bool) {
	switch typ {
	case "tencentcloud_security_group_rule_set":
		return providerSchema{args: []string{"security_group_id"}, blocks: []string{"egress", "ingress"}, computed: []string{"version"}}, true
	case "tencentcloud_security_group_rule":
		return providerSchema{args: []string{
			"cidr_ip", "description", "ip_protocol", "policy", "policy_index", "port_range", "security_group_id",
			"source_sgid", "type",
		}, blocks: []string{"address_template", "protocol_template"}}, true
	case "tencentcloud_security_group_lite_rule":
		return providerSchema{args: []string{"egress", "ingress", "security_group_id"}}, true
	case "tencentcloud_address_template":
		return providerSchema{args: []string{"addresses", "name"}}, true
	case "tencentcloud_protocol_template":
		return providerSchema{args: []string{"name", "protocols"}}, true
	case "tencentcloud_address_template_group", "tencentcloud_protocol_template_group":
		return providerSchema{args: []string{"name", "template_ids"}}, true
	case "tencentcloud_cvm_security_group_attachment":
		return providerSchema{args: []string{"instance_id", "security_group_id"}}, true
	case "tencentcloud_eni_sg_attachment":
		return providerSchema{args: []string{"network_interface_ids", "security_group_ids"}}, true
	}
	return providerSchema{}, false
}

// nestedSchema returns the provider's schema of a block typ nested in a
// resource of type resType, when its arguments are checked.
func nestedSchema(resType, typ string) (providerSchema, bool) {
	switch {
	case resType == "tencentcloud_security_group_rule_set" && (typ == "ingress" || typ == "egress"):
		return providerSchema{args: []string{
			"action", "address_template_group", "address_template_id", "cidr_block", "description", "ipv6_cidr_block",
			"port", "protocol", "service_template_group", "service_template_id", "source_security_id",
		}, computed: []string{"policy_index"}}, true
	case resType == "tencentcloud_security_group_rule" && (typ == "address_template" || typ == "protocol_template"):
		return providerSchema{args: []string{"group_id", "template_id"}}, true
	}
	return providerSchema{}, false
}

// Terraform's meta-arguments and meta-blocks of a resource.
func resourceMetaArguments() []string { return []string{"count", "depends_on", "for_each", "provider"} }
func resourceMetaBlocks() []string    { return []string{"connection", "lifecycle", "provisioner"} }

// isUnsupported reports whether summary is what HCL says of an argument or
// block that a body's schema does not have, in native syntax or in JSON.
func isUnsupported(summary string) bool {
	switch summary {
	case "Unsupported argument", "Unsupported block type", "Extraneous JSON object property":
		return true
	}
	return false
}

// quotedName finds the name, the first quoted string, in those messages.
var quotedName = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// unknownArgument is one argument or block that a schema does not have.
type unknownArgument struct {
	name  string
	block bool
	at    hcl.Range
}

// unsupportedArguments reports every argument and block of body that ps,
// the schema of what, does not have, as Terraform refuses them, with the
// closest name when one is close and every name it allows, and returns
// them. resource says that body is a resource's, with its meta-arguments
// and dynamic blocks.
func (s *scope) unsupportedArguments(body hcl.Body, what string, ps providerSchema, resource bool) []unknownArgument {
	known := slices.Concat(ps.args, ps.computed)
	blocks := slices.Clone(ps.blocks)
	if resource {
		known = append(known, resourceMetaArguments()...)
		blocks = append(blocks, resourceMetaBlocks()...)
	}
	sc := schema(known, blocks...)
	for i := range sc.Blocks {
		if sc.Blocks[i].Type == "provisioner" {
			sc.Blocks[i].LabelNames = []string{"type"}
		}
	}
	if resource {
		sc.Blocks = append(sc.Blocks, hcl.BlockHeaderSchema{Type: "dynamic", LabelNames: []string{"type"}})
	}
	content, diags := body.Content(sc)
	var bad []unknownArgument
	for _, d := range diags {
		if !isUnsupported(d.Summary) || d.Subject == nil {
			continue
		}
		name, err := strconv.Unquote(quotedName.FindString(d.Detail))
		if err != nil {
			continue
		}
		bad = append(bad, unknownArgument{name: name, block: d.Summary == "Unsupported block type", at: *d.Subject})
	}
	if content != nil {
		for _, blk := range content.Blocks {
			if blk.Type == "dynamic" && len(blk.Labels) == 1 && !slices.Contains(ps.blocks, blk.Labels[0]) {
				bad = append(bad, unknownArgument{name: blk.Labels[0], block: true, at: blk.LabelRanges[0]})
			}
		}
	}
	slices.SortFunc(bad, func(a, b unknownArgument) int {
		return cmp.Or(cmp.Compare(a.at.Filename, b.at.Filename), cmp.Compare(a.at.Start.Byte, b.at.Start.Byte))
	})
	for _, u := range bad {
		s.reportUnsupported(u, what, ps)
	}
	return bad
}

// reportUnsupported reports one argument or block a schema does not have,
// worded as the template reader words an unknown property.
func (s *scope) reportUnsupported(u unknownArgument, what string, ps providerSchema) {
	kind, summary := "argument", "unsupported argument"
	if u.block {
		kind, summary = "block", "unsupported block type"
	}
	want := slices.Concat(ps.args, ps.blocks)
	slices.Sort(want)
	hint := ""
	switch {
	case !u.block && slices.Contains(ps.blocks, u.name):
		hint = fmt.Sprintf(" (%s is a block: write %s { … })", u.name, u.name)
	case u.block && slices.Contains(ps.args, u.name):
		hint = fmt.Sprintf(" (%s is an argument: write %s = …)", u.name, u.name)
	default:
		if near := closest(u.name, want); near != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", near)
		}
	}
	s.errorf(u.at, summary, "%s has no %s %q%s; want one of %s", what, kind, u.name, hint, strings.Join(want, ", "))
}

// closest returns the name of names nearest to name when it is near
// enough to be a typo of it, as HCL suggests names.
func closest(name string, names []string) string {
	best, bestDist := "", 3
	for _, n := range names {
		if d := levenshtein.Distance(strings.ToLower(name), n, nil); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// checkResource checks the arguments of resource r against the provider's
// schema, when it is known; a plan was made by Terraform, which checked
// them. It returns the block's flaw and every argument and block the
// schema does not have.
func (b *builder) checkResource(r *resource) (string, []unknownArgument) {
	ps, ok := resourceSchema(r.typ)
	if _, planOnly := r.block.Body.(*planBody); !ok || planOnly || r.plan != nil {
		return "", nil
	}
	if sb, native := r.block.Body.(*hclsyntax.Body); native && !b.s.u.t.opts.general && onlySupportedResource(sb, ps) {
		return "", nil
	}
	bad := b.s.unsupportedArguments(r.block.Body, r.typ, ps, true)
	if len(bad) == 0 {
		return "", nil
	}
	return r.address() + " " + unsupportedReason(bad), bad
}

// checkNested checks the arguments of nb, a block nested in the resource
// being mapped, against the provider's schema, when it is known.
func (b *builder) checkNested(nb *hcl.Block) string {
	r := b.cur
	ps, ok := nestedSchema(r.typ, nb.Type)
	if _, planOnly := r.block.Body.(*planBody); !ok || planOnly || r.plan != nil {
		return ""
	}
	if nat := b.nativeBlock(r, nb); nat != nil && onlySupported(nat.Body, ps) {
		return ""
	}
	bad := b.s.unsupportedArguments(nb.Body, article(nb.Type)+" "+nb.Type+" block of "+r.typ, ps, false)
	if len(bad) == 0 {
		return ""
	}
	return article(nb.Type) + " " + nb.Type + " block of " + r.address() + " " + unsupportedReason(bad)
}

// nativeBlock returns the block of r's native syntax that nb, a block
// nested in r as dynblock expands it, was written as, or nil: a static
// block keeps its header range, and a block generated by a dynamic block
// has the dynamic block's, whose type is "dynamic". The blocks of a body
// are in source order, so a binary search by header offset finds it
// without building an index per resource.
func (b *builder) nativeBlock(r *resource, nb *hcl.Block) *hclsyntax.Block {
	sb, ok := r.block.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	i, found := slices.BinarySearchFunc(sb.Blocks, nb.DefRange.Start.Byte, func(blk *hclsyntax.Block, at int) int {
		return cmp.Compare(blk.DefRange().Start.Byte, at)
	})
	if !found {
		return nil
	}
	if nat := sb.Blocks[i]; nat.DefRange() == nb.DefRange && nat.Type == nb.Type {
		return nat
	}
	return nil
}

// onlySupported reports whether a native body sets only arguments and
// blocks that ps has, no dynamic block included: then unsupportedArguments
// has nothing to report on it, and the content of the body need not be
// extracted a second time to learn so. Most nested blocks are such.
func onlySupported(body *hclsyntax.Body, ps providerSchema) bool {
	for name := range body.Attributes {
		if !slices.Contains(ps.args, name) && !slices.Contains(ps.computed, name) {
			return false
		}
	}
	for _, blk := range body.Blocks {
		if !slices.Contains(ps.blocks, blk.Type) {
			return false
		}
	}
	return true
}

// onlySupportedResource is onlySupported for the body of a resource, which
// may also set the meta-arguments and meta-blocks; a dynamic block is left
// to unsupportedArguments, which checks the type it generates. Checking
// every resource's body through its Content (a schema of every argument
// of its type, a map of them) was a tenth of what evaluating a tree
// allocated.
func onlySupportedResource(body *hclsyntax.Body, ps providerSchema) bool {
	for name := range body.Attributes {
		if !slices.Contains(ps.args, name) && !slices.Contains(ps.computed, name) && !isResourceMetaArgument(name) {
			return false
		}
	}
	for _, blk := range body.Blocks {
		if !slices.Contains(ps.blocks, blk.Type) && !isResourceMetaBlock(blk.Type) {
			return false
		}
	}
	return true
}

// isResourceMetaArgument and isResourceMetaBlock say whether a name is one
// of resourceMetaArguments or resourceMetaBlocks, without making the list.
func isResourceMetaArgument(name string) bool {
	switch name {
	case "count", "depends_on", "for_each", "provider":
		return true
	}
	return false
}

func isResourceMetaBlock(name string) bool {
	switch name {
	case "connection", "lifecycle", "provisioner":
		return true
	}
	return false
}

// article is the indefinite article of a block type's name.
func article(name string) string {
	if name != "" && strings.ContainsRune("aeiou", rune(name[0])) {
		return "an"
	}
	return "a"
}

// unsupportedReason names, in a few words, what a block has that its
// schema does not.
func unsupportedReason(bad []unknownArgument) string {
	names := make([]string, len(bad))
	for i, u := range bad {
		names[i] = strconv.Quote(u.name)
	}
	if len(bad) > 1 {
		return "has unsupported arguments " + strings.Join(names, ", ")
	}
	return "has an unsupported argument " + names[0]
}

// settleFlawed makes rule one with an input error, flaw
// (model.SettleInputError); args names the argument or block that sets each
// field of the rule.
func settleFlawed(rule *model.Rule, flaw string, at model.Range, written func(string) bool, args map[*model.String]string) {
	model.SettleInputError(rule, flaw, at, func(f *model.String) bool {
		arg, ok := args[f]
		return ok && written(arg)
	})
}

// written reports whether the block sets attribute name.
func (b *block) written(name string) bool { return b.expr(name) != nil }

// joinFlaws joins the flaws of a block and of the blocks nested in it.
func joinFlaws(flaws ...string) string {
	var out []string
	for _, f := range flaws {
		if f != "" {
			out = append(out, f)
		}
	}
	return strings.Join(out, "; ")
}

// strayRules adds to o, in both directions, a rule that may be anything
// for each argument or block of r that its schema does not have and that
// starts before offset (every one left when offset is negative): a
// misspelled ingress or egress block of a rule set, or one written as an
// argument (ingress = [...]), is a rule at its place whose direction and
// values are not known.
func (b *builder) strayRules(o *owner, r *resource, blk *block, offset int) {
	for len(blk.stray) > 0 && (offset < 0 || blk.stray[0].at.Start.Byte < offset) {
		u := blk.stray[0]
		blk.stray = blk.stray[1:]
		rng := b.s.pos.rng(u.at)
		unknown := model.UnresolvedValue[string](rng, blk.flaw)
		none := model.DefaultedValue("", rng)
		for _, d := range []model.Direction{model.Ingress, model.Egress} {
			o.rules[d] = append(o.rules[d], &model.Rule{
				Owner: r.res, Kind: model.RuleSetRule, Direction: d, Position: len(o.rules[d]), Range: rng,
				Action: unknown, Protocol: unknown, Port: unknown, AddressTemplate: unknown,
				CIDR: none, IPv6CIDR: none, SecurityGroup: none, AddressTemplateGroup: none,
				ServiceTemplate: none, ServiceTemplateGroup: none, Description: none,
				PolicyIndex: model.DefaultedValue(0, rng), InputError: blk.flaw,
			})
		}
	}
}
