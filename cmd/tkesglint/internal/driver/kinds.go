package driver

import (
	"path"
	"strings"
)

// excluded reports whether a path (slash-separated, relative to the working
// directory) matches one of the exclude globs. A glob matches the path or
// any of its parent folders; "**" matches any number of folders.
func excluded(p string, globs []string) bool {
	for _, g := range globs {
		for q := p; q != "." && q != "/" && q != ""; q = path.Dir(q) {
			if globMatch(strings.TrimSuffix(g, "/"), q) {
				return true
			}
		}
	}
	return false
}

// globMatch matches slash-separated paths with path.Match per segment, and
// "**" for any number of segments.
func globMatch(glob, p string) bool {
	gs, ps := strings.Split(glob, "/"), strings.Split(p, "/")
	var match func(i, j int) bool
	match = func(i, j int) bool {
		for i < len(gs) {
			if gs[i] == "**" {
				for k := j; k <= len(ps); k++ {
					if match(i+1, k) {
						return true
					}
				}
				return false
			}
			if j >= len(ps) {
				return false
			}
			if ok, err := path.Match(gs[i], ps[j]); err != nil || !ok {
				return false
			}
			i, j = i+1, j+1
		}
		return j == len(ps)
	}
	return match(0, 0)
}
