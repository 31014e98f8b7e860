package exposure

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
)

// serviceCheckLevel is the level of TKESG206 as a check; each finding takes
// the most severe level of the services it names.
const serviceCheckLevel = analysis.LevelWarning

// servicesShownWithWhy is the number of services up to which a finding says
// why each matters; beyond it the list alone is long enough.
const servicesShownWithWhy = 3

// service is a sensitive service compiled for evaluation.
type service struct {
	name  string
	flows flows.Set // its protocols and ports, from the whole world
	level analysis.Level
	why   string
}

// compileServices returns the sensitive services of sets in their order,
// less those a change disables, with the levels changes give.
func compileServices(sets []*requirements.Ruleset) []service {
	disabled := map[string]bool{}
	levels := map[string]string{}
	for _, rs := range sets {
		for _, c := range rs.ServiceChanges {
			key := strings.ToLower(c.Name)
			if c.Disable {
				disabled[key] = true
			}
			if c.Level != "" {
				levels[key] = c.Level
			}
		}
	}
	var out []service
	for _, rs := range sets {
		for _, s := range rs.Services {
			key := strings.ToLower(s.Name)
			if disabled[key] {
				continue
			}
			levelText := s.Level
			if l, ok := levels[key]; ok {
				levelText = l
			}
			level, err := analysis.ParseLevel(levelText)
			ports, perr := flows.ParsePorts(s.Ports)
			var protos flows.Protos
			for _, p := range s.Protocols {
				proto, ok := flows.ParseProto(p)
				if !ok || proto&^flows.PortProtos != 0 {
					err = fmt.Errorf("protocol %q", p)
				}
				protos |= proto
			}
			if err != nil || perr != nil || level == analysis.LevelNone {
				continue // the loader reports it; an invalid entry matches nothing
			}
			out = append(out, service{name: s.Name, flows: flows.NewSet(protos, ports, flows.World()), level: level, why: s.Why})
		}
	}
	return out
}

// ownedElsewhere are the flows that TKESG202 and TKESG203 report: never
// TKESG206, even when a user lists them as a service.
func ownedElsewhere() flows.Set {
	var ports flows.Ports
	for _, np := range slices.Concat(adminPorts(), agentPorts()) {
		ports = ports.Union(flows.PortRange(np.lo, np.hi))
	}
	return flows.NewSet(flows.TCP, ports, flows.World())
}

// exposedService is a service that an exposure opens: the flows of it that
// the rule decides, and one of them.
type exposedService struct {
	service
	open    flows.Set
	witness flows.Flow
}

// exposedServices lists the services of which e decides some flow, the
// most severe first, then by their example flows (TCP first, by port), as
// a reader scans a range.
func exposedServices(e Exposure, services []service) []exposedService {
	owned := ownedElsewhere()
	var out []exposedService
	for _, s := range services {
		open := e.Flows.Intersect(s.flows).Subtract(owned)
		if w, ok := open.Witness(); ok {
			out = append(out, exposedService{service: s, open: open, witness: w})
		}
	}
	slices.SortStableFunc(out, func(a, b exposedService) int {
		return cmp.Or(cmp.Compare(a.level, b.level), cmp.Compare(a.witness.Proto, b.witness.Proto), cmp.Compare(a.witness.Port, b.witness.Port))
	})
	return out
}

// serviceLevel is the level of a finding that names found: the most severe
// of theirs, or nil when that is the check's own.
func serviceLevel(found []exposedService) *analysis.Level {
	level := analysis.LevelNote
	for _, s := range found {
		level = min(level, s.level)
	}
	if level == serviceCheckLevel {
		return nil
	}
	return &level
}

// servicesText says what an exposure opens of found, from where (from
// the world (0.0.0.0/0)); it follows "accepts" (or "may accept").
func servicesText(from string, found []exposedService) string {
	if len(found) == 1 {
		s := found[0]
		return fmt.Sprintf("%s%s %s, for example %s from %s: %s",
			s.name, portsAside(s), from, s.witness, s.witness.Peer(), s.why)
	}
	items := make([]string, len(found))
	if len(found) > servicesShownWithWhy {
		// Many services (a wide range): the names and examples alone.
		for i, s := range found {
			items[i] = fmt.Sprintf("%s (%s from %s)", s.name, s.witness, s.witness.Peer())
		}
		return fmt.Sprintf("%d services that must never face the internet %s, for example: %s",
			len(found), from, strings.Join(items, "; "))
	}
	for i, s := range found {
		items[i] = fmt.Sprintf("%s%s, for example %s from %s (%s)", s.name, portsAside(s), s.witness, s.witness.Peer(), s.why)
	}
	return fmt.Sprintf("%d services that must never face the internet %s: %s",
		len(found), from, strings.Join(items, "; "))
}

// portsAside names the open protocols and ports of s, " (TCP 9200,9300)",
// when the witness alone does not say them all.
func portsAside(s exposedService) string {
	var tcp, udp flows.Ports
	for _, b := range s.open {
		if b.Protos.Has(flows.TCP) {
			tcp = tcp.Union(b.Ports)
		}
		if b.Protos.Has(flows.UDP) {
			udp = udp.Union(b.Ports)
		}
	}
	one := flows.PortRange(s.witness.Port, s.witness.Port)
	switch {
	case udp.IsEmpty() && tcp.Equal(one), tcp.IsEmpty() && udp.Equal(one):
		return ""
	case udp.IsEmpty():
		return " (TCP " + tcp.String() + ")"
	case tcp.IsEmpty():
		return " (UDP " + udp.String() + ")"
	case tcp.Equal(udp):
		return " (TCP and UDP " + tcp.String() + ")"
	}
	return " (TCP " + tcp.String() + ", UDP " + udp.String() + ")"
}
