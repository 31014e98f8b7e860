package analysistest

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// expectation is one pattern of one line.
type expectation struct {
	file  string // absolute, cleaned path of the input file
	shown string // the path as the test prints it
	line  int
	re    *regexp.Regexp
	src   string // the pattern as written, quotes included
	check string // the literal check id the pattern starts with, if any
}

func (e *expectation) String() string {
	return fmt.Sprintf("%s:%d: no diagnostic was reported matching %s", e.shown, e.line, e.src)
}

// fixture is what a folder expects.
type fixture struct {
	dir    string
	inputs int
	// files maps absolute paths of every file in the folder to the path the
	// test prints.
	files  map[string]string
	wants  []*expectation
	silent bool
	// errorWants are the lines of errors.want, with their line numbers.
	errorWants []errorWant
	hasErrors  bool // errors.want exists
	problems   []string
}

type errorWant struct {
	line int
	text string
}

// tested reports whether the folder states any expectation at all.
func (f *fixture) tested() bool { return len(f.wants) > 0 || f.silent || f.hasErrors }

var leadingCheck = regexp.MustCompile(`^\^?(TKESG\d{3})\b`)

// readFixture walks dir and collects its expectations. Problems with the
// expectations themselves (a malformed want) are collected in problems.
func readFixture(dir string) *fixture {
	f := &fixture{dir: dir, files: map[string]string{}}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		f.files[abs] = path
		return nil
	})
	if err != nil {
		f.problems = append(f.problems, fmt.Sprintf("%s: %v", dir, err))
		return f
	}
	// Visit files in a fixed order so that messages are deterministic.
	for _, abs := range sortedKeys(f.files) {
		shown := f.files[abs]
		name := filepath.Base(abs)
		switch {
		case name == "errors.want":
			f.hasErrors = true
			f.readErrorsWant(abs, shown)
		case strings.HasSuffix(name, ".want"):
			f.readSidecar(abs, shown)
		default:
			kind := commentKind(name)
			if isInput(name) {
				f.inputs++
			}
			if kind != noComments {
				f.readComments(abs, shown, kind)
			}
		}
	}
	return f
}

// syntax is how comments are written in a kind of file.
type syntax uint8

const (
	noComments syntax = iota
	hclComments
	yamlComments
)

func commentKind(name string) syntax {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tf", ".tfvars", ".hcl":
		return hclComments
	case ".yaml", ".yml":
		return yamlComments
	}
	return noComments
}

func isInput(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tf", ".json", ".yaml", ".yml":
		return true
	}
	return false
}

func (f *fixture) problemf(format string, args ...any) {
	f.problems = append(f.problems, fmt.Sprintf(format, args...))
}

func (f *fixture) readComments(abs, shown string, kind syntax) {
	lines, err := readLines(abs)
	if err != nil {
		f.problemf("%s: %v", shown, err)
		return
	}
	for i, line := range lines {
		text, ok := comment(line, kind)
		if !ok {
			continue
		}
		rest, ok := cutWord(strings.TrimSpace(text), "want")
		if !ok {
			continue
		}
		f.addWants(abs, shown, i+1, rest, true, fmt.Sprintf("%s:%d", shown, i+1))
	}
}

// addWants parses the text after `want` (or after the line number of a
// sidecar line) and records its patterns for line of the file abs.
func (f *fixture) addWants(abs, shown string, line int, text string, offsetAllowed bool, where string) {
	text = strings.TrimSpace(text)
	if text == "" {
		f.problemf("%s: want needs at least one pattern", where)
		return
	}
	if rest, ok := cutWord(text, "none"); ok {
		if strings.TrimSpace(rest) != "" {
			f.problemf("%s: nothing may follow want none", where)
		}
		f.silent = true
		return
	}
	if offsetAllowed && (text[0] == '+' || text[0] == '-') {
		end := strings.IndexAny(text, " \t")
		if end < 0 {
			end = len(text)
		}
		n, err := strconv.Atoi(text[:end])
		if err != nil {
			f.problemf("%s: malformed line offset %q", where, text[:end])
			return
		}
		line += n
		text = strings.TrimSpace(text[end:])
		if line < 1 {
			f.problemf("%s: line offset points before the first line", where)
			return
		}
	}
	pats, err := patterns(text)
	if err != nil {
		f.problemf("%s: %v", where, err)
		return
	}
	if len(pats) == 0 {
		f.problemf("%s: want needs at least one pattern", where)
		return
	}
	for _, p := range pats {
		re, err := regexp.Compile(p.value)
		if err != nil {
			f.problemf("%s: bad pattern %s: %v", where, p.src, err)
			continue
		}
		var check string
		if m := leadingCheck.FindStringSubmatch(p.value); m != nil {
			check = m[1]
		}
		f.wants = append(f.wants, &expectation{
			file: abs, shown: shown, line: line, re: re, src: p.src, check: check,
		})
	}
}

