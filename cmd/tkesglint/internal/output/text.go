package output

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// TextOptions configure the text writer.
type TextOptions struct {
	// Color turns on ANSI colors.
	Color bool
	// Quiet leaves out the summary line.
	Quiet bool
}

// maxExcerptLines is the number of source lines shown for one range.
const maxExcerptLines = 7

// ANSI escape sequences.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// textWriter writes to w and keeps the first error.
type textWriter struct {
	w     io.Writer
	color bool
	err   error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err != nil {
		return
	}
	_, t.err = fmt.Fprintf(t.w, format, args...)
}

// paint wraps s in an ANSI style when color is on.
func (t *textWriter) paint(style, s string) string {
	if !t.color || style == "" {
		return s
	}
	return style + s + ansiReset
}

func levelStyle(l analysis.Level) string {
	switch l {
	case analysis.LevelError:
		return ansiBold + ansiRed
	case analysis.LevelWarning:
		return ansiBold + ansiYellow
	case analysis.LevelNote, analysis.LevelNone:
		return ansiBold + ansiCyan
	}
	return ""
}

// WriteText writes one block per finding and per error: the location, the
// level, the check and the message, the source lines with the span marked,
// and the related locations; then a summary line unless opts.Quiet.
func WriteText(w io.Writer, r *Report, opts TextOptions) error {
	t := &textWriter{w: w, color: opts.Color}
	res := r.Result
	for i := range res.Errors {
		e := res.Errors[i]
		t.printf("%s%s%s\n", t.location(e.Range), t.paint(levelStyle(analysis.LevelError), "error"), ": "+errorMessage(e))
		t.excerpt(res.Sources[e.Range.Filename], e.Range, analysis.LevelError)
		t.printf("\n")
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppression != nil {
			continue
		}
		t.printf("%s%s %s: %s\n", t.location(f.Range), t.paint(levelStyle(f.Level), f.Level.String()),
			t.paint(ansiDim, f.Check.ID), f.Message)
		t.excerpt(res.Sources[f.Range.Filename], f.Range, f.Level)
		for _, rel := range f.Related {
			t.printf("  %s%s\n", t.location(rel.Range), rel.Message)
		}
		t.printf("\n")
	}
	for _, n := range res.Notices {
		t.printf("%s%s: %s\n", t.location(n.Range), t.paint(ansiDim, "notice"), n.Message)
	}
	if len(res.Notices) > 0 {
		t.printf("\n")
	}
	if !opts.Quiet {
		t.printf("%s\n", Summary(r))
	}
	return t.err
}

// location formats "file:line:col: " (shorter when parts are unknown).
func (t *textWriter) location(r model.Range) string {
	switch {
	case r.Filename == "":
		return ""
	case r.Start.Line == 0:
		return t.paint(ansiBold, r.Filename) + ": "
	case r.Start.Column == 0:
		return t.paint(ansiBold, r.Filename+":"+strconv.Itoa(r.Start.Line)) + ": "
	}
	return t.paint(ansiBold, r.String()) + ": "
}

// errorMessage is the text of an error without its location.
func errorMessage(e *model.Error) string {
	if e.Detail == "" {
		return e.Summary
	}
	return e.Summary + ": " + e.Detail
}

