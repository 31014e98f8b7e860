package output

import "testing"

func TestMarker(t *testing.T) {
	for _, tc := range []struct {
		line     string
		from, to int
		want     string
	}{
		{"abc def", 5, 8, "    ^~~"},
		{"abc", 2, 2, " ^"},
		{"\tx = 1", 2, 3, "\t^"},
		{"节点 = 1", 4, 5, "     ^"},
		{"a 节点", 3, 5, "  ^~~~"},
		{"ab", 5, 7, "    ^~"},
	} {
		if got := marker([]rune(tc.line), tc.from, tc.to); got != tc.want {
			t.Errorf("marker(%q, %d, %d) = %q, want %q", tc.line, tc.from, tc.to, got, tc.want)
		}
	}
}

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{"a b": "a b.", "done.": "done.", "": "", "why?": "why?"} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}
