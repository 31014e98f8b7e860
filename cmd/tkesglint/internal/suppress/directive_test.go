package suppress

import (
	"testing"
	"time"
)

func TestParseDirective(t *testing.T) {
	for _, tc := range []struct {
		text, ids, reason, exp string
		bad                    bool
	}{
		{text: `tkesglint:ignore TKESG202 reason="bastion only, VPN fronted"`, ids: "TKESG202", reason: "bastion only, VPN fronted"},
		{text: `tkesglint:ignore TKESG202,TKESG203 reason="a \"quoted\" word" exp=2026-12-31`, ids: "TKESG202,TKESG203", reason: `a "quoted" word`, exp: "2026-12-31"},
		{text: `tkesglint:ignore TKESG202 , tkesg203 exp=2026-12-31 reason=short`, ids: "TKESG202,TKESG203", reason: "short", exp: "2026-12-31"},
		{text: `TKESGLINT:IGNORE ORG001`, ids: "ORG001"},
		{text: `tkesglint:ignore`, bad: true},
		{text: `tkesglint:ignore reason="x"`, bad: true},
		{text: `tkesglint:ignore TKESG202 exp=tomorrow reason="x"`, bad: true},
		{text: `tkesglint:ignore TKESG202 reason="unclosed`, bad: true},
		{text: `tkesglint:ignore TKESG202 because="x"`, bad: true},
		{text: `tkesglint:ignore TKESG202 reason="a" reason="b"`, bad: true},
		{text: `tkesglint:ignore TKESG202 trailing words`, bad: true},
		{text: `tkesglint:ignore 202`, bad: true},
		{text: `tkesglint:skip TKESG202`, bad: true},
	} {
		d, err := ParseDirective(tc.text)
		if tc.bad {
			if err == nil {
				t.Errorf("%q: no error", tc.text)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.text, err)
			continue
		}
		exp := ""
		if !d.Expires.IsZero() {
			exp = d.Expires.Format(time.DateOnly)
		}
		if got := joinIDs(d.IDs); got != tc.ids || d.Reason != tc.reason || exp != tc.exp {
			t.Errorf("%q: ids %q reason %q exp %q", tc.text, got, d.Reason, exp)
		}
	}
}

func joinIDs(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ","
		}
		s += id
	}
	return s
}

func TestExpired(t *testing.T) {
	d := &Directive{Expires: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
	if d.Expired(time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC)) {
		t.Error("expired on its own day")
	}
	if !d.Expired(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("not expired the day after")
	}
}

func TestScope(t *testing.T) {
	src := `resource "a" "b" {
  # tkesglint:ignore X1 reason="r"
  # another comment
  ingress {
    port = 22
  }

  # tkesglint:ignore X2 reason="r"

  egress {}
  port = 1 # tkesglint:ignore X3 reason="r"
}
`
	f := readFile(HCL, []byte(src))
	if f == nil || len(f.comments) != 3 {
		t.Fatalf("comments: %+v", f)
	}
	s := f.scope(f.comments[0])
	if !s.Covers(3) || !s.Covers(4) || !s.Covers(6) || s.Covers(7) || s.Covers(1) {
		t.Errorf("above a block: %+v", s)
	}
	if s := f.scope(f.comments[1]); s.Covers(10) {
		t.Errorf("a blank line ends the scope: %+v", s)
	}
	if s := f.scope(f.comments[2]); !s.Covers(11) || s.Covers(12) || !f.comments[2].Trailing {
		t.Errorf("trailing: %+v", s)
	}
	yml := "Resources:\n  # tkesglint:ignore X1 reason=\"r\"\n  SG:\n    Type: x\n    Properties:\n      Name: \"a # b\"\n  Other: {}\n"
	f = readFile(YAML, []byte(yml))
	if f == nil || len(f.comments) != 1 {
		t.Fatalf("YAML comments: %+v", f)
	}
	if s := f.scope(f.comments[0]); !s.Covers(3) || !s.Covers(6) || s.Covers(7) {
		t.Errorf("YAML entry: %+v", s)
	}
}
