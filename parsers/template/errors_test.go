package template

import (
	"strings"
	"testing"
)

// TestErrors checks that each malformed template gives its error at its
// line and column, and nothing else.
func TestErrors(t *testing.T) {
	const sg = "Resources:\n  SG:\n    Type: TencentCloud::VPC::SecurityGroup\n"
	tests := []struct {
		name string
		src  string
		want []string // "line:col: summary" prefixes, in order
	}{
		{"unknown top-level key", "Resource: {}\nResources:\n  SG: { Type: TencentCloud::VPC::SecurityGroup }\n",
			[]string{"1:1: unknown top-level key"}},
		{"unknown property", sg + "    Properties:\n      SecurityGroupNmae: x\n",
			[]string{"5:7: unknown property"}},
		{"unknown policy field", sg + "    Properties:\n      SecurityGroupPolicySet:\n        Ingress:\n          - { Action: ACCEPT, CidrBlock: 10.0.0.0/8, Ports: \"22\" }\n",
			[]string{"7:54: unknown property"}},
		{"unknown resource attribute", sg + "    DeletionPolicy: Retain\n",
			[]string{"4:5: unknown resource attribute"}},
		{"ref to nothing", sg + "    Properties:\n      SecurityGroupName: !Ref Nope\n",
			[]string{"5:26: reference to nothing"}},
		{"long ref to nothing", sg + "    Properties:\n      SecurityGroupName: { Ref: Nope }\n",
			[]string{"5:33: reference to nothing"}},
		{"getatt to nothing", sg + "    Properties:\n      SecurityGroupName: !GetAtt Nope.CidrBlock\n",
			[]string{"5:26: reference to nothing"}},
		{"getatt unknown attribute", sg + "    Properties:\n      SecurityGroupName: !GetAtt SG.Cidr\n",
			[]string{"5:26: unknown attribute"}},
		{"condition to nothing", sg + "    Properties:\n      SecurityGroupName: !If [Nope, a, b]\n",
			[]string{"5:31: reference to nothing"}},
		{"resource condition to nothing", sg + "    Condition: Nope\n",
			[]string{"4:16: reference to nothing"}},
		{"depends on nothing", sg + "    DependsOn: [Nope]\n",
			[]string{"4:17: reference to nothing"}},
		{"wrong type string", sg + "    Properties:\n      SecurityGroupName: [a, b]\n",
			[]string{"5:26: incorrect value type"}},
		{"wrong type list", "Resources:\n  I:\n    Type: TencentCloud::CVM::Instance\n    Properties:\n      SecurityGroupIds: sg-1\n",
			[]string{"5:25: incorrect value type"}},
		{"wrong type bool", "Resources:\n  C:\n    Type: TencentCloud::TKE::Cluster\n    Properties:\n      Endpoint: { Internet: maybe }\n",
			[]string{"5:29: incorrect value type"}},
		{"wrong type policies", sg + "    Properties:\n      SecurityGroupPolicySet: { Ingress: { Action: ACCEPT } }\n",
			[]string{"5:42: incorrect value type"}},
		{"wrong type properties", sg + "    Properties: [a]\n",
			[]string{"4:17: incorrect value type"}},
		{"duplicate key", sg + "    Properties:\n      SecurityGroupName: a\n      SecurityGroupName: b\n",
			[]string{"6:7: duplicate key"}},
		{"duplicate key in flow", sg + "    Properties: { SecurityGroupPolicySet: { Ingress: [{ Action: ACCEPT, Action: DROP }] } }\n",
			[]string{"4:73: duplicate key"}},
		{"duplicate resource", sg + "  SG:\n    Type: TencentCloud::VPC::SecurityGroup\n",
			[]string{"4:3: duplicate key"}},
		{"parameter cycle", "Parameters:\n  A: { Type: String, Default: !Ref B }\n  B: { Type: String, Default: !Ref A }\n" + sg + "    Properties: { SecurityGroupName: !Ref A }\n",
			[]string{"3:31: dependency cycle"}},
		{"condition cycle", "Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\n" + sg + "    Condition: A\n",
			[]string{"3:12: dependency cycle"}},
		{"getatt cycle", "Resources:\n  V:\n    Type: TencentCloud::VPC::VPC\n    Properties:\n      CidrBlock: !GetAtt V.AssistantCidrs\n      AssistantCidrs: !GetAtt V.CidrBlock\n",
			[]string{"5:18: dependency cycle"}},
		{"invalid utf8", "Resources:\n  SG:\n    Type: TencentCloud::VPC::SecurityGroup\n    Properties: { SecurityGroupName: \"a\xffb\" }\n",
			[]string{"4:40: invalid UTF-8"}},
		{"syntax error", "Resources:\n  SG:\n    Type: TencentCloud::VPC::SecurityGroup\n   Properties: {\n",
			[]string{"invalid YAML syntax"}},
		{"unclosed flow list", sg + "    Properties:\n      SecurityGroupName: a\n      Tags: [x, y\n      Foo: bar\n",
			[]string{"6:7: invalid YAML syntax"}},
		{"bad indentation", sg + " x: 1\n",
			[]string{"4:2: invalid YAML syntax"}},
		{"unclosed quote", "Resources:\n  SG:\n    Type: \"TencentCloud::VPC::SecurityGroup\n",
			[]string{"3:5: invalid YAML syntax"}},
		{"deep nesting", "Resources:\n  SG:\n    Type: TencentCloud::VPC::SecurityGroup\n    Metadata: " + strings.Repeat("[", 150) + strings.Repeat("]", 150) + "\n",
			[]string{"nested too deeply"}},
		{"alias bomb", aliasBomb(), []string{"too complex"}},
		{"unknown tag", sg + "    Properties: { SecurityGroupName: !Reference X }\n",
			[]string{"4:38: unknown tag"}},
		{"unknown function", sg + "    Properties: { SecurityGroupName: { \"Fn::Base64\": x } }\n",
			[]string{"4:38: unknown intrinsic function"}},
		{"select out of range", sg + "    Properties: { SecurityGroupName: !Select [2, [a, b]] }\n",
			[]string{"4:47: invalid Fn::Select"}},
		{"missing type", "Resources:\n  SG:\n    Properties: {}\n",
			[]string{"2:3: missing Type"}},
		{"no resources", "Description: x\n", []string{"1:1: no Resources"}},
		{"policy set without group", "Resources:\n  P:\n    Type: TencentCloud::VPC::SecurityGroupPolicySet\n    Properties: { Ingress: [] }\n",
			[]string{"4:17: missing property"}},
		{"reference of the wrong type", "Resources:\n  V: { Type: TencentCloud::VPC::VPC }\n  I:\n    Type: TencentCloud::CVM::Instance\n    Properties: { SecurityGroupIds: [!Ref V] }\n",
			[]string{"5:38: incorrect reference"}},
		{"two documents", sg + "---\nResources: {}\n", []string{"more than one document"}},
		{"top level list", "- TencentCloud::VPC::VPC\n", []string{"1:1: invalid template"}},
		{"misplaced condition function", sg + "    Properties: { SecurityGroupName: !Equals [a, b] }\n",
			[]string{"4:38: misplaced condition function"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Parse(t.Context(), File{Path: "t.yaml", Src: []byte(tt.src)}, Options{})
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("error %d = %q, want it to contain %q", i, got[i], w)
				}
				if !strings.HasPrefix(got[i], "t.yaml:") {
					t.Errorf("error %d = %q has no file:line:col", i, got[i])
				}
			}
		})
	}
}

