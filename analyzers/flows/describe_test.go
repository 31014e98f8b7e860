package flows

import (
	"slices"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

func TestSplitReasons(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"a", []string{"a"}},
		{"a; b", []string{"a", "b"}},
		{"the count of x is not known (a; b); c", []string{"the count of x is not known (a; b)", "c"}},
		{"x (unbalanced; y", []string{"x (unbalanced; y"}},
		{"x) y; z", []string{"x) y", "z"}},
	} {
		if got := splitReasons(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitReasons(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestUncertaintySaysEachReasonOnce: several values of a rule unknown for
// the same reasons give each reason once.
func TestUncertaintySaysEachReasonOnce(t *testing.T) {
	r := &Rule{
		Source:   &model.Rule{Kind: model.LegacyRule, Owner: model.Resource{Address: "tencentcloud_security_group_rule.r"}},
		Unknowns: []string{"b; a (x; y)", "a (x; y)", "b"},
	}
	got := r.uncertainty()
	want := "tencentcloud_security_group_rule.r depends on values that are not known (a (x; y); b)"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
