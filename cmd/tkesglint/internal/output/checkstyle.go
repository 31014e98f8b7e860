package output

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// CheckstyleVersion is the version attribute of the checkstyle element.
const CheckstyleVersion = "4.3"

// WriteCheckstyle writes the findings that are not suppressed, and the
// errors, as Checkstyle XML (what reviewdog's -f=checkstyle and many editors
// read): one <file> per file in path order, one <error> per finding with
// line, column, severity (error, warning or info), message and source
// "tkesglint.TKESGnnn". Errors are <error>s with source "tkesglint".
func WriteCheckstyle(w io.Writer, r *Report) error {
	res := r.Result
	type entry struct {
		rng      model.Range
		severity string
		message  string
		source   string
	}
	byFile := map[string][]entry{}
	var files []string
	add := func(e entry) {
		if _, ok := byFile[e.rng.Filename]; !ok {
			files = append(files, e.rng.Filename)
		}
		byFile[e.rng.Filename] = append(byFile[e.rng.Filename], e)
	}
	for _, e := range res.Errors {
		add(entry{e.Range, "error", Message(errorMessage(e)), "tkesglint"})
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppression != nil {
			continue
		}
		// Checkstyle has no related locations: the module instance, when
		// there is one, tells apart the findings of two instances.
		what := f.Check.ID
		if inst := f.Instance(); inst != "" {
			what += "; " + inst
		}
		add(entry{f.Range, checkstyleSeverity(f.Level), Message(f.Message) + " (" + Printable(what) + ")", "tkesglint." + f.Check.ID})
	}
	sortStrings(files)

	// Buffered, not the document held whole; bufio keeps the first write
	// error for Flush.
	b := bufio.NewWriterSize(w, 64<<10)
	_, _ = b.WriteString(xml.Header)
	_, _ = b.WriteString(`<checkstyle version="` + CheckstyleVersion + `">` + "\n")
	for _, name := range files {
		_, _ = b.WriteString(`  <file name="` + xmlAttr(Printable(name)) + `">` + "\n")
		for _, e := range byFile[name] {
			_, _ = b.WriteString(`    <error`)
			if e.rng.Start.Line > 0 {
				_, _ = b.WriteString(` line="` + strconv.Itoa(e.rng.Start.Line) + `"`)
				if e.rng.Start.Column > 0 {
					_, _ = b.WriteString(` column="` + strconv.Itoa(e.rng.Start.Column) + `"`)
				}
			}
			_, _ = b.WriteString(` severity="` + e.severity + `" message="` + xmlAttr(e.message) + `" source="` + xmlAttr(e.source) + `"/>` + "\n")
		}
		_, _ = b.WriteString("  </file>\n")
	}
	_, _ = b.WriteString("</checkstyle>\n")
	if err := b.Flush(); err != nil {
		return fmt.Errorf("write checkstyle: %w", err)
	}
	return nil
}

// checkstyleSeverity is Checkstyle's name of a level.
func checkstyleSeverity(l analysis.Level) string {
	switch l {
	case analysis.LevelError:
		return "error"
	case analysis.LevelWarning:
		return "warning"
	case analysis.LevelNote, analysis.LevelNone:
		return "info"
	}
	return "warning"
}

// xmlAttr escapes s for a double-quoted attribute value, line breaks and
// tabs included, so that parsers keep them.
func xmlAttr(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writes to memory: cannot fail
	return b.String()
}
