package export

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// parse reads src as file name and fails the test on errors, or when a
// parallel reading gives another result.
func parse(t *testing.T, name, src string) *model.Input {
	t.Helper()
	in, errs := parseBothWays(t, File{Path: name, Src: []byte(src)})
	for _, e := range errs {
		t.Errorf("unexpected error: %v", e)
	}
	if in == nil {
		t.Fatal("nil input")
	}
	return in
}

// parseErrs reads src and returns its errors as strings.
func parseErrs(t *testing.T, name, src string) (in *model.Input, msgs []string) {
	t.Helper()
	in, errs := parseBothWays(t, File{Path: name, Src: []byte(src)})
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return in, msgs
}

func findSG(t *testing.T, in *model.Input, ref string) *model.SecurityGroup {
	t.Helper()
	for _, sg := range in.SecurityGroups {
		if slices.Contains(sg.Refs(), ref) {
			return sg
		}
	}
	t.Fatalf("no security group %s among %d", ref, len(in.SecurityGroups))
	return nil
}

func findCluster(t *testing.T, in *model.Input, id string) *model.Cluster {
	t.Helper()
	for _, c := range in.Clusters {
		if c.ID.Value() == id {
			return c
		}
	}
	t.Fatalf("no cluster %s", id)
	return nil
}

// at formats the start of a value's range, and its state when not written.
func at[T any](v model.Value[T]) string {
	s := v.Range().String()
	if v.State() != model.Written {
		s += " (" + v.State().String() + ")"
	}
	return s
}

// pos formats a range as file:line:col-line:col.
func pos(r model.Range) string {
	return fmt.Sprintf("%s-%d:%d", r, r.End.Line, r.End.Column)
}

func values(l model.StringList) []string {
	var out []string
	for _, v := range l.Value() {
		out = append(out, v.Value())
	}
	return out
}

func equal(t *testing.T, what string, got, want any) {
	t.Helper()
	if g, w := fmt.Sprint(got), fmt.Sprint(want); g != w {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}
