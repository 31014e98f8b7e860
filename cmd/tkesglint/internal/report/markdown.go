package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/show"
)

// MaxMarkdownFindings is the most findings the Markdown table lists: a
// job summary is limited to 1 MiB, and a longer table is read by no one;
// the rest are counted, and are in the other formats.
const MaxMarkdownFindings = 100

// WriteMarkdown writes the Markdown summary: counts by level, the findings
// with links to their lines, the requirement matrix of every cluster, and
// the checks left undecided by reason.
func WriteMarkdown(w io.Writer, d *Data) error {
	m := &mdWriter{w: w, d: d}
	m.summary()
	m.findings()
	m.matrices()
	m.undecided()
	return m.err
}

type mdWriter struct {
	w   io.Writer
	d   *Data
	err error
}

func (m *mdWriter) printf(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

func (m *mdWriter) summary() {
	res := m.d.Report.Result
	e, wn, n := res.Count(analysis.LevelError), res.Count(analysis.LevelWarning), res.Count(analysis.LevelNote)
	status := "✅"
	switch {
	case e > 0:
		status = "❌"
	case wn > 0:
		status = "⚠️"
	}
	m.printf("## %s %s: %s, %s, %s\n\n", status, m.d.Report.Tool.Name, output.Plural(e, "error"), output.Plural(wn, "warning"), output.Plural(n, "note"))
	m.printf("| level | findings |\n|---|---:|\n| error | %d |\n| warning | %d |\n| note | %d |\n", e, wn, n)
	if s := res.Suppressed(); s > 0 {
		m.printf("| suppressed | %d |\n", s)
	}
	if len(res.Errors) > 0 {
		m.printf("| input errors | %d |\n", len(res.Errors))
	}
	m.printf("\n%s read by %s %s.\n\n", output.Plural(len(res.Files), "file"), m.d.Report.Tool.Name, mdEscape(m.d.Report.Tool.Version))
	for _, err := range res.Errors {
		m.printf("- ❗ %s\n", mdEscape(err.Error()))
	}
	if len(res.Errors) > 0 {
		m.printf("\n")
	}
}

func (m *mdWriter) findings() {
	open := m.d.open()
	if len(open) == 0 {
		return
	}
	m.printf("### Findings\n\n| level | check | where | message |\n|---|---|---|---|\n")
	for i, f := range open {
		if i == MaxMarkdownFindings {
			more := "findings"
			if len(open)-i == 1 {
				more = "finding"
			}
			m.printf("\nand %d more %s: the text, SARIF, JSON and HTML outputs list them all.\n", len(open)-i, more)
			break
		}
		where := fmt.Sprintf("[%s:%d](%s)", mdEscape(f.Range.Filename), f.Range.Start.Line, m.d.Link(f.Range.Filename, f.Range.Start.Line))
		if f.Range.Filename == "" {
			where = "-"
		}
		if f.Module != "" {
			// The findings of two instances of a module are at one place.
			where += " in " + mdEscape(f.Module)
		}
		m.printf("| %s | [%s](%s) | %s | %s |\n", f.Level, f.Check.ID, HelpURI(f.Check), where, mdEscape(output.Message(f.Message)))
	}
	m.printf("\n")
}

func (m *mdWriter) matrices() {
	var started bool
	named := map[string]int{}
	for _, u := range m.d.Units {
		for _, c := range u.Clusters {
			named[c.Cluster]++
		}
	}
	for _, u := range m.d.Units {
		for _, c := range u.Clusters {
			if !started {
				m.printf("### Requirement matrix\n\n")
				started = true
			}
			heading := mdEscape(c.Cluster)
			if named[c.Cluster] > 1 {
				// Clusters of one name in several root modules: where
				// each is defined tells them apart.
				heading += " in " + mdEscape(clusterPlace(u, c))
			}
			m.printf("#### Cluster %s\n\n%s, %s; cluster network %s; container network %s.\n\n", heading, mdEscape(c.DeployType), mdEscape(c.NetworkType),
				mdEscape(orUnknown(c.ClusterNetwork)), mdEscape(orUnknown(c.ContainerNetwork)))
			for _, t := range c.Targets {
				if t.Binding == nil && len(t.Rows) > 0 && t.Rows[0].Status == "n/a" {
					m.printf("**%s**: not applicable (%s).\n\n", mdEscape(t.Subject), mdEscape(strings.Join(t.Rows[0].Reasons, "; ")))
					continue
				}
				m.printf("**%s**: %s", mdEscape(t.Subject), mdEscape(show.GroupList(t.Groups)))
				if t.Binding != nil {
					m.printf(", bound at [%s:%d](%s)", mdEscape(t.Binding.File), t.Binding.Line, m.d.Link(t.Binding.File, t.Binding.Line))
				}
				m.printf("\n\n| row | check | status | why |\n|---|---|---|---|\n")
				for _, r := range t.Rows {
					m.printf("| %s | %s | %s %s | %s |\n", mdEscape(r.Name), r.Check, statusMark(r.Status), r.Status, mdEscape(show.RowDetail(r)))
				}
				m.printf("\n")
			}
		}
	}
}

func (m *mdWriter) undecided() {
	reasons := m.d.undecided()
	if len(reasons) == 0 {
		return
	}
	n := 0
	for _, r := range reasons {
		n += len(r.Findings)
	}
	m.printf("### Undecided checks by reason\n\n%s left undecided.\n\n| reason | checks | undecided | first at |\n|---|---|---:|---|\n", output.Plural(n, "check"))
	for _, r := range reasons {
		f := r.Findings[0]
		m.printf("| %s | %s | %d | [%s:%d](%s) |\n", mdEscape(r.Why), strings.Join(r.Checks, ", "), len(r.Findings),
			mdEscape(f.Range.Filename), f.Range.Start.Line, m.d.Link(f.Range.Filename, f.Range.Start.Line))
	}
	m.printf("\n")
}

// clusterPlace says where cluster c of unit u is defined: its file and
// line, else its address in the unit's root.
func clusterPlace(u show.Unit, c show.Matrix) string {
	if c.At != nil {
		return fmt.Sprintf("%s:%d", c.At.File, c.At.Line)
	}
	if u.Root != "" {
		return u.Root + ", " + c.Address
	}
	return c.Address
}

// statusMark is the sign of a matrix status.
func statusMark(s string) string {
	switch s {
	case "satisfied":
		return "✅"
	case "broken":
		return "❌"
	case "undecided":
		return "❔"
	}
	return "➖"
}

// mdEscape makes text from the input inert in Markdown: a table cell
// stays one cell, and nothing becomes a link, an emphasis, code or HTML.
// Control and bidirectional characters are escaped as in the text output
// (output.Printable). GitHub's autolinks are broken without changing the
// text read: the colon before "//" and the dot after "www" are escaped,
// and an empty HTML comment, which renders as nothing, follows each "@"
// (an e-mail autolink is found in the text after escapes are undone).
func mdEscape(s string) string {
	s = output.Printable(s)
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '~', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case ':':
			if strings.HasPrefix(s[i+1:], "//") {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '.':
			if i >= 3 && strings.EqualFold(s[i-3:i], "www") {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '@':
			b.WriteString("@<!-- -->")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
