package output

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	// cursors remember, per file, where the last excerpt started.
	cursors map[string]*lineCursor
	// glyphs is the glyphs of the line shown last, kept for the next.
	glyphs []glyph
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
	// Buffered: a finding is a dozen small writes, each a system call on
	// an unbuffered file.
	bw := bufio.NewWriterSize(w, 64<<10)
	t := &textWriter{w: bw, color: opts.Color, cursors: map[string]*lineCursor{}}
	res := r.Result
	for i := range res.Errors {
		e := res.Errors[i]
		t.printf("%s%s%s\n", t.location(e.Range), t.paint(levelStyle(analysis.LevelError), "error"), ": "+Message(errorMessage(e)))
		t.excerpt(res.Sources, e.Range, analysis.LevelError)
		t.printf("\n")
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppression != nil {
			continue
		}
		t.printf("%s%s %s: %s\n", t.location(f.Range), t.paint(levelStyle(f.Level), f.Level.String()),
			t.paint(ansiDim, f.Check.ID), Message(f.Message))
		t.excerpt(res.Sources, f.Range, f.Level)
		for _, rel := range f.Related {
			t.printf("  %s%s\n", t.location(rel.Range), Message(rel.Message))
		}
		t.fixes(f)
		t.printf("\n")
	}
	for _, n := range res.Notices {
		t.printf("%s%s: %s\n", t.location(n.Range), t.paint(ansiDim, "notice"), Message(n.Message))
	}
	if len(res.Notices) > 0 {
		t.printf("\n")
	}
	if !opts.Quiet {
		t.printf("%s\n", Message(Summary(r)))
	}
	if t.err == nil {
		t.err = bw.Flush()
	}
	return t.err
}

// fixes says how to repair a finding: its proved fixes (which --fix
// applies), the API call that would repair a live account, or why there
// is no fix.
func (t *textWriter) fixes(f *driver.Finding) {
	for _, fix := range f.Fixes {
		t.printf("  %s %s\n", t.paint(ansiCyan, "fix:"), Message(fix.Message))
	}
	if f.Command != nil {
		t.printf("  %s %s\n  %s\n", t.paint(ansiCyan, "fix for the live account:"), Message(f.Command.Message), Message(f.Command.Line))
	}
	if f.NoFix != "" {
		t.printf("  %s %s\n", t.paint(ansiDim, "no fix:"), Message(f.NoFix))
	}
}

