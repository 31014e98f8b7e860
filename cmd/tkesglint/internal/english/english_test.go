package english

import "testing"

func TestAgreement(t *testing.T) {
	for _, c := range []struct {
		n              int
		isAre, wasWere string
	}{
		{0, "are", "were"},
		{1, "is", "was"},
		{2, "are", "were"},
	} {
		if got := IsAre(c.n); got != c.isAre {
			t.Errorf("IsAre(%d) = %q, want %q", c.n, got, c.isAre)
		}
		if got := WasWere(c.n); got != c.wasWere {
			t.Errorf("WasWere(%d) = %q, want %q", c.n, got, c.wasWere)
		}
	}
}

func TestAgreeAndCount(t *testing.T) {
	for _, c := range []struct {
		n            int
		agree, count string
	}{
		{0, "accept", "0 fixes"},
		{1, "accepts", "1 fix"},
		{12, "accept", "12 fixes"},
	} {
		if got := Agree(c.n, "accepts", "accept"); got != c.agree {
			t.Errorf("Agree(%d) = %q, want %q", c.n, got, c.agree)
		}
		if got := Count(c.n, "fix", "fixes"); got != c.count {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.count)
		}
	}
}
