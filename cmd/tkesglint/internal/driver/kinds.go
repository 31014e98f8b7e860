package driver

import (
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// excluded reports whether a path (slash-separated, relative to the working
// directory) matches one of the exclude globs. A glob matches the path or
// any of its parent folders; "**" matches any number of folders
// (doublestar's syntax, which also has {a,b} alternatives). A malformed
// glob matches nothing.
func excluded(p string, globs []string) bool {
	for _, g := range globs {
		g = strings.TrimSuffix(g, "/")
		for q := p; q != "." && q != "/" && q != ""; q = path.Dir(q) {
			if ok, err := doublestar.Match(g, q); err == nil && ok {
				return true
			}
		}
	}
	return false
}
