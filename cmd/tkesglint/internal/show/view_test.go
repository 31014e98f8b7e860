package show

import (
	"net/netip"
	"reflect"
	"sync"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/flows"
)

// TestPeerMemo: rows written with a memo are those written without, on
// goroutines that share it, and their peers are taken from it once written.
func TestPeerMemo(t *testing.T) {
	p := func(s string) flows.Addrs { return flows.Prefix(netip.MustParsePrefix(s)) }
	sets := []flows.Set{
		flows.Universe(),
		flows.Universe("sg-1"),
		flows.NewSet(flows.TCP, flows.PortRange(22, 22), p("10.0.0.0/8")),
		flows.Universe().Subtract(flows.NewSet(flows.TCP, flows.PortRange(22, 22), p("10.0.0.0/8"))),
		flows.Universe().Subtract(flows.NewSet(flows.UDP, flows.PortRange(53, 53), flows.World())),
		flows.NewSet(flows.AllProtos, flows.AllPorts(), flows.World4().Subtract(p("10.1.2.0/24"))),
		flows.NewSet(flows.TCP, flows.AllPorts(), p("::/0").Union(p("192.168.0.0/16")).Union(flows.Symbol("sg-2"))),
		flows.NewSet(flows.TCP, flows.AllPorts(), p("::ffff:10.0.0.0/104")),
	}
	m := &PeerMemo{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 3 {
				for _, s := range sets {
					if got, want := m.Rows(s), Rows(s); !reflect.DeepEqual(got, want) {
						t.Errorf("with a memo %+v, without %+v", got, want)
					}
				}
			}
		})
	}
	wg.Wait()
	if len(m.text) < len(sets) {
		t.Errorf("the memo holds %d peer sets", len(m.text))
	}
}
