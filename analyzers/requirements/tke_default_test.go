package requirements_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/analyzers/topology"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/rulesets"
)

// tableRow is one rule of TKE's default tables: action, protocol, port,
// peer.
type tableRow struct {
	name                      string
	action, proto, port, cidr string
}

// defaultNodeTable is TKE's default worker node SG
// (docs/design.md#what-tke-creates), with the pod CIDR 172.16.0.0/16 and the
// VPC 10.0.0.0/16.
func defaultNodeTable() []tableRow {
	return []tableRow{
		{"N1", "ACCEPT", "ALL", "ALL", "172.16.0.0/16"},
		{"N2", "ACCEPT", "ALL", "ALL", "10.0.0.0/16"},
		{"N3", "ACCEPT", "TCP", "22", "0.0.0.0/0"},
		{"N4", "ACCEPT", "TCP", "30000-32768", "0.0.0.0/0"},
		{"N5", "ACCEPT", "UDP", "30000-32768", "0.0.0.0/0"},
		{"N6", "ACCEPT", "ICMP", "ALL", "0.0.0.0/0"},
	}
}

func at(line int) model.Range {
	p := model.Pos{Line: line, Column: 1, Byte: -1}
	return model.Range{Filename: "main.tf", Start: p, End: p}
}

func w(v string, line int) model.String { return model.WrittenValue(v, at(line)) }

// clusterInput builds a GR cluster in 10.0.0.0/16 with pods in
// 172.16.0.0/16 whose worker_config binds one SG with these rules.
func clusterInput(ingress, egress []tableRow, deploy string, masters []tableRow) *model.Input {
	sg := func(addr string, in, out []tableRow, line int) *model.SecurityGroup {
		s := &model.SecurityGroup{Resource: model.Resource{Address: addr, DeclRange: at(line)}, Name: w(strings.TrimPrefix(addr, "tencentcloud_security_group."), line), Defined: true}
		owner := model.Resource{Address: "tencentcloud_security_group_rule_set." + s.Name.Value(), DeclRange: at(line + 1)}
		for d, rows := range [][]tableRow{in, out} {
			list := model.RuleList{Complete: true, Ordered: true}
			for i, r := range rows {
				l := line + 10 + 10*d + i
				list.Rules = append(list.Rules, &model.Rule{Owner: owner, Direction: model.Direction(d), Position: i, Range: at(l),
					Action: w(r.action, l), Protocol: w(r.proto, l), Port: w(r.port, l), CIDR: w(r.cidr, l)})
			}
			if d == 0 {
				s.Ingress = list
			} else {
				s.Egress = list
			}
		}
		return s
	}
	nodes := sg("tencentcloud_security_group.nodes", ingress, egress, 100)
	in := &model.Input{
		VPCs:           []*model.VPC{{Resource: model.Resource{Address: "tencentcloud_vpc.main"}, CIDR: w("10.0.0.0/16", 1)}},
		SecurityGroups: []*model.SecurityGroup{nodes},
	}
	list := func(refs ...string) model.StringList {
		var out []model.String
		for _, r := range refs {
			out = append(out, w(r, 50))
		}
		return model.WrittenValue(out, at(50))
	}
	c := &model.Cluster{
		Resource: model.Resource{Address: "tencentcloud_kubernetes_cluster.prod", DeclRange: at(40)},
		Name:     w("prod", 41), VPC: w("tencentcloud_vpc.main", 42), ClusterCIDR: w("172.16.0.0/16", 43),
		DeployType: w(deploy, 44),
		NodeGroups: []*model.NodeGroup{{Resource: model.Resource{Address: "tencentcloud_kubernetes_cluster.prod.worker_config[0]", DeclRange: at(49)},
			Kind: model.WorkerConfig, Binding: model.Binding{Field: "worker_config.security_group_ids", Groups: list(nodes.Resource.Address), Ordered: true}}},
	}
	if masters != nil {
		m := sg("tencentcloud_security_group.masters", masters, []tableRow{{"E", "ACCEPT", "ALL", "ALL", "0.0.0.0/0"}}, 300)
		in.SecurityGroups = append(in.SecurityGroups, m)
		c.MasterGroups = []*model.NodeGroup{{Resource: model.Resource{Address: "tencentcloud_kubernetes_cluster.prod.master_config[0]", DeclRange: at(60)},
			Kind: model.MasterConfig, Binding: model.Binding{Field: "master_config.security_group_ids", Groups: list(m.Resource.Address), Ordered: true}}}
	}
	in.Clusters = []*model.Cluster{c}
	return in
}

