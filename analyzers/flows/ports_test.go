package flows

import (
	"testing"

	"pgregory.net/rapid"
)

func TestParsePorts(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: "ALL", want: "ALL"},
		{in: "all", want: "ALL"},
		{in: "22", want: "22"},
		{in: "80,443", want: "80,443"},
		{in: "443,80,81", want: "80-81,443"},
		{in: "30000-32768", want: "30000-32768"},
		{in: "1-65535", want: "ALL"},
		{in: " 22 ", want: "22"},
		{in: "0", err: `port 0 is outside 1..65535`},
		{in: "70000", err: `port 70000 is outside 1..65535`},
		{in: "90-80", err: `port range "90-80" has its low end above its high end`},
		{in: "", err: "empty port"},
		{in: "http", err: `"http" is not a port number`},
		{in: "80,", err: `"" is not a port number`},
		{in: "+80", err: `"+80" is not a port number`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParsePorts(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("ParsePorts(%q) error = %v, want %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("ParsePorts(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
			}
		})
	}
}

// portSetGen draws port sets over a small window so that operations overlap.
func portSetGen() *rapid.Generator[Ports] {
	return rapid.Custom(func(t *rapid.T) Ports {
		var p Ports
		for range rapid.IntRange(0, 4).Draw(t, "n") {
			lo := uint16(rapid.IntRange(1, 40).Draw(t, "lo"))
			hi := lo + uint16(rapid.IntRange(0, 10).Draw(t, "len"))
			p = p.Union(PortRange(lo, hi))
		}
		return p
	})
}

func TestPortsAlgebra(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := portSetGen().Draw(t, "a"), portSetGen().Draw(t, "b")
		u, i, d := a.Union(b), a.Intersect(b), a.Subtract(b)
		for port := uint16(1); port <= 60; port++ {
			inA, inB := a.Contains(port), b.Contains(port)
			if u.Contains(port) != (inA || inB) || i.Contains(port) != (inA && inB) || d.Contains(port) != (inA && !inB) {
				t.Fatalf("port %d: a=%v b=%v union=%v inter=%v diff=%v", port, a, b, u, i, d)
			}
		}
		for _, s := range []Ports{u, i, d} {
			for k := range s {
				if s[k].Lo > s[k].Hi || (k > 0 && uint32(s[k-1].Hi)+1 >= uint32(s[k].Lo)) {
					t.Fatalf("not canonical: %v", s)
				}
			}
		}
	})
}
