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

// TestParseExports: a JSON file is used as an export exactly when
// export.Detect says it is one, whether its parse tells (it starts like an
// export) or Detect does first; the exports make one unit, last.
func TestParseExports(t *testing.T) {
	res := Parse(t.Context(), []File{
		{Path: "t/web.yaml", Src: []byte(webTemplate)},
		{Path: "bundle.json", Src: []byte(`{"DescribeVpcs": {"VpcSet": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}}`)},
		{Path: "late.json", Src: []byte(`{"RequestId": "r", "TotalCount": 0, "SubnetSet": []}`)},
		{Path: "broken.json", Src: []byte(`{"Response": {`)},
		{Path: "endpoint-like.json", Src: []byte(`{"SecurityGroup": "sg-1a2b3c4d"}`)},
		{Path: "notes.json", Src: []byte(`{"what": "not an input"}`)},
	}, Options{})
	for _, f := range []string{"bundle.json", "late.json", "broken.json", "endpoint-like.json", "notes.json"} {
		if want := !strings.Contains(f, "-like") && f != "notes.json"; res.Used[f] != want {
			t.Errorf("%s used %v, want %v", f, res.Used[f], want)
		}
	}
	if len(res.Errors) != 1 || res.Errors[0].Range.Filename != "broken.json" {
		t.Errorf("errors %v, want broken.json's", res.Errors)
	}
	if len(res.Units) != 2 || res.Units[1].Root != "" || len(res.Units[1].Input.VPCs) != 1 {
		t.Errorf("units %+v, want the template's and the exports'", res.Units)
	}
}
