package template

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// FuzzParse feeds arbitrary bytes to Parse and Detect and checks that they do
// not panic, that every error names the file, and that every rule is where
// its group says.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{fixtures, "../../testdata/template/TKESG201", "../../testdata/template/TKESG402"} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range ents {
			if n := e.Name(); strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".json") {
				src, err := os.ReadFile(filepath.Join(dir, n))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(src)
			}
		}
	}
	f.Add([]byte(aliasBomb()))
	f.Add([]byte("Resources: {A: {Type: TencentCloud::VPC::VPC, Properties: {CidrBlock: !GetAtt A.CidrBlock}}}"))
	f.Add([]byte("Resources: {A: &a {Type: TencentCloud::VPC::SecurityGroup, Properties: {<<: *a}}}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		Detect(src)
		in, errs := Parse(t.Context(), File{Path: "fuzz.yaml", Src: src}, Options{Params: map[string]string{"P": "x"}})
		if in == nil {
			t.Fatal("nil input")
		}
		for _, e := range errs {
			if e.Range.Filename != "fuzz.yaml" {
				t.Errorf("error without the file name: %v", e)
			}
			if e.Summary == "internal error" {
				t.Errorf("recovered panic: %v", e)
			}
		}
		for _, sg := range in.SecurityGroups {
			if sg.Resource.Address == "" {
				t.Errorf("security group without an address: %+v", sg.Resource)
			}
			for _, d := range []model.Direction{model.Ingress, model.Egress} {
				l := sg.Rules(d)
				if (!l.Complete || !l.Ordered) && l.Why == "" {
					t.Errorf("%s %s: incomplete or unordered without a reason", sg.Resource.Address, d)
				}
				for _, r := range l.Rules {
					if r.Direction != d || r.Owner.Address == "" || r.Range.Filename == "" {
						t.Errorf("rule of %s: direction %v owner %q range %v", sg.Resource.Address, r.Direction, r.Owner.Address, r.Range)
					}
				}
			}
		}
		ParseParamFile(File{Path: "fuzz.yaml", Src: src})
	})
}
