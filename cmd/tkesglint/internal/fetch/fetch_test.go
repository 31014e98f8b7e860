package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/fetch/fakeapi"
	"github.com/tkesglint/tkesglint/parsers/export"
	"github.com/tkesglint/tkesglint/parsers/model"
)

const (
	testID     = "AKIDtest0000000000000000000000000000"
	testKey    = "test-secret-key-0000000000000000"
	clusterDNS = "testdata/twins-export/cluster-dns/bundle.json"
	shadowed   = "testdata/twins-export/shadowed/bundle.json"
)

// fixture reads a file relative to the repository root.
func fixture(t *testing.T, path string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "..", filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// server is a fake API serving the fixtures, region by region.
func server(t *testing.T, regions map[string]string) *fakeapi.Server {
	t.Helper()
	s := fakeapi.New(t, testID, testKey, "")
	for r, path := range regions {
		if err := s.AddRegion(r, fixture(t, path)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// run fetches from s with retries that do not wait, and records events.
func run(t *testing.T, s *fakeapi.Server, o Options) (*Result, []Event, error) {
	t.Helper()
	if o.Credential == nil {
		o.Credential = common.NewCredential(testID, testKey)
	}
	o.Endpoint = s.URL
	o.Backoff = func(int) time.Duration { return time.Millisecond }
	var events []Event
	o.Progress = func(e Event) { events = append(events, e) }
	res, err := Run(t.Context(), o)
	for _, v := range s.Violations() {
		t.Errorf("request violation: %s", v)
	}
	return res, events, err
}

// bundle writes res and reads it back with the export parser.
func bundle(t *testing.T, res *Result) ([]byte, *model.Input) {
	t.Helper()
	var b bytes.Buffer
	if err := res.WriteBundle(&b); err != nil {
		t.Fatal(err)
	}
	if !export.Detect(b.Bytes()) {
		t.Fatalf("the bundle is not detected as an export:\n%s", b.String())
	}
	in, errs := export.Parse(t.Context(), export.File{Path: "live.json", Src: b.Bytes()})
	for _, e := range errs {
		t.Errorf("parse error: %v", e)
	}
	return b.Bytes(), in
}

func count(events []Event, kind EventKind, action string) int {
	n := 0
	for _, e := range events {
		if e.Kind == kind && (action == "" || e.Action == action) {
			n++
		}
	}
	return n
}

// TestFetch reads a whole account, one item per page, and checks that the
// bundle holds what the fixture holds.
func TestFetch(t *testing.T) {
	s := server(t, map[string]string{"ap-guangzhou": clusterDNS})
	res, events, err := run(t, s, Options{Regions: []string{"ap-guangzhou"}, PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Complete() {
		t.Fatalf("failures: %v", res.Failures())
	}
	_, in := bundle(t, res)
	want, errs := export.Parse(t.Context(), export.File{Path: "bundle.json", Src: fixture(t, clusterDNS)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, want := summary(in), summary(want); got != want {
		t.Errorf("the bundle describes\n%s\nthe fixture\n%s", got, want)
	}
	// Two groups, two CVMs, two cluster instances: two pages each, the
	// second short of nothing, so a third, empty one ends the list.
	for action, pages := range map[string]int{"DescribeSecurityGroups": 3, "DescribeInstances": 3, "DescribeClusterInstances": 3, "DescribeVpcs": 2, "DescribeAddressTemplates": 1} {
		if got := count(events, EventCall, action); got != pages {
			t.Errorf("%s: %d pages, want %d", action, got, pages)
		}
	}
	var policies []string
	for _, c := range s.Calls() {
		if c.Action == "DescribeSecurityGroupPolicies" {
			id, _ := c.Params["SecurityGroupId"].(string)
			policies = append(policies, id)
		}
	}
	slices.Sort(policies)
	if fmt.Sprint(policies) != "[sg-extra222 sg-n0des111]" {
		t.Errorf("policies read for %v", policies)
	}
}

// summary is what an input describes, in a form to compare.
func summary(in *model.Input) string {
	var b strings.Builder
	groups := slices.Clone(in.SecurityGroups)
	slices.SortFunc(groups, func(x, y *model.SecurityGroup) int { return strings.Compare(x.ID.Value(), y.ID.Value()) })
	for _, sg := range groups {
		fmt.Fprintf(&b, "sg %s %q in=%d/%v eg=%d/%v\n", sg.ID.Value(), sg.Name.Value(), len(sg.Ingress.Rules), sg.Ingress.Complete, len(sg.Egress.Rules), sg.Egress.Complete)
		for _, r := range sg.Ingress.Rules {
			fmt.Fprintf(&b, "  %s %s %s %s\n", r.Action.Value(), r.Protocol.Value(), r.Port.Value(), r.CIDR.Value())
		}
	}
	for _, c := range in.Clusters {
		fmt.Fprintf(&b, "cluster %s %s %s internet=%v\n", c.ID.Value(), c.ClusterCIDR.Value(), c.NetworkType.Value(), c.Endpoint.Internet.Value())
		for _, g := range c.NodeGroups {
			var sgs []string
			for _, v := range g.Binding.Groups.Value() {
				sgs = append(sgs, v.Value())
			}
			fmt.Fprintf(&b, "  nodes %d %v\n", len(g.Instances.Value()), sgs)
		}
	}
	fmt.Fprintf(&b, "vpcs %d subnets %d instances %d notes %d\n", len(in.VPCs), len(in.Subnets), len(in.Instances), len(in.Notes))
	return b.String()
}

// TestPages covers servers that page differently: shorter pages than the
// Limit asked (TotalCount says more), and DescribeSubnets paged by Offset
// when the API ignores MaxResults.
func TestPages(t *testing.T) {
	var subnets strings.Builder
	subnets.WriteString(`{"DescribeSubnets": {"SubnetSet": [`)
	for i := range 45 {
		if i > 0 {
			subnets.WriteString(",")
		}
		fmt.Fprintf(&subnets, `{"SubnetId": "subnet-%08d", "VpcId": "vpc-1", "CidrBlock": "10.0.%d.0/24"}`, i, i)
	}
	subnets.WriteString(`]}}`)
	for _, tc := range []struct {
		name  string
		setup func(*fakeapi.Server)
		pages int
	}{
		{"tokens", func(*fakeapi.Server) {}, 5},
		{"short pages", func(s *fakeapi.Server) { s.PageCap = 7 }, 7},
		// 20 items on the first page (the default Limit), then three by
		// Offset.
		{"offset", func(s *fakeapi.Server) { s.SubnetsByOffset = true }, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fakeapi.New(t, testID, testKey, "")
			if err := s.AddRegion("ap-x", []byte(subnets.String())); err != nil {
				t.Fatal(err)
			}
			tc.setup(s)
			res, events, err := run(t, s, Options{Regions: []string{"ap-x"}, PageSize: 10})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Complete() {
				t.Fatal(res.Failures())
			}
			if got := res.Count("DescribeSubnets"); got != 45 {
				t.Errorf("%d subnets, want 45", got)
			}
			if got := count(events, EventCall, "DescribeSubnets"); got != tc.pages {
				t.Errorf("%d pages, want %d", got, tc.pages)
			}
			_, in := bundle(t, res)
			if len(in.Subnets) != 45 {
				t.Errorf("the bundle holds %d subnets", len(in.Subnets))
			}
		})
	}
}

// TestThrottled: throttled calls are made again until they pass, or kept
// as failures after the last attempt.
func TestThrottled(t *testing.T) {
	s := server(t, map[string]string{"ap-guangzhou": shadowed})
	s.Throttle("DescribeSecurityGroups", 2)
	res, events, err := run(t, s, Options{Regions: []string{"ap-guangzhou"}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Complete() {
		t.Fatalf("failures: %v", res.Failures())
	}
	if n := count(events, EventRetry, "DescribeSecurityGroups"); n != 2 {
		t.Errorf("%d retries, want 2", n)
	}

	s = server(t, map[string]string{"ap-guangzhou": shadowed})
	s.Throttle("DescribeSecurityGroupPolicies", 1000)
	res, _, err = run(t, s, Options{Regions: []string{"ap-guangzhou"}})
	if err != nil {
		t.Fatal(err)
	}
	fails := res.Failures()
	if len(fails) != 5 {
		t.Fatalf("failures: %v", fails)
	}
	if got := fails[0].String(); !strings.HasPrefix(got, "vpc:DescribeSecurityGroupPolicies for sg-") ||
		!strings.Contains(got, " in ap-guangzhou failed with RequestLimitExceeded: Your current request times") {
		t.Errorf("failure: %s", got)
	}
	calls := 0
	for _, c := range s.Calls() {
		if c.Action == "DescribeSecurityGroupPolicies" {
			calls++
		}
	}
	if calls != 5*6 {
		t.Errorf("%d calls of DescribeSecurityGroupPolicies, want 6 for each of 5 groups", calls)
	}
	// The rules of the groups are unknown in the bundle, not empty.
	_, in := bundle(t, res)
	for _, sg := range in.SecurityGroups {
		if sg.Ingress.Complete || !strings.Contains(sg.Ingress.Why, "failed with RequestLimitExceeded") {
			t.Errorf("%s: complete %v, why %q", sg.ID.Value(), sg.Ingress.Complete, sg.Ingress.Why)
		}
	}
}

// TestAuthFailureInOneRegion: a region where the credentials lack
// permissions is reported, the other is read in full, and in the denied
// region the policies of the groups that CVMs are bound to are still read.
func TestAuthFailureInOneRegion(t *testing.T) {
	s := server(t, map[string]string{"ap-guangzhou": shadowed, "ap-singapore": clusterDNS})
	s.Deny("ap-singapore", "DescribeSecurityGroups")
	s.Deny("ap-singapore", "DescribeClusterEndpoints")
	res, events, err := run(t, s, Options{Regions: []string{"ap-singapore", "ap-guangzhou"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Failures() {
		got = append(got, f.String())
	}
	want := []string{
		"tke:DescribeClusterEndpoints for cls-sh0p0001 in ap-singapore failed with AuthFailure.UnauthorizedOperation: you are not authorized to perform operation (tke:DescribeClusterEndpoints) resource (qcs::tke:ap-singapore:uin/100000000001:*) has no permission (RequestId ",
		"vpc:DescribeSecurityGroups in ap-singapore failed with AuthFailure.UnauthorizedOperation: you are not authorized to perform operation (vpc:DescribeSecurityGroups) resource (qcs::vpc:ap-singapore:uin/100000000001:*) has no permission (RequestId ",
	}
	if len(got) != 2 {
		t.Fatalf("failures: %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) || !strings.HasSuffix(got[i], "; the credentials lack the CAM permission "+strings.Split(want[i], " ")[0]) {
			t.Errorf("failure %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
	if n := count(events, EventFailure, ""); n != 2 {
		t.Errorf("%d failure events", n)
	}
	out, in := bundle(t, res)
	if !bytes.Contains(out, []byte(`"Incomplete": [`)) {
		t.Error("the bundle lists no Incomplete calls")
	}
	// Both groups bound to CVMs are read, though they are not listed.
	for _, id := range []string{"sg-n0des111", "sg-extra222"} {
		found := false
		for _, sg := range in.SecurityGroups {
			if sg.ID.Value() == id {
				found = sg.Ingress.Complete
			}
		}
		if !found {
			t.Errorf("the policies of %s are not in the bundle", id)
		}
	}
	var notes []string
	for _, n := range in.Notes {
		notes = append(notes, n.Message)
	}
	if len(notes) != 2 || !strings.Contains(notes[0]+notes[1], "the credentials lack the CAM permission vpc:DescribeSecurityGroups") {
		t.Errorf("notes: %q", notes)
	}
	c := in.Clusters[0]
	if c.Endpoint.Internet.Known() {
		t.Errorf("the endpoint of %s is known: %v", c.ID.Value(), c.Endpoint.Internet.Value())
	}
}

// TestMalformed: a body that is not JSON, and JSON that is not the
// documented shape, are failures of their call only.
func TestMalformed(t *testing.T) {
	s := server(t, map[string]string{"ap-guangzhou": clusterDNS})
	s.Malformed("ap-guangzhou", "DescribeVpcs", "<html>502 Bad Gateway</html>")
	s.Malformed("ap-guangzhou", "DescribeSubnets", `{"Response": {"SubnetSet": "none", "RequestId": "r"}}`)
	s.Malformed("ap-guangzhou", "DescribeClusterEndpoints", `{"Result": {"ClusterExternalEndpoint": ""}}`)
	res, _, err := run(t, s, Options{Regions: []string{"ap-guangzhou"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Failures() {
		got = append(got, f.Action+": "+f.Err.Code+": "+f.Err.Message)
	}
	want := []string{
		"DescribeClusterEndpoints: InvalidResponse: the response has no Response object",
		"DescribeSubnets: InvalidResponse: SubnetSet is not an array",
		"DescribeVpcs: ClientError.ParseJsonError: Fail to parse json content: <html>502 Bad Gateway</html>, because: invalid character '<' looking for beginning of value",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("failures:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	_, in := bundle(t, res)
	if len(in.SecurityGroups) != 2 || len(in.Instances) != 2 {
		t.Errorf("the rest is not read: %d groups, %d CVMs", len(in.SecurityGroups), len(in.Instances))
	}
}

// TestCredentialsRejected: when the API rejects the credentials, the run
// stops with the API's error.
func TestCredentialsRejected(t *testing.T) {
	s := server(t, map[string]string{"ap-guangzhou": clusterDNS})
	_, err := Run(t.Context(), Options{Regions: []string{"ap-guangzhou"}, Credential: common.NewCredential(testID, "wrong"), Endpoint: s.URL})
	if err == nil || !strings.HasPrefix(err.Error(), "the API rejects the credentials: AuthFailure.SignatureFailure: the signature does not match") {
		t.Errorf("error: %v", err)
	}
	// The fake took the wrong signature for a defect of the request.
	if v := s.Violations(); len(v) == 0 {
		t.Error("the fake accepted a wrong signature")
	}
}

// TestSessionToken: temporary credentials send their token.
func TestSessionToken(t *testing.T) {
	s := fakeapi.New(t, testID, testKey, "token-1")
	if err := s.AddRegion("ap-guangzhou", fixture(t, shadowed)); err != nil {
		t.Fatal(err)
	}
	res, _, err := run(t, s, Options{Regions: []string{"ap-guangzhou"}, Credential: common.NewTokenCredential(testID, testKey, "token-1")})
	if err != nil || !res.Complete() {
		t.Fatalf("err %v, failures %v", err, res.Failures())
	}
}

// TestAllRegions: with no region given, the available regions of
// DescribeRegions are read; a service that a region lacks is no failure.
func TestAllRegions(t *testing.T) {
	s := server(t, map[string]string{"ap-guangzhou": shadowed, "eu-frankfurt": clusterDNS})
	s.Unsupported("eu-frankfurt", "tke")
	res, events, err := run(t, s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range res.Regions {
		names = append(names, r.Name)
	}
	if fmt.Sprint(names) != "[ap-guangzhou eu-frankfurt]" {
		t.Errorf("regions %v", names)
	}
	if !res.Complete() {
		t.Errorf("failures: %v", res.Failures())
	}
	if got := res.Regions[1].Unsupported(); fmt.Sprint(got) != "[tke]" {
		t.Errorf("unsupported: %v", got)
	}
	if count(events, EventUnsupported, "DescribeClusters") != 1 {
		t.Error("no event for the unsupported service")
	}
	if res.Count("DescribeClusters") != 0 || res.Count("DescribeSecurityGroups") != 5+2 {
		t.Errorf("clusters %d, groups %d", res.Count("DescribeClusters"), res.Count("DescribeSecurityGroups"))
	}
}

// TestRegionsDenied: without DescribeRegions and without --region there is
// nothing to read.
func TestRegionsDenied(t *testing.T) {
	s := server(t, map[string]string{"ap-guangzhou": shadowed})
	s.Deny("ap-guangzhou", "DescribeRegions")
	_, _, err := run(t, s, Options{})
	if err == nil || !strings.HasSuffix(err.Error(), "; grant the CAM permission cvm:DescribeRegions, or name the regions with --region") {
		t.Errorf("error: %v", err)
	}
}

// TestDeterministic: the same account gives the same bytes, however the
// concurrent calls interleave.
func TestDeterministic(t *testing.T) {
	s := server(t, map[string]string{"ap-guangzhou": shadowed, "ap-singapore": clusterDNS})
	var first []byte
	for i := range 3 {
		res, _, err := run(t, s, Options{Regions: []string{"ap-guangzhou", "ap-singapore"}, PageSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		out, _ := bundle(t, res)
		if i == 0 {
			first = out
		} else if !bytes.Equal(first, out) {
			t.Fatalf("run %d wrote other bytes", i)
		}
	}
	var b map[string]map[string]map[string]json.RawMessage
	if err := json.Unmarshal(first, &b); err != nil {
		t.Fatal(err)
	}
	if len(b["Regions"]) != 2 || b["Regions"]["ap-singapore"]["DescribeClusterEndpoints"] == nil {
		t.Errorf("bundle: %s", first)
	}
	if bytes.Contains(first, []byte(testKey)) || bytes.Contains(first, []byte(testID)) {
		t.Error("the bundle holds the credentials")
	}
}

// TestCanceled: a run that its context ends returns the context's error.
func TestCanceled(t *testing.T) {
	s := server(t, map[string]string{"ap-guangzhou": shadowed})
	s.Throttle("DescribeSecurityGroups", 1000)
	ctx, cancel := context.WithCancel(t.Context())
	o := Options{Regions: []string{"ap-guangzhou"}, Credential: common.NewCredential(testID, testKey), Endpoint: s.URL,
		Backoff: func(int) time.Duration { return time.Hour },
		Progress: func(e Event) {
			if e.Kind == EventRetry {
				cancel()
			}
		}}
	_, err := Run(ctx, o)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error: %v", err)
	}
}

func TestEndpointOf(t *testing.T) {
	for _, tc := range []struct{ endpoint, region, want string }{
		{"", "ap-guangzhou", "https vpc.tencentcloudapi.com"},
		{"", "ap-shanghai-fsi", "https vpc.ap-shanghai-fsi.tencentcloudapi.com"},
		{"http://127.0.0.1:8080", "ap-guangzhou", "http 127.0.0.1:8080"},
		{"https://{service}.internal.tencentcloudapi.com/", "ap-guangzhou", "https vpc.internal.tencentcloudapi.com"},
		{"https://gw.example.com/tencent", "ap-guangzhou", "https gw.example.com/tencent"},
		{"vpc.tencentcloudapi.com", "ap-guangzhou", `error: endpoint "vpc.tencentcloudapi.com" is not ` + EndpointHelp},
		{"https://user:pw@x.example.com", "ap-guangzhou", `error: endpoint "https://user:pw@x.example.com" is not ` + EndpointHelp + ", with no user, query or fragment"},
		{"ftp://x", "ap-guangzhou", `error: endpoint "ftp://x" is not ` + EndpointHelp},
	} {
		scheme, host, err := endpointOf(tc.endpoint, "vpc", tc.region)
		got := scheme + " " + host
		if err != nil {
			got = "error: " + err.Error()
		}
		if got != tc.want {
			t.Errorf("endpointOf(%q):\n got %s\nwant %s", tc.endpoint, got, tc.want)
		}
	}
}

func TestCalls(t *testing.T) {
	got := strings.Join(Calls(), " ")
	want := "cvm:DescribeRegions vpc:DescribeSecurityGroups vpc:DescribeAddressTemplates vpc:DescribeAddressTemplateGroups " +
		"vpc:DescribeServiceTemplates vpc:DescribeServiceTemplateGroups vpc:DescribeVpcs vpc:DescribeSubnets cvm:DescribeInstances " +
		"tke:DescribeClusters vpc:DescribeSecurityGroupPolicies tke:DescribeClusterInstances tke:DescribeClusterEndpoints"
	if got != want {
		t.Errorf("calls:\n got %s\nwant %s", got, want)
	}
}

func TestRequestClient(t *testing.T) {
	for in, want := range map[string]string{
		"tkesglint 1.2.3":        "tkesglint 1.2.3",
		"tkesglint 1.2.3+dirty":  "tkesglint 1.2.3.dirty",
		"tkesglint (devel)/x":    "tkesglint .devel..x",
		strings.Repeat("a", 200): strings.Repeat("a", 100),
	} {
		if got := requestClient(in); got != want {
			t.Errorf("requestClient(%q) = %q, want %q", in, got, want)
		}
	}
}