// findings runs every analyzer and returns "ID level" of the 1xx findings.
func findings(t interface{ Fatal(args ...any) }, in *model.Input) []string {
	fs, errs, err := checker.Run(context.Background(), rulesets.All(rulesets.Options{}), checker.Unit{Input: in})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	var out []string
	for _, d := range fs {
		if strings.HasPrefix(d.Check.ID, "TKESG1") {
			out = append(out, fmt.Sprintf("%s %s", d.Check.ID, d.Level))
		}
	}
	slices.Sort(out)
	return out
}

func without(rows []tableRow, name string) []tableRow {
	return slices.DeleteFunc(slices.Clone(rows), func(r tableRow) bool { return r.name == name })
}

// shadowed inserts, right above row name, a DROP of exactly its flows.
func shadowed(rows []tableRow, name string) []tableRow {
	i := slices.IndexFunc(rows, func(r tableRow) bool { return r.name == name })
	drop := rows[i]
	drop.name, drop.action = "drop-"+name, "DROP"
	return slices.Insert(slices.Clone(rows), i, drop)
}

func egressAll() []tableRow { return []tableRow{{"E", "ACCEPT", "ALL", "ALL", "0.0.0.0/0"}} }

func TestTKEDefaultNodeTable(t *testing.T) {
	table := defaultNodeTable()
	tests := []struct {
		name            string
		ingress, egress []tableRow
		want            []string
	}{
		{"default table", table, egressAll(), nil},
		{"without N1", without(table, "N1"), egressAll(), []string{"TKESG101 error"}},
		{"without N2", without(table, "N2"), egressAll(), []string{"TKESG102 error"}},
		{"without N3 (not required)", without(table, "N3"), egressAll(), nil},
		{"without N4", without(table, "N4"), egressAll(), []string{"TKESG104 warning"}},
		{"without N5 (UDP only: a note)", without(table, "N5"), egressAll(), []string{"TKESG104 note"}},
		{"without N6 (not required)", without(table, "N6"), egressAll(), nil},
		{"without egress", table, nil, []string{"TKESG105 error"}},
		{"N1 shadowed", shadowed(table, "N1"), egressAll(), []string{"TKESG101 error"}},
		{"N2 shadowed", shadowed(table, "N2"), egressAll(), []string{"TKESG102 error"}},
		{"N4 shadowed", shadowed(table, "N4"), egressAll(), []string{"TKESG104 warning"}},
		{"N5 shadowed", shadowed(table, "N5"), egressAll(), []string{"TKESG104 note"}},
		{"egress shadowed", table, shadowed(egressAll(), "E"), []string{"TKESG105 error"}},
		{"DNS dropped above N1", append([]tableRow{{"D", "DROP", "UDP", "53", "0.0.0.0/0"}}, table...), egressAll(), []string{"TKESG103 error"}},
		{"DROP ALL world on top", append([]tableRow{{"D", "DROP", "ALL", "ALL", "0.0.0.0/0"}}, table...), egressAll(), []string{"TKESG101 error"}},
		{"SSH dropped from the world above N1 (excepted)", append([]tableRow{{"D", "DROP", "TCP", "22", "0.0.0.0/0"}}, table...), egressAll(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findings(t, clusterInput(tt.ingress, tt.egress, "MANAGED_CLUSTER", nil))
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTKEDefaultTableAnyOrder: the default table is all ACCEPTs, so any
// order of its rows (and any number of duplicated rows) passes.
func TestTKEDefaultTableAnyOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rows := rapid.Permutation(defaultNodeTable()).Draw(t, "rows")
		if got := findings(t, clusterInput(rows, egressAll(), "MANAGED_CLUSTER", nil)); len(got) > 0 {
			t.Fatalf("findings %q for a reordered default table", got)
		}
		// Removing any one required row makes exactly its check fire.
		required := map[string]string{"N1": "TKESG101 error", "N2": "TKESG102 error", "N4": "TKESG104 warning", "N5": "TKESG104 note"}
		name := rapid.SampledFrom([]string{"N1", "N2", "N4", "N5"}).Draw(t, "removed")
		if got := findings(t, clusterInput(without(rows, name), egressAll(), "MANAGED_CLUSTER", nil)); !slices.Equal(got, []string{required[name]}) {
			t.Fatalf("without %s: findings %q, want %q", name, got, required[name])
		}
	})
}

func defaultMasterTable() []tableRow {
	return []tableRow{
		{"M1", "ACCEPT", "ICMP", "ALL", "0.0.0.0/0"},
		{"M2", "ACCEPT", "TCP", "30000-32768", "10.0.0.0/16"},
		{"M3", "ACCEPT", "UDP", "30000-32768", "10.0.0.0/16"},
		{"M4", "ACCEPT", "TCP", "60001,60002,10250,2380,2379,53,17443,50055,443,61678", "10.0.0.0/16"},
		{"M5", "ACCEPT", "TCP", "60001,60002,10250,2380,2379,53,17443", "172.16.0.0/16"},
		{"M6", "ACCEPT", "TCP", "30000-32768", "172.16.0.0/16"},
		{"M7", "ACCEPT", "UDP", "30000-32768", "172.16.0.0/16"},
		{"M8", "ACCEPT", "UDP", "53", "172.16.0.0/16"},
		{"M9", "ACCEPT", "UDP", "53", "10.0.0.0/16"},
	}
}

func TestTKEDefaultMasterTable(t *testing.T) {
	node := defaultNodeTable()
	table := defaultMasterTable()
	if got := findings(t, clusterInput(node, egressAll(), "INDEPENDENT_CLUSTER", table)); len(got) > 0 {
		t.Fatalf("default master table: %q", got)
	}
	for _, row := range table {
		want := []string{"TKESG106 error"}
		if row.name == "M1" {
			want = []string{"TKESG106 note"}
		}
		for _, variant := range []struct {
			how  string
			rows []tableRow
		}{{"without", without(table, row.name)}, {"shadowed", shadowed(table, row.name)}} {
			got := findings(t, clusterInput(node, egressAll(), "INDEPENDENT_CLUSTER", variant.rows))
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: findings %q, want %q", variant.how, row.name, got, want)
			}
		}
	}
	// A managed cluster's masters are TKE's business.
	if got := findings(t, clusterInput(node, egressAll(), "MANAGED_CLUSTER", without(table, "M4"))); len(got) > 0 {
		t.Errorf("managed cluster: %q", got)
	}
}

