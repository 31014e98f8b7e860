package terraform

import (
	"maps"
	"reflect"
	"testing"
)

// TestParseCache: runs that share a cache give the units and errors of runs
// without one; an unchanged file is not parsed again, a changed one is, and
// the files no run asks for any longer leave the cache.
func TestParseCache(t *testing.T) {
	const root = "../../testdata/terraform"
	files := readTree(t, root)
	opts := Options{Reader: OSReader(root)}
	want, wantErrs := ParseTree(t.Context(), files, opts)

	cache := &ParseCache{}
	opts.Cache = cache
	for run := range 2 {
		got, errs := ParseTree(t.Context(), files, opts)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(errs, wantErrs) {
			t.Fatalf("run %d with the cache: the units or errors differ from those without", run)
		}
	}
	held := cache.Len()
	if held < 20 {
		t.Fatalf("the cache holds %d files; the fixtures have many more", held)
	}

	// One file edited: it alone is parsed again.
	var edited string
	for _, f := range files {
		if KindOf(f.Path).Config() {
			edited = f.Path
			break
		}
	}
	before := maps.Clone(cache.entries)
	changed := make([]File, len(files))
	for i, f := range files {
		changed[i] = f
		if f.Path == edited {
			changed[i].Src = append([]byte("# edited\n"), f.Src...)
		}
	}
	if _, errs := ParseTree(t.Context(), changed, opts); len(errs) == 0 {
		t.Fatal("the fixtures' errors are gone")
	}
	for p, e := range cache.entries {
		switch {
		case p == edited && e.parsed.file == before[p].parsed.file:
			t.Errorf("%s was edited but its old syntax was used", p)
		case p != edited && before[p] != nil && e.parsed.file != before[p].parsed.file:
			t.Errorf("%s was not edited but was parsed again", p)
		}
	}
	if cache.Len() != held {
		t.Errorf("the cache holds %d files after an edit, %d before", cache.Len(), held)
	}

	// A run over one folder only: the others leave the cache after
	// cacheRuns runs.
	var one []File
	for _, f := range files {
		if f.Path == edited {
			one = append(one, f)
		}
	}
	for range cacheRuns + 1 {
		ParseTree(t.Context(), one, opts)
	}
	if cache.Len() != 1 {
		t.Errorf("the cache holds %d files after %d runs over one file", cache.Len(), cacheRuns+1)
	}
}

// TestParseCacheReferences: the attributes that one file reads of another
// file's resources (here one the resource does not set, known only after
// apply) are found in the cached syntax as in a fresh parse, after an edit
// of either file too.
func TestParseCacheReferences(t *testing.T) {
	vm := File{Path: "vm.tf", Src: []byte(`resource "tencentcloud_instance" "vm" {
  instance_name = "vm"
}
`)}
	rules := File{Path: "rules.tf", Src: []byte(`resource "tencentcloud_security_group" "sg" {
  name = "sg"
}

resource "tencentcloud_security_group_rule_set" "sg" {
  security_group_id = tencentcloud_security_group.sg.id
  ingress {
    action     = "ACCEPT"
    cidr_block = "${tencentcloud_instance.vm.private_ip}/32"
    protocol   = "TCP"
    port       = "22"
  }
}
`)}
	edited := rules
	edited.Src = append(append([]byte(nil), rules.Src...), "# edited\n"...)
	cache := &ParseCache{}
	for i, files := range [][]File{{rules, vm}, {rules, vm}, {edited, vm}, {edited, vm}} {
		want, wantErrs := ParseTree(t.Context(), files, Options{})
		if len(wantErrs) != 0 || len(want) != 1 || len(want[0].Input.SecurityGroups) != 1 {
			t.Fatalf("run %d: want one unit with one SG and no error, got %d units, errors %v", i, len(want), wantErrs)
		}
		got, errs := ParseTree(t.Context(), files, Options{Cache: cache})
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(errs, wantErrs) {
			t.Fatalf("run %d with the cache: the units or errors differ from those without (errors %v)", i, errs)
		}
	}
}
