package suppress

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Prefix starts every directive inside a comment.
const Prefix = "tkesglint:"

// Directive is one parsed `tkesglint:ignore` comment.
type Directive struct {
	// IDs are the check ids it names, upper-cased, in the order written.
	IDs []string
	// Reason is the justification; empty when none was given.
	Reason string
	// Expires is the exp= date; zero when none was given. The suppression
	// applies through that whole day.
	Expires time.Time
}

// Expired reports whether the directive's exp= date is before the day of now.
func (d *Directive) Expired(now time.Time) bool { return Expired(d.Expires, now) }

// checkIDPattern is the form of check ids (built-in TKESGnnn and users'
// rulesets, ORG001).
var checkIDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*\d+$`)

// IsDirective reports whether the text of a comment (without its `#`, `//`
// or `/*` marker) is meant for tkesglint: it starts with "tkesglint:" (in
// any case). Only those are parsed, and a malformed one is reported.
func IsDirective(text string) bool {
	return len(text) >= len(Prefix) && strings.EqualFold(text[:len(Prefix)], Prefix)
}

// ParseDirective reads the text of a comment that IsDirective accepts:
//
//	tkesglint:ignore ID[,ID...] [reason="..."] [exp=YYYY-MM-DD]
//
// The reason is double-quoted (\" and \\ escape) or a single word. A
// missing reason is not an error here: the caller reports it.
func ParseDirective(text string) (*Directive, error) {
	rest := strings.TrimSpace(text[len(Prefix):])
	verb, rest, _ := strings.Cut(rest, " ")
	if !strings.EqualFold(verb, "ignore") {
		return nil, fmt.Errorf("unknown directive %q: the only one is tkesglint:ignore", Prefix+verb)
	}
	d := &Directive{}
	ids, rest := leadingIDs(rest)
	if ids == "" {
		return nil, fmt.Errorf("tkesglint:ignore names no check (write tkesglint:ignore TKESG202 reason=\"...\")")
	}
	for id := range strings.SplitSeq(ids, ",") {
		id = strings.ToUpper(strings.TrimSpace(id))
		if !checkIDPattern.MatchString(id) {
			return nil, fmt.Errorf("%q is not a check id", id)
		}
		d.IDs = append(d.IDs, id)
	}
	seen := map[string]bool{}
	for {
		rest = strings.TrimLeft(rest, " \t")
		if rest == "" {
			return d, nil
		}
		key, value, tail, err := keyValue(rest)
		if err != nil {
			return nil, err
		}
		rest = tail
		if seen[key] {
			return nil, fmt.Errorf("%s= is given twice", key)
		}
		seen[key] = true
		switch key {
		case "reason":
			d.Reason = strings.TrimSpace(value)
		case "exp":
			t, err := time.Parse(time.DateOnly, value)
			if err != nil {
				return nil, fmt.Errorf("exp=%s is not a date like 2026-12-31", value)
			}
			d.Expires = t
		default:
			return nil, fmt.Errorf("unknown key %q (known: reason, exp)", key)
		}
	}
}

// leadingIDs splits off the comma-separated id list at the start of s
// (spaces are allowed around commas).
func leadingIDs(s string) (ids, rest string) {
	s = strings.TrimLeft(s, " \t")
	end := 0
	for end < len(s) {
		word := end
		for word < len(s) && s[word] != ' ' && s[word] != '\t' && s[word] != ',' {
			word++
		}
		if strings.Contains(s[end:word], "=") {
			break // a key=value: the list is over
		}
		end = word
		// Look past spaces for a comma that continues the list.
		next := end
		for next < len(s) && (s[next] == ' ' || s[next] == '\t') {
			next++
		}
		if next < len(s) && s[next] == ',' {
			end = next + 1
			for end < len(s) && (s[end] == ' ' || s[end] == '\t') {
				end++
			}
			continue
		}
		break
	}
	return strings.TrimSpace(s[:end]), s[end:]
}

// keyValue reads `key=value` or `key="quoted value"` at the start of s.
func keyValue(s string) (key, value, rest string, err error) {
	eq := strings.IndexByte(s, '=')
	sp := strings.IndexAny(s, " \t")
	if eq <= 0 || (sp >= 0 && sp < eq) {
		word, _, _ := strings.Cut(s, " ")
		return "", "", "", fmt.Errorf("unexpected %q: want reason=\"...\" or exp=YYYY-MM-DD", word)
	}
	key, s = strings.ToLower(s[:eq]), s[eq+1:]
	if !strings.HasPrefix(s, `"`) {
		value, rest, _ = strings.Cut(s, " ")
		if value == "" {
			return "", "", "", fmt.Errorf("%s= has no value", key)
		}
		return key, value, rest, nil
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '"':
			return key, b.String(), s[i+1:], nil
		default:
			b.WriteByte(c)
		}
	}
	return "", "", "", fmt.Errorf("%s=\" has no closing quote", key)
}
