// Package edit writes the changes that checks describe in the model's terms
// (model.Change) as edits of the input files, in each input format, and
// keeps what the user wrote around them: Terraform is edited through
// hclwrite, templates and exports as text at positions, never written out
// again from a parsed tree, and comments stay where they are.
//
// An export is a record of a live account, not a file to change: its edit
// only serves to prove the change, which is also written as the Tencent
// Cloud API call (a tccli command line) that would make it.
package edit

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Options are what writing a change needs besides it.
type Options struct {
	// Files are the sources of the run, by the names ranges give them.
	Files map[string][]byte
	// VarFromCommandLine reports whether --var or --var-file may give a
	// Terraform variable of a root module its value, which beats every
	// file; VarFromEnvironment whether TF_VAR_name (or variables: in .tkesglint.yml)
	// does, which the tfvars files beat. Such a value is not edited. Nil
	// means never.
	VarFromCommandLine, VarFromEnvironment func(name string) bool
	// Unscanned returns the variable files of the root module in folder
	// dir that Terraform reads and the scan leaves out (excluded), by
	// name: a value they set is not edited. Nil means none.
	Unscanned func(dir string) map[string][]byte
	// InPlace asks for new rules in the group's own resource even when its
	// list is made from a variable or a local, which other groups may read
	// too: a static block next to the dynamic one, a concat() of the lite
	// rule's list. Only where first-match order allows it (the new rules
	// go first or last among those the value makes); otherwise the change
	// is not written.
	InPlace bool
	// Cache, when not nil, keeps what Writes learn of the files of Files
	// for the next ones that share it.
	Cache *Cache
}

// Result is a change written out.
type Result struct {
	// Files are the new contents of the files the change edits, by name.
	Files map[string][]byte
	// Command, for a change of an export, is the tccli command line that
	// would make it in the live account; Files then hold the export as the
	// account would read after it, for the proof only.
	Command string
	// Export is true when Files are exports: they must not be written.
	Export bool
	// Where says where the change was written when that is not where the
	// finding points (a variable's value): "in the default of var.rules
	// (main.tf:3)".
	Where string
	// Assumes lists the values of the input that new rules hold where
	// they could not name them, with where they come from:
	// "var.pod_cidr = 172.16.0.0/16 (variables.tf:3)".
	Assumes []string
	// Arguments lists the module arguments that new rules in a module
	// name for a value the caller gives them: "var.pod_cidr, which
	// module.prod sets to var.prod_pods".
	Arguments []string
}

// ErrNotWritten wraps the reasons a change cannot be written: what the
// user would have to do instead.
var ErrNotWritten = errors.New("not written")

// notWritten returns an error that says why a change is not written.
func notWritten(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrNotWritten, fmt.Sprintf(format, args...))
}

// Reason returns the text of an error of Write for a reader, without the
// wrapping.
func Reason(err error) string {
	return strings.TrimPrefix(err.Error(), ErrNotWritten.Error()+": ")
}

// Write writes ch out as edits of opts.Files.
func Write(ch model.Change, opts Options) (Result, error) {
	w := &writer{opts: opts, out: map[string][]byte{}, cache: opts.Cache}
	if w.cache == nil {
		w.cache = &Cache{} // one change reads a file several times
	}
	var err error
	switch {
	case ch.Insert != nil:
		err = w.insert(ch.Insert)
	case ch.Bind != nil:
		err = w.bind(ch.Bind)
	case ch.Order != nil:
		err = w.order(ch.Order)
	default:
		err = notWritten("the change is empty")
	}
	if err != nil {
		return Result{}, err
	}
	for name, src := range w.out {
		w.out[name] = keepLineEnds(opts.Files[name], src)
	}
	return Result{Files: w.out, Command: w.command, Export: w.export, Where: w.where, Assumes: w.assumes, Arguments: w.arguments}, nil
}

// keepLineEnds returns cur, an edit of old, with the lines it wrote ended
// as old ends most of its lines: the writers end lines with "\n", and a
// file checked out on Windows ends them with "\r\n". Lines the edit did
// not write keep their ends.
func keepLineEnds(old, cur []byte) []byte {
	crlf := bytes.Count(old, []byte("\r\n"))
	if crlf == 0 || 2*crlf <= bytes.Count(old, []byte("\n")) {
		return cur
	}
	var b bytes.Buffer
	at := 0
	for _, e := range udiff.Lines(string(old), string(cur)) {
		b.Write(old[at:e.Start])
		for i := range len(e.New) {
			if e.New[i] == '\n' && (i == 0 || e.New[i-1] != '\r') {
				b.WriteByte('\r')
			}
			b.WriteByte(e.New[i])
		}
		at = e.End
	}
	b.Write(old[at:])
	return b.Bytes()
}

