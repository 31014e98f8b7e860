package trace_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/analyzers/flows"
	"github.com/tkesglint/tkesglint/analyzers/inspect"
	"github.com/tkesglint/tkesglint/analyzers/requirements"
	"github.com/tkesglint/tkesglint/analyzers/trace"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/rulesets"
)

// fixtureDirs are every fixture folder of the repository that may hold a
// cluster: the checks' fixtures of every input kind, the twins, the
// end-to-end fixtures and the examples.
func fixtureDirs(t *testing.T) []string {
	t.Helper()
	var dirs []string
	for _, pattern := range []string{"../../testdata/*/*", "../../testdata/*/*/*", "../../examples/*"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range m {
			if fi, err := os.Stat(d); err == nil && fi.IsDir() && !strings.Contains(d, "testdata/rapid") {
				dirs = append(dirs, d)
			}
		}
	}
	return dirs
}

// TestTraceAgreesWithFindings walks the witness of every finding of the
// requirements on a cluster of every fixture through trace: the direction
// the finding is about must give the finding's verdict and rule.
func TestTraceAgreesWithFindings(t *testing.T) {
	ctx := t.Context()
	load := analysistest.ReadDir(analysistest.ReadOptions{})
	traced := 0
	for _, dir := range fixtureDirs(t) {
		units, _ := load(ctx, dir)
		for _, cu := range units {
			analyzers := rulesets.All(rulesets.Options{})
			findings, errs, err := checker.Run(ctx, analyzers, cu)
			if err != nil || len(errs) > 0 {
				t.Fatalf("%s: %v %v", dir, err, errs)
			}
			u, err := inspect.Analyze(ctx, analyzers, cu.Root, cu.Input)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				if len(f.Undecided) > 0 {
					continue
				}
				c := causeOf(u, f)
				if c == nil {
					if strings.HasPrefix(f.Check.ID, "TKESG10") && f.Check.ID != "TKESG107" {
						t.Errorf("%s: %s at %v has no recorded cause", dir, f.Check.ID, f.Range)
					}
					continue
				}
				if c.Role != "node" && c.Role != "master" {
					continue
				}
				checkTrace(t, u, c, f)
				traced++
			}
		}
	}
	if traced < 20 {
		t.Errorf("traced %d findings; the fixtures hold more", traced)
	}
	t.Logf("traced %d findings", traced)
}

func causeOf(u *inspect.Unit, f checker.Finding) *requirements.Cause {
	for _, c := range u.Requirements.Causes {
		if c.Check == f.Check.ID && c.Range == f.Range {
			return c
		}
	}
	return nil
}

func checkTrace(t *testing.T, u *inspect.Unit, c *requirements.Cause, f checker.Finding) {
	t.Helper()
	target := "cluster:" + c.Cluster.Name + "/nodes"
	if c.Role == "master" {
		target = "cluster:" + c.Cluster.Name + "/masters"
	}
	peer := peerSpec(t, u, c)
	from, to := peer, target
	if c.Direction == model.Egress {
		from, to = target, peer
	}
	res := trace.Trace(t, u, from, to, c.Witness.Proto, c.Witness.Port)
	for _, p := range res.Paths {
		m := p.To
		if c.Direction == model.Egress {
			m = p.From
		}
		if m.Side == nil || m.Side.Binding != c.Binding {
			continue
		}
		if len(p.Parts) != 1 {
			t.Errorf("%s: the witness of %s is %d parts", f.Range, f.Check.ID, len(p.Parts))
			return
		}
		d := p.Parts[0].Ingress
		if c.Direction == model.Egress {
			d = p.Parts[0].Egress
		}
		if d.Verdict != c.Verdict || d.Rule != c.Rule {
			t.Errorf("%s: %s: %s\ntrace %s → %s says %v by %s, the finding %v by %s", f.Range, f.Check.ID, f.Message, from, to, d.Verdict, ref(d.Rule), c.Verdict, ref(c.Rule))
		}
		if c.Verdict == flows.Dropped && res.Verdict != flows.Dropped {
			t.Errorf("%s: the flow of %s is %v, want dropped", f.Range, f.Check.ID, res.Verdict)
		}
		if !strings.Contains(f.Message, c.Witness.String()+" from ") && !strings.Contains(f.Message, c.Witness.String()+" to ") {
			t.Errorf("%s: the message does not give the witness %s: %s", f.Range, c.Witness, f.Message)
		}
		return
	}
	t.Errorf("%s: %s: no path of trace %s → %s crosses the finding's binding", f.Range, f.Check.ID, from, to)
}

// peerSpec writes the witness's peer as an endpoint.
func peerSpec(t *testing.T, u *inspect.Unit, c *requirements.Cause) string {
	t.Helper()
	w := c.Witness
	if w.Addr.IsValid() {
		return w.Addr.String()
	}
	res := u.Compiler.Resolver()
	for _, sg := range u.Input.SecurityGroups {
		if res.GroupSymbol(sg.Resource.Address) == w.Sym {
			return "sg:" + sg.Resource.Address
		}
	}
	for _, n := range []struct{ peer, role string }{{requirements.PeerContainerNetwork, "pods"}, {requirements.PeerClusterNetwork, "network"}} {
		if requirements.PeerAddrs(n.peer, c.Cluster, res).HasSym(w.Sym) {
			return "cluster:" + c.Cluster.Name + "/" + n.role
		}
	}
	t.Fatalf("no endpoint names the witness peer %q", w.Sym)
	return ""
}

func ref(r *flows.Rule) string {
	if r == nil {
		return "no rule"
	}
	return r.Ref() + " (" + r.Text() + ", line " + strconv.Itoa(r.Range().Start.Line) + ")"
}
