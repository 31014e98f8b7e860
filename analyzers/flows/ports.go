package flows

import (
	"strconv"
	"strings"
)

// MinPort and MaxPort bound the port dimension. Port 0 is not a port a rule
// can name, so "ALL" is 1-65535.
const (
	MinPort = 1
	MaxPort = 65535
)

// Interval is a closed range of ports.
type Interval struct{ Lo, Hi uint16 }

// Ports is a set of ports: sorted, disjoint, non-adjacent intervals.
type Ports []Interval

// AllPorts returns 1-65535.
func AllPorts() Ports { return Ports{{MinPort, MaxPort}} }

// PortRange returns lo-hi; it is empty when lo > hi.
func PortRange(lo, hi uint16) Ports {
	if lo > hi {
		return nil
	}
	return Ports{{lo, hi}}
}

// IsEmpty reports whether p holds no port.
func (p Ports) IsEmpty() bool { return len(p) == 0 }

// IsAll reports whether p holds every port.
func (p Ports) IsAll() bool { return len(p) == 1 && p[0].Lo == MinPort && p[0].Hi == MaxPort }

// Equal reports whether p and q hold the same ports.
func (p Ports) Equal(q Ports) bool {
	if len(p) != len(q) {
		return false
	}
	for i := range p {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}

// Contains reports whether port is in p.
func (p Ports) Contains(port uint16) bool {
	for _, iv := range p {
		if port >= iv.Lo && port <= iv.Hi {
			return true
		}
	}
	return false
}

// Union returns p ∪ q.
func (p Ports) Union(q Ports) Ports {
	all := make(Ports, 0, len(p)+len(q))
	i, j := 0, 0
	for i < len(p) || j < len(q) {
		var next Interval
		if j >= len(q) || (i < len(p) && p[i].Lo <= q[j].Lo) {
			next = p[i]
			i++
		} else {
			next = q[j]
			j++
		}
		if n := len(all); n > 0 && uint32(next.Lo) <= uint32(all[n-1].Hi)+1 {
			all[n-1].Hi = max(all[n-1].Hi, next.Hi)
			continue
		}
		all = append(all, next)
	}
	return all
}

// Intersect returns p ∩ q.
func (p Ports) Intersect(q Ports) Ports {
	var out Ports
	i, j := 0, 0
	for i < len(p) && j < len(q) {
		lo, hi := max(p[i].Lo, q[j].Lo), min(p[i].Hi, q[j].Hi)
		if lo <= hi {
			out = append(out, Interval{lo, hi})
		}
		if p[i].Hi < q[j].Hi {
			i++
		} else {
			j++
		}
	}
	return out
}

// overlaps reports whether p ∩ q holds a port, without building it.
func (p Ports) overlaps(q Ports) bool {
	i, j := 0, 0
	for i < len(p) && j < len(q) {
		if max(p[i].Lo, q[j].Lo) <= min(p[i].Hi, q[j].Hi) {
			return true
		}
		if p[i].Hi < q[j].Hi {
			i++
		} else {
			j++
		}
	}
	return false
}

// Subtract returns p − q.
func (p Ports) Subtract(q Ports) Ports {
	var out Ports
	j := 0
	for _, iv := range p {
		lo, done := iv.Lo, false
		for j < len(q) && q[j].Hi < iv.Lo {
			j++
		}
		for k := j; k < len(q) && q[k].Lo <= iv.Hi; k++ {
			if q[k].Lo > lo {
				out = append(out, Interval{lo, q[k].Lo - 1})
			}
			if q[k].Hi >= iv.Hi {
				done = true
				break
			}
			lo = max(lo, q[k].Hi+1)
		}
		if !done {
			out = append(out, Interval{lo, iv.Hi})
		}
	}
	return out
}

// String formats p as a rule would write it: ALL, 22, 80,443, 30000-32768.
func (p Ports) String() string {
	if p.IsAll() {
		return "ALL"
	}
	parts := make([]string, len(p))
	for i, iv := range p {
		if iv.Lo == iv.Hi {
			parts[i] = strconv.Itoa(int(iv.Lo))
		} else {
			parts[i] = strconv.Itoa(int(iv.Lo)) + "-" + strconv.Itoa(int(iv.Hi))
		}
	}
	return strings.Join(parts, ",")
}

// ParsePorts reads a port specification as Tencent Cloud writes it: ALL (any
// case), a number, a comma-separated list of numbers, or one range lo-hi.
// Lists of ranges are accepted too. Every number must be in 1..65535 and every
// range must have lo ≤ hi.
func ParsePorts(s string) (Ports, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "all") {
		return AllPorts(), nil
	}
	if s == "" {
		return nil, errorf("empty port")
	}
	var out Ports
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		lo, hi, isRange := strings.Cut(item, "-")
		l, err := parsePort(lo)
		if err != nil {
			return nil, err
		}
		h := l
		if isRange {
			if h, err = parsePort(hi); err != nil {
				return nil, err
			}
			if l > h {
				return nil, errorf("port range %q has its low end above its high end", item)
			}
		}
		out = out.Union(PortRange(l, h))
	}
	return out, nil
}

func parsePort(s string) (uint16, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || strings.HasPrefix(s, "+") {
		return 0, errorf("%q is not a port number", s)
	}
	if n < MinPort || n > MaxPort {
		return 0, errorf("port %d is outside 1..65535", n)
	}
	return uint16(n), nil
}