// TestBindingCauseGoesToBroadest: when no rule accepts flows of two user
// requirements and one's flows contain the other's, the broader one is
// reported even though its id is higher.
func TestBindingCauseGoesToBroadest(t *testing.T) {
	src := []byte(`
ruleset: org
requirements:
  - id: ORG001
    level: error
    title: nodes accept DNS from pods
    applies_to: node
    direction: ingress
    require: accept
    flows: [{ protocol: UDP, ports: "53", peer: container-network }]
  - id: ORG002
    level: warning
    title: nodes accept everything from pods
    applies_to: node
    direction: ingress
    require: accept
    flows: [{ protocol: ALL, ports: ALL, peer: container-network }]
`)
	sets, errs := rulesets.Parse("org.yaml", src)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	in := clusterInput(without(defaultNodeTable(), "N1"), egressAll(), "MANAGED_CLUSTER", nil)
	var got []string
	for _, d := range analysistest.Findings(t, rulesets.All(rulesets.Options{Rulesets: sets}), checker.Unit{Input: in}) {
		if strings.HasPrefix(d.Check.ID, "ORG") {
			got = append(got, d.Check.ID+": "+d.Message)
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "ORG002") || !strings.HasSuffix(got[0], "also breaks ORG001 (nodes accept DNS from pods)") {
		t.Fatalf("got %q, want one ORG002 finding that names ORG001", got)
	}
}

// TestForbidAnySG: a user's "nothing may accept TCP 3306 from outside the
// private ranges" fires on the ACCEPT that lets it in, in any SG, and not
// below a DROP. (world means every address: the private ranges are taken out
// with except.)
func TestForbidAnySG(t *testing.T) {
	sets, errs := rulesets.Parse("org.yaml", []byte(`
ruleset: org
requirements:
  - { id: ORG010, level: error, title: nothing accepts MySQL from the internet, applies_to: any,
      direction: ingress, require: forbid, flows: [{ protocol: TCP, ports: "3306", peer: world }],
      except: [{ protocol: ALL, ports: ALL, peer: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16] }] }
`))
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	run := func(rows []tableRow) []string {
		var got []string
		for _, d := range analysistest.Findings(t, rulesets.All(rulesets.Options{Rulesets: sets}), checker.Unit{Input: clusterInput(rows, egressAll(), "MANAGED_CLUSTER", nil)}) {
			if d.Check.ID == "ORG010" {
				got = append(got, fmt.Sprintf("%d %s", d.Range.Start.Line, d.Message))
			}
		}
		return got
	}
	open := append(defaultNodeTable(), tableRow{"DB", "ACCEPT", "TCP", "3306", "0.0.0.0/0"})
	if got := run(open); len(got) != 1 || !strings.HasPrefix(got[0], "116 TCP 3306") {
		t.Errorf("open: %q", got)
	}
	closed := append([]tableRow{{"D", "DROP", "TCP", "3306", "0.0.0.0/0"}}, open...)
	if got := run(closed); len(got) != 0 {
		t.Errorf("closed: %q", got)
	}
}

// TestSelfReferenceInUse: nodes that accept each other through the node SG
// itself satisfy TKESG102; a DROP above that rule is reported at the DROP,
// with a witness from the node SG, not as "no rule matches".
func TestSelfReferenceInUse(t *testing.T) {
	self := func(action, proto, port string) tableRow {
		return tableRow{"self", action, proto, port, ""}
	}
	build := func(rows []tableRow) *model.Input {
		in := clusterInput(rows, egressAll(), "MANAGED_CLUSTER", nil)
		for _, r := range in.SecurityGroups[0].Ingress.Rules {
			if r.CIDR.Value() == "" {
				r.CIDR = model.String{}
				r.SecurityGroup = w("tencentcloud_security_group.nodes", r.Range.Start.Line)
			}
		}
		return in
	}
	pods := defaultNodeTable()[0]
	nodePorts := defaultNodeTable()[3:5]
	ok := append([]tableRow{pods, self("ACCEPT", "ALL", "ALL")}, nodePorts...)
	if got := findings(t, build(ok)); len(got) > 0 {
		t.Errorf("self-reference: %q", got)
	}
	broken := append([]tableRow{pods, {"D", "DROP", "TCP", "10250", "10.0.0.0/16"}, self("ACCEPT", "ALL", "ALL")}, nodePorts...)
	in := build(broken)
	var msgs []string
	for _, d := range analysistest.Findings(t, rulesets.All(rulesets.Options{}), checker.Unit{Input: in}) {
		if d.Check.ID == "TKESG102" {
			msgs = append(msgs, fmt.Sprintf("%d %s", d.Range.Start.Line, d.Message))
		}
	}
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0], "111 TCP 10250 from sg nodes (a member of the node security groups)") || !strings.Contains(msgs[0], "dropped by ingress rule 2") {
		t.Errorf("DROP above the self-reference: %q", msgs)
	}
}

