package report

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/show"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Data is what a report shows.
type Data struct {
	Report *output.Report
	// Units are the matrices of each unit (their policies are left empty:
	// the HTML report writes them as Gather rendered them).
	Units []show.Unit
	// LinkBase starts the links to files of the Markdown report (empty:
	// links relative to the working directory).
	LinkBase string
	// gathered are what Gather kept of the units Units show.
	gathered []*Unit
	// clusters maps a resource address to the unit roots it is in and the
	// clusters it belongs to there.
	clusters map[string][]clusterEntry
	// lines are the offsets of the lines of each source, for excerpts.
	lines map[string][]int
}

// clusterEntry names the clusters a resource of the unit at root belongs
// to.
type clusterEntry struct {
	root  string
	names []string
}

// Unit is what the reports show of one unit, gathered (Gather) while its
// model is still in memory, so that a run keeps no model for them.
type Unit struct {
	root string
	view show.Unit
	// members are, for each cluster in order, the resources a finding
	// about it may belong to (clusterAddresses).
	members []clusterMembers
	// policies is the HTML of the unit's policies in pieces
	// (writeUnitPolicies), not yet made printable; policiesErr is why it
	// stops short, if it does; policyChunks is the number of chunks they
	// were written in, at once on several goroutines when more than one.
	policies     [][]byte
	policiesErr  error
	policyChunks int
	// err is why the unit could not be analyzed.
	err error
}

type clusterMembers struct {
	name      string
	addresses []string
}

// Err is why the unit could not be analyzed for the reports, or nil.
func (u *Unit) Err() error { return u.err }

// GatherOptions says what Gather keeps of a unit.
type GatherOptions struct {
	// Policies renders the unit's policies (the HTML report).
	Policies bool
	// Jobs bounds the goroutines that render the policies of a large unit
	// (0: one per CPU); a small unit's are rendered on the goroutine that
	// gathers it.
	Jobs int
	// Memo, shared by the units of a run, keeps the policies written so
	// that those whose rules repeat are not evaluated again; nil for none.
	Memo *PolicyMemo
}

// Gather analyzes unit in with inspect (the requirements analyzer of
// analyzers and those it requires) and keeps what the reports show of it:
// its matrices, the resources of its clusters and, with opts.Policies (the
// HTML report), its policies rendered as the page shows them. The driver
// calls it for each unit as soon as the unit is linted (driver.Options.Keep),
// on the goroutine that linted it, so the units are gathered in parallel.
func Gather(ctx context.Context, analyzers []*analysis.Analyzer, root string, in *model.Input, opts GatherOptions) *Unit {
	iu, err := inspect.Analyze(ctx, analyzers, root, in)
	if err != nil {
		return &Unit{root: root, err: err}
	}
	u := &Unit{root: root, view: show.Unit{Root: root, Groups: []show.Policy{}, Bindings: []show.Policy{}, Clusters: []show.Matrix{}}}
	for _, m := range iu.Matrices() {
		u.view.Clusters = append(u.view.Clusters, show.NewMatrix(m))
	}
	for _, cl := range iu.Clusters {
		u.members = append(u.members, clusterMembers{name: cl.Name, addresses: clusterAddresses(iu, cl.Name)})
	}
	if opts.Policies {
		u.policies, u.policyChunks, u.policiesErr = writeUnitPolicies(ctx, iu, opts.Jobs, opts.Memo)
	}
	return u
}

// New gathers what the reports show of r and of units, what Gather kept of
// the units of r, in their order.
func New(r *output.Report, units []*Unit, linkBase string) *Data {
	d := &Data{Report: r, LinkBase: linkBase, gathered: units, clusters: map[string][]clusterEntry{}}
	for _, u := range units {
		d.Units = append(d.Units, u.view)
		for _, m := range u.members {
			for _, addr := range m.addresses {
				d.addCluster(u.root, addr, m.name)
			}
		}
	}
	return d
}

// addCluster records that the resource at addr of the unit at root
// belongs to cluster name.
func (d *Data) addCluster(root, addr, name string) {
	entries := d.clusters[addr]
	i := slices.IndexFunc(entries, func(e clusterEntry) bool { return e.root == root })
	if i < 0 {
		d.clusters[addr] = append(entries, clusterEntry{root: root, names: []string{name}})
		return
	}
	if !slices.Contains(entries[i].names, name) {
		entries[i].names = append(entries[i].names, name)
	}
}

// clusterAddresses are the resources a finding about cluster name may
// belong to: the cluster, its node groups, the groups bound to its CVMs,
// and the resources that hold those groups' rules.
func clusterAddresses(u *inspect.Unit, name string) []string {
	var out []string
	for _, cl := range u.Clusters {
		if cl.Name != name {
			continue
		}
		out = append(out, cl.Address)
		for _, b := range slices.Concat(cl.Nodes, cl.Masters) {
			for _, g := range b.Groups {
				out = append(out, g.Resource.Address)
			}
			for _, sg := range b.SGs {
				out = append(out, sg.Resource.Address)
				for _, o := range u.Input.RuleOwners {
					if v, ok := o.SecurityGroup.Get(); ok && slices.Contains(sg.Refs(), v) {
						out = append(out, o.Resource.Address)
					}
				}
				for _, d := range []model.Direction{model.Ingress, model.Egress} {
					for _, r := range sg.Rules(d).Rules {
						out = append(out, r.Owner.Address)
					}
				}
			}
		}
	}
	return out
}

