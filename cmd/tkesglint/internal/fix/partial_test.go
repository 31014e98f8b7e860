package fix

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
)

// TestOutsideCallersThroughModules checks that the callers of an edited
// module are followed through the modules that call it: envB calls mid,
// which calls modules/nodes, so an edit of modules/nodes linted as envA
// alone (which calls mid too) would change envB unseen; so does envD,
// whose call is written in JSON, in the list form, on one line. A
// provisioner's source naming mid (envE) calls nothing.
func TestOutsideCallersThroughModules(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"envA/main.tf":          "module \"mid\" {\n  source = \"../mid\"\n}\n",
		"envB/main.tf":          "# the other environment\n\nmodule \"mid\" {\n  source = \"../mid/\"\n}\n",
		"envC/main.tf.json":     `{"module": {"other": {"source": "../elsewhere"}}}`,
		"envD/calls.tf.json":    `{"module": [{"mid": {"source": "../mid", "name": "D"}}]}`,
		"envE/main.tf":          "resource \"null_resource\" \"copy\" {\n  provisioner \"file\" {\n    source = \"../mid\"\n  }\n}\n\nmodule \"m\" {\n  source = \"hashicorp/x/y\"\n}\n",
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
		if strings.HasPrefix(name, "envA/") || !strings.HasPrefix(name, "env") {
			sources[name] = []byte(src)
		}
	}
	edit := map[string][]byte{"modules/nodes/main.tf": []byte("# edited\n")}
	p := &prover{opts: driver.Options{Dir: dir, Paths: []string{"envA"}}, res: &driver.Result{Sources: sources}}
	want := "the edit of modules/nodes/main.tf changes a module that envB/main.tf:3, envD/calls.tf.json:1 call too, which the scan (envA) does not read"
	if got := p.outsideCallers(edit); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, "e.g. `tkesglint --fix .`") {
		t.Errorf("outsideCallers = %q, want %q…", got, want)
	}
	// With envB and envD read, every caller is proved.
	for _, name := range []string{"envB/main.tf", "envD/calls.tf.json"} {
		sources[name] = []byte(files[name])
	}
	p = &prover{opts: driver.Options{Dir: dir, Paths: []string{"envA", "envB", "envD"}}, res: &driver.Result{Sources: sources}}
	if got := p.outsideCallers(edit); got != "" {
		t.Errorf("with envB and envD linted, outsideCallers = %q", got)
	}
}

// TestModuleCalls checks that the module calls with a local source are
// found exactly in both syntaxes, in each form Terraform accepts, each at
// its module block, and that a file that does not parse has every local
// source taken for a call.
func TestModuleCalls(t *testing.T) {
	tests := []struct {
		name, src string
		want      []localCall
	}{
		{"main.tf", "module \"a\" {\n  source = \"../m\"\n}\n\nmodule \"b\" {\n  # comment\n  version = \"1.0\"\n  source  = \"./sub/m\"\n}\n",
			[]localCall{{"../m", 1}, {"./sub/m", 5}}},
		{"one.tf", `module "a" { source = "../m" }`, []localCall{{"../m", 1}}},
		{"win.tf", `module "a" { source = "..\\m" }`, []localCall{{`..\m`, 1}}},
		{"remote.tf", "module \"a\" {\n  source = \"tencentcloud/vpc/tencentcloud\"\n}\nmodule \"b\" {\n  source = \"git::https://example.com/m.git//sub\"\n}\n", nil},
		{"other.tf", "resource \"null_resource\" \"x\" {\n  provisioner \"file\" {\n    source = \"../m\"\n  }\n}\nlocals {\n  source = \"../m\"\n}\n# module \"c\" { source = \"../m\" }\n", nil},
		{"nosource.tf", "module \"a\" {\n  name = \"../m\"\n}\n", nil},
		{"object.tf.json", `{"module":{"nodes":{"source":"../modules/nodes","name":"B"}}}`, []localCall{{"../modules/nodes", 1}}},
		{"list.tf.json", "{\n  \"module\": [\n    {\"a\": {\"source\": \"../m\"}},\n    {\"b\": [{\"source\": \"./n\"}]}\n  ]\n}\n",
			[]localCall{{"../m", 3}, {"./n", 4}}},
		{"labels.tf.json", "{\"module\": {\"a\": [{\"source\": \"../m\"}], \"b\": {\"source\": \"registry/x/y\"}}}", []localCall{{"../m", 1}}},
		{"comment.tf.json", `{"//": "module source ../m", "resource": {"null_resource": {"x": {"provisioner": {"file": {"source": "../m"}}}}}}`, nil},
		{"broken.tf", "module \"a\" {\n  source = \"../m\"\n\nresource \"x\" {\n", []localCall{{"../m", 1}}},
		{"broken.tf.json", `{"module": {"a": {"source": "../m"}}, }`, []localCall{{"../m", 1}}},
	}
	for _, tt := range tests {
		got := moduleCalls(tt.name, []byte(tt.src))
		if !slices.Equal(got, tt.want) {
			t.Errorf("moduleCalls(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