func (f *fixture) readSidecar(abs, shown string) {
	target := strings.TrimSuffix(abs, ".want")
	targetShown := strings.TrimSuffix(shown, ".want")
	if st, err := os.Stat(target); err != nil || st.IsDir() {
		f.problemf("%s: sidecar of %s, which is not a file", shown, targetShown)
		return
	}
	lines, err := readLines(abs)
	if err != nil {
		f.problemf("%s: %v", shown, err)
		return
	}
	for i, line := range lines {
		line = strings.TrimSpace(line)
		where := fmt.Sprintf("%s:%d", shown, i+1)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line == "none" {
			f.silent = true
			continue
		}
		num, rest, _ := strings.Cut(line, " ")
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 {
			f.problemf(`%s: want a line number and patterns ("12 \"TKESG205\""), got %q`, where, line)
			continue
		}
		f.addWants(target, targetShown, n, rest, false, where)
	}
}

func (f *fixture) readErrorsWant(abs, shown string) {
	lines, err := readLines(abs)
	if err != nil {
		f.problemf("%s: %v", shown, err)
		return
	}
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f.errorWants = append(f.errorWants, errorWant{line: i + 1, text: line})
	}
}

func readLines(path string) ([]string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var lines []string
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

// comment returns the text of the line comment on line, after its marker.
// It skips markers inside quoted strings, so that the `#` of a lite rule
// ("ACCEPT#0.0.0.0/0#22#TCP") does not start a comment.
func comment(line string, kind syntax) (string, bool) {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0 && c == '\\' && quote == '"':
			i++ // skip the escaped character
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case opensQuote(line, i, kind):
			quote = c
		default:
			if n := markerLen(line, i, kind); n > 0 {
				return line[i+n:], true
			}
		}
	}
	return "", false
}

// opensQuote reports whether line[i], outside any string, starts one.
func opensQuote(line string, i int, kind syntax) bool {
	switch line[i] {
	case '"':
		return kind == hclComments || yamlQuoteMayOpen(line, i)
	case '\'':
		return kind == yamlComments && yamlQuoteMayOpen(line, i)
	}
	return false
}

// markerLen returns the length of the comment marker at line[i], outside any
// string, or 0 when no comment starts there.
func markerLen(line string, i int, kind syntax) int {
	switch {
	case line[i] != '#':
		if kind == hclComments && strings.HasPrefix(line[i:], "//") {
			return 2
		}
	case kind == hclComments:
		return 1
	case i == 0 || line[i-1] == ' ' || line[i-1] == '\t':
		// In YAML a # starts a comment only after white space.
		return 1
	}
	return 0
}

// yamlQuoteMayOpen reports whether a quote at i starts a quoted scalar
// rather than being part of a plain one (`don't`).
func yamlQuoteMayOpen(line string, i int) bool {
	if i == 0 {
		return true
	}
	return strings.ContainsRune(" \t[{,:-?", rune(line[i-1]))
}

// cutWord reports whether s starts with word followed by a space or the end,
// and returns the rest.
func cutWord(s, word string) (string, bool) {
	rest, ok := strings.CutPrefix(s, word)
	if !ok {
		return "", false
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false
	}
	return rest, true
}

type pattern struct {
	value string
	src   string
}

// patterns reads a sequence of Go string literals separated by spaces.
func patterns(s string) ([]pattern, error) {
	var out []pattern
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		var end int
		switch s[0] {
		case '`':
			i := strings.IndexByte(s[1:], '`')
			if i < 0 {
				return nil, fmt.Errorf("unterminated pattern %s", s)
			}
			end = i + 2
		case '"':
			end = -1
			for i := 1; i < len(s); i++ {
				if s[i] == '\\' {
					i++
					continue
				}
				if s[i] == '"' {
					end = i + 1
					break
				}
			}
			if end < 0 {
				return nil, fmt.Errorf("unterminated pattern %s", s)
			}
		default:
			return nil, fmt.Errorf("want expects quoted patterns, got %q", s)
		}
		v, err := strconv.Unquote(s[:end])
		if err != nil {
			return nil, fmt.Errorf("malformed pattern %s: %w", s[:end], err)
		}
		out = append(out, pattern{value: v, src: s[:end]})
		s = s[end:]
		if s != "" && s[0] != ' ' && s[0] != '\t' {
			return nil, fmt.Errorf("patterns must be separated by spaces: %q", s)
		}
	}
	return out, nil
}
