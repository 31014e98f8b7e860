package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/rulesets"
)

// BenchmarkWriters measures each output format alone, on the result of a
// run over a generated tree with many findings (about 1,200, each with an
// excerpt and a related location) and the inspect fixture's cluster (so
// that the reports have a requirement matrix): what writing costs on top
// of linting. Run it with -benchmem; the allocations do not move with the
// load of the machine.
func BenchmarkWriters(b *testing.B) {
	r := benchReport(b, 50)
	c := &cli{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }, isTerminal: func(io.Writer) bool { return false }}
	for _, format := range formatNames() {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				opts := &options{sarif: output.AllSARIF()} // the reports keep what they gather in opts
				if err := c.write(context.Background(), r, format, "", opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchReport lints a generated tree of modules modules (see
// writeBenchTree) and the inspect fixture, gathering what the reports
// show as a run that writes them does.
func benchReport(b *testing.B, modules int) *output.Report {
	b.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := range modules {
		if err := writeBenchModule(filepath.Join(dir, fmt.Sprintf("m%03d", i)), i); err != nil {
			b.Fatal(err)
		}
	}
	analyzers := rulesets.All(rulesets.Options{})
	res, err := driver.Run(context.Background(), driver.Options{
		Dir: root, Paths: []string{dir, filepath.Join(root, "testdata", "inspect", "prod")}, Analyzers: analyzers,
		DropModels: true, Keep: reportKeep([]formatSpec{{name: "html"}}, analyzers, 0),
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Findings) < 1000 {
		b.Fatalf("the tree gives %d findings, want 1,000 or more", len(res.Findings))
	}
	return &output.Report{
		Tool:     output.Tool{Name: toolName, Version: testVersion, InformationURI: informationURI},
		Result:   res,
		Duration: time.Second,
	}
}

// writeBenchModule writes one root module of three security groups of 20
// ingress rules each, bound to a CVM: every third rule accepts a
// sensitive port from the internet and the last one every port, so that
// each group gives several findings.
func writeBenchModule(dir string, n int) error {
	var b strings.Builder
	ports := []string{"22", "3389", "10250", "6443", "3306", "6379"}
	for g := range 3 {
		fmt.Fprintf(&b, "resource \"tencentcloud_security_group\" \"g%d\" {\n  name = \"group-%d-%d\"\n}\n\n", g, n, g)
		fmt.Fprintf(&b, "resource \"tencentcloud_security_group_rule_set\" \"g%d\" {\n  security_group_id = tencentcloud_security_group.g%d.id\n", g, g)
		for r := range 20 {
			cidr, proto, port := fmt.Sprintf("10.%d.%d.0/24", n%250, g*20+r), "TCP", fmt.Sprint(20000+g*20+r)
			switch {
			case r == 19:
				cidr, proto, port = "0.0.0.0/0", "ALL", "ALL"
			case r%3 == 0:
				cidr, port = "0.0.0.0/0", ports[(g+r/3)%len(ports)]
			}
			fmt.Fprintf(&b, "\n  ingress {\n    action      = \"ACCEPT\"\n    cidr_block  = %q\n    protocol    = %q\n    port        = %q\n    description = \"rule %d\"\n  }\n", cidr, proto, port, r)
		}
		b.WriteString("}\n\n")
		fmt.Fprintf(&b, "resource \"tencentcloud_instance\" \"g%d\" {\n  instance_name           = \"vm-%d\"\n  orderly_security_groups = [tencentcloud_security_group.g%d.id]\n}\n\n", g, g, g)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o600)
}
