package edit_test

import (
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/edit"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/template"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// parse reads one Terraform module or one template into a model, and
// returns it with the sources by name.
func parse(t *testing.T, name, src string) (in *model.Input, files map[string][]byte) {
	t.Helper()
	files = map[string][]byte{name: []byte(src)}
	if strings.HasSuffix(name, ".tf") {
		units, errs := terraform.ParseTree(t.Context(), []terraform.File{{Path: name, Src: []byte(src)}}, terraform.Options{})
		if len(errs) > 0 || len(units) != 1 {
			t.Fatalf("parse %s: %d units, errors %v", name, len(units), errs)
		}
		return units[0].Input, files
	}
	in, errs := template.Parse(t.Context(), template.File{Path: name, Src: []byte(src)}, template.Options{})
	if len(errs) > 0 {
		t.Fatalf("parse %s: %v", name, errs)
	}
	return in, files
}

// groupOf returns the security group whose address ends with name.
func groupOf(t *testing.T, in *model.Input, name string) *model.SecurityGroup {
	t.Helper()
	for _, sg := range in.SecurityGroups {
		if strings.HasSuffix(sg.Resource.Address, name) {
			return sg
		}
	}
	t.Fatalf("no security group %s", name)
	return nil
}

// ownersOf returns the resources that define rules of sg.
func ownersOf(in *model.Input, sg *model.SecurityGroup) []*model.RuleOwner {
	var out []*model.RuleOwner
	for _, o := range in.RuleOwners {
		if v, ok := o.SecurityGroup.Get(); ok {
			for _, ref := range sg.Refs() {
				if v == ref {
					out = append(out, o)
				}
			}
		}
	}
	return out
}

// accept is a new ACCEPT rule, as the requirements analyzer writes one.
func accept(d model.Direction, protocol, port, cidr, desc string) *model.Rule {
	w := func(v string) model.String { return model.WrittenValue(v, model.Range{}) }
	none := model.DefaultedValue("", model.Range{})
	return &model.Rule{
		Direction: d, Action: w("ACCEPT"), Protocol: w(protocol), Port: w(port), CIDR: w(cidr),
		IPv6CIDR: none, SecurityGroup: none, AddressTemplate: none, AddressTemplateGroup: none,
		ServiceTemplate: none, ServiceTemplateGroup: none, Description: w(desc),
		PolicyIndex: model.DefaultedValue(0, model.Range{}),
	}
}

// insertion returns the insertion of rules into direction d of group sg
// of in, above its rule at index before (-1: at the end).
func insertion(t *testing.T, in *model.Input, sg string, d model.Direction, before int, rules ...*model.Rule) model.Change {
	t.Helper()
	g := groupOf(t, in, sg)
	ins := &model.Insertion{Group: g, Direction: d, Rules: rules, Owners: ownersOf(in, g)}
	if before >= 0 {
		ins.Before = g.Rules(d).Rules[before]
	}
	return model.Change{Insert: ins}
}

const ruleSetTF = `resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/16"
    protocol    = "ALL"
    port        = "ALL"
    description = "the VPC"
  }

  # keep out DNS
  ingress {
    action      = "DROP"
    cidr_block  = "0.0.0.0/0"
    protocol    = "UDP"
    port        = "53"
    description = "no DNS"
  }
}
`

const liteTF = `resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_lite_rule" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id
  ingress = [
    "ACCEPT#10.0.0.0/16#ALL#ALL", # the VPC
    "DROP#0.0.0.0/0#53#UDP",
  ]
}
`

const legacyTF = `resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule" "vpc" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  cidr_ip           = "10.0.0.0/16"
  policy            = "ACCEPT"
  policy_index      = 0
}

# keep out DNS
resource "tencentcloud_security_group_rule" "no_dns" {
  security_group_id = tencentcloud_security_group.nodes.id
  type              = "ingress"
  cidr_ip           = "0.0.0.0/0"
  ip_protocol       = "UDP"
  port_range        = "53"
  policy            = "DROP"
  policy_index      = 1
}
`

const bareTF = `resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}
`

const blockYAML = `Resources:
  nodes:
    Type: TencentCloud::VPC::SecurityGroup
    Properties:
      SecurityGroupName: nodes
      SecurityGroupPolicySet:
        Ingress:
          - Protocol: ALL
            Port: ALL
            CidrBlock: 10.0.0.0/16
            Action: ACCEPT
          # keep out DNS
          - Protocol: UDP
            Port: "53"
            CidrBlock: 0.0.0.0/0
            Action: DROP
`

const bareYAML = `Resources:
  nodes:
    Type: TencentCloud::VPC::SecurityGroup
    Properties:
      SecurityGroupName: nodes
`

const templateJSON = `{
  "Resources": {
    "nodes": {
      "Type": "TencentCloud::VPC::SecurityGroup",
      "Properties": {
        "SecurityGroupName": "nodes",
        "SecurityGroupPolicySet": {
          "Ingress": [
            { "Protocol": "ALL", "Port": "ALL", "CidrBlock": "10.0.0.0/16", "Action": "ACCEPT" },
            { "Protocol": "UDP", "Port": "53", "CidrBlock": "0.0.0.0/0", "Action": "DROP" }
          ]
        }
      }
    }
  }
}
`

// TestWriteInsert writes one insertion in each form of rules, and checks
// the text it writes, the line it goes at, that every line that was there
// still is (comments too), and that the line ends are the file's.
func TestWriteInsert(t *testing.T) {
	dns := accept(model.Ingress, "UDP", "53", "172.16.0.0/16", "pods resolve names")
	pods := accept(model.Ingress, "ALL", "ALL", "172.16.0.0/16", "the pods")
	for _, tc := range []struct {
		name, file, src, sg string
		before              int
		rules               []*model.Rule
		// want is the text written, at line; renumbered are lines the
		// change rewrites, as they become.
		want       string
		line       int
		renumbered []string
	}{
		{
			name: "rule set, above a rule and its comment", file: "main.tf", src: ruleSetTF, sg: "nodes", before: 1, rules: []*model.Rule{dns},
			want: "  ingress {\n    action      = \"ACCEPT\"\n    cidr_block  = \"172.16.0.0/16\"\n    protocol    = \"UDP\"\n    port        = \"53\"\n    description = \"pods resolve names\"\n  }\n\n", line: 16,
		},
		{
			name: "rule set, at the end", file: "main.tf", src: ruleSetTF, sg: "nodes", before: -1, rules: []*model.Rule{pods},
			want: "\n  ingress {\n    action      = \"ACCEPT\"\n    cidr_block  = \"172.16.0.0/16\"\n    protocol    = \"ALL\"\n    port        = \"ALL\"\n    description = \"the pods\"\n  }\n}\n", line: 24,
		},
		{
			name: "lite rule, above a string", file: "main.tf", src: liteTF, sg: "nodes", before: 1, rules: []*model.Rule{dns},
			want: "    # pods resolve names\n    \"ACCEPT#172.16.0.0/16#53#UDP\",\n", line: 9,
		},
		{
			name: "legacy rules, renumbered below", file: "main.tf", src: legacyTF, sg: "nodes", before: 1, rules: []*model.Rule{dns},
			want: "resource \"tencentcloud_security_group_rule\" \"nodes_ingress_rule\" {\n", line: 13,
			renumbered: []string{"  policy_index      = 1\n  description       = \"pods resolve names\"\n}\n\n# keep out DNS\n", "  policy_index      = 2\n}\n"},
		},
		{
			name: "no rules yet: a new rule set", file: "main.tf", src: bareTF, sg: "nodes", before: -1, rules: []*model.Rule{pods},
			want: "resource \"tencentcloud_security_group_rule_set\" \"nodes\" {\n", line: 5,
		},
		{
			name: "YAML template, block style", file: "main.yaml", src: blockYAML, sg: "nodes", before: 1, rules: []*model.Rule{dns},
			want: "          - Protocol: UDP\n            Port: \"53\"\n            CidrBlock: 172.16.0.0/16\n            Action: ACCEPT\n            PolicyDescription: \"pods resolve names\"\n          # keep out DNS\n", line: 12,
		},
		{
			name: "YAML template without rules", file: "main.yaml", src: bareYAML, sg: "nodes", before: -1, rules: []*model.Rule{pods},
			want: "      SecurityGroupPolicySet:\n        Ingress:\n", line: 6,
		},
		{
			name: "JSON template, one policy a line", file: "main.json", src: templateJSON, sg: "nodes", before: 1, rules: []*model.Rule{dns},
			want: "            { \"Protocol\": \"UDP\", \"Port\": \"53\", \"CidrBlock\": \"172.16.0.0/16\", \"Action\": \"ACCEPT\", \"PolicyDescription\": \"pods resolve names\" },\n", line: 10,
		},
	} {
		for _, crlf := range []bool{false, true} {
			name := tc.name
			src := tc.src
			if crlf {
				name += ", CRLF"
				src = strings.ReplaceAll(src, "\n", "\r\n")
			}
			t.Run(name, func(t *testing.T) {
				in, files := parse(t, tc.file, src)
				res, err := edit.Write(insertion(t, in, tc.sg, model.Ingress, tc.before, tc.rules...), edit.Options{Files: files})
				if err != nil {
					t.Fatal(err)
				}
				got := string(res.Files[tc.file])
				if got == "" || res.Export {
					t.Fatalf("no edit of %s: %+v", tc.file, res)
				}
				if crlf && strings.Contains(strings.ReplaceAll(got, "\r\n", ""), "\n") {
					t.Errorf("lines end with LF only in a CRLF file:\n%q", got)
				}
				got = strings.ReplaceAll(got, "\r\n", "\n")
				lines := strings.SplitAfter(got, "\n")
				at := strings.Join(lines[min(tc.line-1, len(lines)):], "")
				if !strings.HasPrefix(at, tc.want) {
					t.Errorf("line %d starts %q, want %q; the file:\n%s", tc.line, firstLines(at, 3), tc.want, got)
				}
				for _, r := range tc.renumbered {
					if !strings.Contains(got, r) {
						t.Errorf("the file lacks %q:\n%s", r, got)
					}
				}
				// Every line that was there still is, in order, but for
				// the renumbered ones.
				rest := got
				for _, l := range strings.SplitAfter(tc.src, "\n") {
					if strings.Contains(l, "policy_index") && len(tc.renumbered) > 0 {
						continue
					}
					i := strings.Index(rest, l)
					if i < 0 {
						t.Fatalf("the edit lost the line %q:\n%s", l, got)
					}
					rest = rest[i+len(l):]
				}
			})
		}
	}
}

// firstLines returns the first n lines of s.
func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "")
}

