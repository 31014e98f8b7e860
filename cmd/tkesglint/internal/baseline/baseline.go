package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
)

// Version is the version of the baseline format. Version 1 held
// fingerprints that did not name the root module (docs/finding-identity.md);
// they match nothing today, so such a file is refused with a message that
// says to write it again.
const Version = 2

// Entry is one baselined finding.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Check       string `json:"check"`
	// Root is the root module's folder, or the template or export file,
	// that the finding was found in.
	Root    string `json:"root"`
	File    string `json:"file"`
	Address string `json:"address"`
}

// File is a baseline document.
type File struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

// New returns the baseline of fs: every finding that is not suppressed by a
// comment or a configuration entry (findings an older baseline holds are
// kept, so that writing a baseline again never loses them).
func New(fs []driver.Finding) *File {
	b := &File{Version: Version, Tool: "tkesglint", Findings: []Entry{}}
	for i := range fs {
		f := &fs[i]
		if s := f.Suppression; s != nil && !s.Baseline {
			continue
		}
		b.Findings = append(b.Findings, Entry{Fingerprint: f.Fingerprint, Check: f.Check.ID, Root: f.Root, File: f.Range.Filename, Address: f.Address})
	}
	slices.SortFunc(b.Findings, func(x, y Entry) int {
		return cmp.Or(cmp.Compare(x.Root, y.Root), cmp.Compare(x.Check, y.Check), cmp.Compare(x.File, y.File),
			cmp.Compare(x.Address, y.Address), cmp.Compare(x.Fingerprint, y.Fingerprint))
	})
	seen := map[string]bool{}
	b.Findings = slices.DeleteFunc(b.Findings, func(e Entry) bool {
		dup := seen[e.Fingerprint]
		seen[e.Fingerprint] = true
		return dup
	})
	return b
}

// Write writes b as indented JSON with a final newline.
func Write(w io.Writer, b *File) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// ErrOldVersion is returned for a baseline written by an older tkesglint,
// whose fingerprints would match nothing.
var ErrOldVersion = errors.New("written by an older tkesglint")

// Read parses a baseline and returns the set of its fingerprints.
func Read(src []byte) (map[string]bool, error) {
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(src, &head); err != nil {
		return nil, fmt.Errorf("not a tkesglint baseline: %w", err)
	}
	switch {
	case head.Version == nil:
		return nil, errors.New("not a tkesglint baseline: it has no version")
	case *head.Version >= 1 && *head.Version < Version:
		return nil, fmt.Errorf("%w (baseline format %d, whose fingerprints do not name the root module, so none would match): "+
			"write it again with --write-baseline and review the findings it holds", ErrOldVersion, *head.Version)
	case *head.Version != Version:
		return nil, fmt.Errorf("baseline version %d is not supported (want %d)", *head.Version, Version)
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	var b File
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a tkesglint baseline: %w", err)
	}
	out := map[string]bool{}
	for i, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, errors.New("finding " + fmt.Sprint(i+1) + " of the baseline has no fingerprint")
		}
		out[e.Fingerprint] = true
	}
	return out, nil
}
