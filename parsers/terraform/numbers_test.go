package terraform

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tkesglint/tkesglint/parsers/model"
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

// TestNumberFromStringOutOfRange: a function that makes a number from a
// string is held to the bound of number literals; the call is an error at
// its place, quickly, and the module's other files are still read.
func TestNumberFromStringOutOfRange(t *testing.T) {
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
	const other = `resource "tencentcloud_security_group" "other" {
  name = "other"
}
`
	for _, c := range []struct{ name, expr, want string }{
		{"tonumber", `tonumber("5e5000000")`, "the result holds a number of about 2^16609643"},
		{"tonumber-tiny", `tonumber("-5e-5000000")`, "the result holds a number of about 2^-16609638"},
		{"parseint", `parseint("` + strings.Repeat("f", 20000) + `", 16)`, "the result holds a number of about 2^80000"},
		{"jsondecode", `jsondecode("{\"ports\": [1, 5e5000000]}").ports[1]`, "the result holds a number of about 2^16609643"},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := []File{{Path: "m/main.tf", Src: fmt.Appendf(nil, rule, c.expr)}, {Path: "m/other.tf", Src: []byte(other)}}
			start := time.Now()
			units, errs := ParseTree(t.Context(), files, Options{})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("reading took %v", d)
			}
			var found bool
			for _, e := range errs {
				found = found || strings.HasPrefix(e.Error(), "m/main.tf:7:18:") && strings.Contains(e.Error(), c.want)
			}
			if !found {
				t.Errorf("no error at m/main.tf:7:18 that says %q; errors: %v", c.want, errs)
			}
			if len(units) != 1 || !slices.ContainsFunc(units[0].Input.SecurityGroups, func(sg *model.SecurityGroup) bool {
				return sg.Resource.Address == "tencentcloud_security_group.other"
			}) {
				t.Fatalf("got %d units, want 1 with the group of m/other.tf", len(units))
			}
		})
	}
	// A number in range is read as before.
	files := []File{{Path: "m/main.tf", Src: fmt.Appendf(nil, rule, `tonumber("5e3")`)}}
	if _, errs := ParseTree(t.Context(), files, Options{}); len(errs) > 0 {
		t.Errorf("tonumber(\"5e3\"): %v", errs)
	}
}

// TestNumberMadeAtRunTimeOutOfRange: a number beyond the bound that no
// literal or function gives, from --var or an implicit conversion, is an
// error where it becomes an argument's value, not a stall.
func TestNumberMadeAtRunTimeOutOfRange(t *testing.T) {
	const rule = `variable "port" { type = number }
resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = "sg-1"
  ingress {
    action     = "ACCEPT"
    cidr_block = "10.0.0.0/8"
    protocol   = "TCP"
    port       = %s
  }
}
`
	for _, c := range []struct{ name, expr, value string }{
		{"var", "var.port", "5e5000000"},
		{"conversion", `"5e5000000" * 1`, "1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := []File{{Path: "m/main.tf", Src: fmt.Appendf(nil, rule, c.expr)}}
			start := time.Now()
			_, errs := ParseTree(t.Context(), files, Options{Variables: map[string]string{"port": c.value}})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("reading took %v", d)
			}
			var found bool
			for _, e := range errs {
				found = found || e.Summary == "number out of range" && strings.HasPrefix(e.Error(), "m/main.tf:8:18:")
			}
			if !found {
				t.Errorf("no %q error at m/main.tf:8:18; errors: %v", "number out of range", errs)
			}
		})
	}
}
