package lsp

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/config"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// writeAt writes a file and sets its modification time.
func writeAt(t *testing.T, p, text string, mod time.Time) {
	t.Helper()
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, mod, mod); err != nil {
		t.Fatal(err)
	}
}

func TestDiskCache(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.tf"), filepath.Join(dir, "b.tf"), filepath.Join(dir, "c.tf")
	hourAgo := time.Now().Add(-time.Hour)
	writeAt(t, a, "# a 1\n", hourAgo)
	writeAt(t, b, "# b 1\n", hourAgo)
	var cache diskCache
	check := func(step string, got map[string][]byte, want map[string]string) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: read %d files, want %d: %q", step, len(got), len(want), got)
		}
		for p, w := range want {
			if string(got[p]) != w {
				t.Errorf("%s: %s is %q, want %q", step, filepath.Base(p), got[p], w)
			}
		}
	}
	first := cache.read(dir, []string{a, b})
	check("first", first, map[string]string{a: "# a 1\n", b: "# b 1\n"})
	second := cache.read(dir, []string{a, b})
	check("unchanged", second, map[string]string{a: "# a 1\n", b: "# b 1\n"})
	if &first[a][0] != &second[a][0] {
		t.Error("a file that did not change was read again")
	}

	// The same size, another modification time.
	writeAt(t, a, "# a 2\n", hourAgo.Add(time.Minute))
	check("modified", cache.read(dir, []string{a, b}), map[string]string{a: "# a 2\n", b: "# b 1\n"})

	// The same size and modification time, another file (an editor saves
	// to a new file and renames it over the old one).
	tmp := filepath.Join(dir, "b.tf.tmp")
	writeAt(t, tmp, "# b 2\n", hourAgo)
	if err := os.Rename(tmp, b); err != nil {
		t.Fatal(err)
	}
	check("replaced", cache.read(dir, []string{a, b}), map[string]string{a: "# a 2\n", b: "# b 2\n"})

	// Written again in place with the same size and modification time: a
	// second write within the resolution of the file system's clock. The
	// cache cannot see it, so it does not keep what it read of a file
	// modified less than modTimeCutoff before.
	recent := time.Now().Add(-time.Second)
	writeAt(t, c, "# c 1\n", recent)
	check("new file", cache.read(dir, []string{a, b, c}), map[string]string{a: "# a 2\n", b: "# b 2\n", c: "# c 1\n"})
	writeAt(t, c, "# c 2\n", recent)
	check("recent", cache.read(dir, []string{a, b, c}), map[string]string{a: "# a 2\n", b: "# b 2\n", c: "# c 2\n"})

	// Deleted, a folder, a symbolic link to a file and to nothing.
	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	sub, link, broken := filepath.Join(dir, "d.tf"), filepath.Join(dir, "e.tf"), filepath.Join(dir, "f.tf")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(b, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nothing"), broken); err != nil {
		t.Fatal(err)
	}
	check("deleted", cache.read(dir, []string{a, b, c, sub, link, broken}), map[string]string{b: "# b 2\n", c: "# c 2\n", link: "# b 2\n"})

	// Only the files of the last read of a folder are kept.
	cache.read(dir, []string{b})
	if got := slices.Collect(func(yield func(string) bool) {
		for p := range cache.folders[dir] {
			yield(filepath.Base(p))
		}
	}); len(got) != 1 || got[0] != "b.tf" {
		t.Errorf("the cache keeps %v, want only b.tf", got)
	}
	cache.forget(dir)
	if len(cache.folders) != 0 {
		t.Errorf("forget left %d folders", len(cache.folders))
	}
}

