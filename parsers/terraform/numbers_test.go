package terraform

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNumberOutOfRange: a number with an absurd exponent is an error at
// its place in every syntax a module or its variables are read in, not a
// stall on its millions of digits; the module's other files are still
// read.
func TestNumberOutOfRange(t *testing.T) {
	const rule = `resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = "sg-1"
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = %s
  }
}
`
	const ruleJSON = `{"resource": {"tencentcloud_security_group_rule_set": {"web": {
  "security_group_id": "sg-1",
  "ingress": [{"action": "ACCEPT", "cidr_block": "10.0.0.0/8", "protocol": "TCP", "port": %s}]}}}}
`
	const other = `resource "tencentcloud_security_group" "other" {
  name = "other"
}
`
	for _, c := range []struct {
		name  string
		files []File
		vars  []File
		want  string
	}{
		{name: "native", files: []File{{Path: "m/main.tf", Src: fmt.Appendf(nil, rule, "5e5000000")}}, want: "m/main.tf:7:18"},
		{name: "native-digits", files: []File{{Path: "m/main.tf", Src: fmt.Appendf(nil, rule, "1"+strings.Repeat("0", 20000))}}, want: "m/main.tf:7:18"},
		{name: "native-tiny", files: []File{{Path: "m/main.tf", Src: fmt.Appendf(nil, rule, "1e-20000")}}, want: "m/main.tf:7:18"},
		{name: "native-plus", files: []File{{Path: "m/main.tf", Src: fmt.Appendf(nil, rule, "1E+20000")}}, want: "m/main.tf:7:18"},
		{name: "json", files: []File{{Path: "m/main.tf.json", Src: fmt.Appendf(nil, ruleJSON, "5e5000000")}}, want: "m/main.tf.json:3:91"},
		{name: "json-tiny", files: []File{{Path: "m/main.tf.json", Src: fmt.Appendf(nil, ruleJSON, "-1e-5000000")}}, want: "m/main.tf.json:3:91"},
		{
			name:  "tfvars-json",
			files: []File{{Path: "m/main.tf", Src: fmt.Appendf(nil, rule+"variable \"port\" {}\n", "var.port")}},
			vars:  []File{{Path: "big.tfvars.json", Src: []byte(`{"port": 5e5000000}`)}},
			want:  "big.tfvars.json:1:10",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := slices.Concat(c.files, []File{{Path: "m/other.tf", Src: []byte(other)}})
			start := time.Now()
			units, errs := ParseTree(t.Context(), files, Options{VarFiles: c.vars})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("reading took %v", d)
			}
			var found bool
			for _, e := range errs {
				found = found || e.Summary == "number out of range" && strings.HasPrefix(e.Error(), c.want+":")
			}
			if !found {
				t.Errorf("no %q error at %s; errors: %v", "number out of range", c.want, errs)
			}
			if len(units) != 1 {
				t.Fatalf("got %d units, want 1", len(units))
			}
		})
	}
}

// TestMayHoldHugeNumber: the scan that spares most files the walk for
// number literals says yes to every text with a literal beyond the bound,
// and no to the text of an ordinary configuration.
func TestMayHoldHugeNumber(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`port = "20000"` + "\ncidr = \"10.0.0.0/24\"\ncount = 3\nx = 1.5e300\n", false},
		{"x = " + strings.Repeat("9", 1000), false},
		{"x = " + strings.Repeat("9", 1001), true},
		{"x = 0." + strings.Repeat("0", 1000) + "1", true},
		{"x = 1e999", false},
		{"x = 1e1000", true},
		{"x = 1E-1000", true},
		{"x = 1e+1000", true},
		{"x = 1e-999", false},
		{`id = "sg-e2345678"`, true},
		{"x = 5e5000000", true},
	} {
		if got := mayHoldHugeNumber([]byte(c.src)); got != c.want {
			t.Errorf("mayHoldHugeNumber(%.40q) = %v, want %v", c.src, got, c.want)
		}
	}
}
