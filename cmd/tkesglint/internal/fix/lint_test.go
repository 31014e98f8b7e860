package fix

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
)

// TestLintKept checks that a prover lints the same edit once: the
// findings that one edit repairs have the same proof, and combining their
// fixes makes it again. An edit the caller changes afterwards is another.
// The proofs share the parsed files.
func TestLintKept(t *testing.T) {
	dir := t.TempDir()
	const src = "resource \"tencentcloud_security_group\" \"nodes\" {\n  name = \"nodes\"\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := driver.Options{Dir: dir, Paths: []string{"."}, DropModels: true}
	res, err := driver.Run(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	p := newProver(opts, res)
	files := map[string][]byte{"main.tf": []byte(src + "# edited\n")}
	first, err := p.lint(t.Context(), files, []string{"."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := p.lint(t.Context(), map[string][]byte{"main.tf": []byte(src + "# edited\n")}, []string{"."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Error("the same edit is linted twice")
	}
	files["main.tf"] = []byte(src + "# edited again\n")
	other, err := p.lint(t.Context(), files, []string{"."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if other == first || string(other.Sources["main.tf"]) != src+"# edited again\n" {
		t.Error("another edit in the same map is taken for the first")
	}
	if wider, err := p.lint(t.Context(), files, nil, nil); err != nil || wider == other {
		t.Errorf("the same edit with other paths is taken for the first (%v)", err)
	}
	// The files no edit changes are parsed once for all the proofs.
	if p.opts.ParseCache == nil || p.opts.ParseCache.Len() == 0 {
		t.Error("the proofs keep no parsed files")
	}
}
