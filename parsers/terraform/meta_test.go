package terraform

import (
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