// TestDiskChangesReachTheServer edits, replaces, deletes and adds the
// files on disk of the module of an open document, opens and closes one of
// them and changes the configuration, and checks that every run sees each
// change although the server keeps the content of the files on disk.
func TestDiskChangesReachTheServer(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.tf")
	vars := filepath.Join(dir, "vars.tf")
	other := filepath.Join(dir, "other.tf")
	const mainText = `resource "tencentcloud_security_group" "web" {
  name = "web"
}

resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id
  ingress {
    action     = "ACCEPT"
    cidr_block = var.cidr
    protocol   = "TCP"
    port       = "22"
  }
}
`
	// The two defaults have the same size, so that only the modification
	// time or the file tells them apart.
	variable := func(cidr string) string {
		return "variable \"cidr\" {\n  default = \"" + cidr + "\"\n}\n"
	}
	world, private := variable("0.0.0.0/0 "), variable("10.0.0.0/8")
	if len(world) != len(private) {
		t.Fatal("the two variable files must have the same size")
	}
	hourAgo := time.Now().Add(-time.Hour)
	writeAt(t, main, mainText, hourAgo)
	writeAt(t, vars, world, hourAgo)

	// The configuration is read as the command reads it (disabled checks).
	options := func(dir string, paths []string) (driver.Options, []*model.Error) {
		o, _ := testOptions(dir, paths)
		if p := config.Find(dir); p != "" {
			src, err := os.ReadFile(p)
			if err != nil {
				return o, []*model.Error{{Summary: err.Error()}}
			}
			cfg, errs := config.Parse(p, src)
			if len(errs) > 0 {
				return o, errs
			}
			o.Disable = cfg.Disable
		}
		o.Levels = map[string]analysis.Level{}
		return o, nil
	}
	c := startServer(t, Config{Options: options, Debounce: time.Millisecond})
	c.initialize(dir)
	uri := pathToURI(main)
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "terraform", Version: 1, Text: mainText}})
	version := 1
	expect := func(step string, want string) {
		t.Helper()
		var got []string
		for {
			p := c.diagnostics(uri)
			if p.Version != nil && *p.Version == version {
				for _, d := range p.Diagnostics {
					got = append(got, d.Code+" "+d.Message)
				}
				break
			}
		}
		if all := strings.Join(got, "\n"); !strings.Contains(all, want) || (want == "" && all != "") {
			t.Errorf("%s: diagnostics\n%s\nwant %q", step, all, want)
		}
	}
	relint := func() {
		version++
		c.notify("textDocument/didChange", DidChangeTextDocumentParams{
			TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: version},
			ContentChanges: []TextDocumentContentChangeEvent{{Text: mainText}},
		})
	}
	expect("open", "TKESG202")
	relint()
	expect("again", "TKESG202")

	writeAt(t, vars, private, hourAgo.Add(time.Minute))
	relint()
	expect("vars.tf modified", "")

	tmp := filepath.Join(dir, "vars.tf.tmp")
	writeAt(t, tmp, world, hourAgo.Add(time.Minute))
	if err := os.Rename(tmp, vars); err != nil {
		t.Fatal(err)
	}
	relint()
	expect("vars.tf replaced", "TKESG202")

	if err := os.Remove(vars); err != nil {
		t.Fatal(err)
	}
	relint()
	expect("vars.tf deleted", "undeclared")

	writeAt(t, other, private, hourAgo)
	relint()
	expect("other.tf added", "")

	// Open, the buffer counts; closed, the file on disk again.
	otherURI := pathToURI(other)
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: otherURI, LanguageID: "terraform", Version: 1, Text: world}})
	expect("other.tf open", "TKESG202")
	c.notify("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: otherURI}})
	expect("other.tf closed", "")

	writeAt(t, other, world, hourAgo.Add(2*time.Minute))
	relint()
	expect("other.tf modified", "TKESG202")
	cfg := filepath.Join(dir, config.FileName)
	writeAt(t, cfg, "checks:\n  disable: [TKESG202]\n", hourAgo)
	c.notify("textDocument/didSave", DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: pathToURI(cfg)}})
	expect("TKESG202 disabled", "")
	c.shutdown()
}

// TestDiskCacheSeesRestoredModTime: a file rewritten in place with the
// same size and its old modification time put back (cp -p, rsync -t,
// tar x) is read again, by its status change time, which no program sets
// (the acceptance pass of session 6 saw a stale diagnostic).
func TestDiskCacheSeesRestoredModTime(t *testing.T) {
	if _, ok := changeTime(statOf(t, t.TempDir())); !ok {
		t.Skip("the system keeps no status change time")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "other.tf")
	old := time.Now().Add(-time.Hour)
	writeAt(t, p, "locals { p = \"22\" }\n", old)
	// The content is trusted once its status changed modTimeCutoff before
	// it is read.
	time.Sleep(modTimeCutoff + 100*time.Millisecond)
	var cache diskCache
	cache.read(dir, []string{p})
	if f := cache.folders[dir][p]; !f.trusted {
		t.Fatal("a file unchanged for longer than the cutoff is not trusted")
	}
	writeAt(t, p, "locals { p = \"23\" }\n", old)
	if got := string(cache.read(dir, []string{p})[p]); got != "locals { p = \"23\" }\n" {
		t.Errorf("read %q after the rewrite, want the new content", got)
	}
}

func statOf(t *testing.T, p string) fs.FileInfo {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info
}
