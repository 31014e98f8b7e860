package inputs

import (
	"context"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

const sgTF = `resource "tencentcloud_security_group" "web" {
  name = "web"
}
`

const webTemplate = `Resources:
  Web:
    Type: TencentCloud::VPC::SecurityGroup
    Properties:
      SecurityGroupName: web
`

// TestParseKinds: each kind goes to its parser; each root module and each
// template is a unit, the root being where their findings live; a file of
// no kind is not used.
func TestParseKinds(t *testing.T) {
	res := Parse(t.Context(), []File{
		{Path: "a/main.tf", Src: []byte(sgTF)},
		{Path: "b/main.tf", Src: []byte(sgTF)},
		{Path: "t/web.yaml", Src: []byte(webTemplate)},
		{Path: "notes.json", Src: []byte(`{"what": "not an input"}`)},
	}, Options{})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors[0])
	}
	var roots []string
	for _, u := range res.Units {
		roots = append(roots, u.Root)
	}
	if got := strings.Join(roots, " "); got != "a b t/web.yaml" {
		t.Errorf("unit roots %q, want a b t/web.yaml", got)
	}
	if res.Used["notes.json"] || !res.Used["t/web.yaml"] || !res.Used["a/main.tf"] {
		t.Errorf("used %v", res.Used)
	}
}

// TestParseTreePanics: a replacement of terraform.ParseTree that panics is
// an error, and the other kinds are still read.
func TestParseTreePanics(t *testing.T) {
	panicking := func(context.Context, []terraform.File, terraform.Options) ([]terraform.Unit, []*model.Error) {
		panic("boom")
	}
	res := Parse(t.Context(), []File{{Path: "main.tf", Src: []byte(sgTF)}, {Path: "web.yaml", Src: []byte(webTemplate)}}, Options{ParseTree: panicking})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "internal error in the terraform parser: boom") {
		t.Errorf("errors %v", res.Errors)
	}
	if len(res.Units) != 1 || res.Units[0].Root != "web.yaml" {
		t.Errorf("units %+v, want the template's", res.Units)
	}
}
