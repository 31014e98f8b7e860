package trace

import (
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
)

// Trace resolves from and to in u and traces proto and port (0: all
// ports) between them; it fails t on any error.
func Trace(t *testing.T, u *inspect.Unit, from, to string, proto flows.Protos, port uint16) *Result {
	t.Helper()
	src, err := Resolve(u, from)
	if err != nil {
		t.Fatalf("resolve %s: %v", from, err)
	}
	dst, err := Resolve(u, to)
	if err != nil {
		t.Fatalf("resolve %s: %v", to, err)
	}
	ports := flows.AllPorts()
	if port != 0 {
		ports = flows.PortRange(port, port)
	}
	res, err := Run(u, Query{From: src, To: dst, Protos: proto, Ports: ports})
	if err != nil {
		t.Fatalf("trace %s → %s: %v", from, to, err)
	}
	return res
}
