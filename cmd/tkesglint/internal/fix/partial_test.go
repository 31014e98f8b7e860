package fix

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
)

// TestOutsideCallersThroughModules checks that the callers of an edited
// module are followed through the modules that call it: envB calls mid,
// which calls modules/nodes, so an edit of modules/nodes linted as envA
// alone (which calls mid too) would change envB unseen.
func TestOutsideCallersThroughModules(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"envA/main.tf":          "module \"mid\" {\n  source = \"../mid\"\n}\n",
		"envB/main.tf":          "# the other environment\n\nmodule \"mid\" {\n  source = \"../mid/\"\n}\n",
		"envC/main.tf.json":     `{"module": {"other": {"source": "../elsewhere"}}}`,
		"mid/main.tf":           "module \"nodes\" {\n  source = \"./../modules/nodes\"\n}\n",
		"modules/nodes/main.tf": "resource \"tencentcloud_security_group\" \"this\" {}\n",
	}
	sources := map[string][]byte{}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(name, "envB/") && !strings.HasPrefix(name, "envC/") {
			sources[name] = []byte(src)
		}
	}
	edit := map[string][]byte{"modules/nodes/main.tf": []byte("# edited\n")}
	p := &prover{opts: driver.Options{Dir: dir, Paths: []string{"envA"}}, res: &driver.Result{Sources: sources}}
	want := "the edit of modules/nodes/main.tf changes a module that envB/main.tf:3 calls too, which the scan (envA) does not read"
	if got := p.outsideCallers(edit); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, "e.g. `tkesglint --fix .`") {
		t.Errorf("outsideCallers = %q, want %q…", got, want)
	}
	// With envB read, every caller is proved.
	sources["envB/main.tf"] = []byte(files["envB/main.tf"])
	p = &prover{opts: driver.Options{Dir: dir, Paths: []string{"envA", "envB"}}, res: &driver.Result{Sources: sources}}
	if got := p.outsideCallers(edit); got != "" {
		t.Errorf("with envB linted, outsideCallers = %q", got)
	}
}
