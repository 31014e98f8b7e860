package export

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/internal/jsonpos"
)

// Detect reports whether src is an export: a JSON object shaped like a
// Tencent Cloud API response (wrapped in `Response`, or bare with the fields
// of a response tkesglint reads) or a bundle (keys named after actions,
// `Describe…`, or a `Regions` object keyed by region names, as `tkesglint
// fetch` writes it). A Terraform plan (`planned_values` and
// `configuration`) and a template (`Resources` with `TencentCloud::` types)
// are not exports. When src is not valid JSON, Detect reports true if its
// text contains `"SecurityGroupPolicySet"`, `"Response"` or a `"Describe…"`
// key, so that Parse reports the error. Detect reads the top-level keys
// only, and the keys of `Regions`.
func Detect(src []byte) bool {
	text, _ := jsonpos.DecodeText(src)
	// Validating the text is the slow part. It decides only when the keys
	// and the text's look disagree; otherwise both answers are the same.
	byKeys, byLook := keysOfExport(text), looksLikeExport(text)
	if byKeys == byLook || json.Valid(text) {
		return byKeys
	}
	return byLook
}

// keysOfExport tells whether the top-level keys of valid JSON text are
// those of an export. On other text it returns some answer, quickly.
func keysOfExport(text []byte) bool {
	keys, vals, ok := topMembers(text)
	if !ok {
		return false
	}
	return keysSayExport(keys, func(i int) bool { return regionBundles(vals[i]) }, text)
}

// keysSayExport is keysOfExport given the top-level keys of valid JSON text,
// in order, and whether the value of the i-th is an object keyed by region
// names (asked of Regions keys only).
func keysSayExport(keys []string, regions func(i int) bool, text []byte) bool {
	has := func(k string) bool { return slices.Contains(keys, k) }
	if has("planned_values") && has("configuration") || has("Resources") && templateText(text) {
		return false
	}
	meta := has("RequestId") || has("TotalCount")
	for i, k := range keys {
		switch {
		case k == "Response", strings.HasPrefix(k, "Describe") && len(k) > len("Describe"):
			return true
		case k == "SecurityGroupPolicySet", k == "SecurityGroupSet", k == "AddressTemplateSet", k == "AddressTemplateGroupSet",
			k == "ServiceTemplateSet", k == "ServiceTemplateGroupSet", k == "VpcSet", k == "SubnetSet":
			return true
		case meta && responseKey(k) && k != "RequestId" && k != "TotalCount":
			return true
		case k == keyRegions && regions(i):
			return true
		}
	}
	return false
}

// startsLikeExport reports whether the first key of text's top-level
// object is one that makes an export (a response, a bundle, Regions): such
// a file is parsed at once, and the parse tells whether it is one.
func startsLikeExport(text []byte) bool {
	i := skipSpace(text, 0)
	if i >= len(text) || text[i] != '{' {
		return false
	}
	i = skipSpace(text, i+1)
	if i >= len(text) || text[i] != '"' {
		return false
	}
	end := skipString(text, i)
	if end-i < 2 || text[end-1] != '"' {
		return false
	}
	k := string(text[i+1 : end-1])
	return k == "Response" || k == keyRegions || strings.HasPrefix(k, "Describe") && len(k) > len("Describe") ||
		responseKey(k) && k != "RequestId" && k != "TotalCount" && k != "Error"
}

// looksLikeExport tells whether text that is not valid JSON was meant to be
// an export.
func looksLikeExport(text []byte) bool {
	if templateText(text) || containsAround(text, `"planned_values"`, len(`"planned`)) {
		return false
	}
	if bytes.Contains(text, []byte(`"SecurityGroupPolicySet"`)) || bytes.Contains(text, []byte(`"Response"`)) {
		return true
	}
	return hasDescribeKey(text)
}

// templateText reports whether text names a resource type of a template,
// `TencentCloud::…`.
func templateText(text []byte) bool {
	return containsAround(text, "TencentCloud::", len("TencentCloud"))
}

// containsAround reports whether text contains pat, looking for it around
// each occurrence of its byte at pivot. Exports are long and pat is usually
// absent: finding a byte that is rarer in them than pat's first (`_`
// against `"`, `:` against `T`) is several times faster than bytes.Contains.
func containsAround(text []byte, pat string, pivot int) bool {
	c := pat[pivot]
	for i := pivot; i < len(text); i++ {
		j := bytes.IndexByte(text[i:], c)
		if j < 0 {
			return false
		}
		i += j
		if start := i - pivot; start+len(pat) <= len(text) && string(text[start:start+len(pat)]) == pat {
			return true
		}
	}
	return false
}