// TestEditable tells the files fixes may edit from those they may not,
// and says why not.
func TestEditable(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		ok        bool
		why       string
	}{
		{"main.tf", "", true, ""},
		{"terraform.tfvars", "", true, ""},
		{"main.tf.json", "{}", true, ""},
		{"stack.yaml", "Resources: {}", true, ""},
		{"stack.json", `{"Resources": {"a": {"Type": "TencentCloud::VPC::SecurityGroup"}}}`, true, ""},
		{"plan.json", `{"planned_values": {}}`, false, "plan.json is a Terraform plan, made from the configuration: edit the .tf files instead"},
		{"bundle.json", `{"SecurityGroupSet": []}`, false, "bundle.json records the live account and is not edited"},
	} {
		ok, why := edit.Editable(tc.name, []byte(tc.src))
		if ok != tc.ok || !strings.HasPrefix(why, tc.why) {
			t.Errorf("Editable(%s) = %v, %q; want %v, %q…", tc.name, ok, why, tc.ok, tc.why)
		}
	}
}

// TestWriteNotWritten: a change that cannot be written says why, without
// the wrapping, and a change of nothing is refused.
func TestWriteNotWritten(t *testing.T) {
	in, files := parse(t, "main.tf", ruleSetTF)
	ch := insertion(t, in, "nodes", model.Ingress, 0, accept(model.Ingress, "ALL", "ALL", "172.16.0.0/16", "the pods"))
	delete(files, "main.tf")
	_, err := edit.Write(ch, edit.Options{Files: files})
	if err == nil || edit.Reason(err) != "main.tf was not read" {
		t.Errorf("a change of a file not read: %v", err)
	}
	if _, err := edit.Write(model.Change{}, edit.Options{}); err == nil || edit.Reason(err) != "the change is empty" {
		t.Errorf("an empty change: %v", err)
	}
}

