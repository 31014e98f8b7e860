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
	if !containsAt(src, `"planned_values"`, len(`"planned`)) || !bytes.Contains(src, []byte(`"configuration"`)) {
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

// containsAt is bytes.Contains(text, []byte(pat)), looking for pat around
// each occurrence of its byte at pivot. An export of a hundred megabytes is
// not a plan: its `"` are everywhere, its `_` nearly nowhere, and finding
// the rare byte is several times faster than bytes.Contains. Should the
// pivot be frequent after all, the rest is left to bytes.Contains.
func containsAt(text []byte, pat string, pivot int) bool {
	c := pat[pivot]
	misses := 0
	for i := pivot; i < len(text); i++ {
		j := bytes.IndexByte(text[i:], c)
		if j < 0 {
			return false
		}
		i += j
		start := i - pivot
		if start+len(pat) <= len(text) && string(text[start:start+len(pat)]) == pat {
			return true
		}
		// bytes.Index's own cutover: one miss in 16 bytes or more.
		misses++
		if misses > 4+(i>>4) {
			return bytes.Contains(text[start:], []byte(pat))
		}
	}
	return false
}
