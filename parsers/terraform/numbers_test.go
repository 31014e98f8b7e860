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
		// Strings made at run time: a literal "5e5000000" is refused
		// where it is written (TestNumberTextOutOfRange).
		{"tonumber", `tonumber(join("", ["5e", "5000000"]))`, "the result holds a number of about 2^16609643"},
		{"tonumber-tiny", `tonumber(join("", ["-5e-", "5000000"]))`, "the result holds a number of about 2^-16609638"},
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
		// A --var of 5e5000000 is refused where it enters
		// (TestNumberGivenOutOfRange).
		{"conversion", `join("", ["5e", "5000000"]) * 1`, "1"},
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

// TestNumberGivenOutOfRange: a number beyond the bound, or a string that
// reads as one, is an input error where it enters, in every way a value
// reaches an untyped variable or a string literal: --var, TF_VAR_ (which
// the configuration's variables go through too), a tfvars file in both
// syntaxes, a default, a literal. Written back in a template ("p${var.n *
// 1}") it took half a minute and five million digits; now the error is
// prompt, says what is out of range and where it came from, and the
// module's other files are still read.
func TestNumberGivenOutOfRange(t *testing.T) {
	const rule = `resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = "sg-1"
  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/8"
    protocol    = "TCP"
    port        = "443"
    description = "p${%s * 1}"
  }
}
`
	const other = `resource "tencentcloud_security_group" "other" {
  name = "other"
}
`
	withVar := func(decl string) File {
		return File{Path: "m/main.tf", Src: fmt.Appendf(nil, decl+rule, "var.n")}
	}
	const huge = "5e5000000"
	for _, c := range []struct {
		name  string
		files []File
		opts  Options
		want  string // the error's place and words
	}{
		{name: "var", files: []File{withVar("variable \"n\" {}\n")}, opts: Options{Args: []VarArg{{Name: "n", Value: huge}}},
			want: "m/main.tf:1:1: number out of range: The value given for var.n in --var n holds a number of about 2^16609643"},
		{name: "var-variables", files: []File{withVar("variable \"n\" {}\n")}, opts: Options{Variables: map[string]string{"n": "-" + huge}},
			want: "m/main.tf:1:1: number out of range: The value given for var.n in --var n holds a number of about 2^16609643"},
		{name: "var-tiny", files: []File{withVar("variable \"n\" {}\n")}, opts: Options{Args: []VarArg{{Name: "n", Value: "5e-5000000"}}},
			want: "m/main.tf:1:1: number out of range: The value given for var.n in --var n holds a number of about 2^-16609638"},
		{name: "var-digits", files: []File{withVar("variable \"n\" {}\n")}, opts: Options{Args: []VarArg{{Name: "n", Value: "1" + strings.Repeat("0", 30000)}}},
			want: "m/main.tf:1:1: number out of range: The value given for var.n in --var n holds a number of about 2^99658"},
		{name: "var-list", files: []File{withVar("variable \"n\" {\n  type = list(string)\n}\n")}, opts: Options{Args: []VarArg{{Name: "n", Value: `["1", "` + huge + `"]`}}},
			want: "m/main.tf:1:1: number out of range: The value given for var.n in --var n holds a number of about 2^16609643"},
		{name: "environment", files: []File{withVar("variable \"n\" {}\n")}, opts: Options{Getenv: func(k string) string {
			if k == "TF_VAR_n" {
				return huge
			}
			return ""
		}}, want: "m/main.tf:1:1: number out of range: The value given for var.n in the environment variable TF_VAR_n holds"},
		{name: "tfvars", files: []File{withVar("variable \"n\" {}\n"), {Path: "m/terraform.tfvars", Src: []byte("n = \"" + huge + "\"\n")}},
			want: "m/terraform.tfvars:1:5: number out of range: The value given for var.n in m/terraform.tfvars holds a number of about 2^16609643"},
		{name: "tfvars-json", files: []File{withVar("variable \"n\" {}\n"), {Path: "m/terraform.tfvars.json", Src: []byte(`{"n": "` + huge + `"}`)}},
			want: "m/terraform.tfvars.json:1:7: number out of range: The value given for var.n in m/terraform.tfvars.json holds a number of about 2^16609643"},
		{name: "var-file", files: []File{withVar("variable \"n\" {}\n")}, opts: Options{Args: []VarArg{{File: &File{Path: "big.tfvars", Src: []byte("n = \"" + huge + "\"\n")}}}},
			want: "big.tfvars:1:5: number out of range: The value given for var.n in big.tfvars holds a number of about 2^16609643"},
		{name: "default", files: []File{withVar("variable \"n\" {\n  default = \"" + huge + "\"\n}\n")},
			want: "m/main.tf:2:14: number out of range: This string reads as a number of about 2^16609643"},
		{name: "literal", files: []File{{Path: "m/main.tf", Src: fmt.Appendf(nil, "locals {\n  n = \""+huge+"\"\n}\n"+rule, "local.n")}},
			want: "m/main.tf:2:8: number out of range: This string reads as a number of about 2^16609643"},
		{name: "json-default", files: []File{{Path: "m/main.tf.json", Src: []byte(`{"variable": {"n": {"default": "` + huge + `"}}, "output": {"o": {"value": "p${var.n * 1}"}}}`)}},
			want: "m/main.tf.json:1:32: number out of range: This string reads as a number of about 2^16609643"},
		// The acceptance pass of session 6: a template of a .tf.json
		// string converting a literal took 19 s and named a group in 5
		// million digits.
		{name: "json-template", files: []File{{Path: "m/main.tf.json", Src: []byte(`{"output": {"o": {"value": "n${1 * \"` + huge + `\"}"}}}`)}},
			want: "m/main.tf.json:1:28: number out of range: This string reads as a number of about 2^16609643"},
		{name: "template", files: []File{{Path: "m/main.tf", Src: []byte(`output "o" { value = "n${1 * ("` + huge + `")}" }`)}},
			want: "m/main.tf:1:32: number out of range: This string reads as a number of about 2^16609643"},
		{name: "json", files: []File{{Path: "m/main.tf.json", Src: []byte(`{"locals": {"n": "` + huge + `"}, "output": {"o": {"value": "p${local.n * 1}"}}}`)}},
			want: "m/main.tf.json:1:18: number out of range: This string reads as a number of about 2^16609643"},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := slices.Concat(c.files, []File{{Path: "m/other.tf", Src: []byte(other)}})
			start := time.Now()
			units, errs := ParseTree(t.Context(), files, c.opts)
			// It took 25 s or more; a second is ample under load.
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("reading took %v", d)
			}
			var found bool
			for _, e := range errs {
				found = found || strings.HasPrefix(e.Error(), c.want)
			}
			if !found {
				t.Errorf("no error %q…; errors: %v", c.want, errs)
			}
			if len(units) != 1 || !slices.ContainsFunc(units[0].Input.SecurityGroups, func(sg *model.SecurityGroup) bool {
				return sg.Resource.Address == "tencentcloud_security_group.other"
			}) {
				t.Fatalf("got %d units, want 1 with the group of m/other.tf", len(units))
			}
		})
	}
}

