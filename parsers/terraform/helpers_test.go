package terraform

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

const fixtures = "../../testdata/terraform/parser"

// loadModule reads the .tf and .tf.json files of one fixture folder.
func loadModule(tb testing.TB, name string) []File {
	tb.Helper()
	dir := filepath.Join(fixtures, name)
	ents, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatalf("read fixture %s: %v", name, err)
	}
	var files []File
	for _, e := range ents {
		if e.IsDir() || !KindOf(e.Name()).Config() {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, File{Path: name + "/" + e.Name(), Src: src})
	}
	if len(files) == 0 {
		tb.Fatalf("fixture %s has no Terraform files", name)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}

// fixtureNames lists the fixture folders.
func fixtureNames(tb testing.TB) []string {
	tb.Helper()
	ents, err := os.ReadDir(fixtures)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	if len(out) == 0 {
		tb.Fatal("found no fixtures")
	}
	return out
}

func findSG(t *testing.T, in *model.Input, addr string) *model.SecurityGroup {
	t.Helper()
	for _, sg := range in.SecurityGroups {
		if sg.Resource.Address == addr {
			return sg
		}
	}
	t.Fatalf("no security group %s", addr)
	return nil
}

func findCluster(t *testing.T, in *model.Input, addr string) *model.Cluster {
	t.Helper()
	for _, c := range in.Clusters {
		if c.Resource.Address == addr {
			return c
		}
	}
	t.Fatalf("no cluster %s", addr)
	return nil
}

func findInstance(t *testing.T, in *model.Input, addr string) *model.Instance {
	t.Helper()
	for _, i := range in.Instances {
		if i.Resource.Address == addr {
			return i
		}
	}
	t.Fatalf("no instance %s", addr)
	return nil
}

// at formats the start of a range as file:line:col.
func at(r model.Range) string { return r.String() }

// wantString checks a string value: its value, state, start and, for an
// unresolved value, that its reason contains reason.
func wantString(t *testing.T, what string, got model.String, value string, state model.State, where, reason string) {
	t.Helper()
	if got.State() != state {
		t.Errorf("%s: state %s, want %s (value %q, reason %q)", what, got.State(), state, got.Value(), got.Reason())
	}
	if state != model.Unresolved && got.Value() != value {
		t.Errorf("%s = %q, want %q", what, got.Value(), value)
	}
	if where != "" && at(got.Range()) != where {
		t.Errorf("%s at %s, want %s", what, at(got.Range()), where)
	}
	if reason != "" && !strings.Contains(got.Reason(), reason) {
		t.Errorf("%s reason %q, want it to contain %q", what, got.Reason(), reason)
	}
}

// values returns the values of a list.
func values(l model.StringList) []string {
	var out []string
	for _, v := range l.Value() {
		out = append(out, v.Value())
	}
	return out
}
