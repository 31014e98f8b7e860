package suppress

import "time"

// Inline is one directive comment of a source file, parsed, with what it
// covers.
type Inline struct {
	Comment
	// Directive is the parsed directive; nil when it is malformed, and Err
	// says why.
	Directive *Directive
	Err       error
	// Scope is what the comment covers; Target the code line it applies
	// to (0 when none: a blank line follows it).
	Scope  Scope
	Target int
}

// Read returns the directive comments of the file named name (its name
// tells its comment syntax), in source order, each parsed and placed. It
// returns nil for the files without any, which is the common case and
// costs a scan of the bytes for the prefix.
func Read(name string, src []byte) []Inline {
	f := readFile(SyntaxOf(name), src)
	if f == nil {
		return nil
	}
	out := make([]Inline, len(f.comments))
	for i, c := range f.comments {
		out[i] = Inline{Comment: c, Scope: f.scope(c), Target: f.target(c)}
		out[i].Directive, out[i].Err = ParseDirective(c.Text)
	}
	return out
}

// Expired reports whether a suppression that expires on the day of date
// (zero: never) has expired by now: it applies through that whole day.
func Expired(date, now time.Time) bool {
	if date.IsZero() {
		return false
	}
	y, m, day := now.Date()
	return date.Before(time.Date(y, m, day, 0, 0, 0, 0, time.UTC))
}
