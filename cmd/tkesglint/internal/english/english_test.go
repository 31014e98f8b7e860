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
