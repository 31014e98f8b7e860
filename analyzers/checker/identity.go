package checker

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
)

// sourceRef matches a file:line or file:line:col reference inside a message,
// for the file kinds tkesglint reads.
var sourceRef = regexp.MustCompile(`[^\s(),;]*(\.tf|\.tf\.json|\.json|\.ya?ml):\d+(:\d+)?`)

// identityVersion is the version of the fingerprint scheme: it is hashed
// into every fingerprint, and baselines written with another scheme are
// refused (docs/finding-identity.md).
const identityVersion = "2"

// Fingerprint returns the hex SHA-256 that identifies a diagnostic of check
// id found in root: the root module's folder, or the file of a template or
// an export, as shown in messages (relative to the working directory); an
// empty root stands for the diagnostic's own file. The diagnostic's own
// Fingerprint is the analyzer's line-independent key (addresses, direction,
// the normalised rule or flow); when it gives none, the resource address and
// the message stand in, with file:line references in the message left out,
// so that neither line numbers nor the file a block sits in count.
func Fingerprint(id, root string, d analysis.Diagnostic) string {
	if root == "" {
		root = d.Range.Filename
	}
	key := d.Fingerprint
	if key == "" {
		key = d.Address + "\x00" + sourceRef.ReplaceAllString(d.Message, "<ref>")
	}
	sum := sha256.Sum256([]byte(identityVersion + "\x00" + id + "\x00" + root + "\x00" + key))
	return hex.EncodeToString(sum[:])
}
