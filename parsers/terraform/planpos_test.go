package terraform

import (
	"testing"
)

// TestPlanColumnsCountCharacters: `terraform show -json` writes a plan on
// one line, so a value's column follows every string before it; columns
// count characters, as they do in .tf files and exports, not bytes (the
// reader gives both; the model keeps characters).
func TestPlanColumnsCountCharacters(t *testing.T) {
	const plan = `{"format_version":"1.2","planned_values":{"root_module":{"resources":[` +
		`{"address":"tencentcloud_security_group.sg","mode":"managed","type":"tencentcloud_security_group","name":"sg",` +
		`"values":{"description":"节点安全组","name":"web"}}]}},"configuration":{"root_module":{}}}`
	units, errs := ParseTree(t.Context(), []File{{Path: "plan.json", Src: []byte(plan)}}, Options{})
	noErrors(t, errs)
	if len(units) != 1 {
		t.Fatalf("%d units", len(units))
	}
	sg := findSG(t, units[0].Input, "tencentcloud_security_group.sg")
	// "web" is the 3-byte-per-character description's 5 characters (15
	// bytes) past where a byte count would put it.
	want := len([]rune(plan[:len(plan)-len(`"web"}}]}},"configuration":{"root_module":{}}}`)])) + 1
	if got := sg.Name.Range().Start; got.Line != 1 || got.Column != want {
		t.Errorf("name at %d:%d, want 1:%d", got.Line, got.Column, want)
	}
}
