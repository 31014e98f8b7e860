package suppress

import (
	"bytes"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestMentionsPrefix checks the quick test against its definition: Prefix,
// in any case, in the lowered text.
func TestMentionsPrefix(t *testing.T) {
	for _, src := range []string{
		"", "tkesglint:", "# TKESGLINT:ignore", "# TkEsGlInT: x", "tkesglint", "xtkesglint:y",
		"# t\u212aesglint:ignore", // the Kelvin sign lowers to k
		"# tkesgl\u0130nt:ignore", // İ lowers to i
		"# tkesglint\u00e9:", "ttkesglint:", "tkesglint;", strings.Repeat("t", 20) + "kesglint:",
	} {
		want := bytes.Contains(bytes.ToLower([]byte(src)), []byte(strings.ToLower(Prefix)))
		if got := mentionsPrefix([]byte(src)); got != want {
			t.Errorf("mentionsPrefix(%q) = %v, want %v", src, got, want)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		parts := rapid.SliceOf(rapid.SampledFrom([]string{"t", "T", "k", "K", "esgl", "ESGL", "int", "INT", "i", ":", " ", "\n", "é", "\u212a", "\u0130", "#"})).Draw(t, "parts")
		src := []byte(strings.Join(parts, ""))
		want := bytes.Contains(bytes.ToLower(src), []byte(strings.ToLower(Prefix)))
		if got := mentionsPrefix(src); got != want {
			t.Fatalf("mentionsPrefix(%q) = %v, want %v", src, got, want)
		}
	})
}
