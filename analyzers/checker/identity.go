package checker

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
)

// sourceRef matches a file:line or file:line:col reference inside a message,
// for the file kinds tkesglint reads.
var sourceRef = regexp.MustCompile(`[^\s(),;]*(\.tf|\.tf\.json|\.json|\.ya?ml):\d+(:\d+)?`)

// identityVersion is the version of the fingerprint scheme: it is hashed
// into every fingerprint, and baselines written with another scheme are
// refused (docs/finding-identity.md).
const identityVersion = "2"

// key is what the analyzer says identifies d: its object's key and its
// aspect, in words that do not depend on lines or files.
func key(d analysis.Diagnostic) string {
	parts := slices.Clone(d.Aspect)
	if d.At != nil {
		parts = append([]string{d.At.Key()}, parts...)
	}
	return strings.Join(parts, "|")
}

// fingerprint returns the hex SHA-256 that identifies a finding of check id
// found in root: the root module's folder, or the file of a template or an
// export, as shown in messages (relative to the working directory). key is
// what the analyzer says identifies it (addresses, direction, the
// normalised rule or flow); when it says nothing, the resource address and
// the message stand in, with file:line references in the message left out,
// so that neither line numbers nor the file a block sits in count.
func fingerprint(id, root, key, address, message string) string {
	if key == "" {
		key = address + "\x00" + sourceRef.ReplaceAllString(message, "<ref>")
	}
	sum := sha256.Sum256([]byte(identityVersion + "\x00" + id + "\x00" + root + "\x00" + key))
	return hex.EncodeToString(sum[:])
}
