package rulesets

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/parsers/inputs"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// The deep fixtures (testdata/terraform/deep) exercise the Terraform parser:
// modules, loops, variables, plans. The tests below run the real checks on
// what it reads, end to end; parsers/terraform tests the models.

const deepFixtures = "../testdata/terraform/deep"

// singleSGChecks are the checks every deep fixture is annotated for.
func singleSGChecks() []string {
	return []string{"TKESG201", "TKESG202", "TKESG203", "TKESG204", "TKESG205", "TKESG401", "TKESG402", "TKESG403", "TKESG404", "TKESG405"}
}

// loadDeep reads a deep fixture as the command line reads a folder: every
// .tf, .json and .tfvars file, with the variable sources a command line
// would give for some of them.
func loadDeep(tb testing.TB, name string) analysistest.LoadFunc {
	tb.Helper()
	return analysistest.ReadDir(analysistest.ReadOptions{
		Accept: func(n string) bool { return hasSuffix(n, ".tf", ".json", ".tfvars") },
		Inputs: deepOptions(tb, name),
	})
}

// deepOptions are the options some fixtures need: the variable sources
// that a command line would give.
func deepOptions(tb testing.TB, name string) inputs.Options {
	tb.Helper()
	if name != "variables" {
		return inputs.Options{}
	}
	dir := filepath.Join(deepFixtures, name)
	src, err := os.ReadFile(filepath.Join(dir, "extra", "prod.tfvars"))
	if err != nil {
		tb.Fatal(err)
	}
	return inputs.Options{Terraform: terraform.Options{
		VarFiles:  []terraform.File{{Path: filepath.ToSlash(filepath.Join(dir, "extra", "prod.tfvars")), Src: src}},
		Variables: map[string]string{"from_cli": "0.0.0.0/0"},
		Getenv: func(k string) string {
			return map[string]string{"TF_VAR_from_env": "0.0.0.0/0", "TF_VAR_env_then_tfvars": "0.0.0.0/0"}[k]
		},
	}}
}

// TestDeepFindings runs the real single-SG checks over every deep fixture:
// a finding must come out on each line annotated with `# want`, through
// modules, loops, variables and plans, and nowhere else.
func TestDeepFindings(t *testing.T) {
	ents, err := os.ReadDir(deepFixtures)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		checks := singleSGChecks()
		if strings.HasPrefix(name, "cluster") {
			checks = nil // the cluster fixtures are annotated for every check
		}
		analysistest.Run(t, deepFixtures, All(Options{}), checks, loadDeep(t, name), name)
		ran++
	}
	if ran == 0 {
		t.Fatal("found no fixtures")
	}
}

// deepFindings returns the findings of check id in a deep fixture.
func deepFindings(t *testing.T, name, id string) []checker.Finding {
	t.Helper()
	units, errs := loadDeep(t, name)(t.Context(), filepath.Join(deepFixtures, name))
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	var out []checker.Finding
	for _, d := range analysistest.Findings(t, All(Options{}), units...) {
		if d.Check.ID == id {
			out = append(out, d)
		}
	}
	return out
}

// TestClusterModuleCallChain: the DNS finding inside the node-sg module
// carries the module call as its call chain, so outputs can show it.
func TestClusterModuleCallChain(t *testing.T) {
	got := deepFindings(t, "cluster-module", "TKESG103")
	if len(got) == 0 {
		t.Fatal("no TKESG103 finding")
	}
	for _, d := range got {
		if len(d.CallChain) != 1 || !strings.HasSuffix(d.CallChain[0].Filename, "cluster-module/main.tf") || d.CallChain[0].Start.Line != 18 {
			t.Errorf("call chain = %v, want the module \"node_sg\" block at main.tf:18", d.CallChain)
		}
	}
}

// TestClusterChainRelated: a finding two module calls down names both calls,
// outermost first, and, as a related location, the argument of the root
// module where the bound security groups were chosen (not only the
// module's own line).
func TestClusterChainRelated(t *testing.T) {
	got := deepFindings(t, "cluster-chain", "TKESG101")
	if len(got) != 1 {
		t.Fatalf("got %d TKESG101 findings, want 1 (staging's)", len(got))
	}
	d := got[0]
	var chain []string
	for _, c := range d.CallChain {
		_, rel, _ := strings.Cut(c.Filename, "cluster-chain/")
		chain = append(chain, fmt.Sprintf("cluster-chain/%s:%d", rel, c.Start.Line))
	}
	if want := "cluster-chain/main.tf:37 cluster-chain/modules/platform/main.tf:31"; strings.Join(chain, " ") != want {
		t.Errorf("call chain %q, want %q (module.staging, then its module.cluster)", strings.Join(chain, " "), want)
	}
	chosen := false
	for _, r := range d.Related {
		if strings.HasSuffix(r.Range.Filename, "cluster-chain/main.tf") && r.Range.Start.Line == 42 && strings.Contains(r.Message, "chooses the bound security groups") {
			chosen = true
		}
	}
	if !chosen {
		t.Errorf("related %v: want main.tf:42, where module.staging chooses the node security groups", d.Related)
	}
}
