package fix

import "testing"

func TestLineMap(t *testing.T) {
	old := "a\nb\nc\nd\ne\n"
	cur := "a\nX\nY\nc\nd\nZ\ne\n" // b replaced by X, Y; Z inserted before e
	m := lineMap([]byte(old), []byte(cur))
	for _, tc := range []struct {
		line, want int
		ok         bool
	}{{1, 1, true}, {2, 0, false}, {3, 0, false}, {4, 3, true}, {5, 4, true}, {6, 0, false}, {7, 5, true}} {
		got, ok := m(tc.line)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("line %d: got %d %v, want %d %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
}
