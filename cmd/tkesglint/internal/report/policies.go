package report

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/show"
	"github.com/tkesglint/tkesglint/internal/parallel"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// PolicyMemo keeps the regions of the policies a run has written, as the
// page writes them, by the key of what they depend on
// (inspect.Policy.RegionsKey): a policy whose rules repeat another's (a
// module instantiated many times, generated groups) is neither evaluated
// nor rendered again, only the cells that name its own rules. It is safe
// for concurrent use: the driver gathers units at once.
type PolicyMemo struct {
	mu    sync.Mutex
	byKey map[string]*writtenPolicy
	// size is the bytes the memo holds, at most maxMemo.
	size int
	// hits counts the policies written from the memo (for the tests).
	hits int
}

// maxMemo bounds the bytes a memo holds: beyond it, policies are still
// read from it but no more are kept (a run of many distinct policies
// would otherwise hold them twice, here and in the page).
const maxMemo = 64 << 20

// NewPolicyMemo returns an empty memo.
func NewPolicyMemo() *PolicyMemo { return &PolicyMemo{byKey: map[string]*writtenPolicy{}} }

func (m *PolicyMemo) get(key string) *writtenPolicy {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	w := m.byKey[key]
	if w != nil {
		m.hits++
	}
	return w
}

func (m *PolicyMemo) put(key string, w *writtenPolicy) {
	if m == nil {
		return
	}
	size := len(key) + len(w.text) + 8*len(w.rowEnds) + 32*len(w.regions)
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.byKey[key]; ok || m.size+size > maxMemo {
		return
	}
	m.byKey[key] = w
	m.size += size
}

// writtenPolicy is the regions of a policy as the page writes them, but
// for the cell that names the rule deciding each region (its reference
// and place), which is the policy's own.
type writtenPolicy struct {
	// text holds, region after region, the cells of each row up to the
	// rule's, then the end of every row of the region (its reasons).
	text []byte
	// rowEnds are the ends in text of each row's first cells; a row
	// starts where the one before it (or its region) ends.
	rowEnds []int
	regions []writtenRegion
}

// writtenRegion is one region of a writtenPolicy.
type writtenRegion struct {
	// rule is the place of the rule that decides the region in the
	// policy's list (inspect.Policy.RuleAt), -1 for none.
	rule      int
	undecided bool
	// rows is the end of the region's rows in rowEnds; end is the end of
	// its text, whose last part ends each of its rows.
	rows, end int
}

// clone returns a copy of w that owns its storage.
func (w *writtenPolicy) clone() *writtenPolicy {
	return &writtenPolicy{
		text:    append([]byte(nil), w.text...),
		rowEnds: append([]int(nil), w.rowEnds...),
		regions: append([]writtenRegion(nil), w.regions...),
	}
}

// policyWriter writes policies on one goroutine, reusing its scratch.
type policyWriter struct {
	memo *PolicyMemo
	// peers is the unit's, shared by its writers.
	peers   *show.PeerMemo
	scratch writtenPolicy
	decider []byte
}

// writeUnitPolicies writes the policies of one unit, the bindings' then
// the groups', in chunks (their number is returned) that are written on up
// to jobs goroutines (parallel.Workers) for a large unit and joined in
// order. Each policy is evaluated as it is written and dropped once it
// is. On an error, the pieces end where the policy that failed stops.
func writeUnitPolicies(ctx context.Context, u *inspect.Unit, jobs int, memo *PolicyMemo) (policies [][]byte, chunks int, err error) {
	ps := append(u.PendingBindingPolicies(), u.PendingGroupPolicies()...)
	rules := 0
	for _, p := range ps {
		for _, seg := range p.List {
			rules += len(seg.Rules)
		}
	}
	workers := 1
	if rules >= checker.LargeUnit { // the driver already gathers units at once
		workers = min(parallel.Workers(jobs), len(ps))
	}
	chunks = 1
	if workers > 1 {
		chunks = min(len(ps), workers*8) // small enough to balance the cores
	}
	out := make([]blocks, chunks)
	errs := make([]error, chunks)
	peers := &show.PeerMemo{}
	parallel.ForEach(ctx, chunks, workers, func(c int) {
		w := &policyWriter{memo: memo, peers: peers}
		var buf []byte
		for i := c * len(ps) / chunks; i < (c+1)*len(ps)/chunks; i++ {
			buf, errs[c] = w.appendPolicy(buf[:0], ps[i])
			out[c].write(buf)
			ps[i] = nil // its regions are written: drop them
			if errs[c] != nil {
				break
			}
		}
		out[c].close()
	})
	if err := ctx.Err(); err != nil {
		return nil, chunks, err
	}
	for c, b := range out {
		policies = append(policies, b.full...)
		if errs[c] != nil {
			return policies, chunks, errs[c]
		}
	}
	return policies, chunks, nil
}

