package template

import (
	"os"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"template", "Resources:\n  A: { Type: TencentCloud::VPC::VPC }\n", true},
		{"json template", `{"Resources": {"A": {"Type": "TencentCloud::VPC::VPC"}}}`, true},
		{"aliased resource", "x: &r { Type: TencentCloud::VPC::VPC }\nResources: { A: *r }\n", true},
		{"broken with marker", "Resources:\n  A: { Type: TencentCloud::VPC::VPC\n", true},
		{"kubernetes manifest", "apiVersion: v1\nkind: ConfigMap\ndata: { note: \"TencentCloud::VPC::VPC\" }\n", false},
		{"aws template", "Resources:\n  A: { Type: AWS::EC2::VPC }\n", false},
		{"helm template", "{{ if .Values.x }}\nfoo: {{ .Values.y }}\n", false},
		{"export", `{"Response": {"SecurityGroupPolicySet": {"Ingress": []}}}`, false},
		{"resources is a list", "Resources: [TencentCloud::VPC::VPC]\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.src)); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseParamFile(t *testing.T) {
	params, errs := ParseParamFile(File{Path: "p.yaml", Src: []byte("A: x\nB: 10\nC: [a, b]\nD: true\n")})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string]string{"A": "x", "B": "10", "C": "a,b", "D": "true"}
	for k, v := range want {
		if params[k] != v {
			t.Errorf("%s = %q, want %q", k, params[k], v)
		}
	}
	_, errs = ParseParamFile(File{Path: "p.json", Src: []byte("{\n  \"A\": {\"x\": 1},\n  \"B\": null,\n  \"A\": \"y\"\n}")})
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	wantErrs := []string{"p.json:2:8: incorrect value type", "p.json:3:8: incorrect value type", "p.json:4:3: duplicate key"}
	if len(got) != len(wantErrs) {
		t.Fatalf("errors:\n%s", strings.Join(got, "\n"))
	}
	for i, w := range wantErrs {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("error %d = %q, want %q", i, got[i], w)
		}
	}
	if _, errs := ParseParamFile(File{Path: "p.yaml", Src: []byte("- a\n")}); len(errs) != 1 || !strings.Contains(errs[0].Error(), "p.yaml:1:1: invalid parameter file") {
		t.Errorf("a list: %v", errs)
	}
}

// TestForms checks that each intrinsic function gives the same value in its
// short form, its long form and in JSON.
func TestForms(t *testing.T) {
	const head = "Parameters: { P: { Type: String, Default: 10.0.0.0/16 }, L: { Type: CommaDelimitedList, Default: \"a,b\" } }\n" +
		"Conditions: { C: !Equals [!Ref P, 10.0.0.0/16] }\n"
	tests := []struct {
		name, short, long, json, want string
	}{
		{"Ref", "!Ref P", "{ Ref: P }", `{"Ref": "P"}`, "10.0.0.0/16"},
		{"GetAtt", "!GetAtt V.CidrBlock", "{ \"Fn::GetAtt\": [V, CidrBlock] }", `{"Fn::GetAtt": ["V", "CidrBlock"]}`, "10.9.0.0/16"},
		{"Sub", "!Sub \"${P}-${V}-${V.CidrBlock}\"", "{ \"Fn::Sub\": \"${P}-${V}-${V.CidrBlock}\" }", `{"Fn::Sub": "${P}-${V}-${V.CidrBlock}"}`, "10.0.0.0/16-V-10.9.0.0/16"},
		{"Join", "!Join [\"-\", !Ref L]", "{ \"Fn::Join\": [\"-\", { Ref: L }] }", `{"Fn::Join": ["-", {"Ref": "L"}]}`, "a-b"},
		{"Select", "!Select [1, !Ref L]", "{ \"Fn::Select\": [\"1\", { Ref: L }] }", `{"Fn::Select": ["1", {"Ref": "L"}]}`, "b"},
		{"Split", "!Select [0, !Split [/, !Ref P]]", "{ \"Fn::Select\": [0, { \"Fn::Split\": [/, { Ref: P }] }] }", `{"Fn::Select": [0, {"Fn::Split": ["/", {"Ref": "P"}]}]}`, "10.0.0.0"},
		{"If", "!If [C, yes, no]", "{ \"Fn::If\": [C, yes, no] }", `{"Fn::If": ["C", "yes", "no"]}`, "yes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for form, expr := range map[string]string{"short": tt.short, "long": tt.long, "json": tt.json} {
				src := head + "Resources:\n  V: { Type: TencentCloud::VPC::VPC, Properties: { CidrBlock: 10.9.0.0/16 } }\n" +
					"  S: { Type: TencentCloud::VPC::SecurityGroup, Properties: { SecurityGroupName: " + expr + " } }\n"
				in, errs := Parse(t.Context(), File{Path: "f.yaml", Src: []byte(src)}, Options{})
				if len(errs) > 0 {
					t.Fatalf("%s: %v", form, errs)
				}
				name := in.SecurityGroups[0].Name
				if name.State() != model.Written || name.Value() != tt.want {
					t.Errorf("%s: %s %q, want written %q", form, name.State(), name.Value(), tt.want)
				}
				// The value points into the expression: at the function, or at
				// the element that Fn::Select or Fn::If chose.
				if r := name.Range(); r.Start.Line != 5 || r.Start.Column < 81 {
					t.Errorf("%s: at %s, want f.yaml:5:81 or later on that line", form, r)
				}
			}
		})
	}
}

// TestParamsOverride checks that --param wins over Default, and that a
// parameter without either is unresolved with a reason that names it.
func TestParamsOverride(t *testing.T) {
	src := "Parameters: { A: { Type: String, Default: x }, B: { Type: String } }\n" +
		"Resources:\n  S: { Type: TencentCloud::VPC::SecurityGroup, Properties: { SecurityGroupName: !Ref A, SecurityGroupDesc: !Ref B } }\n"
	in, errs := Parse(t.Context(), File{Path: "f.yaml", Src: []byte(src)}, Options{Params: map[string]string{"A": "given"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	sg := in.SecurityGroups[0]
	if sg.Name.Value() != "given" || !sg.Name.IsWritten() {
		t.Errorf("name = %s %q, want written \"given\"", sg.Name.State(), sg.Name.Value())
	}
	if sg.Description.State() != model.Unresolved || !strings.Contains(sg.Description.Reason(), "parameter B has no value") {
		t.Errorf("description = %s %q, want unresolved naming parameter B", sg.Description.State(), sg.Description.Reason())
	}
	if got := sg.Description.Range().String(); got != "f.yaml:3:108" {
		t.Errorf("description at %s, want f.yaml:3:108", got)
	}
}

// TestExample parses the template of examples/template without error.
func TestExample(t *testing.T) {
	src, err := os.ReadFile("../../examples/template/template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !Detect(src) {
		t.Fatal("the example is not detected as a template")
	}
	in, errs := Parse(t.Context(), File{Path: "template.yaml", Src: src}, Options{Params: map[string]string{"Env": "staging"}})
	for _, e := range errs {
		t.Error(e)
	}
	if len(in.SecurityGroups) != 2 || len(in.Clusters) != 1 || len(in.Clusters[0].NodeGroups) != 1 {
		t.Errorf("got %d groups and %d clusters", len(in.SecurityGroups), len(in.Clusters))
	}
	if v := in.Clusters[0].Endpoint.Internet; !v.Value() || !v.IsWritten() {
		t.Errorf("with Env=staging the endpoint is public, got %v %s", v.Value(), v.State())
	}
}
