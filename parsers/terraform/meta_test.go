package terraform

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestWorkspace: terraform.workspace is TF_WORKSPACE, else what `terraform
// workspace select` wrote to .terraform/environment, else "default".
func TestWorkspace(t *testing.T) {
	main := File{Path: "env/main.tf", Src: []byte(`resource "tencentcloud_security_group" "nodes" {
  name = "nodes-${terraform.workspace}"
}
`)}
	selected := File{Path: "env/.terraform/environment", Src: []byte("staging\n")}
	for _, tt := range []struct {
		name  string
		files []File
		env   map[string]string
		want  string
	}{
		{"nothing", []File{main}, nil, "nodes-default"},
		{"selected", []File{main, selected}, nil, "nodes-staging"},
		{"environment wins", []File{main, selected}, map[string]string{"TF_WORKSPACE": "prod"}, "nodes-prod"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			units, errs := ParseTree(t.Context(), tt.files, Options{Getenv: func(k string) string { return tt.env[k] }})
			noErrors(t, errs)
			if len(units) != 1 {
				t.Fatalf("%d units", len(units))
			}
			sg := findSG(t, units[0].Input, "tencentcloud_security_group.nodes")
			wantString(t, "name", sg.Name, tt.want, model.Written, "", "")
		})
	}
}

// TestInvalidCountMessage: an invalid count is named by its value.
func TestInvalidCountMessage(t *testing.T) {
	for _, tt := range []struct{ count, want string }{
		{"-1", "not -1."},
		{"1.5", "not 1.5."},
		{`"x"`, "not string."},
		{"null", "not null."},
	} {
		src := "resource \"tencentcloud_security_group\" \"a\" {\n  count = " + tt.count + "\n  name  = \"a\"\n}\n"
		_, errs := ParseTree(t.Context(), []File{{Path: "m/main.tf", Src: []byte(src)}}, Options{})
		if len(errs) != 1 || !strings.HasSuffix(errs[0].Detail, tt.want) || errs[0].Range.Start.Line != 2 {
			t.Errorf("count = %s: errors %v, want one at line 2 ending %q", tt.count, errs, tt.want)
		}
	}
}

// TestVariableValidation: a validation condition that is known and false is
// an input error naming the variable, where its value came from and the
// error message; a true one, or one that reads other values, says nothing.
func TestVariableValidation(t *testing.T) {
	files := []File{
		{Path: "root/main.tf", Src: []byte(`variable "ssh_cidr" {
  type    = string
  default = "10.0.0.0/8"
  validation {
    condition     = can(cidrnetmask(var.ssh_cidr))
    error_message = "ssh_cidr must be an IPv4 CIDR."
  }
  validation {
    condition     = var.ssh_cidr != var.other
    error_message = "reads another variable: left to Terraform."
  }
}

variable "other" {
  type    = string
  default = "x"
}

module "bastion" {
  source = "./bastion"
  cidr   = "everywhere"
}
`)},
		{Path: "root/bastion/main.tf", Src: []byte(`variable "cidr" {
  type = string
  validation {
    condition     = length(split("/", var.cidr)) == 2
    error_message = "cidr needs a prefix length."
  }
}
`)},
	}
	for _, tt := range []struct {
		name string
		args []VarArg
		want []string
	}{
		{"default passes", nil, []string{
			`root/main.tf:21:12: module.bastion.var.cidr (set by module.bastion) fails its validation: cidr needs a prefix length.`,
		}},
		{"--var fails", []VarArg{{Name: "ssh_cidr", Value: "notacidr"}}, []string{
			`root/main.tf:1:1: var.ssh_cidr (from --var ssh_cidr) fails its validation: ssh_cidr must be an IPv4 CIDR.`,
			`root/main.tf:21:12: module.bastion.var.cidr (set by module.bastion) fails its validation: cidr needs a prefix length.`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := ParseTree(t.Context(), files, Options{Args: tt.args})
			var got []string
			for _, e := range errs {
				got = append(got, fmt.Sprintf("%s:%d:%d: %s", e.Range.Filename, e.Range.Start.Line, e.Range.Start.Column, e.Detail))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
