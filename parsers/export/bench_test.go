package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
)

// account builds a bundle of groups security groups of rules ingress and
// rules egress policies each, as tccli prints them (four-space indent, every
// field present).
func largeAccount(groups, rules int) []byte {
	var b bytes.Buffer
	b.WriteString("{\n    \"DescribeSecurityGroups\": {\n        \"TotalCount\": ")
	fmt.Fprintf(&b, "%d,\n        \"SecurityGroupSet\": [\n", groups)
	for g := range groups {
		if g > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "            {\"SecurityGroupId\": \"sg-%08x\", \"SecurityGroupName\": \"group-%d\", \"SecurityGroupDesc\": \"\", \"ProjectId\": \"0\", \"IsDefault\": false, \"TagSet\": []}", g, g)
	}
	b.WriteString("\n        ],\n        \"RequestId\": \"r\"\n    },\n    \"DescribeSecurityGroupPolicies\": {\n")
	for g := range groups {
		if g > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "        \"sg-%08x\": {\n            \"SecurityGroupPolicySet\": {\n                \"Version\": \"%d\",\n", g, 2*rules)
		for _, dir := range []string{"Ingress", "Egress"} {
			fmt.Fprintf(&b, "                %q: [\n", dir)
			for r := range rules {
				if r > 0 {
					b.WriteString(",\n")
				}
				fmt.Fprintf(&b, `                    {
                        "PolicyIndex": %d,
                        "Protocol": "TCP",
                        "Port": "%d",
                        "ServiceTemplate": {
                            "ServiceId": "",
                            "ServiceGroupId": ""
                        },
                        "CidrBlock": "10.%d.%d.0/24",
                        "Ipv6CidrBlock": "",
                        "SecurityGroupId": "",
                        "AddressTemplate": {
                            "AddressId": "",
                            "AddressGroupId": ""
                        },
                        "Action": "ACCEPT",
                        "PolicyDescription": "rule %d",
                        "ModifyTime": "2025-11-03 10:12:45"
                    }`, r, 1000+r, g%256, r, r)
			}
			b.WriteString("\n                ]")
			if dir == "Ingress" {
				b.WriteString(",\n")
			}
		}
		b.WriteString("\n            },\n            \"RequestId\": \"r\"\n        }")
	}
	b.WriteString("\n    }\n}\n")
	return b.Bytes()
}

// BenchmarkParseAccount parses an account of 2,000 security groups with 100
// ingress and 100 egress rules each (400,000 rules) in one bundle.
func BenchmarkParseAccount(b *testing.B) {
	src := largeAccount(2000, 100)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		in, errs := Parse(b.Context(), File{Path: "account.json", Src: src})
		if len(errs) > 0 || len(in.SecurityGroups) != 2000 {
			b.Fatalf("%d groups, errors %v", len(in.SecurityGroups), errs)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
		runtime.KeepAlive(in)
	}
	b.ReportMetric(float64(len(src))/(1<<20), "file-MiB")
	b.ReportMetric(float64(peak)/(1<<20), "heap-MiB")
}

// TestLargeAccountIsBounded checks that the memory a large account keeps
// after parsing is proportional to its rules: the parser holds one response
// at a time, not the whole file as a tree.
func TestLargeAccountIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	src := largeAccount(500, 100)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	in, errs := Parse(t.Context(), File{Path: "account.json", Src: src})
	runtime.GC()
	runtime.ReadMemStats(&after)
	if len(errs) > 0 || len(in.SecurityGroups) != 500 {
		t.Fatalf("%d groups, errors %v", len(in.SecurityGroups), errs)
	}
	kept := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	perRule := kept / (500 * 200)
	t.Logf("file %.1f MiB, %.0f bytes kept per rule, %.1f MiB allocated in all", float64(len(src))/(1<<20), perRule,
		float64(after.TotalAlloc-before.TotalAlloc)/(1<<20))
	// A model rule has 13 located values (about 1.6 KB); a tree of the
	// whole file would keep far more.
	if perRule > 4096 {
		t.Errorf("%.0f bytes kept per rule", perRule)
	}
	runtime.KeepAlive(in)
	runtime.KeepAlive(src)
}

// BenchmarkUnmarshalAnyAccount decodes the account of BenchmarkParseAccount
// with encoding/json into any: the floor the parser is measured against
// (at most twice its time).
func BenchmarkUnmarshalAnyAccount(b *testing.B) {
	src := largeAccount(2000, 100)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(src, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDetectAccount tells an account like that of
// BenchmarkParseAccount, with half the rules, from the other inputs, which
// reads it whole once more.
func BenchmarkDetectAccount(b *testing.B) {
	src := largeAccount(2000, 50)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if !Detect(src) {
			b.Fatal("not an export")
		}
	}
}

// BenchmarkParseIfExportAccount tells and parses the account of
// BenchmarkParseAccount at once, as parsers/inputs does: compare with
// BenchmarkParseAccount plus BenchmarkDetectAccount.
func BenchmarkParseIfExportAccount(b *testing.B) {
	src := largeAccount(2000, 100)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, ok := ParseIfExport(b.Context(), File{Path: "account.json", Src: src}, 0); !ok {
			b.Fatal("not an export")
		}
	}
}

// BenchmarkParseAccountOneGoroutine is BenchmarkParseAccount with every
// response read by the parser itself: what the workers save.
func BenchmarkParseAccountOneGoroutine(b *testing.B) {
	src := largeAccount(2000, 100)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, errs, _ := parseWith(b.Context(), File{Path: "account.json", Src: src}, fanoutOptions{minSize: len(src) + 1}); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// TestLargeAccountFansOut checks that the responses of a bundle of the
// size the default options hand to workers are mapped by them, in batches
// of several: the parallel mapping has not silently stopped applying.
func TestLargeAccountFansOut(t *testing.T) {
	src := largeAccount(80, 100)
	opts := defaultFanout()
	opts.workers = 2
	if len(src) < opts.minSize {
		t.Fatalf("a bundle of %d bytes is below the %d that are mapped in parallel", len(src), opts.minSize)
	}
	p := newParser(t.Context(), File{Path: "account.json", Src: src})
	p.par = &fanout{opts: opts}
	err := p.read()
	_, errs, err := p.join(err)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	responses, batches := 0, 0
	for _, pc := range p.par.pieces {
		if pc.batch != nil {
			batches++
			responses += len(pc.batch.items)
		}
	}
	if responses != 80 || batches < 2 || batches > 80/2 || p.par.started != 2 {
		t.Errorf("%d responses in %d batches, %d workers", responses, batches, p.par.started)
	}
}