// ClustersOf returns the clusters finding f belongs to, sorted.
func (d *Data) ClustersOf(f *driver.Finding) []string {
	if f.Address == "" {
		return nil
	}
	var out []string
	for _, e := range d.clusters[f.Address] {
		if e.root == "" || e.root == f.Root || strings.HasPrefix(f.Range.Filename, e.root+"/") {
			for _, n := range e.names {
				if !slices.Contains(out, n) {
					out = append(out, n)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// open returns the findings that count (not suppressed), most severe
// first, then in the run's order.
func (d *Data) open() []*driver.Finding {
	var out []*driver.Finding
	res := d.Report.Result
	for i := range res.Findings {
		if res.Findings[i].Suppression == nil {
			out = append(out, &res.Findings[i])
		}
	}
	slices.SortStableFunc(out, func(a, b *driver.Finding) int { return cmp.Compare(a.Level, b.Level) })
	return out
}

// Reason is what some checks left undecided wait for: one reason, or
// several that the same checks wait for together.
type Reason struct {
	Why      string
	Checks   []string
	Findings []*driver.Finding
}

// undecided groups the checks left undecided (output.Undecided, the ones
// the text summary counts) by what they wait for, most frequent first:
// each is in one group, so the counts add up to the summary's.
func (d *Data) undecided() []*Reason {
	byWhy := map[string]*Reason{}
	var out []*Reason
	fs := output.Undecided(d.Report.Result)
	slices.SortStableFunc(fs, func(a, b *driver.Finding) int { return cmp.Compare(a.Level, b.Level) })
	for _, f := range fs {
		why := strings.Join(f.Undecided, "; ")
		r := byWhy[why]
		if r == nil {
			r = &Reason{Why: why}
			byWhy[why] = r
			out = append(out, r)
		}
		if !slices.Contains(r.Checks, f.Check.ID) {
			r.Checks = append(r.Checks, f.Check.ID)
		}
		r.Findings = append(r.Findings, f)
	}
	for _, r := range out {
		slices.Sort(r.Checks)
	}
	slices.SortStableFunc(out, func(a, b *Reason) int {
		return cmp.Or(cmp.Compare(len(b.Findings), len(a.Findings)), strings.Compare(a.Why, b.Why))
	})
	return out
}

// Link returns the link to line of file: LinkBase, the path with each
// segment escaped, and #L<line>.
func (d *Data) Link(file string, line int) string {
	var segs []string
	for s := range strings.SplitSeq(file, "/") {
		segs = append(segs, url.PathEscape(s))
	}
	return fmt.Sprintf("%s%s#L%d", d.LinkBase, strings.Join(segs, "/"), line)
}

// HelpURI is the documentation of check c.
func HelpURI(c *analysis.Check) string { return output.HelpURIPrefix + c.ID + ".md" }

// Line is one line of a source excerpt.
type Line struct {
	Number int
	Text   string
	// Marked is set on the lines the finding spans.
	Marked bool
}

// Excerpt bounds.
const (
	excerptBefore = 1
	excerptLines  = 7
	excerptWidth  = 200
)

// excerpt returns the source lines around rng: the line before, the lines
// it spans, at most excerptLines in all, each cut to excerptWidth
// characters and made printable.
func (d *Data) excerpt(rng model.Range) []Line {
	src := d.Report.Result.Sources[rng.Filename]
	if src == nil || rng.Start.Line < 1 {
		return nil
	}
	starts := d.lineStarts(rng.Filename, src)
	end := min(max(rng.End.Line, rng.Start.Line), len(starts))
	first := max(1, rng.Start.Line-excerptBefore)
	var out []Line
	for n := first; n <= end && len(out) < excerptLines; n++ {
		lo := starts[n-1]
		hi := len(src)
		if n < len(starts) {
			hi = starts[n] - 1
		}
		out = append(out, Line{Number: n, Text: cut(string(src[lo:hi])), Marked: n >= rng.Start.Line})
	}
	return out
}

// lineStarts returns the offset of every line of file, computed once.
func (d *Data) lineStarts(file string, src []byte) []int {
	if starts, ok := d.lines[file]; ok {
		return starts
	}
	// bytes.IndexByte, not a loop over every byte: an export is one file
	// of 160 MB.
	starts := []int{0}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 || i+j+1 >= len(src) {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	if d.lines == nil {
		d.lines = map[string][]int{}
	}
	d.lines[file] = starts
	return starts
}

// cut shortens a source line to excerptWidth characters.
func cut(s string) string {
	s = strings.TrimRight(s, "\r")
	if utf8.RuneCountInString(s) > excerptWidth {
		r := []rune(s)
		s = string(r[:excerptWidth]) + "…"
	}
	return output.Printable(s)
}
