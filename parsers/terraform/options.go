package terraform

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// File is one source file.
type File struct {
	// Path is the file's name as it should appear in messages: relative and
	// slash-separated.
	Path string
	// Src is the file's content.
	Src []byte
}

// Options carries the settings of one run.
type Options struct {
	// Variables are the values of --var, as raw strings, keyed by variable
	// name. They are the strongest source of a root module's variables.
	Variables map[string]string
	// VarFiles are the files of --var-file, in the order given: .tfvars
	// (HCL) or .tfvars.json. Each is read for every root module, after
	// terraform.tfvars and *.auto.tfvars and before Variables.
	VarFiles []File
	// Args, when not empty, replace Variables and VarFiles: the --var and
	// --var-file of a command line in the order given, a later one winning,
	// as Terraform applies them.
	Args []VarArg
	// Getenv looks up environment variables, for TF_VAR_name; nil means an
	// empty environment. An empty value counts as unset.
	Getenv func(string) string
	// EnvSource, when not nil, names where Getenv's value of TF_VAR_name
	// comes from, for messages, when that is not the environment (the
	// configuration's variables); "" means the environment.
	EnvSource func(name string) string
	// Reader reads what the walk did not hand over: the modules that
	// `terraform init` downloaded (through .terraform/modules/modules.json)
	// and local modules outside the scanned folders. Nil reads nothing.
	Reader Reader
	// Cache, when not nil, keeps the syntax of the configuration files
	// for the next runs, and gives that of the files unchanged since.
	Cache *ParseCache
	// Jobs is the number of files parsed, and of root modules evaluated,
	// at once; 0 means GOMAXPROCS.
	Jobs int
	// Visit, when not nil, is called with each unit as soon as it is
	// evaluated, from several goroutines at once, before ParseTree
	// returns; what it leaves in the unit is what ParseTree returns. A
	// visitor that is done with the model can drop it (set Input to nil),
	// so that it is freed while the other root modules are evaluated. The
	// notes about the command line's values that no root module declares
	// are added to the first unit's model after it was visited (in a new
	// model when the visitor dropped it).
	Visit func(*Unit)
	// Roots, when not nil, chooses the units evaluated by their folder
	// (or, for a plan of its own, its file): the others are not evaluated,
	// and a folder that no module source names is not even parsed (it can
	// only be a root module); the others are, for root discovery and the
	// calls of the units chosen. A fix's proof lints again only the units
	// an edit can change.
	Roots func(dir string) bool
	// general, set by tests, turns off the fast paths of the evaluation
	// (openStatic, nativeContent, evalReference, evalWrapped's, the
	// walker's for lone traversals), so that a test can check that they
	// give what the general path gives.
	general bool
}

// Reader reads files and folders by the slash-separated names used in
// File.Path.
type Reader interface {
	ReadFile(name string) ([]byte, error)
	ReadDir(name string) ([]fs.DirEntry, error)
}

// OSReader returns a Reader of the local disk that resolves relative names
// against dir.
func OSReader(dir string) Reader { return osReader{dir: dir} }

type osReader struct{ dir string }

func (r osReader) path(name string) string {
	p := filepath.FromSlash(name)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(r.dir, p)
}

func (r osReader) ReadFile(name string) ([]byte, error) { return os.ReadFile(r.path(name)) }

func (r osReader) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(r.path(name)) }

// Unit is one root module (or one plan) with the model of everything it
// instantiates, its module calls included. Resource addresses are unique
// within a unit, so analyzers run on one unit at a time.
type Unit struct {
	// Dir is the folder of the root module, slash-separated; for a plan read
	// without its configuration, the plan file.
	Dir string
	// Input is the model of the unit.
	Input *model.Input
	// Loaded lists the files read through Options.Reader for this unit
	// (downloaded modules, modules outside the scanned folders), so that
	// messages can quote them.
	Loaded []File
}

// VarArg is one --var NAME=VALUE (File nil) or --var-file (File set).
type VarArg struct {
	Name, Value string
	File        *File
}
