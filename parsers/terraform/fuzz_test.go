package terraform

import (
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// FuzzParseModule feeds arbitrary bytes, as a .tf file next to a .tf.json
// file, and checks that ParseModule does not panic and that every error
// names a file.
func FuzzParseModule(f *testing.F) {
	for _, name := range fixtureNames(f) {
		files := loadModule(f, name)
		for _, file := range files {
			f.Add(file.Src, []byte(`{}`))
		}
	}
	f.Add([]byte(`resource "tencentcloud_security_group_lite_rule" "x" { ingress = ["A#B#C#D", "#", ""] }`), []byte(`{"resource": 1}`))
	f.Add([]byte(`locals { a = local.a }`), []byte(`{"locals": {"b": "${local.b}"}}`))
	f.Fuzz(func(t *testing.T, tf, js []byte) {
		files := []File{{Path: "fuzz/main.tf", Src: tf}, {Path: "fuzz/main.tf.json", Src: js}}
		in, errs := ParseModule(t.Context(), files, Options{Variables: map[string]string{"x": "y"}})
		if in == nil {
			t.Fatal("nil input")
		}
		for _, e := range errs {
			if e.Range.Filename == "" {
				t.Errorf("error without a file name: %v", e)
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
				for i, r := range sg.Rules(d).Rules {
					if r.Direction != d || r.Owner.Address == "" || r.Range.Filename == "" {
						t.Errorf("rule %d of %s: direction %v owner %q range %v", i, sg.Resource.Address, r.Direction, r.Owner.Address, r.Range)
					}
				}
			}
		}
	})
}