// excerpt prints the source lines of rng with the span marked underneath.
// A range over several lines is marked on its first line (to the end of
// that line), and at most maxExcerptLines lines are shown.
func (t *textWriter) excerpt(src []byte, rng model.Range, level analysis.Level) {
	if src == nil || rng.Start.Line <= 0 {
		return
	}
	lines := bytes.Split(src, []byte("\n"))
	first, last := rng.Start.Line, rng.End.Line
	if last > first && rng.End.Column <= 1 {
		// The range ends before the first character of its last line.
		last--
	}
	if last < first {
		last = first
	}
	if first > len(lines) {
		return
	}
	last = min(last, len(lines))
	shown := min(last, first+maxExcerptLines-1)
	width := len(strconv.Itoa(shown))
	bar := t.paint(ansiDim, "|")
	for n := first; n <= shown; n++ {
		line := []rune(strings.TrimRight(string(lines[n-1]), "\r"))
		number := t.paint(ansiDim, fmt.Sprintf("%*d", width, n))
		t.printf("%s\n", strings.TrimRight(number+" "+bar+" "+string(line), " "))
		if n != first || rng.Start.Column <= 0 {
			continue
		}
		to := len(line) + 1
		if rng.End.Line == first && rng.End.Column > 0 {
			to = rng.End.Column
		}
		t.printf("%s %s %s\n", strings.Repeat(" ", width), bar, t.paint(levelStyle(level), marker(line, rng.Start.Column, to)))
	}
	if shown < last {
		t.printf("%s %s %s\n", strings.Repeat(" ", width), bar, "…")
	}
}

// marker returns the line that marks columns [from, to) of line: "^~~~",
// indented so that it lines up under the span, tabs and wide characters
// included.
func marker(line []rune, from, to int) string {
	var b strings.Builder
	for i := range from - 1 {
		switch {
		case i >= len(line):
			b.WriteByte(' ')
		case line[i] == '\t':
			b.WriteByte('\t')
		default:
			b.WriteString(strings.Repeat(" ", cells(line[i])))
		}
	}
	for i := from - 1; i < max(to-1, from); i++ {
		n := 1
		if i < len(line) {
			n = cells(line[i])
		}
		if i == from-1 {
			b.WriteByte('^')
			n--
		}
		b.WriteString(strings.Repeat("~", n))
	}
	return b.String()
}

// cells is the number of terminal cells a character takes: 2 for East Asian
// wide and full-width characters, 1 for the others.
func cells(r rune) int {
	switch {
	case r >= 0x1100 && r <= 0x115F,
		r >= 0x2E80 && r <= 0xA4CF && r != 0x303F,
		r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F,
		r >= 0x20000 && r <= 0x3FFFD:
		return 2
	}
	return 1
}

// plural formats "n word" or "n words".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// undecided counts the notes that stand for undecided checks and names the
// most frequent reasons, so that a run that proved little says so.
func undecided(res *driver.Result) (count int, why string) {
	n := 0
	counts := map[string]int{}
	for i := range res.Findings {
		f := &res.Findings[i]
		if len(f.Undecided) == 0 || f.Suppression != nil {
			continue
		}
		n++
		for _, why := range f.Undecided {
			counts[why]++
		}
	}
	reasons := make([]string, 0, len(counts))
	for why := range counts {
		reasons = append(reasons, why)
	}
	slices.SortFunc(reasons, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b)) })
	if len(reasons) > 2 {
		reasons = append(reasons[:2], plural(len(reasons)-2, "more reason"))
	}
	return n, strings.Join(reasons, "; ")
}

// Summary returns the closing line of the text output: files read, findings
// by level (suppressed ones are not counted, but their number is given),
// read errors and the time taken.
func Summary(r *Report) string {
	res := r.Result
	open := res.Count(analysis.LevelError) + res.Count(analysis.LevelWarning) + res.Count(analysis.LevelNote)
	s := fmt.Sprintf("%s read, %s (%s, %s, %s)",
		plural(len(res.Files), "file"), plural(open, "finding"),
		plural(res.Count(analysis.LevelError), "error"),
		plural(res.Count(analysis.LevelWarning), "warning"),
		plural(res.Count(analysis.LevelNote), "note"))
	if n := res.Suppressed(); n > 0 {
		s += fmt.Sprintf(", %d suppressed", n)
	}
	if n, why := undecided(res); n > 0 {
		s += fmt.Sprintf(", %s left undecided (%s)", plural(n, "check"), why)
	}
	if n := len(res.Notices); n > 0 {
		s += ", " + plural(n, "notice")
	}
	if n := len(res.Errors); n > 0 {
		s += ", " + plural(n, "input error")
	}
	return s + " in " + r.Duration.Round(time.Millisecond).String()
}
