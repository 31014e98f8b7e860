package terraform

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysistest" //nolint:depguard // the end-to-end test runs the real checks on what the parser reads
	"github.com/tkesglint/tkesglint/analyzers/checker"      //nolint:depguard // the end-to-end test runs the real checks on what the parser reads
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/rulesets"
)

const deepFixtures = "../../testdata/terraform/deep"

// singleSGChecks are the checks every deep fixture is annotated for.
func singleSGChecks() []string {
	return []string{"TKESG201", "TKESG202", "TKESG203", "TKESG204", "TKESG205", "TKESG401", "TKESG402", "TKESG403", "TKESG404", "TKESG405"}
}

// walkTree returns the files of dir the way the driver hands them over:
// every .tf, .tf.json, .tfvars, .tfvars.json and .json file, skipping
// .terraform/ (read through the Reader) and expectation files.
func walkTree(tb testing.TB, dir string) []File {
	tb.Helper()
	var files []File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if !strings.HasSuffix(name, ".tf") && !strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".tfvars") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: filepath.ToSlash(p), Src: src})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// parseFixture parses a deep fixture folder as a tree.
func parseFixture(tb testing.TB, name string, opts Options) ([]Unit, []*model.Error) {
	tb.Helper()
	if opts.Reader == nil {
		opts.Reader = OSReader(".")
	}
	return ParseTree(context.Background(), walkTree(tb, filepath.Join(deepFixtures, name)), opts)
}

// mergeUnits concatenates the models of the units.
func mergeUnits(units []Unit) *model.Input {
	out := &model.Input{}
	for _, u := range units {
		in := u.Input
		out.SecurityGroups = append(out.SecurityGroups, in.SecurityGroups...)
		out.AddressTemplates = append(out.AddressTemplates, in.AddressTemplates...)
		out.ServiceTemplates = append(out.ServiceTemplates, in.ServiceTemplates...)
		out.VPCs = append(out.VPCs, in.VPCs...)
		out.Subnets = append(out.Subnets, in.Subnets...)
		out.Instances = append(out.Instances, in.Instances...)
		out.Clusters = append(out.Clusters, in.Clusters...)
		out.RuleOwners = append(out.RuleOwners, in.RuleOwners...)
		out.Notes = append(out.Notes, in.Notes...)
	}
	return out
}

// deepOptions are the options some fixtures need: the variable sources
// that a command line would give.
func deepOptions(tb testing.TB, name string) Options {
	tb.Helper()
	if name == "variables" {
		dir := filepath.Join(deepFixtures, name)
		src, err := os.ReadFile(filepath.Join(dir, "extra", "prod.tfvars"))
		if err != nil {
			tb.Fatal(err)
		}
		return Options{
			VarFiles:  []File{{Path: filepath.ToSlash(filepath.Join(dir, "extra", "prod.tfvars")), Src: src}},
			Variables: map[string]string{"from_cli": "0.0.0.0/0"},
			Getenv: func(k string) string {
				return map[string]string{"TF_VAR_from_env": "0.0.0.0/0", "TF_VAR_env_then_tfvars": "0.0.0.0/0"}[k]
			},
		}
	}
	return Options{}
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
		load := func(_ context.Context, _ string) (*model.Input, []*model.Error) {
			units, errs := parseFixture(t, name, deepOptions(t, name))
			return mergeUnits(units), errs
		}
		checks := singleSGChecks()
		if strings.HasPrefix(name, "cluster") {
			checks = nil // the cluster fixtures are annotated for every check
		}
		analysistest.Run(t, deepFixtures, rulesets.All(rulesets.Options{}), checks, load, name)
		ran++
	}
	if ran == 0 {
		t.Fatal("found no fixtures")
	}
}

// TestClusterModuleCallChain: the DNS finding inside the node-sg module
// carries the module call as its call chain, so outputs can show it.
func TestClusterModuleCallChain(t *testing.T) {
	units, errs := parseFixture(t, "cluster-module", Options{})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	in := mergeUnits(units)
	var found bool
	for _, d := range analysistest.Findings(t, in, rulesets.All(rulesets.Options{})) {
		if d.Check.ID != "TKESG103" {
			continue
		}
		found = true
		if len(d.CallChain) != 1 || !strings.HasSuffix(d.CallChain[0].Filename, "cluster-module/main.tf") || d.CallChain[0].Start.Line != 18 {
			t.Errorf("call chain = %v, want the module \"node_sg\" block at main.tf:18", d.CallChain)
		}
	}
	if !found {
		t.Fatal("no TKESG103 finding")
	}
}

// TestClusterChainRelated: a finding two module calls down names both calls,
// outermost first, and, as a related location, the argument of the root
// module where the bound security groups were chosen (not only the
// module's own line).
func TestClusterChainRelated(t *testing.T) {
	units, errs := parseFixture(t, "cluster-chain", Options{})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	var got []checker.Finding
	for _, d := range analysistest.Findings(t, mergeUnits(units), rulesets.All(rulesets.Options{})) {
		if d.Check.ID == "TKESG101" {
			got = append(got, d)
		}
	}
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
