package driver

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestOverlay checks that Options.Overlay replaces files on disk: files of
// the scanned folder, a file that exists only in the overlay, and a local
// module read through the parser.
func TestOverlay(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	mod := filepath.Join(dir, "mod")
	for _, d := range []string{root, mod} {
		if err := os.MkdirAll(d, 0o750); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "main.tf"), "# on disk\n")
	write(filepath.Join(mod, "main.tf"), "# on disk\n")
	sg := func(name string) string {
		return "resource \"tencentcloud_security_group\" \"" + name + "\" {\n  name = \"" + name + "\"\n}\n"
	}
	overlay := map[string][]byte{
		filepath.Join(root, "main.tf"): []byte(sg("a") + "module \"m\" {\n  source = \"../mod\"\n}\n"),
		filepath.Join(root, "new.tf"):  []byte(sg("b")),
		filepath.Join(mod, "main.tf"):  []byte(sg("c")),
	}
	res, err := Run(t.Context(), Options{Dir: dir, Paths: []string{"root/main.tf", "root/new.tf"}, Overlay: overlay})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	var names []string
	for _, g := range res.Input.SecurityGroups {
		names = append(names, g.Resource.Address)
	}
	slices.Sort(names)
	want := []string{"module.m.tencentcloud_security_group.c", "tencentcloud_security_group.a", "tencentcloud_security_group.b"}
	if !slices.Equal(names, want) {
		t.Errorf("security groups %v, want %v", names, want)
	}
	if got := string(res.Sources["root/main.tf"]); got != string(overlay[filepath.Join(root, "main.tf")]) {
		t.Errorf("source of root/main.tf is %q, want the overlay", got)
	}
}
