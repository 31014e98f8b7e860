package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestActionFlags: the Action runs tkesglint with flags the command line
// knows, passes the SARIF level its input names (warning by default: what
// code scanning gets is what should be an alert), and every input the steps
// use is declared.
func TestActionFlags(t *testing.T) {
	action := readAction(t)
	known := map[string]bool{}
	for _, g := range []flagGroup{lintFlags(), clusterFlagGroup()} {
		for _, d := range g.flags {
			known[d.name] = true
		}
	}
	ran := false
	for _, step := range action.Runs.Steps {
		if step.ID != "run" {
			continue
		}
		ran = true
		for _, m := range regexp.MustCompile(`(?:^|\s)--([a-z][a-z-]*)`).FindAllStringSubmatch(step.Run, -1) {
			if !known[m[1]] {
				t.Errorf("the action passes --%s, which tkesglint does not know", m[1])
			}
		}
		if step.Env["TKESGLINT_SARIF_LEVEL"] != "${{ inputs.sarif-level }}" || !regexp.MustCompile(`--sarif-level "\$TKESGLINT_SARIF_LEVEL"`).MatchString(step.Run) {
			t.Errorf("the run step does not pass the sarif-level input:\n%s", step.Run)
		}
	}
	if !ran {
		t.Fatal("action.yml has no step with id run")
	}
	if in, ok := action.Inputs["sarif-level"]; !ok || in.Default != "warning" {
		t.Errorf("the sarif-level input is missing or its default is not warning: %+v", in)
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(string(src), -1) {
		if _, ok := action.Inputs[m[1]]; !ok {
			t.Errorf("action.yml uses the undeclared input %s", m[1])
		}
	}
}

// actionFile is the part of action.yml the tests read.
type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Steps []struct {
			ID  string            `yaml:"id"`
			Run string            `yaml:"run"`
			Env map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// readAction reads the repository's action.yml.
func readAction(t *testing.T) actionFile {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action actionFile
	if err := yaml.Unmarshal(src, &action); err != nil {
		t.Fatal(err)
	}
	return action
}