// blocks gathers bytes in blocks that double in size up to maxBlock, so
// that what is gathered is never copied to grow (appending to one slice
// allocated twice the policies of a unit).
type blocks struct {
	full [][]byte
	cur  []byte
}

const (
	minBlock = 4 << 10
	maxBlock = 1 << 20
)

func (b *blocks) write(p []byte) {
	for len(p) > 0 {
		if len(b.cur) == cap(b.cur) {
			size := minBlock
			if b.cur != nil {
				b.full = append(b.full, b.cur)
				size = min(2*cap(b.cur), maxBlock)
			}
			b.cur = make([]byte, 0, size)
		}
		n := min(len(p), cap(b.cur)-len(b.cur))
		b.cur = append(b.cur, p[:n]...)
		p = p[n:]
	}
}

// close ends the last block, cut to its length when much of it is empty
// (it is held until the page is written).
func (b *blocks) close() {
	if len(b.cur) == 0 {
		return
	}
	if cap(b.cur)-len(b.cur) > minBlock {
		b.cur = append([]byte(nil), b.cur...)
	}
	b.full = append(b.full, b.cur)
	b.cur = nil
}

// appendPolicy appends policy p to buf as the template "policy" wrote it:
//
//	<section class="policy" data-cluster="{{printable .Cluster}}">
//	<h3>{{.Subject}}, {{.Direction}}</h3>
//	<p class="muted">{{groupsIn .Groups}}{{with .Binding}}, bound at <span class="mono">{{.File}}:{{.Line}}</span>{{end}}{{range .Incomplete}}; flows that no rule matches are undecided: {{.}}{{end}}</p>
//	<table><thead><tr><th>verdict</th>…<th>decided by</th></tr></thead><tbody>
//	{{range .Regions}}{{$r := .}}{{range .Rows}}<tr>…</tr>
//	{{end}}{{end}}</tbody></table>
//	</section>
func (w *policyWriter) appendPolicy(buf []byte, p *inspect.Policy) ([]byte, error) {
	h := show.PolicyHead(p)
	buf = append(buf, "\n<section class=\"policy\" data-cluster=\""...)
	buf = appendEsc(buf, output.Printable(h.Cluster))
	buf = append(buf, "\">\n<h3>"...)
	buf = appendEsc(buf, h.Subject)
	buf = append(buf, ", "...)
	buf = appendEsc(buf, h.Direction)
	buf = append(buf, "</h3>\n<p class=\"muted\">"...)
	buf = appendEsc(buf, groupsIn(p.Groups))
	if b := h.Binding; b != nil {
		buf = append(buf, ", bound at <span class=\"mono\">"...)
		buf = appendEsc(buf, b.File)
		buf = append(buf, ':')
		buf = strconv.AppendInt(buf, int64(b.Line), 10)
		buf = append(buf, "</span>"...)
	}
	for _, why := range h.Incomplete {
		buf = append(buf, "; flows that no rule matches are undecided: "...)
		buf = appendEsc(buf, why)
	}
	buf = append(buf, "</p>\n<table><thead><tr><th>verdict</th><th>protocol</th><th>ports</th><th>peers</th><th>except</th><th>decided by</th></tr></thead><tbody>\n"...)
	buf, err := w.appendRegions(buf, p, w.regions(p))
	if err != nil {
		return buf, err
	}
	return append(buf, "</tbody></table>\n</section>\n"...), nil
}

