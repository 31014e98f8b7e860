package flows

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Compiler compiles the rules of an input once and builds the lists that
// analyzers evaluate. It is safe for concurrent use: the checker runs the
// analyzers that share it at once.
type Compiler struct {
	res *Resolver
	// segs holds both directions of every group of the input and rules
	// every rule of them, compiled up front: read-only afterwards, so that
	// concurrent readers need no lock, and a segment is built once rather
	// than on each of the many calls of the analyzers.
	segs  map[*model.SecurityGroup]*[2]Segment
	rules map[*model.Rule]*Rule
	// late holds the rules compiled on demand, of groups that are not in
	// the input.
	mu   sync.Mutex
	late map[*model.Rule]*Rule
}

// NewCompiler returns a compiler for the rules of in.
func NewCompiler(in *model.Input) *Compiler { return NewCompilerJobs(in, 1) }

// NewCompilerJobs returns a compiler for the rules of in, compiling them on
// up to jobs goroutines.
func NewCompilerJobs(in *model.Input, jobs int) *Compiler {
	c := &Compiler{res: NewResolver(in), late: map[*model.Rule]*Rule{}}
	type slot struct {
		sg  *model.SecurityGroup
		src *model.Rule
	}
	var slots []slot
	for _, sg := range in.SecurityGroups {
		for _, d := range [2]model.Direction{model.Ingress, model.Egress} {
			for _, r := range sg.Rules(d).Rules {
				slots = append(slots, slot{sg, r})
			}
		}
	}
	compiled := make([]*Rule, len(slots))
	forEachChunk(len(slots), jobs, func(i int) {
		compiled[i] = Compile(slots[i].src, c.res)
		compiled[i].Group = slots[i].sg
	})
	// One backing array for the rules of every segment; each segment's
	// slice is clipped so that a caller's append copies.
	all := make([]*Rule, len(slots))
	c.rules = make(map[*model.Rule]*Rule, len(slots))
	c.segs = make(map[*model.SecurityGroup]*[2]Segment, len(in.SecurityGroups))
	i := 0
	for _, sg := range in.SecurityGroups {
		if c.segs[sg] != nil {
			i += len(sg.Ingress.Rules) + len(sg.Egress.Rules)
			continue
		}
		var pair [2]Segment
		for k, d := range [2]model.Direction{model.Ingress, model.Egress} {
			list := sg.Rules(d)
			start := i
			for _, r := range list.Rules {
				// The first group that lists a rule owns it, as when rules
				// were compiled on demand in the order of the groups.
				cr, ok := c.rules[r]
				if !ok {
					cr = compiled[i]
					c.rules[r] = cr
				}
				all[i] = cr
				i++
			}
			pair[k] = Segment{Group: sg, Complete: list.Complete, Ordered: list.Ordered, Why: list.Why}
			if i > start {
				pair[k].Rules = slices.Clip(all[start:i])
			}
		}
		c.segs[sg] = &pair
	}
	return c
}

// forEachChunk calls fn(i) for every i in [0, n) on up to jobs goroutines,
// handing out indexes in chunks.
func forEachChunk(n, jobs int, fn func(i int)) {
	jobs = min(jobs, n/256+1) // small inputs are not worth a goroutine
	if jobs <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	const chunk = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					fn(i)
				}
			}
		})
	}
	wg.Wait()
}

// Resolver returns the resolver the compiler uses.
func (c *Compiler) Resolver() *Resolver { return c.res }

// Rule returns the compiled form of r, which belongs to sg.
func (c *Compiler) Rule(sg *model.SecurityGroup, r *model.Rule) *Rule {
	if cr, ok := c.rules[r]; ok {
		return cr
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cr, ok := c.late[r]; ok {
		return cr
	}
	cr := Compile(r, c.res)
	cr.Group = sg
	c.late[r] = cr
	return cr
}

// Segment returns direction d of sg as a segment.
func (c *Compiler) Segment(sg *model.SecurityGroup, d model.Direction) Segment {
	if pair := c.segs[sg]; pair != nil {
		if d == model.Egress {
			return pair[1]
		}
		return pair[0]
	}
	list := sg.Rules(d)
	seg := Segment{Group: sg, Complete: list.Complete, Ordered: list.Ordered, Why: list.Why}
	for _, r := range list.Rules {
		seg.Rules = append(seg.Rules, c.Rule(sg, r))
	}
	return seg
}

// List returns the concatenation of direction d of groups, in binding order.
func (c *Compiler) List(groups []*model.SecurityGroup, d model.Direction) List {
	l := make(List, 0, len(groups))
	for _, sg := range groups {
		l = append(l, c.Segment(sg, d))
	}
	return l
}