// TestNoImpossibleWitness: N1 written protocol by protocol still leaves the
// protocols only ALL can name; the witness is such a protocol, never ICMPv6
// from an IPv4 address (a flow that cannot exist).
func TestNoImpossibleWitness(t *testing.T) {
	rows := append([]tableRow{
		{"t", "ACCEPT", "TCP", "ALL", "172.16.0.0/16"}, {"u", "ACCEPT", "UDP", "ALL", "172.16.0.0/16"},
		{"i", "ACCEPT", "ICMP", "ALL", "172.16.0.0/16"}, {"g", "ACCEPT", "GRE", "ALL", "172.16.0.0/16"},
	}, defaultNodeTable()[1:]...)
	in := clusterInput(rows, egressAll(), "MANAGED_CLUSTER", nil)
	var msgs []string
	for _, d := range analysistest.Findings(t, rulesets.All(rulesets.Options{}), checker.Unit{Input: in}) {
		if strings.HasPrefix(d.Check.ID, "TKESG1") {
			msgs = append(msgs, d.Check.ID+" "+d.Message)
		}
	}
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0], "TKESG101 SCTP (a protocol only ALL rules match) from 172.16.0.1") {
		t.Errorf("findings %q, want one TKESG101 with an SCTP witness", msgs)
	}
}

