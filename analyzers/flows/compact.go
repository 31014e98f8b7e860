package flows

import "sort"

// compactFresh merges the boxes of s, a slice no other set shares, in
// place, as compaction always has: in passes until one merges nothing,
// box i absorbing in turn each later box it can merge with as it grows.
// The decomposition that leaves is the one every output shows, so the
// merges and their order are kept exactly (compactPairs in the tests is
// the plain algorithm).
//
// fresh marks the boxes that may merge with others; the boxes it does not
// mark must be pairwise unmergeable (nil marks every box). A box unmarked
// and unchanged then only needs looking up among the marked ones: a set
// that a cut leaves compact but for its new pieces, or two compact sets
// joined, costs the boxes times the pieces, not the boxes squared. The
// same holds from one pass to the next: the boxes that a pass leaves
// unchanged were checked against every later one, so only those that
// grew can still merge. It returns the number of pairs it compared too,
// which the tests bound.
func (s Set) compactFresh(fresh []bool) (out Set, checks int) {
	out = s
	if len(out) < 2 {
		return out, 0
	}
	if fresh == nil {
		fresh = make([]bool, len(out))
		for i := range fresh {
			fresh[i] = true
		}
	}
	gone, grew := make([]bool, len(out)), make([]bool, len(out))
	var marked []int
	for {
		marked = marked[:0]
		for pos, f := range fresh {
			if f {
				marked = append(marked, pos)
			}
		}
		if len(marked) == 0 {
			return out, checks
		}
		merged := false
		for i := range out {
			if gone[i] {
				continue
			}
			cur, after := out[i], i
			for {
				var j, n int
				if fresh[i] || grew[i] {
					j, n = firstMergeable(cur, out, gone, after+1)
				} else {
					j, n = firstMergeableOf(cur, out, gone, marked, after)
				}
				checks += n
				if j < 0 {
					break
				}
				cur, _ = mergeBoxes(cur, out[j])
				gone[j], grew[i], merged, after = true, true, true, j
			}
			out[i] = cur
		}
		if !merged {
			return out, checks
		}
		kept := 0
		for pos := range out {
			if !gone[pos] {
				out[kept], fresh[kept] = out[pos], grew[pos]
				kept++
			}
		}
		clear(out[kept:]) // no stale references to the merged boxes' slices
		out, fresh = out[:kept], fresh[:kept]
		gone, grew = gone[:kept], grew[:kept]
		clear(gone)
		clear(grew)
	}
}

// firstMergeable returns the first position from from on of a box of out
// not gone that cur merges with, or -1, and the number of boxes compared.
func firstMergeable(cur Box, out Set, gone []bool, from int) (pos, checks int) {
	for j := from; j < len(out); j++ {
		if !gone[j] {
			checks++
			if mergeable(cur, out[j]) {
				return j, checks
			}
		}
	}
	return -1, checks
}

// firstMergeableOf is firstMergeable among the positions of marked (in
// order) after after.
func firstMergeableOf(cur Box, out Set, gone []bool, marked []int, after int) (pos, checks int) {
	for _, j := range marked[sort.SearchInts(marked, after+1):] {
		if !gone[j] {
			checks++
			if mergeable(cur, out[j]) {
				return j, checks
			}
		}
	}
	return -1, checks
}

// mergeable reports whether mergeBoxes merges a and b, comparing what is
// cheap first: it is asked of many pairs, most of which differ in two
// dimensions.
func mergeable(a, b Box) bool {
	if a.Protos == b.Protos {
		return a.Ports.Equal(b.Ports) || a.Addrs.Equal(b.Addrs)
	}
	return a.Ports.Equal(b.Ports) && a.Addrs.Equal(b.Addrs)
}
