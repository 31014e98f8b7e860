package terraform

import "testing"

func TestSkipIndex(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`[0].module.b`, `.module.b`},
		{`["a]b"].x`, `.x`},
		{`["a\"]"]rest`, `rest`},
		{`[0]`, ``},
		{`["open`, ``},
	} {
		if got := SkipIndex(c.in); got != c.want {
			t.Errorf("SkipIndex(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