// location formats "file:line:col: " (shorter when parts are unknown).
func (t *textWriter) location(r model.Range) string {
	name := Printable(r.Filename)
	switch {
	case r.Filename == "":
		return ""
	case r.Start.Line == 0:
		return t.paint(ansiBold, name) + ": "
	case r.Start.Column == 0:
		return t.paint(ansiBold, name+":"+strconv.Itoa(r.Start.Line)) + ": "
	}
	return t.paint(ansiBold, name+":"+strconv.Itoa(r.Start.Line)+":"+strconv.Itoa(r.Start.Column)) + ": "
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
// that line), and at most maxExcerptLines lines are shown, each cut to a
// window of maxExcerptCells around the marked column: a minified file of
// one 40 MB line prints a few hundred bytes per finding.
func (t *textWriter) excerpt(sources map[string][]byte, rng model.Range, level analysis.Level) {
	src := sources[rng.Filename]
	if src == nil || rng.Start.Line <= 0 {
		return
	}
	cur := t.cursors[rng.Filename]
	if cur == nil {
		cur = &lineCursor{src: src}
		t.cursors[rng.Filename] = cur
	}
	first, last := rng.Start.Line, rng.End.Line
	if last > first && rng.End.Column <= 1 {
		// The range ends before the first character of its last line.
		last--
	}
	if last < first {
		last = first
	}
	shown := min(last, first+maxExcerptLines-1)
	lines := cur.lines(first, shown)
	if len(lines) == 0 {
		return
	}
	shown = first + len(lines) - 1
	width := len(strconv.Itoa(shown))
	bar := t.paint(ansiDim, "|")
	focus := max(rng.Start.Column, 1) - 1
	for i, raw := range lines {
		n := first + i
		v := appendLineView(t.glyphs, bytes.TrimSuffix(raw, []byte("\r")), focus)
		t.glyphs = v.gs
		number := t.paint(ansiDim, padLeft(strconv.Itoa(n), width))
		t.printf("%s\n", strings.TrimRight(number+" "+bar+" "+v.render(), " "))
		if n != first || rng.Start.Column <= 0 {
			continue
		}
		end := v.offset + len(v.gs) + 1 // the end of the line
		if rng.End.Line == first && rng.End.Column > 0 {
			end = rng.End.Column
		}
		t.printf("%s %s %s\n", strings.Repeat(" ", width), bar, t.paint(levelStyle(level), v.marker(rng.Start.Column, end)))
	}
	if shown < last {
		t.printf("%s %s %s\n", strings.Repeat(" ", width), bar, "…")
	}
}

// padLeft right-aligns s in width characters (fmt's %*d, without fmt).
func padLeft(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return strings.Repeat(" ", width-len(s)) + s
}

// maxExcerptCells is the widest part of a source line shown, in terminal
// cells; maxExcerptBefore of them, at most, come before the marked column.
const (
	maxExcerptCells  = 200
	maxExcerptBefore = 60
)

// lineCursor finds lines of one file, going on from the start of the line
// it last found: findings come sorted by line, so excerpting all the
// findings of a file reads it once.
type lineCursor struct {
	src []byte
	// line is the number of the line that starts at byte off (1-based).
	line, off int
}

// lines returns lines first to last (1-based) of the file, fewer when it
// ends before, without copying them.
func (c *lineCursor) lines(first, last int) [][]byte {
	if first < c.line {
		c.line, c.off = 1, 0
	}
	if c.line == 0 {
		c.line = 1
	}
	for c.line < first {
		i := bytes.IndexByte(c.src[c.off:], '\n')
		if i < 0 {
			return nil
		}
		c.off += i + 1
		c.line++
	}
	var out [][]byte
	rest := c.src[c.off:]
	for line := first; line <= last; line++ {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			out = append(out, rest)
			break
		}
		out = append(out, rest[:i])
		rest = rest[i+1:]
	}
	return out
}

// lineView is the part of a source line shown around one column: glyphs
// [from, to) of gs, where gs[0] is the line's glyph number offset (columns
// count from 1, glyphs from 0).
type lineView struct {
	gs       []glyph
	offset   int
	from, to int
	// more is true when the line goes on after gs.
	more bool
}

// newLineView returns the view of line around glyph focus. Only the glyphs
// near focus are decoded, so a line of any length costs little.
func newLineView(line []byte, focus int) lineView {
	return appendLineView(nil, line, focus)
}

// appendLineView is newLineView, with the glyphs appended to gs[:0]: the
// text writer reuses one slice for every line it shows.
func appendLineView(gs []glyph, line []byte, focus int) lineView {
	v := lineView{offset: max(focus-maxExcerptCells, 0), gs: gs[:0]}
	last := focus + 4*maxExcerptCells
	for i, k := 0, 0; i < len(line); k++ {
		r, n := utf8.DecodeRune(line[i:])
		if k >= last {
			v.more = true
			break
		}
		if k >= v.offset {
			v.gs = append(v.gs, newGlyph(r, line[i:i+n]))
		}
		i += n
	}
	v.from, v.to = window(v.gs, focus-v.offset, maxExcerptCells)
	return v
}

// window returns the glyphs [from, to) of gs that are shown: all of them
// when they fit in limit cells, else a window that holds glyph focus, with
// at most maxExcerptBefore cells before it.
func window(gs []glyph, focus, limit int) (from, to int) {
	total := 0
	for _, g := range gs {
		total += g.cells
	}
	if total <= limit {
		return 0, len(gs)
	}
	focus = min(focus, len(gs))
	from, used := focus, 0
	for from > 0 && used+gs[from-1].cells <= maxExcerptBefore {
		from--
		used += gs[from].cells
	}
	to = focus
	for to < len(gs) && used+gs[to].cells <= limit {
		used += gs[to].cells
		to++
	}
	return from, to
}

