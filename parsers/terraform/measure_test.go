package terraform

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestMeasure parses the tree named by TKESGLINT_MEASURE (skipped when it
// is not set) and prints how many files parse without error and how many
// model values stay unresolved, by reason. It is how the figures in the
// README were made.
func TestMeasure(t *testing.T) {
	root := os.Getenv("TKESGLINT_MEASURE")
	if root == "" {
		t.Skip("set TKESGLINT_MEASURE to a folder")
	}
	var files []File
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".terraform" || d.Name() == ".git") {
			return filepath.SkipDir
		}
		n := d.Name()
		if !d.IsDir() && (strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json") || strings.HasSuffix(n, ".tfvars") || strings.HasSuffix(n, ".json")) {
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files = append(files, File{Path: filepath.ToSlash(p), Src: src})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	units, errs := ParseTree(t.Context(), files, Options{Reader: OSReader(".")})
	bad := map[string]bool{}
	for _, e := range errs {
		bad[e.Range.Filename] = true
		t.Logf("error %v", e)
	}
	conf := 0
	for _, f := range files {
		if KindOf(f.Path).Config() {
			conf++
		}
	}
	states := map[model.State]int{}
	reasons := map[string]int{}
	for _, u := range units {
		countValues(reflect.ValueOf(u.Input), states, reasons, map[uintptr]bool{})
	}
	t.Logf("config files %d, with errors %d, units %d", conf, len(bad), len(units))
	t.Logf("values: written %d, defaulted %d, unresolved %d", states[model.Written], states[model.Defaulted], states[model.Unresolved])
	type kv struct {
		k string
		n int
	}
	var rs []kv
	for k, n := range reasons {
		rs = append(rs, kv{k, n})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].n > rs[j].n || rs[i].n == rs[j].n && rs[i].k < rs[j].k })
	for _, r := range rs {
		t.Logf("%6d %s", r.n, r.k)
	}
}

// countValues counts the model values under v by state, and the kinds of
// reasons of the unresolved ones.
func countValues(v reflect.Value, states map[model.State]int, reasons map[string]int, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		countValues(v.Elem(), states, reasons, seen)
	case reflect.Slice:
		for i := range v.Len() {
			countValues(v.Index(i), states, reasons, seen)
		}
	case reflect.Struct:
		if m := v.MethodByName("State"); m.IsValid() && v.MethodByName("Reason").IsValid() {
			st, _ := reflect.TypeAssert[model.State](m.Call(nil)[0])
			states[st]++
			if st == model.Unresolved {
				reasons[reasonKind(v.MethodByName("Reason").Call(nil)[0].String())]++
			}
			if inner := v.MethodByName("Value"); inner.IsValid() {
				countValues(inner.Call(nil)[0], states, reasons, seen)
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				countValues(v.Field(i), states, reasons, seen)
			}
		}
	default:
	}
}

// reasonKind reduces a reason to its kind, for counting.
func reasonKind(r string) string {
	switch {
	case strings.Contains(r, "id is known only after apply"):
		return "cloud id known only after apply"
	case strings.Contains(r, "data."):
		return "data source"
	case strings.Contains(r, "has no value"):
		return "variable without a value"
	case strings.Contains(r, "was not downloaded"):
		return "remote module not downloaded"
	case strings.Contains(r, "known only after apply"):
		return "attribute known only after apply"
	case strings.Contains(r, "not evaluated without running Terraform"):
		return "function of the machine (file, timestamp)"
	}
	if len(r) > 80 {
		r = r[:80]
	}
	return "other: " + r
}
