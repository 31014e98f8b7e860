package output

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// WriteGitHub writes one GitHub Actions workflow command per finding that
// is not suppressed and per error, so that a workflow step annotates the
// lines of a pull request:
//
//	::error file=main.tf,line=3,col=5,endLine=3,endColumn=17,title=TKESG201::message
//
// Levels map to error, warning and notice. Related locations follow the
// message on lines of their own. The runner prints every command in the
// job log, which renders ANSI sequences: messages and file names are
// printable (see Printable). Paths are relative to the working
// directory, which should be the repository root.
func WriteGitHub(w io.Writer, r *Report) error {
	res := r.Result
	// One command at a time, not the whole log in memory; bufio keeps the
	// first write error for Flush.
	b := bufio.NewWriterSize(w, 64<<10)
	for _, e := range res.Errors {
		_, _ = b.WriteString(workflowCommand("error", e.Range, "tkesglint", Message(errorMessage(e))))
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppression != nil {
			continue
		}
		var msg strings.Builder
		msg.WriteString(Message(f.Message))
		for _, rel := range f.Related {
			msg.WriteString("\n" + Printable(rel.Range.String()) + ": " + Message(rel.Message))
		}
		_, _ = b.WriteString(workflowCommand(githubLevel(f.Level), f.Range, f.Check.ID, msg.String()))
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("write github: %w", err)
	}
	return nil
}

// githubLevel is the workflow command of a level.
func githubLevel(l analysis.Level) string {
	switch l {
	case analysis.LevelError:
		return "error"
	case analysis.LevelWarning:
		return "warning"
	case analysis.LevelNote, analysis.LevelNone:
		return "notice"
	}
	return "warning"
}

// workflowCommand formats one annotation command with its properties.
func workflowCommand(cmd string, r model.Range, title, msg string) string {
	var props []string
	if r.Filename != "" {
		props = append(props, "file="+escapeProperty(Printable(r.Filename)))
		if r.Start.Line > 0 {
			props = append(props, "line="+strconv.Itoa(r.Start.Line))
			if r.Start.Column > 0 {
				props = append(props, "col="+strconv.Itoa(r.Start.Column))
			}
			end := endPos(r)
			if end.Line > 0 && (end.Line != r.Start.Line || end.Column != r.Start.Column) {
				props = append(props, "endLine="+strconv.Itoa(end.Line))
				if end.Column > 0 {
					props = append(props, "endColumn="+strconv.Itoa(end.Column))
				}
			}
		}
	}
	props = append(props, "title="+escapeProperty(title))
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + escapeData(msg) + "\n"
}

// escapeData escapes the message of a workflow command as the runner
// expects (actions/toolkit's command.ts): %, CR and LF.
func escapeData(s string) string { return escapeCommand(s, false) }

// escapeProperty escapes a property value: as data, plus ':' and ','.
func escapeProperty(s string) string { return escapeCommand(s, true) }

// escapeCommand percent-encodes %, CR and LF, and ':' and ',' too in a
// property. (A strings.Replacer built for each message cost more than
// writing the message.)
func escapeCommand(s string, property bool) string {
	var b strings.Builder
	last := 0
	for i := range len(s) {
		var r string
		switch c := s[i]; {
		case c == '%':
			r = "%25"
		case c == '\r':
			r = "%0D"
		case c == '\n':
			r = "%0A"
		case property && c == ':':
			r = "%3A"
		case property && c == ',':
			r = "%2C"
		default:
			continue
		}
		if last == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[last:i])
		b.WriteString(r)
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