// writer holds the files as the change leaves them.
type writer struct {
	opts    Options
	cache   *Cache
	out     map[string][]byte
	command string
	export  bool
	where   string
	assumes []string
	// arguments are what Result.Arguments says.
	arguments []string
	// copied says which module call was given its own copy of a
	// variable's default (argumentFromDefault).
	copied string
}

// src returns the current content of a file: as edited so far, or as read.
func (w *writer) src(name string) ([]byte, error) {
	if b, ok := w.out[name]; ok {
		return b, nil
	}
	b, ok := w.opts.Files[name]
	if !ok {
		return nil, notWritten("%s was not read", name)
	}
	return b, nil
}

// set records the new content of a file.
func (w *writer) set(name string, b []byte) { w.out[name] = b }

// kindOf tells which writer a file is for by its name and content.
func kindOf(name string, src []byte) string {
	switch {
	case strings.HasSuffix(name, ".tf.json"), strings.HasSuffix(name, ".tfvars.json"):
		return "tf.json"
	case strings.HasSuffix(name, ".tf"), strings.HasSuffix(name, ".tfvars"):
		return "tf"
	case path.Ext(name) == ".yaml" || path.Ext(name) == ".yml":
		return "yaml"
	case bytes.Contains(src, []byte("TencentCloud::")):
		return "template.json"
	}
	return "export"
}

// Editable reports whether a file is one that users write and fixes may
// edit, and says why not: an export records the live account, a Terraform
// plan is made from the configuration.
func Editable(name string, src []byte) (ok bool, why string) {
	if kindOf(name, src) != "export" {
		return true, ""
	}
	if bytes.Contains(src, []byte(`"planned_values"`)) {
		return false, name + " is a Terraform plan, made from the configuration: edit the .tf files instead"
	}
	return false, name + " records the live account and is not edited: change the rule in the console, or with tccli vpc ReplaceSecurityGroupPolicies"
}

// splice returns src with [from, to) replaced by text.
func splice(src []byte, from, to int, text string) []byte {
	out := make([]byte, 0, len(src)-(to-from)+len(text))
	out = append(out, src[:from]...)
	out = append(out, text...)
	return append(out, src[to:]...)
}

// lineStart returns the offset of the start of the line that holds off.
func lineStart(src []byte, off int) int {
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

// lineEnd returns the offset just after the line break of the line that
// holds off (the end of src when it has none).
func lineEnd(src []byte, off int) int {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src)
	}
	return off + i + 1
}

// indentAt returns the leading white space of the line that holds off.
func indentAt(src []byte, off int) string {
	start := lineStart(src, off)
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// indent prefixes every line of text that is not empty with prefix.
func indent(text, prefix string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// blankBefore reports whether the line above the one that holds off (and
// above the comments that lead it) is empty: how siblings are separated.
func blankBefore(src []byte, off int) bool {
	start := leadingComments(src, lineStart(src, off))
	if start == 0 {
		return false
	}
	prev := lineStart(src, start-1)
	return len(bytes.TrimSpace(src[prev:start])) == 0
}

// insert writes an insertion in the format of the file that holds the
// group's rules.
func (w *writer) insert(ins *model.Insertion) error {
	name := ins.Group.Resource.Range.Filename
	if ins.Before != nil {
		name = ins.Before.Range.Filename
	} else if owner, _, ok := ruleOwner(ins); ok {
		name = owner.Range.Filename
	} else if len(ins.Owners) > 0 {
		name = ins.Owners[0].Resource.Range.Filename
	}
	src, err := w.src(name)
	if err != nil {
		return err
	}
	owner, _, ok := ruleOwner(ins)
	if !ok && len(ins.Owners) > 0 {
		owner, ok = ins.Owners[0].Resource, true
	}
	if !ok {
		owner = ins.Group.Resource
	}
	switch kindOf(name, src) {
	case "tf":
		return w.insertTF(ins)
	case "tf.json":
		return notWritten("%s is Terraform in JSON, which tkesglint does not edit: add the rules there by hand", name)
	case "yaml":
		return w.insertYAML(ins, owner)
	case "template.json":
		return w.insertTemplateJSON(ins, owner)
	}
	return w.insertExport(ins, owner)
}

// ruleOwner returns the resource whose list holds the rules of ins in its
// direction (or in the other, for an owner of both), and its kind.
func ruleOwner(ins *model.Insertion) (model.Resource, model.RuleKind, bool) {
	if ins.Before != nil {
		return ins.Before.Owner, ins.Before.Kind, true
	}
	for _, d := range []model.Direction{ins.Direction, 1 - ins.Direction} {
		for _, r := range slices.Backward(ins.Group.Rules(d).Rules) {
			if d == ins.Direction || r.Kind != model.LegacyRule {
				return r.Owner, r.Kind, true
			}
		}
	}
	return model.Resource{}, 0, false
}
