package export

import (
	"fmt"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// The keys of a bundle besides its actions, as `tkesglint fetch` writes
// them.
const (
	// keyRegions holds one bundle per region:
	// {"Regions": {"ap-guangzhou": {"DescribeSecurityGroups": …}}}.
	keyRegions = "Regions"
	// keyIncomplete lists the calls whose responses a bundle lacks, each
	// with the error that the API gave:
	// {"Region", "Service", "Action", "Resource", "Error": {"Code", "Message"}, "RequestId"}.
	keyIncomplete = "Incomplete"
	// typeIncomplete is the resource type of what an Incomplete item says is
	// unknown: the rules of a group, the nodes or endpoint of a cluster.
	typeIncomplete = "Incomplete"
)

// regions reads the value of Regions: an object keyed by region, each value
// the bundle of that region.
func (p *parser) regions() error {
	if _, ok, err := p.openObject("Regions must be an object keyed by region, each value a bundle"); !ok {
		return err
	}
	// What Detect asks of a top-level Regions key: one key or more, all
	// region names.
	last := len(p.topRegions) - 1
	byName := true
	defer func() { p.topRegions[last] = byName && p.topRegions[last] }()
	_, err := p.lx.fieldsChecked(p, func(region string, keyRng model.Range) error {
		if err := p.ctx.Err(); err != nil {
			return fmt.Errorf("reading stopped: %w", err)
		}
		p.topRegions[last] = true
		byName = byName && regionName(region)
		t, ok, err := p.openObject(fmt.Sprintf("The bundle of region %q must be an object", region))
		if !ok {
			return err
		}
		if strings.TrimSpace(region) == "" {
			p.errorf(keyRng, "invalid key", "A key of Regions names no region; it should be the region its bundle was read from (ap-guangzhou, say).")
		}
		return p.bundle(t.Range, region, false)
	})
	return err
}

// openObject reads the start of a value that should be an object or null.
// It returns the opening token and isObject true for an object; false for
// null, and for any other value, which it reports as "<must>, not <kind>.".
func (p *parser) openObject(must string) (t token, isObject bool, err error) {
	t, err = p.lx.Next()
	if err != nil {
		return t, false, err
	}
	switch {
	case t.Delim == 0 && t.Kind == kindNull:
		return t, false, nil
	case !t.IsDelim('{'):
		n, err := p.lx.valueFrom(p, t)
		if err == nil {
			p.errorf(n.rng, "invalid value", "%s, not %s.", must, n.kind)
		}
		return t, false, err
	}
	return t, true, nil
}

// incomplete reads the value of Incomplete: the calls whose responses the
// bundle lacks. region is the region of the enclosing bundle, if any.
func (p *parser) incomplete(region string) error {
	n, err := p.lx.value(p)
	if err != nil {
		return err
	}
	switch {
	case n.kind == kindNull:
		return nil
	case n.kind != kindArray:
		p.errorf(n.rng, "invalid value", "Incomplete must be an array of the calls that failed, not %s.", n.kind)
		return nil
	}
	for _, e := range n.elems {
		if e.kind != kindObject {
			p.errorf(e.rng, "invalid value", "An item of Incomplete must be an object, not %s.", e.kind)
			continue
		}
		p.failedCall(e, region)
	}
	return nil
}

// failure is one item of Incomplete.
type failure struct {
	action, service, region string
	code, message           string
	// resource is the id of the group or cluster a per-resource call was
	// about; empty for a call about the whole region.
	resource model.String
	rng      model.Range
}

// failedCall reads one item of Incomplete. It is a notice, not an error:
// the bundle was read, and says itself what it lacks. What the failed call
// would have described is unknown rather than absent, so that no check
// takes a missing rule list for an empty one.
func (p *parser) failedCall(e *node, region string) {
	action := p.str(e, "Action", "")
	if !action.IsWritten() || strings.TrimSpace(action.Value()) == "" {
		p.errorf(e.rng, "invalid value", "An item of Incomplete must name the Action that failed.")
		return
	}
	f := failure{
		action:   action.Value(),
		service:  orText(p.str(e, "Service", "").Value(), serviceOf(action.Value())),
		region:   orText(p.str(e, "Region", "").Value(), region),
		resource: p.str(e, "Resource", ""),
		rng:      e.rng,
	}
	if er := p.object(e, "Error"); er != nil {
		f.code = p.str(er, "Code", "").Value()
		f.message = p.str(er, "Message", "").Value()
	}
	p.notef(e.rng, "%s", f.notice())
	if !f.resource.IsWritten() || f.resource.Value() == "" {
		return
	}
	switch f.action {
	case actPolicies:
		p.rulesUnknown(f)
	case actClusterInstances:
		p.nodesUnknown(f)
	case actEndpoints:
		p.endpointUnknown(f)
	}
}

// serviceOf returns the service of an action that tkesglint reads: the
// prefix of its CAM permission.
func serviceOf(action string) string {
	switch action {
	case actInstances:
		return "cvm"
	case actClusters, actClusterInstances, actEndpoints:
		return "tke"
	}
	if knownAction(action) {
		return "vpc"
	}
	return ""
}

// unauthorized reports whether an error code says that the credentials
// lack a CAM permission (vpc and cvm say AuthFailure.UnauthorizedOperation,
// tke UnauthorizedOperation.CamNoAuth).
func unauthorized(code string) bool {
	return code == "AuthFailure.UnauthorizedOperation" || code == "UnauthorizedOperation" ||
		strings.HasPrefix(code, "UnauthorizedOperation.")
}

// call names the call: `vpc:DescribeSecurityGroupPolicies for sg-1a2b3c4d
// in ap-guangzhou`.
func (f failure) call() string {
	s := f.action
	if f.service != "" {
		s = f.service + ":" + s
	}
	if r := f.resource.Value(); r != "" {
		s += " for " + r
	}
	if f.region != "" {
		s += " in " + f.region
	}
	return s
}

// cause is the code and message of the error.
func (f failure) cause() string {
	msg := strings.TrimRight(strings.TrimSpace(f.message), ".")
	switch {
	case f.code != "" && msg != "":
		return f.code + " (" + msg + ")"
	case f.code != "":
		return f.code
	case msg != "":
		return msg
	}
	return "an error that it does not name"
}

func (f failure) notice() string {
	msg := "the bundle lacks " + f.call() + ", which failed with " + f.cause()
	if unauthorized(f.code) && f.service != "" {
		msg += "; the credentials lack the CAM permission " + f.service + ":" + f.action
	}
	return msg + ", so " + f.consequence()
}

// consequence says what the lint cannot know without the call.
func (f failure) consequence() string {
	r := f.resource.Value()
	of := ""
	if f.region != "" {
		of = " of " + f.region
	}
	switch f.action {
	case actPolicies:
		if r != "" {
			return "the rules of " + r + " are unknown"
		}
		return "the rules of the security groups" + of + " are unknown"
	case actGroups:
		return "the security groups" + of + " that nothing in the bundle binds are not checked"
	case actAddrTemplates, actAddrGroups:
		return "rules that name the address templates" + of + " match unknown addresses"
	case actSvcTemplates, actSvcGroups:
		return "rules that name the service templates" + of + " match unknown protocols and ports"
	case actVpcs, actSubnets:
		return "the cluster networks" + of + " may be unknown"
	case actInstances:
		return "the security groups of the CVMs" + of + ", cluster nodes among them, are unknown"
	case actClusters:
		return "the clusters" + of + " are not checked"
	case actClusterInstances:
		if r != "" {
			return "the nodes of cluster " + r + " and their security groups are unknown"
		}
		return "the nodes of the clusters" + of + " are unknown"
	case actEndpoints:
		if r != "" {
			return "the API server endpoints of cluster " + r + " are unknown"
		}
		return "the API server endpoints of the clusters" + of + " are unknown"
	}
	return "what it returns is missing"
}

// short is the failure as a reason of an unknown value.
func (f failure) short() string {
	code := f.code
	if code == "" {
		code = "an error"
	}
	return f.call() + " failed with " + code
}

// rulesUnknown adds the group whose policies could not be read: its rules
// are unknown in both directions. Merge prefers it to the group of
// DescribeSecurityGroups, which carries the name.
func (p *parser) rulesUnknown(f failure) {
	id := f.resource
	sg := &model.SecurityGroup{
		Resource:    model.Resource{Address: id.Value(), Type: typeIncomplete, Range: f.rng, DeclRange: id.Range()},
		ID:          id,
		Name:        none(id.Range()),
		Description: none(id.Range()),
		ProjectID:   none(id.Range()),
		Defined:     true,
	}
	for _, d := range directions() {
		sg.Rules(d).Why = f.short() + ", so its rules are unknown"
	}
	p.in.SecurityGroups = append(p.in.SecurityGroups, sg)
}

// nodesUnknown adds, to the cluster whose instances could not be read, one
// node group whose CVMs and security groups are unknown.
func (p *parser) nodesUnknown(f failure) {
	id := f.resource
	c := clusterStub(id, id.Value(), typeIncomplete, f.rng, id.Range())
	why := f.short() + ", so the nodes of " + id.Value() + " and their security groups are unknown"
	c.NodeGroups = []*model.NodeGroup{{
		Resource:  model.Resource{Address: id.Value() + "/nodes", Type: typeIncomplete, Range: f.rng, DeclRange: id.Range()},
		Kind:      model.WorkerConfig,
		Binding:   model.Binding{Field: "SecurityGroupIds", Ordered: true, Groups: model.UnresolvedValue[[]model.String](id.Range(), why)},
		Subnets:   noList(id.Range()),
		Instances: model.UnresolvedValue[[]model.String](id.Range(), why),
	}}
	p.in.Clusters = append(p.in.Clusters, c)
}

// endpointUnknown adds the cluster whose endpoints could not be read, with
// an endpoint that is unknown.
func (p *parser) endpointUnknown(f failure) {
	id := f.resource
	at := id.Range()
	c := clusterStub(id, id.Value(), typeIncomplete, f.rng, at)
	why := f.short() + ", so the API server endpoints of " + id.Value() + " are unknown"
	res := model.Resource{Address: id.Value() + "/endpoints", Type: typeIncomplete, Range: f.rng, DeclRange: at}
	c.Endpoint = model.Endpoint{
		Internet:              model.UnresolvedValue[bool](at, why),
		InternetSecurityGroup: model.UnresolvedValue[string](at, why),
		Intranet:              model.UnresolvedValue[bool](at, why),
		IntranetSecurityGroup: model.UnresolvedValue[string](at, why),
		IntranetSubnet:        model.UnresolvedValue[string](at, why),
		Resource:              &res,
	}
	c.DeprecatedInternetPolicies = model.UnresolvedValue[[]model.String](at, why)
	p.in.Clusters = append(p.in.Clusters, c)
}
