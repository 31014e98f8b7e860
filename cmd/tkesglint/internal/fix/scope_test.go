package fix

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
	"github.com/tkesglint/tkesglint/rulesets"
)

// The files of a root module whose cluster binds two groups: sg db, in
// the root module, and the group of a local module that a subfolder's
// root module calls too. Another subfolder is a root module of its own.
const (
	scopeRoot = `resource "tencentcloud_vpc" "main" {
  name       = "proof-scope"
  cidr_block = "10.0.0.0/16"
}

module "nodes" {
  source = "./modules/nodes"
  name   = "proof-scope-nodes"
}

resource "tencentcloud_security_group" "db" {
  name = "proof-scope-db"
}

resource "tencentcloud_security_group_lite_rule" "db" {
  security_group_id = tencentcloud_security_group.db.id
  egress            = ["ACCEPT#0.0.0.0/0#443#TCP"]
}

resource "tencentcloud_kubernetes_cluster" "main" {
  cluster_name = "proof-scope"
  vpc_id       = tencentcloud_vpc.main.id
  cluster_cidr = "172.16.0.0/16"

  worker_config {
    instance_type      = "SA5.MEDIUM4"
    security_group_ids = [module.nodes.id, tencentcloud_security_group.db.id]
  }
}
`
	scopeModule = `variable "name" {
  type = string
}

resource "tencentcloud_security_group" "this" {
  name = var.name
}

resource "tencentcloud_security_group_lite_rule" "this" {
  security_group_id = tencentcloud_security_group.this.id
  egress            = ["ACCEPT#0.0.0.0/0#443#TCP"]
}

output "id" {
  value = tencentcloud_security_group.this.id
}
`
	scopeCaller = `module "nodes" {
  source = "../../modules/nodes"
  name   = "proof-scope-example"
}
`
	scopeOther = `resource "tencentcloud_security_group" "web" {
  name = "proof-scope-other"
}

resource "tencentcloud_security_group_lite_rule" "web" {
  security_group_id = tencentcloud_security_group.web.id
  ingress           = ["ACCEPT#0.0.0.0/0#443#TCP"]
}
`
)

// evaluations records the root modules each run of the Terraform parser
// evaluates, the first run being the lint, the others the proofs.
type evaluations struct {
	mu   sync.Mutex
	runs [][]string
}

func (e *evaluations) parseTree(ctx context.Context, files []terraform.File, opts terraform.Options) ([]terraform.Unit, []*model.Error) {
	units, errs := terraform.ParseTree(ctx, files, opts)
	var dirs []string
	for _, u := range units {
		dirs = append(dirs, u.Dir)
	}
	e.mu.Lock()
	e.runs = append(e.runs, dirs)
	e.mu.Unlock()
	return units, errs
}

// proveScoped lints dir, proves the fixes, and returns the result and the
// root modules each run evaluated.
func proveScoped(t *testing.T, files map[string]string) (res *driver.Result, proofs [][]string) {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ev := &evaluations{}
	opts := driver.Options{Dir: dir, Paths: []string{"."}, Analyzers: rulesets.All(rulesets.Options{}), DropModels: true, ParseTree: ev.parseTree}
	res, err := driver.Run(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if err = Prove(t.Context(), opts, res); err != nil {
		t.Fatal(err)
	}
	if len(ev.runs) < 2 {
		t.Fatalf("%d runs of the parser: no fix was proved", len(ev.runs))
	}
	if want := []string{".", "examples/caller", "examples/other"}; !slices.Equal(ev.runs[0], want) {
		t.Fatalf("the lint evaluates %q, want %q", ev.runs[0], want)
	}
	return res, ev.runs[1:]
}

// TestProofLintsOnlyWhatTheEditReaches checks that the proof of an edit of
// the root module at `.` evaluates that root module alone, not every root
// module below it, and that the fix is still proved.
func TestProofLintsOnlyWhatTheEditReaches(t *testing.T) {
	res, proofs := proveScoped(t, map[string]string{
		"main.tf":                 scopeRoot,
		"modules/nodes/main.tf":   scopeModule,
		"examples/caller/main.tf": scopeCaller,
		"examples/other/main.tf":  scopeOther,
	})
	for _, run := range proofs {
		if !slices.Equal(run, []string{"."}) {
			t.Errorf("a proof of an edit of main.tf evaluates %q, want only .", run)
		}
	}
	fixed := 0
	for _, f := range res.Findings {
		for _, fix := range f.Fixes {
			fixed++
			for _, e := range fix.TextEdits {
				if e.Range.Filename != "main.tf" {
					t.Errorf("%s: the fix edits %s", f.Check.ID, e.Range.Filename)
				}
			}
		}
	}
	if fixed == 0 {
		t.Error("no fix is proved")
	}
}

// TestProofLintsTheRootsAnEditReaches checks that an edit of a module that
// a subfolder's root module calls too is proved against that root module:
// the edit would change its group, which does not need it, so no fix is
// offered.
func TestProofLintsTheRootsAnEditReaches(t *testing.T) {
	res, proofs := proveScoped(t, map[string]string{
		"main.tf":                 strings.Replace(scopeRoot, ", tencentcloud_security_group.db.id]", "]", 1),
		"modules/nodes/main.tf":   scopeModule,
		"examples/caller/main.tf": scopeCaller,
		"examples/other/main.tf":  scopeOther,
	})
	for _, run := range proofs {
		if slices.Contains(run, "examples/other") {
			t.Errorf("a proof evaluates %q: examples/other reads no file edited", run)
		}
	}
	if !slices.ContainsFunc(proofs, func(run []string) bool { return slices.Equal(run, []string{".", "examples/caller"}) }) {
		t.Errorf("no proof evaluates . and examples/caller: %q", proofs)
	}
	spills := 0
	for _, f := range res.Findings {
		if len(f.Fixes) > 0 {
			t.Errorf("%s: a fix of the module is offered although it changes examples/caller's group", f.Check.ID)
		}
		if strings.Contains(f.NoFix, "would also change sg proof-scope-example") {
			spills++
		}
	}
	if spills == 0 {
		t.Error("no finding says that the edit would change examples/caller's group")
	}
}
