package terraform

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// cancelingReader serves a module folder from memory and cancels the run
// as soon as it is asked for it: the run is canceled while it evaluates.
type cancelingReader struct {
	fsys   fstest.MapFS
	cancel context.CancelFunc
}

func (r cancelingReader) ReadFile(name string) ([]byte, error) {
	r.cancel()
	return r.fsys.ReadFile(name)
}

func (r cancelingReader) ReadDir(name string) ([]fs.DirEntry, error) {
	r.cancel()
	return r.fsys.ReadDir(name)
}

// TestCanceledWhileEvaluating checks that a root module whose evaluation
// is canceled half-way is reported as not read, never handed over with the
// resources it evaluated so far (the language server cancels a run that a
// newer edit makes stale; a program that goes on would read a model with
// resources missing).
func TestCanceledWhileEvaluating(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	files := []File{{Path: "root/main.tf", Src: []byte(`
resource "tencentcloud_security_group" "root" {
  name = "root"
}

module "child" {
  source = "../child"
}
`)}}
	reader := cancelingReader{cancel: cancel, fsys: fstest.MapFS{
		"child/main.tf": {Data: []byte(`
resource "tencentcloud_security_group" "child" {
  name = "child"
}
`)},
	}}
	visited := 0
	units, errs := ParseTree(ctx, files, Options{Reader: reader, Visit: func(*Unit) { visited++ }})
	if ctx.Err() == nil {
		t.Fatal("the module call was not read through the Reader: the test does not cancel the run")
	}
	if len(units) > 0 || visited > 0 {
		t.Errorf("a canceled evaluation handed over %d units (%d visited): %+v", len(units), visited, units)
	}
	found := false
	for _, e := range errs {
		if e.Range.Filename == "root" && strings.Contains(e.Detail, "reading stopped") {
			found = true
		}
	}
	if !found {
		t.Errorf("want the root module reported as not read, got %v", errs)
	}
}