// aliasBomb builds a billion-laughs document: ten levels of ten aliases.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("Metadata:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		prev := "*l" + string(rune('0'+i-1))
		b.WriteString("  l" + string(rune('0'+i)) + ": &l" + string(rune('0'+i)) + " [")
		b.WriteString(strings.Repeat(prev+", ", 9) + prev + "]\n")
	}
	b.WriteString("Resources:\n  SG:\n    Type: TencentCloud::VPC::SecurityGroup\n    Properties:\n      Tags: *l9\n")
	return b.String()
}

// TestJSONSyntax: a .json template is held to JSON's grammar (YAML would
// take a trailing comma), with the error at its line and column.
func TestJSONSyntax(t *testing.T) {
	tests := []struct{ src, want string }{
		{"{\"Resources\": {\n  \"SG\": {\"Type\": \"TencentCloud::VPC::SecurityGroup\",}\n}}\n", "2:53: invalid JSON syntax"},
		{"{\"Resources\": {\n  \"SG\": {\"Type\": \"TencentCloud::VPC::SecurityGroup\"} @@@\n}}\n", "2:54: invalid JSON syntax"},
		{"{\"Resources\": {\n  \"SG\": {\"Type\": \"TencentCloud::", "2:33: invalid JSON syntax"},
	}
	for _, tt := range tests {
		_, errs := Parse(t.Context(), File{Path: "t.json", Src: []byte(tt.src)}, Options{})
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "t.json:"+tt.want) {
			t.Errorf("%q: errors %v, want t.json:%s", tt.src, errs, tt.want)
		}
	}
	if _, errs := Parse(t.Context(), File{Path: "t.json", Src: []byte(`{"Resources": {"SG": {"Type": "TencentCloud::VPC::SecurityGroup"}}}`)}, Options{}); len(errs) > 0 {
		t.Errorf("valid JSON: %v", errs)
	}
}