// TestWriteDynamicEmptyList: a dynamic block over a variable whose default
// is an empty list has no element to write a new one like; the edit is
// not written, and says why, instead of crashing every lint that proves
// its fixes.
func TestWriteDynamicEmptyList(t *testing.T) {
	const src = `variable "ingress" {
  type    = list(object({ cidr = string, protocol = string, port = string, action = string }))
  default = []
}

resource "tencentcloud_security_group" "nodes" {
  name = "nodes"
}

resource "tencentcloud_security_group_rule_set" "nodes" {
  security_group_id = tencentcloud_security_group.nodes.id

  dynamic "ingress" {
    for_each = var.ingress
    content {
      action     = ingress.value.action
      cidr_block = ingress.value.cidr
      protocol   = ingress.value.protocol
      port       = ingress.value.port
    }
  }
}
`
	in, files := parse(t, "main.tf", src)
	ch := insertion(t, in, "nodes", model.Ingress, -1, accept(model.Ingress, "TCP", "30000-32768", "0.0.0.0/0", ""))
	_, err := edit.Write(ch, edit.Options{Files: files})
	if want := "the default of var.ingress (main.tf:3) is empty: no element shows how to write a new one; add ACCEPT TCP 30000-32768 0.0.0.0/0 to the collection the dynamic block iterates over"; err == nil || !strings.HasPrefix(edit.Reason(err), want) {
		t.Errorf("Write = %v, want a reason that starts %q", err, want)
	}
}