// TestUnknownContainerNetwork: with the pod CIDR unknown, what holds for any
// private range is still decided (a DROP of UDP 53 from the world on top;
// no rule at all for private sources), and nothing else is reported.
func TestUnknownContainerNetwork(t *testing.T) {
	run := func(rows []tableRow) []string {
		in := clusterInput(rows, egressAll(), "MANAGED_CLUSTER", nil)
		in.Clusters[0].ClusterCIDR = model.UnresolvedValue[string](at(43), "var.pod_cidr has no value")
		return findings(t, in)
	}
	table := defaultNodeTable()
	if got := run(table); !slices.Equal(got, []string{"TKESG101 note"}) {
		t.Errorf("default table: %q, want only the note about the missing CIDR", got)
	}
	dns := append([]tableRow{{"D", "DROP", "UDP", "53", "0.0.0.0/0"}}, table...)
	if got := run(dns); !slices.Equal(got, []string{"TKESG101 note", "TKESG103 error"}) {
		t.Errorf("DNS dropped on top: %q", got)
	}
	// Only HTTPS from the world: whatever the pod CIDR, pods cannot reach
	// the nodes. One binding cause: one TKESG101 (naming 102-104), and no
	// note: knowing the CIDR would decide nothing more.
	public := []tableRow{{"W", "ACCEPT", "TCP", "443", "0.0.0.0/0"}}
	if got := run(public); !slices.Equal(got, []string{"TKESG101 error"}) {
		t.Errorf("no rule for private sources: %q", got)
	}
	// The VPC's rule may cover the pod CIDR (it may lie in the VPC): undecided.
	vpcOnly := []tableRow{table[1], table[3], table[4]}
	if got := run(vpcOnly); !slices.Equal(got, []string{"TKESG101 note"}) {
		t.Errorf("VPC rule only: %q", got)
	}
}

// TestSupplyHint: the note about a missing network says how to give it in
// the words of the program that runs the checks (topology.Options.Supply),
// and names no way when that program has none.
func TestSupplyHint(t *testing.T) {
	in := clusterInput(defaultNodeTable(), egressAll(), "MANAGED_CLUSTER", nil)
	in.Clusters[0].ClusterCIDR = model.UnresolvedValue[string](at(43), "var.pod_cidr has no value")
	note := func(opts rulesets.Options) string {
		for _, d := range analysistest.Findings(t, rulesets.All(opts), checker.Unit{Input: in}) {
			if d.Check.ID == "TKESG101" {
				return d.Message
			}
		}
		t.Fatal("no note about the container network")
		return ""
	}
	if got := note(rulesets.Options{}); strings.Contains(got, "give it") {
		t.Errorf("without a way to give it: %q", got)
	}
	opts := rulesets.Options{Clusters: topology.Options{Supply: topology.Supply{ContainerNetwork: "--pods"}}}
	if got := note(opts); !strings.HasSuffix(got, "; give it with --pods") {
		t.Errorf("with --pods: %q", got)
	}
}
