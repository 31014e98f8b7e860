package driver

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"unicode/utf8"

	"github.com/tkesglint/tkesglint/parsers/inputs"
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/terraform"
)

// skippedDirs are folder names that are never descended into.
func skippedDir(name string) bool {
	return name == ".git" || name == ".terraform"
}

// readFile reads a file at an absolute path: from overlay when it holds the
// path, otherwise from disk.
func readFile(overlay map[string][]byte, p string) ([]byte, error) {
	if src, ok := overlay[filepath.Clean(p)]; ok {
		return src, nil
	}
	src, err := os.ReadFile(p)
	return src, unwrapPathError(err)
}

// sourceFile is one file found on disk.
type sourceFile struct {
	display string // relative to the working directory, slash-separated
	src     []byte
}

// collector gathers the input files of a run.
type collector struct {
	dir    string
	seen   map[string]bool
	files  []sourceFile
	errors []*model.Error
	// used marks the files handed to a parser.
	used map[string]bool
	// exclude are globs of paths not scanned.
	exclude []string
	// overlay replaces the content of files on disk (Options.Overlay).
	overlay map[string][]byte
	// notes are what the walk tells the user (file names that are not
	// UTF-8).
	notes []model.Note
	// context marks the files read only because a file of the same module
	// was named (a .tf file argument is evaluated with its module): their
	// findings are not shown.
	context map[string]bool
	// modules marks the folders whose module files were added, so that
	// the files of one folder named one by one (as the language server
	// names a module's) read the folder once, not once per file.
	modules map[string]bool
}

// displayPath turns a path as the user gave it into the form shown in
// messages: relative to the working directory when possible, slash-separated.
func (c *collector) displayPath(p string) string {
	if filepath.IsAbs(p) {
		if rel, err := filepath.Rel(c.dir, p); err == nil {
			p = rel
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// osPath resolves a path as the user gave it against the working directory.
func (c *collector) osPath(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

func (c *collector) fail(display, format string, args ...any) {
	c.errors = append(c.errors, &model.Error{
		Range:   model.Range{Filename: display},
		Summary: fmt.Sprintf(format, args...),
	})
}

// add walks one path given on the command line. A Terraform file is read
// with the other files of its module (its folder's .tf, .tf.json and
// variable files), as Terraform and the language server read it; only the
// findings of the files named are shown (see context).
func (c *collector) add(ctx context.Context, arg string) error {
	root := c.osPath(arg)
	if _, ok := c.overlay[filepath.Clean(root)]; ok {
		c.addOverlaid(root, arg)
		return nil
	}
	info, err := os.Stat(root)
	if err != nil {
		c.fail(c.displayPath(arg), "cannot read path: %v", unwrapPathError(err))
		return nil
	}
	if !info.IsDir() {
		if inputs.MayBeInput(info.Name()) && !excluded(c.displayPath(arg), c.exclude) {
			c.read(root, c.displayPath(arg), true)
			if terraform.KindOf(info.Name()).InModule() {
				c.addModule(filepath.Dir(root), path.Dir(c.displayPath(arg)))
			}
		}
		return nil
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		display := c.displayPath(filepath.Join(arg, mustRel(root, p)))
		if err != nil {
			c.fail(display, "cannot read path: %v", unwrapPathError(err))
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != root && (skippedDir(d.Name()) || excluded(display, c.exclude)) {
				return filepath.SkipDir
			}
			return nil
		}
		if inputs.MayBeInput(d.Name()) && !excluded(display, c.exclude) {
			c.visit(p, display, d, true)
		}
		return nil
	})
}

// addOverlaid reads a file named on the command line that the overlay
// holds: an editor's buffer, which may not be on disk yet, or a file that
// a fix being proved edits. A Terraform file is read with its module, as
// on disk.
func (c *collector) addOverlaid(root, arg string) {
	if !inputs.MayBeInput(filepath.Base(root)) || excluded(c.displayPath(arg), c.exclude) {
		return
	}
	c.read(root, c.displayPath(arg), true)
	if !terraform.KindOf(filepath.Base(root)).InModule() || c.modules[filepath.Dir(root)] {
		return // a folder's files are added once (the language server names each)
	}
	if info, err := os.Stat(filepath.Dir(root)); err == nil && info.IsDir() {
		c.addModule(filepath.Dir(root), path.Dir(c.displayPath(arg)))
	}
}

// addModule reads the module files of folder dir (shown as display) that
// no argument named, for context.
func (c *collector) addModule(dir, display string) {
	if c.modules[dir] {
		return
	}
	c.modules[dir] = true
	ents, err := os.ReadDir(dir)
	if err != nil {
		c.fail(display, "cannot read path: %v", unwrapPathError(err))
		return
	}
	for _, e := range ents {
		name := path.Join(display, e.Name())
		if !e.IsDir() && terraform.KindOf(e.Name()).InModule() && !excluded(name, c.exclude) {
			c.visit(filepath.Join(dir, e.Name()), name, e, false)
		}
	}
}

// visit reads a file found in a folder: a regular file, or a symbolic link
// to one (as Terraform reads it). A link to nothing is an error, not a
// file skipped without a word; a link to a folder is not followed.
func (c *collector) visit(p, display string, d fs.DirEntry, asked bool) {
	switch {
	case d.Type().IsRegular():
		c.read(p, display, asked)
	case d.Type()&fs.ModeSymlink != 0:
		info, err := os.Stat(p)
		if err != nil {
			target, _ := os.Readlink(p)
			c.fail(display, "cannot read file: it is a symbolic link to %q, which cannot be read: %v", target, unwrapPathError(err))
			return
		}
		if info.Mode().IsRegular() {
			c.read(p, display, asked)
		}
	}
}

// read loads one file, once. asked is false for a file read only as the
// context of a file named (collector.context).
func (c *collector) read(osPath, display string, asked bool) {
	if c.seen[display] {
		if asked {
			delete(c.context, display)
		}
		return
	}
	c.seen[display] = true
	if !utf8.ValidString(display) {
		c.notes = append(c.notes, model.Note{Range: model.Range{Filename: display},
			Message: `the name of this file is not UTF-8: SARIF locations name it exactly (percent-encoded), the other outputs show its bytes that are not UTF-8 as \xNN`})
	}
	if !asked {
		c.context[display] = true
	}
	src, err := readFile(c.overlay, osPath)
	if err != nil {
		c.fail(display, "cannot read file: %v", err)
		return
	}
	c.files = append(c.files, sourceFile{display: display, src: src})
}

// mustRel returns p relative to root; WalkDir only yields paths under root.
func mustRel(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return rel
}

// unwrapPathError drops the path from an *fs.PathError, which the message
// already names.
func unwrapPathError(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}
