package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/dynblock"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/zclconf/go-cty/cty"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// builder maps the resource instances of a unit into the model.
type builder struct {
	// s is the frame of the resource being mapped, cur the resource.
	s   *scope
	cur *resource
	in  *model.Input
	// sgs finds a security group by address or cloud id.
	sgs map[string]*model.SecurityGroup
	// clusters and instances find those by address or cloud id.
	clusters  map[string]*model.Cluster
	instances map[string]*model.Instance
	owners    []*owner
	// types gives the type of each resource instance by its address: a
	// reference interpolated into a string is the address of what it
	// names.
	types map[string]string
	// later holds the resources that refer to others (rules, node pools,
	// attachments): they are mapped once every group, cluster and instance
	// is known.
	later []*resource
	// ruleSchema is the schema of a block of a rule set, built once.
	ruleSchema *hcl.BodySchema
	// iterSrc is iterSourceOf(iterRes), shared by its blocks.
	iterRes *resource
	iterSrc *iterSource
	// staticOf is the resource last opened from its own syntax, without
	// dynblock (openStatic): the nested blocks of its content are native.
	staticOf *resource
}

// build maps every resource instance of the unit.
func (u *unit) build() *model.Input {
	b := &builder{
		in:        &model.Input{},
		sgs:       map[string]*model.SecurityGroup{},
		clusters:  map[string]*model.Cluster{},
		instances: map[string]*model.Instance{},
		types:     map[string]string{},
	}
	for _, r := range u.resources {
		b.types[r.address()] = r.typ
	}
	b.in.Notes = append(b.in.Notes, u.notes...)
	for _, r := range u.resources {
		if u.t.ctx.Err() != nil {
			return b.in // incomplete: evaluateRoot drops it
		}
		b.guard(r, b.define)
	}
	for _, r := range b.later {
		if u.t.ctx.Err() != nil {
			return b.in
		}
		b.guard(r, b.refer)
	}
	b.bindingGroups()
	b.linkRules()
	model.SortInput(b.in)
	return b.in
}

// guard runs fn on r and turns a panic into an error on r's block, so that
// one resource that trips the parser does not lose the others.
func (b *builder) guard(r *resource, fn func(*resource)) {
	b.s, b.cur = r.s, r
	defer func() {
		if p := recover(); p != nil {
			b.s.errorf(r.block.DefRange, "internal error",
				"The Terraform parser failed on %s: %v.", r.address(), p)
		}
	}()
	fn(r)
}

// define maps the resources that others refer to, and queues the rest.
func (b *builder) define(r *resource) {
	switch r.typ {
	case "tencentcloud_security_group":
		b.securityGroup(r)
	case "tencentcloud_address_template", "tencentcloud_address_template_group":
		b.addressTemplate(r)
	case "tencentcloud_protocol_template", "tencentcloud_protocol_template_group":
		b.serviceTemplate(r)
	case "tencentcloud_vpc":
		b.vpc(r)
	case "tencentcloud_subnet":
		b.subnet(r)
	case "tencentcloud_instance", "tencentcloud_eni":
		b.instance(r)
	case "tencentcloud_kubernetes_cluster":
		b.cluster(r)
	default:
		b.later = append(b.later, r)
	}
}

// refer maps the resources that refer to others.
func (b *builder) refer(r *resource) {
	switch r.typ {
	case "tencentcloud_security_group_rule_set":
		b.ruleSet(r)
	case "tencentcloud_security_group_lite_rule":
		b.liteRule(r)
	case "tencentcloud_security_group_rule":
		b.legacyRule(r)
	case "tencentcloud_cvm_security_group_attachment":
		b.cvmAttachment(r)
	case "tencentcloud_eni_sg_attachment":
		b.eniAttachment(r)
	case "tencentcloud_kubernetes_cluster_endpoint":
		b.endpoint(r)
	case "tencentcloud_kubernetes_node_pool", "tencentcloud_kubernetes_native_node_pool",
		"tencentcloud_kubernetes_scale_worker", "tencentcloud_kubernetes_as_scaling_group", "tencentcloud_kubernetes_cluster_attachment",
		"tencentcloud_kubernetes_cluster_master_attachment", "tencentcloud_kubernetes_serverless_node_pool":
		b.nodeGroup(r)
	}
}

