package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/tkesglint/tkesglint/parsers/internal/jsonpos"
)

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want bool
	}{
		{"wrapped", `{"Response": {"SecurityGroupPolicySet": {"Ingress": []}, "RequestId": "x"}}`, true},
		{"bare policies", `{"SecurityGroupPolicySet": {"Version": "0", "Ingress": [], "Egress": []}, "RequestId": "x"}`, true},
		{"bare groups", `{"TotalCount": 0, "SecurityGroupSet": []}`, true},
		{"bare instances", `{"TotalCount": 1, "InstanceSet": [{"InstanceId": "ins-1"}], "RequestId": "r"}`, true},
		{"bare clusters", `{"Clusters": [], "TotalCount": 0, "RequestId": "r"}`, true},
		{"bare endpoints", `{"SecurityGroup": "sg-1a2b3c4d", "ClusterExternalEndpoint": "1.2.3.4", "RequestId": "r"}`, true},
		{"error", `{"Error": {"Code": "AuthFailure", "Message": "x"}, "RequestId": "r"}`, true},
		{"bundle", `{"DescribeSecurityGroups": {"SecurityGroupSet": []}}`, true},
		{"bundle with BOM", "\ufeff" + `{"DescribeVpcs": {}}`, true},
		{"package.json", `{"name": "web", "version": "1.0.0", "scripts": {"build": "tsc"}, "dependencies": {"react": "^18.0.0"}}`, false},
		{"tsconfig.json", "{\n  // comments make it invalid JSON\n  \"compilerOptions\": {\"strict\": true}\n}", false},
		{"terraform plan", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "tencentcloud_security_group", "values": {"name": "Response"}}]}}, "configuration": {"root_module": {}}}`, false},
		{"template", `{"Resources": {"SG": {"Type": "TencentCloud::VPC::SecurityGroup", "Properties": {"SecurityGroupName": "x", "SecurityGroupPolicySet": {"Ingress": []}}}}}`, false},
		{"instances without metadata", `{"InstanceSet": []}`, false},
		{"array", `[{"Response": {}}]`, false},
		{"string", `"Response"`, false},
		{"empty object", `{}`, false},
		{"Describe alone", `{"Describe": 1}`, false},
		{"nested keys only", `{"data": {"SecurityGroupPolicySet": {}}}`, false},
		{"broken export", `{"SecurityGroupPolicySet": {"Ingress": [}`, true},
		{"broken wrapped", `{"Response": {`, true},
		{"broken bundle", "{\"DescribeInstances\" :\n {", true},
		{"broken other", `{"name": "x",`, false},
		{"broken template", `{"Resources": {"A": {"Type": "TencentCloud::VPC::VPC", "Properties": {"Response": 1}}`, false},
		{"helm", `{{- if .Values.x }}{"a": "DescribeThings"}{{ end }}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Detect([]byte(tc.src)); got != tc.want {
				t.Errorf("Detect = %v, want %v", got, tc.want)
			}
			if _, _, got := ParseIfExport(t.Context(), File{Path: "f.json", Src: []byte(tc.src)}, 0); got != tc.want {
				t.Errorf("ParseIfExport says %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTopKeys(t *testing.T) {
	keys, ok := topKeys([]byte(` { "a\"b" : {"x": [1, {"y": "}"}]}, "c": 1.5e3 , "d": "]", "e\u0041": null, "f": [] } `))
	equal(t, "ok", ok, true)
	equal(t, "keys", keys, []string{`a"b`, "c", "d", "eA", "f"})
}

// detectByDefinition is Detect as its comment defines it: the top-level
// keys of valid JSON decide, the text's look decides for other text.
func detectByDefinition(src []byte) bool {
	text, _ := jsonpos.DecodeText(src)
	if !json.Valid(text) {
		return looksLikeExport(text)
	}
	return keysOfExport(text)
}

// TestDetectValidatesOnlyWhenItMatters checks Detect, which validates the
// text only when the keys and the look disagree, against its definition
// on soups of JSON tokens, valid or not, and ParseIfExport, which tells
// from what it parsed, likewise.
func TestDetectValidatesOnlyWhenItMatters(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		toks := rapid.SliceOf(rapid.SampledFrom([]string{
			"{", "}", "[", "]", ",", ":", " ", "\n", `"`, `\`, "1", "null", `"Response"`, `"DescribeVpcs"`, `"Describe"`,
			`"SecurityGroupPolicySet"`, `"planned_values"`, `"configuration"`, `"Resources"`, `"TencentCloud::VPC"`,
			`"RequestId"`, `"TotalCount"`, `"InstanceSet"`, `"name"`, `"a\"b"`, "x",
		})).Draw(t, "tokens")
		src := []byte(strings.Join(toks, ""))
		want := detectByDefinition(src)
		if got := Detect(src); got != want {
			t.Fatalf("Detect(%s) = %v, its definition says %v", src, got, want)
		}
		if _, _, got := ParseIfExport(t.Context(), File{Path: "f.json", Src: src}, 0); got != want {
			t.Fatalf("ParseIfExport(%s) says %v, Detect's definition %v", src, got, want)
		}
	})
}

// TestContainsAround checks the search for a pattern around its rare byte
// against bytes.Contains, with the pattern at the edges of the text,
// overlapping itself and cut short.
func TestContainsAround(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		parts := rapid.SliceOf(rapid.SampledFrom([]string{"T", "Tencent", "Cloud", ":", "::", "TencentCloud:", "\"planned", "_values\"", "_", "\"", " "})).Draw(t, "parts")
		text := []byte(strings.Join(parts, ""))
		for _, c := range []struct {
			pat   string
			pivot int
		}{{"TencentCloud::", len("TencentCloud")}, {`"planned_values"`, len(`"planned`)}} {
			if got, want := containsAround(text, c.pat, c.pivot), bytes.Contains(text, []byte(c.pat)); got != want {
				t.Fatalf("containsAround(%q, %q) = %v, want %v", text, c.pat, got, want)
			}
		}
	})
}