// cutLeft and cutRight report whether the line goes on beyond the view.
func (v lineView) cutLeft() bool  { return v.offset+v.from > 0 }
func (v lineView) cutRight() bool { return v.to < len(v.gs) || v.more }

// render writes the view, with "…" where the line goes on beyond it.
func (v lineView) render() string {
	var b strings.Builder
	if v.cutLeft() {
		b.WriteString("…")
	}
	for _, g := range v.gs[v.from:v.to] {
		b.WriteString(g.text)
	}
	if v.cutRight() {
		b.WriteString("…")
	}
	return b.String()
}

// marker returns the line that marks columns [start, end) under the view:
// "^~~~", indented so that it lines up under the span, tabs and wide
// characters included, and cut where the view is.
func (v lineView) marker(start, end int) string {
	var b strings.Builder
	if v.cutLeft() {
		b.WriteByte(' ') // under the "…"
	}
	cellsOf := func(col int) int { // col counts from 1
		if i := col - 1 - v.offset; i >= 0 && i < len(v.gs) {
			return v.gs[i].cells
		}
		return 1 // past the end of the line: one column, one cell
	}
	for col := v.offset + v.from + 1; col < start; col++ {
		if i := col - 1 - v.offset; i < len(v.gs) && v.gs[i].text == "\t" {
			b.WriteByte('\t')
			continue
		}
		b.WriteString(strings.Repeat(" ", cellsOf(col)))
	}
	stop := max(end, start+1)
	if v.cutRight() {
		stop = min(stop, max(v.offset+v.to+1, start+1))
	}
	for col := start; col < stop; col++ {
		n := max(cellsOf(col), 1)
		if col == start {
			b.WriteByte('^')
			n--
		}
		b.WriteString(strings.Repeat("~", n))
	}
	return b.String()
}

// Plural formats "n word" or "n words".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// Undecided returns the findings that stand for checks left undecided:
// those that give the reasons (the notes, and a finding that leaves other
// checks undecided), not suppressed. Every output that counts undecided
// checks counts these.
func Undecided(res *driver.Result) []*driver.Finding {
	var out []*driver.Finding
	for i := range res.Findings {
		if f := &res.Findings[i]; leavesUndecided(f) {
			out = append(out, f)
		}
	}
	return out
}

// leavesUndecided reports whether f is one of the checks left undecided
// that Undecided returns.
func leavesUndecided(f *driver.Finding) bool {
	return len(f.Undecided) > 0 && f.Suppression == nil
}

// undecided counts the notes that stand for undecided checks and names the
// most frequent reasons, so that a run that proved little says so.
func undecided(res *driver.Result) (count int, why string) {
	fs := Undecided(res)
	counts := map[string]int{}
	for _, f := range fs {
		for _, why := range f.Undecided {
			counts[why]++
		}
	}
	n := len(fs)
	reasons := make([]string, 0, len(counts))
	for why := range counts {
		reasons = append(reasons, why)
	}
	slices.SortFunc(reasons, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b)) })
	if len(reasons) > 2 {
		reasons = append(reasons[:2], Plural(len(reasons)-2, "more reason"))
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
		Plural(len(res.Files), "file"), Plural(open, "finding"),
		Plural(res.Count(analysis.LevelError), "error"),
		Plural(res.Count(analysis.LevelWarning), "warning"),
		Plural(res.Count(analysis.LevelNote), "note"))
	if n := res.Suppressed(); n > 0 {
		s += fmt.Sprintf(", %d suppressed", n)
	}
	if n, why := undecided(res); n > 0 {
		s += fmt.Sprintf(", %s left undecided (%s)", Plural(n, "check"), why)
	}
	if n := len(res.Notices); n > 0 {
		s += ", " + Plural(n, "notice")
	}
	if n := len(res.Errors); n > 0 {
		s += ", " + Plural(n, "input error")
	}
	return s + " in " + r.Duration.Round(time.Millisecond).String()
}
