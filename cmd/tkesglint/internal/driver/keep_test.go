package driver

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestKeep checks that Options.Keep sees every unit's model once, and that
// what it returns is in Result.Kept in the order of the units whatever the
// scheduling, while DropModels still drops the models: the reports gather
// what they show this way instead of keeping every model to the end.
func TestKeep(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 12 {
		name := fmt.Sprintf("m%02d", i)
		src := fmt.Sprintf("resource \"tencentcloud_security_group\" \"g\" {\n  name = %q\n}\n", name)
		if err := os.MkdirAll(filepath.Join(dir, name), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name, "main.tf"), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		want = append(want, name+" "+name)
	}
	keep := func(_ context.Context, u Unit) any {
		if u.Input == nil || len(u.Input.SecurityGroups) != 1 {
			return "no model"
		}
		name, _ := u.Input.SecurityGroups[0].Name.Get()
		return u.Root + " " + name
	}
	res, err := Run(t.Context(), Options{Dir: dir, Paths: []string{"."}, DropModels: true, Keep: keep, Jobs: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	var got []string
	for _, k := range res.Kept {
		s, _ := k.(string)
		got = append(got, s)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Kept = %q, want %q", got, want)
	}
	if res.Input != nil || len(res.Units) > 0 {
		t.Errorf("the models were kept: %d units", len(res.Units))
	}
}
