package driver

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/inputs"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// clusterFlags says where the cluster flags (--vpc-cidr, --node-sg, …)
// cannot do what they were given for. They describe one cluster in each
// unit: the only one it defines, or a new one when it defines none. A unit
// with several clusters makes them ambiguous, which is an error naming the
// clusters; flags that describe a cluster in no unit at all get a notice.
// Neither is silent, as a flag that does nothing would answer the note that
// asked for it. Units are checked one at a time (unit), as they are read,
// and the notice is decided once all are (notes).
type clusterFlags struct {
	cfg topology.Options
	// spec is what the flags say; without is cfg without it. set is
	// false when no cluster flag was given.
	spec    topology.Spec
	without topology.Options
	set     bool
}

func newClusterFlags(cfg topology.Options) clusterFlags {
	i := slices.IndexFunc(cfg.Specs, func(s topology.Spec) bool { return s.FromFlags })
	if i < 0 {
		return clusterFlags{cfg: cfg}
	}
	without := cfg
	without.Specs = slices.Delete(slices.Clone(cfg.Specs), i, i+1)
	return clusterFlags{cfg: cfg, spec: cfg.Specs[i], without: without, set: true}
}

// flagCheck is what one unit says about the cluster flags.
type flagCheck struct {
	// err is set when the unit's clusters make the flags ambiguous;
	// applied is true when the flags describe a cluster of the unit.
	err     *model.Error
	applied bool
}

// unit checks the flags against one unit, which has a model.
func (c clusterFlags) unit(u inputs.Unit) flagCheck {
	if !c.set {
		return flagCheck{}
	}
	found := resolveClusters(u.Input, c.without)
	switch {
	case len(found) > 1:
		return flagCheck{err: ambiguousFlags(u, found, c.spec)}
	case len(found) == 1 || len(resolveClusters(u.Input, c.cfg)) > 0:
		return flagCheck{applied: true}
	}
	return flagCheck{}
}

// notes returns the errors of the units, in their order, and the notice
// when the flags describe a cluster in none of them.
func (c clusterFlags) notes(checks []flagCheck) ([]*model.Error, []model.Note) {
	if !c.set {
		return nil, nil
	}
	var (
		errs    []*model.Error
		applied bool
	)
	for _, ch := range checks {
		if ch.err != nil {
			errs = append(errs, ch.err)
		}
		applied = applied || ch.applied
	}
	if applied || len(errs) > 0 || len(checks) == 0 {
		return errs, nil
	}
	flags := given(c.spec)
	why := "no input defines one (--node-sg declares one)"
	if len(c.spec.NodeSecurityGroups)+len(c.spec.MasterSecurityGroups) > 0 {
		why = "no input defines one or holds the security groups they name"
	}
	return nil, []model.Note{{Message: fmt.Sprintf("%s %s no cluster: %s", and(flags), agree(len(flags), "describes", "describe"), why)}}
}

// resolveClusters returns the clusters the analyzers see in in, and none
// when resolving them fails (the analyzers report that failure).
func resolveClusters(in *model.Input, cfg topology.Options) (out []*topology.Cluster) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	return topology.Resolve(in, cfg)
}

// ambiguousFlags is the error of a unit whose several clusters the flags
// of spec cannot choose from.
func ambiguousFlags(u inputs.Unit, found []*topology.Cluster, spec topology.Spec) *model.Error {
	where := u.Root
	switch where {
	case "":
		where = "the exports define"
	case ".":
		where = "this folder defines"
	default:
		where += " defines"
	}
	names := make([]string, len(found))
	for i, c := range found {
		var about []string
		if c.Address != c.Name {
			about = append(about, c.Address)
		}
		if c.Decl.Filename != "" && c.Decl.Start.Line > 0 {
			about = append(about, fmt.Sprintf("%s:%d", c.Decl.Filename, c.Decl.Start.Line))
		}
		names[i] = c.Name
		if len(about) > 0 {
			names[i] += " (" + strings.Join(about, ", ") + ")"
		}
	}
	flags := given(spec)
	return &model.Error{
		Range:   found[0].Decl,
		Summary: "ambiguous cluster flags",
		Detail: fmt.Sprintf("%s %d clusters, %s; %s %s one cluster, so %s applied to none of them: describe each in .tkesglint.yml (clusters: - match: <id or address>)",
			where, len(found), and(names), and(flags), agree(len(flags), "describes", "describe"), agree(len(flags), "it is", "they are")),
	}
}

// and joins words as a sentence does: "a", "a and b", "a, b and c".
func and(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// given names the cluster flags spec comes from, in the order of the help.
func given(spec topology.Spec) []string {
	var out []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"--node-sg", len(spec.NodeSecurityGroups) > 0},
		{"--master-sg", len(spec.MasterSecurityGroups) > 0},
		{"--vpc-cidr", len(spec.ClusterNetwork) > 0},
		{"--container-cidr", len(spec.ContainerNetwork) > 0},
		{"--network-type", spec.NetworkType != ""},
	} {
		if f.set {
			out = append(out, f.name)
		}
	}
	return out
}

// agree returns one when n is 1, else many.
func agree(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