// hasDescribeKey tells whether text holds a `"Describe…"` key: `"Describe`
// and one or more ASCII letters, a closing quote, optional white space and
// a colon.
func hasDescribeKey(text []byte) bool {
	const open = `"Describe`
	for rest := text; ; {
		i := bytes.Index(rest, []byte(open))
		if i < 0 {
			return false
		}
		rest = rest[i+len(open):]
		if endsDescribeKey(rest) {
			return true
		}
	}
}

// endsDescribeKey tells whether rest, the text after `"Describe`, goes on
// with the rest of a key: letters, a closing quote and, after optional white
// space, a colon.
func endsDescribeKey(rest []byte) bool {
	j := skipLetters(rest, 0)
	if j == 0 || j >= len(rest) || rest[j] != '"' {
		return false
	}
	k := skipSpace(rest, j+1)
	return k < len(rest) && rest[k] == ':'
}

// skipLetters returns the offset after the ASCII letters that start at i.
func skipLetters(text []byte, i int) int {
	for i < len(text) && isASCIILetter(text[i]) {
		i++
	}
	return i
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// topKeys returns the keys of the top-level object of valid JSON text, or
// false when the top level is not an object. It skips values without
// decoding them. On invalid text it stops, with false, where valid text
// could not go on.
func topKeys(text []byte) ([]string, bool) {
	keys, _, ok := topMembers(text)
	return keys, ok
}

// topMembers returns the keys of the top-level object of valid JSON text
// and the text of their values, or false when the top level is not an
// object.
func topMembers(text []byte) (keys []string, vals [][]byte, ok bool) {
	i := skipSpace(text, 0)
	if i >= len(text) || text[i] != '{' {
		return nil, nil, false
	}
	i++
	for {
		i = skipSpace(text, i)
		switch {
		case i >= len(text) || text[i] == '}':
			return keys, vals, true
		case text[i] == ',':
			i++
			continue
		case text[i] != '"':
			return keys, vals, false
		}
		end := skipString(text, i)
		raw := text[i:end]
		if len(raw) < 2 || raw[len(raw)-1] != '"' {
			return keys, vals, false
		}
		var key string
		if bytes.IndexByte(raw, '\\') < 0 {
			key = string(raw[1 : len(raw)-1])
		} else if json.Unmarshal(raw, &key) != nil {
			return keys, vals, true
		}
		i = skipSpace(text, end)
		if i >= len(text) || text[i] != ':' {
			return keys, vals, false
		}
		i = skipSpace(text, i+1)
		start := i
		i = skipValue(text, i)
		keys = append(keys, key)
		vals = append(vals, text[start:i])
	}
}

// regionBundles reports whether val, the value of a top-level Regions key,
// is an object keyed by region names (ap-guangzhou, na-siliconvalley,
// ap-shanghai-fsi), as `tkesglint fetch` writes it.
func regionBundles(val []byte) bool {
	keys, ok := topKeys(val)
	if !ok || len(keys) == 0 {
		return false
	}
	for _, k := range keys {
		if !regionName(k) {
			return false
		}
	}
	return true
}

// regionName reports whether s is written like a Tencent Cloud region:
// lower-case words of letters and digits joined by dashes, the first of
// letters only.
func regionName(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 2 {
		return false
	}
	for i, part := range parts {
		if part == "" {
			return false
		}
		for _, c := range []byte(part) {
			if (c < 'a' || c > 'z') && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

func skipSpace(text []byte, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the offset after the string that starts at i.
func skipString(text []byte, i int) int {
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(text)
}

// skipValue returns the offset after the value that starts at i.
func skipValue(text []byte, i int) int {
	// The bytes that end a run of plain ones.
	structural := [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true, ',': true}
	depth := 0
	for i < len(text) {
		c := text[i]
		if !structural[c] {
			i++
			if c == ' ' {
				i = skipSpaces(text, i)
			}
			continue
		}
		switch c {
		case '"':
			i = skipString(text, i)
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return i
}

// skipSpaces returns the offset after the run of spaces at i, eight bytes
// at a time: the indentation of pretty-printed exports is most of their
// text.
func skipSpaces(text []byte, i int) int {
	const spaces = 0x2020202020202020
	for i+8 <= len(text) && binary.LittleEndian.Uint64(text[i:]) == spaces {
		i += 8
	}
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i
}
