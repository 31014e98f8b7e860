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

// Version is the version of the baseline format.
const Version = 1

// Entry is one baselined finding.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Check       string `json:"check"`
	File        string `json:"file"`
	Address     string `json:"address"`
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
		b.Findings = append(b.Findings, Entry{Fingerprint: f.Fingerprint, Check: f.Check.ID, File: f.Range.Filename, Address: f.Address})
	}
	slices.SortFunc(b.Findings, func(x, y Entry) int {
		return cmp.Or(cmp.Compare(x.Check, y.Check), cmp.Compare(x.File, y.File), cmp.Compare(x.Address, y.Address), cmp.Compare(x.Fingerprint, y.Fingerprint))
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

// Read parses a baseline and returns the set of its fingerprints.
func Read(src []byte) (map[string]bool, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	var b File
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a tkesglint baseline: %w", err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("baseline version %d is not supported (want %d)", b.Version, Version)
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
