package strictyaml

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestFields(t *testing.T) {
	var doc yaml.Node
	src := "a: 1\nb: 2\nzz: 3\na: 4\n"
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	r := &Reader{Path: "x.yml", Summary: "invalid thing"}
	got := r.Fields(doc.Content[0], "the thing", "a", "b")
	if len(got) != 2 || got["a"].Value != "1" || got["b"].Value != "2" {
		t.Errorf("fields %v", got)
	}
	var msgs []string
	for _, e := range r.Errs {
		msgs = append(msgs, e.Range.String()+" "+e.Summary+": "+e.Detail)
	}
	want := []string{
		`x.yml:3:1 invalid thing: unknown key "zz" in the thing (known: a, b)`,
		`x.yml:4:1 invalid thing: duplicate key "a" in the thing`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	r.Fields(doc.Content[0].Content[1], "a", "x")
	if len(r.Errs) != 3 || !strings.Contains(r.Errs[2].Detail, "a must be a mapping") {
		t.Errorf("a scalar is not a mapping: %v", r.Errs)
	}
}
