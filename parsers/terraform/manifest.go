package terraform

import (
	"encoding/json"
	"path"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// manifest is what `terraform init` recorded in
// .terraform/modules/modules.json: the folder of each downloaded module,
// by its key (the module call names from the root, joined with dots).
type manifest struct {
	dirs map[string]string
}

// manifestFile is the JSON form of modules.json.
type manifestFile struct {
	Modules []struct {
		Key    string `json:"Key"`
		Source string `json:"Source"`
		Dir    string `json:"Dir"`
	} `json:"Modules"`
}

// manifest reads the modules.json of root folder dir, once; nil when there
// is none. It also returns the error of an unreadable manifest: it is the
// error of each root module in dir.
func (t *tree) manifest(dir string) (*manifest, *model.Error) {
	r := t.manifests.get(dir, func() manifestResult { return t.readManifest(dir) })
	return r.mf, r.err
}

type manifestResult struct {
	mf  *manifest
	err *model.Error
}

func (t *tree) readManifest(dir string) manifestResult {
	name := path.Join(dir, ".terraform", "modules", "modules.json")
	src, ok := t.fileNamed(name)
	if !ok {
		return manifestResult{}
	}
	var raw manifestFile
	if err := json.Unmarshal(src, &raw); err != nil {
		return manifestResult{err: &model.Error{
			Range:   model.Range{Filename: name},
			Summary: "invalid modules.json",
			Detail:  "The module manifest that terraform init wrote cannot be read: " + err.Error() + ".",
		}}
	}
	mf := &manifest{dirs: map[string]string{}}
	for _, m := range raw.Modules {
		if m.Key == "" || m.Dir == "" {
			continue
		}
		d := m.Dir
		if !path.IsAbs(d) {
			d = joinDir(dir, d)
		}
		mf.dirs[m.Key] = d
	}
	return manifestResult{mf: mf}
}

// fileNamed returns a file handed over, or else reads it through the
// Reader.
func (t *tree) fileNamed(name string) ([]byte, bool) {
	for _, f := range t.byDir[path.Dir(name)] {
		if f.Path == name {
			return f.Src, true
		}
	}
	if t.opts.Reader == nil {
		return nil, false
	}
	src, err := t.opts.Reader.ReadFile(name)
	if err != nil {
		return nil, false
	}
	return src, true
}

// workspace is terraform.workspace for the root module in dir, as Terraform
// chooses it: TF_WORKSPACE, else the workspace `terraform workspace select`
// wrote to .terraform/environment, else "default".
func (t *tree) workspace(dir string) string {
	return t.workspaces.get(dir, func() string { return t.readWorkspace(dir) })
}

func (t *tree) readWorkspace(dir string) string {
	if t.opts.Getenv != nil {
		if w := strings.TrimSpace(t.opts.Getenv("TF_WORKSPACE")); w != "" {
			return w
		}
	}
	if src, ok := t.fileNamed(path.Join(dir, ".terraform", "environment")); ok {
		if w := strings.TrimSpace(string(src)); w != "" {
			return w
		}
	}
	return "default"
}