// TestOrdinaryNumberText: strings that read as ordinary numbers, or that
// only look a little like huge ones, are not refused, in literals or
// given values.
func TestOrdinaryNumberText(t *testing.T) {
	for _, s := range []string{"443", "30000-32768", "10.0.0.0/8", "1.5", "0.25", "1e3", "1e1999", "-1e-999", "sg-e2345678",
		"e12345", "1e12345x", strings.Repeat("9", 1000), "0x1p-2", "Inf", "ACCEPT#10.0.0.0/8#22#TCP", "2001:db8::/32"} {
		if exp, beyond := numberTextBeyond(s); beyond {
			t.Errorf("numberTextBeyond(%.30q) = 2^%d, beyond", s, exp)
		}
	}
	src := "variable \"n\" {\n  default = \"1e300\"\n}\nlocals {\n  a = \"22\"\n  b = \"" + strings.Repeat("7", 900) + "\"\n  c = \"${var.n * 2}\"\n}\n"
	if _, errs := ParseTree(t.Context(), []File{{Path: "m/main.tf", Src: []byte(src)}}, Options{Args: []VarArg{{Name: "n", Value: "1e19000"}}}); len(errs) > 0 {
		t.Errorf("ordinary numbers: %v", errs)
	}
}

// TestStringsThatAreOnlyStrings: a string of a resource's argument that
// reads as a huge number (a description, a tag) is only a string: nothing
// converts it, and it is no error (the acceptance pass of session 6 lost
// a module's findings to a description "1e30000").
func TestStringsThatAreOnlyStrings(t *testing.T) {
	const native = `resource "tencentcloud_security_group" "web" {
  name        = "web"
  description = "1e30000"
  tags        = { big = "5e5000000" }
}
output "o" { value = "${format("%s", "x")}-1e30000" }
`
	const json = `{"resource": {"tencentcloud_security_group": {"web": {"name": "web", "description": "1e30000", "tags": {"big": "5e5000000"}}}}}`
	for _, f := range []File{{Path: "m/main.tf", Src: []byte(native)}, {Path: "m/main.tf.json", Src: []byte(json)}} {
		units, errs := ParseTree(t.Context(), []File{f}, Options{})
		if len(errs) > 0 {
			t.Errorf("%s: %v", f.Path, errs)
		}
		if len(units) != 1 || len(units[0].Input.SecurityGroups) != 1 {
			t.Errorf("%s: the group is not read", f.Path)
		}
	}
}
