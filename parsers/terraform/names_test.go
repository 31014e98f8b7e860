package terraform

import "testing"

func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		name            string
		kind            FileKind
		config, mayPlan bool
	}{
		{"main.tf", ConfigHCL, true, false},
		{"envs/prod/main.tf.json", ConfigJSON, true, false},
		{"terraform.tfvars", VariablesHCL, false, false},
		{"prod.auto.tfvars.json", VariablesJSON, false, false},
		{"plan.json", NotTerraform, false, true},
		{"main.tf.bak", NotTerraform, false, false},
		{"template.yaml", NotTerraform, false, false},
	} {
		k := KindOf(tc.name)
		if k != tc.kind || k.Config() != tc.config || k.InModule() != (tc.kind != NotTerraform) || MayBePlan(tc.name) != tc.mayPlan {
			t.Errorf("%s: kind %d config %v in module %v may be a plan %v", tc.name, k, k.Config(), k.InModule(), MayBePlan(tc.name))
		}
	}
}
