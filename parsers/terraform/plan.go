package terraform

import (
	"bytes"
	"encoding/json"
)

// planFile is the part of `terraform show -json` that tkesglint reads.
type planFile struct {
	PlannedValues struct {
		RootModule planModule `json:"root_module"`
	} `json:"planned_values"`
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			AfterUnknown json.RawMessage `json:"after_unknown"`
		} `json:"change"`
	} `json:"resource_changes"`
	Configuration struct {
		RootModule confModule `json:"root_module"`
	} `json:"configuration"`
}

// planModule is one module instance of planned_values.
type planModule struct {
	Address      string       `json:"address"`
	Resources    []planValues `json:"resources"`
	ChildModules []planModule `json:"child_modules"`
}

// planValues is one resource instance of planned_values.
type planValues struct {
	Address string          `json:"address"`
	Mode    string          `json:"mode"`
	Type    string          `json:"type"`
	Name    string          `json:"name"`
	Index   json.RawMessage `json:"index"`
	Values  json.RawMessage `json:"values"`
}

// confModule is one module of the configuration: expressions as written,
// with the references they make.
type confModule struct {
	Resources   []confResource       `json:"resources"`
	ModuleCalls map[string]*confCall `json:"module_calls"`
	Outputs     map[string]struct {
		Expression json.RawMessage `json:"expression"`
	} `json:"outputs"`
}

type confResource struct {
	Address     string                     `json:"address"`
	Mode        string                     `json:"mode"`
	Expressions map[string]json.RawMessage `json:"expressions"`
}

type confCall struct {
	Source      string                     `json:"source"`
	Expressions map[string]json.RawMessage `json:"expressions"`
	Module      confModule                 `json:"module"`
}

// confExpr is one expression of the configuration.
type confExpr struct {
	ConstantValue json.RawMessage `json:"constant_value"`
	References    []string        `json:"references"`
}

// IsPlan reports whether src is a Terraform plan in JSON (the output of
// `terraform show -json`): an object with planned_values and
// configuration at the top level.
func IsPlan(src []byte) bool {
	if !bytes.Contains(src, []byte(`"planned_values"`)) || !bytes.Contains(src, []byte(`"configuration"`)) {
		return false
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(src, &top) != nil {
		return false
	}
	_, pv := top["planned_values"]
	_, conf := top["configuration"]
	return pv && conf
}