// regions returns the regions of p as the page writes them: from the
// memo when a policy of the same key was written, else evaluated (and
// kept in the memo when the key holds all they depend on).
func (w *policyWriter) regions(p *inspect.Policy) *writtenPolicy {
	key, keyed := p.RegionsKey()
	if keyed {
		if wp := w.memo.get(key); wp != nil {
			return wp
		}
	}
	p.Evaluate()
	wp := &w.scratch
	wp.text, wp.rowEnds, wp.regions = wp.text[:0], wp.rowEnds[:0], wp.regions[:0]
	for _, r := range p.Regions {
		// RegionsKey promises regions that owe nothing to the policy's
		// own rules but the one that decides them; check it.
		keyed = keyed && r.Verdict != flows.Unknown && len(r.Causes) == 0 && len(r.Reasons) == 0 && len(r.MemberAccepts) == 0
		wr := writtenRegion{rule: -1, undecided: r.Verdict == flows.Unknown}
		if r.Rule != nil {
			wr.rule = p.RulePlace(r.Rule)
		}
		verdict := show.VerdictWord(r.Verdict)
		status := "undecided"
		switch verdict {
		case "accept":
			status = "satisfied"
		case "drop":
			status = "broken"
		}
		for _, row := range w.peers.Rows(r.Flows) {
			wp.text = append(wp.text, "<tr><td class=\"status-"...)
			wp.text = append(wp.text, status...)
			wp.text = append(wp.text, "\">"...)
			wp.text = appendEsc(wp.text, strings.ToUpper(verdict))
			wp.text = append(wp.text, "</td><td>"...)
			wp.text = appendEsc(wp.text, row.Protocol)
			wp.text = append(wp.text, "</td><td>"...)
			wp.text = appendEsc(wp.text, row.Ports)
			wp.text = append(wp.text, "</td><td class=\"mono\">"...)
			wp.text = appendEsc(wp.text, row.Peers)
			wp.text = append(wp.text, "</td><td>"...)
			wp.text = appendEsc(wp.text, strings.Join(row.Except, ", "))
			wp.text = append(wp.text, "</td><td>"...)
			wp.rowEnds = append(wp.rowEnds, len(wp.text))
		}
		if r.Rule == nil {
			if r.Verdict == flows.Unknown {
				wp.text = append(wp.text, "no rule for certain"...)
			} else {
				wp.text = append(wp.text, "no rule matches"...)
			}
		}
		if len(r.Reasons) > 0 {
			wp.text = append(wp.text, " <span class=\"muted\">("...)
			wp.text = appendEsc(wp.text, strings.Join(r.Reasons, "; "))
			wp.text = append(wp.text, ")</span>"...)
		}
		wp.text = append(wp.text, "</td></tr>\n"...)
		wr.rows, wr.end = len(wp.rowEnds), len(wp.text)
		wp.regions = append(wp.regions, wr)
	}
	if keyed {
		w.memo.put(key, wp.clone())
	}
	return wp
}

// appendRegions appends the rows of the regions wp of policy p, each with
// the cell that names the rule deciding it in p.
func (w *policyWriter) appendRegions(buf []byte, p *inspect.Policy, wp *writtenPolicy) ([]byte, error) {
	start, row := 0, 0
	for _, r := range wp.regions {
		w.decider = w.decider[:0]
		var rule *flows.Rule
		if r.rule >= 0 {
			rule = p.RuleAt(r.rule)
		}
		tail := start
		if r.rows > row {
			tail = wp.rowEnds[r.rows-1]
		}
		for ; row < r.rows; row++ {
			buf = append(buf, wp.text[start:wp.rowEnds[row]]...)
			start = wp.rowEnds[row]
			if rule != nil {
				at := show.At(rule.Range())
				if at == nil {
					// What the template's {{.At.File}} said of it.
					return buf, fmt.Errorf("policy of %s: the rule %s is nowhere", p.Subject, rule.Ref())
				}
				if len(w.decider) == 0 {
					w.decider = appendEsc(w.decider, rule.Ref())
					w.decider = append(w.decider, " <span class=\"mono muted\">"...)
					w.decider = appendEsc(w.decider, at.File)
					w.decider = append(w.decider, ':')
					w.decider = strconv.AppendInt(w.decider, int64(at.Line), 10)
					w.decider = append(w.decider, "</span>"...)
					if r.undecided {
						w.decider = append(w.decider, " unless an earlier rule matches"...)
					}
				}
				buf = append(buf, w.decider...)
			}
			buf = append(buf, wp.text[tail:r.end]...)
		}
		start = r.end
	}
	return buf, nil
}

// groupsIn names the groups of a policy with the module instance each is
// in: the groups of a module called three times have one name, and their
// policies one heading.
func groupsIn(sgs []*model.SecurityGroup) string {
	names := make([]string, len(sgs))
	for i, sg := range sgs {
		names[i] = "sg " + sg.DisplayName()
		if sg.Resource.Module != "" {
			names[i] += " in " + sg.Resource.Module
		}
	}
	if len(names) == 0 {
		return "no security group"
	}
	return strings.Join(names, ", ")
}