// open reads the attributes and blocks of resource r that sc names, with
// its dynamic blocks expanded.
func (b *builder) open(r *resource, sc *hcl.BodySchema) *block {
	b.staticOf = nil
	if sb, native := r.block.Body.(*hclsyntax.Body); native && r.plan == nil && !b.s.u.t.opts.general && !mayExpand(sb) {
		return b.openStatic(r, sb, sc)
	}
	var travs []hcl.Traversal
	iterators := iteratorNames(r.block.Body)
	allExpressions(r.block.Body, func(e hcl.Expression) {
		for _, t := range variablesOf(e) {
			if !iterators[t.RootName()] {
				travs = append(travs, t)
			}
		}
	})
	expanded := *r.block
	ctx := b.s.contextFor(travs)
	switch pb, planOnly := r.block.Body.(*planBody); {
	case planOnly:
		expanded.Body = pb
	case r.plan != nil:
		whole := b.s.wholeRange(r.block)
		expanded.Body = r.plan.body(b.s.module, dynblock.Expand(r.block.Body, ctx), whole, whole)
	default:
		body := r.block.Body
		if sb, native := body.(*hclsyntax.Body); native {
			body = b.s.withDynamicForEach(sb)
		} else {
			body = forEachBody{Body: body}
		}
		expanded.Body = dynblock.Expand(body, ctx)
	}
	blk := b.s.open(&expanded, sc)
	blk.iters = b.itersOf(r)
	blk.flaw, blk.stray = b.checkResource(r)
	return blk
}

// openStatic is open for a resource written in native syntax with no
// dynamic block, read from its own syntax: dynblock would give its content
// as it is, each nested body wrapped in a body that gives it as it is too,
// and the evaluation context it needs for the for_each of dynamic blocks
// is never read. What the expressions of the body refer to is still
// evaluated, first, as open does: an error in an argument the mapping does
// not read is reported all the same. Most resources are such, and the
// wrapping, the context and the second extraction of every nested body
// were most of what a rule set of written-out rules cost.
func (b *builder) openStatic(r *resource, sb *hclsyntax.Body, sc *hcl.BodySchema) *block {
	var travs []hcl.Traversal
	allExpressions(sb, func(e hcl.Expression) { travs = append(travs, variablesOf(e)...) })
	b.s.touchRoots(travs)
	blk := b.s.open(r.block, sc)
	blk.iters = b.itersOf(r)
	blk.flaw, blk.stray = b.checkResource(r)
	b.staticOf = r
	return blk
}

// mayExpand reports whether dynblock may change body: it holds a dynamic
// block, or an argument of that name, at some depth. (An argument named
// "dynamic" changes no content either, only the wording of a diagnostic;
// it is left to the general path so that nothing needs arguing.)
func mayExpand(body *hclsyntax.Body) bool {
	if _, ok := body.Attributes["dynamic"]; ok {
		return true
	}
	for _, blk := range body.Blocks {
		if blk.Type == "dynamic" || mayExpand(blk.Body) {
			return true
		}
	}
	return false
}

// nested reads a block nested in the resource being mapped.
func (b *builder) nested(nb *hcl.Block, sc *hcl.BodySchema) *block {
	body := nb.Body
	if b.staticOf == b.cur {
		// nb is a block of the native syntax already (openStatic).
	} else if nat := b.staticLeaf(nb); nat != nil {
		body = nat.Body
	}
	blk := b.s.openBody(nb, body, sc)
	blk.iters = b.itersOf(b.cur)
	blk.flaw = b.checkNested(nb)
	return blk
}

// itersOf is iterSourceOf(r), made once for r's blocks, which only read it.
func (b *builder) itersOf(r *resource) *iterSource {
	if b.iterRes != r {
		b.iterRes, b.iterSrc = r, iterSourceOf(r)
	}
	return b.iterSrc
}

// staticLeaf returns the native block that nb was written as when dynblock
// gives it as it is: a static block of a resource read from its own syntax
// (no plan), with no block inside. Its content is then the native body's,
// and reading it there skips the expanded body's second extraction (the
// schema extended with "dynamic", the body that remains, its maps).
func (b *builder) staticLeaf(nb *hcl.Block) *hclsyntax.Block {
	r := b.cur
	if r.plan != nil || nb.Type == "dynamic" {
		return nil
	}
	if _, native := r.block.Body.(*hclsyntax.Body); !native {
		return nil
	}
	if nat := b.nativeBlock(r, nb); nat != nil && len(nat.Body.Blocks) == 0 {
		return nat
	}
	return nil
}

// unknownID is the cloud id of a resource that Terraform creates: known only
// after apply, unless a plan of an existing resource gives it.
func unknownID(r *resource) model.String {
	if r.plan != nil && r.plan.val.IsKnown() && !r.plan.val.IsNull() && r.plan.val.Type().IsObjectType() &&
		r.plan.val.Type().HasAttribute("id") {
		if id := r.plan.val.GetAttr("id"); id.IsKnown() && !id.IsNull() && id.Type().Equals(cty.String) && id.AsString() != "" {
			return model.WrittenValue(id.AsString(), r.res.DeclRange)
		}
	}
	return model.UnresolvedValue[string](r.res.DeclRange, r.address()+".id is known only after apply")
}
