package report

import (
	_ "embed"
	"encoding/json" // the page's template, style and script
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/show"
)

//go:embed report.html.tmpl
var pageTemplate string

// page is what the HTML template renders: everything but the findings and
// the policies, which WriteHTML writes itself.
type page struct {
	Title    string
	Tool     string
	Counts   []count
	Files    int
	Errors   []string
	Levels   bool // some finding is shown
	Units    []show.Unit
	Reasons  []*Reason
	Checks   []string
	Paths    []string
	Clusters []string
	Total    int
}

type count struct {
	Level string
	N     int
}

// WriteHTML writes the HTML report: one file that needs nothing else. The
// template writes the frame of the page; the findings and the policies,
// which are most of it (tens of MB on a large tree), are written here one
// at a time as they are built, as the template wrote them, so that the
// page is never held in memory whole.
func WriteHTML(w io.Writer, d *Data) error {
	tmpl, err := template.New("report").Funcs(template.FuncMap{
		"statusMark": htmlMark,
		"rowWhy":     show.RowWhy,
		"groupList":  show.GroupList,
		"join":       strings.Join,
		"upper":      strings.ToUpper,
		"printable":  output.Printable,
	}).Parse(pageTemplate)
	if err != nil {
		return err
	}
	// The template and the writers escape markup; control and
	// bidirectional characters that the input put anywhere in the page are
	// escaped as in the text output (output.PrintableDocument).
	pw := newPageWriter(w)
	p, open := d.page()
	if err := tmpl.ExecuteTemplate(pw, "top", p); err != nil {
		return err
	}
	if err := d.writeFindings(pw, open); err != nil {
		return err
	}
	if err := tmpl.ExecuteTemplate(pw, "middle", p); err != nil {
		return err
	}
	if err := d.writePolicies(pw); err != nil {
		return err
	}
	if err := tmpl.ExecuteTemplate(pw, "bottom", p); err != nil {
		return err
	}
	return pw.Close()
}

// page gathers what the template shows, and returns the findings shown.
func (d *Data) page() (page, []*driver.Finding) {
	res := d.Report.Result
	p := page{Tool: d.Report.Tool.Name + " " + d.Report.Tool.Version, Files: len(res.Files), Units: d.Units, Reasons: d.undecided()}
	p.Title = d.Report.Tool.Name + " report"
	for _, l := range []analysis.Level{analysis.LevelError, analysis.LevelWarning, analysis.LevelNote} {
		p.Counts = append(p.Counts, count{l.String(), res.Count(l)})
	}
	for _, e := range res.Errors {
		p.Errors = append(p.Errors, output.Message(e.Error()))
	}
	// Sets, not slices.Contains: a tree has thousands of files.
	checks, paths, clusters := map[string]bool{}, map[string]bool{}, map[string]bool{}
	open := d.open()
	for _, f := range open {
		p.Levels = p.Levels || isShown(f.Level)
		p.Total++
		checks[f.Check.ID] = true
		if f.Range.Filename != "" {
			paths[f.Range.Filename] = true
		}
		for _, c := range d.ClustersOf(f) {
			clusters[c] = true
		}
	}
	for _, u := range d.Units {
		for _, c := range u.Clusters {
			clusters[c.Cluster] = true
		}
	}
	p.Checks, p.Paths, p.Clusters = sortedKeys(checks), sortedKeys(paths), sortedKeys(clusters)
	return p, open
}

// isShown reports whether the page has a section for findings of level l.
func isShown(l analysis.Level) bool {
	return l == analysis.LevelError || l == analysis.LevelWarning || l == analysis.LevelNote
}

// sortedKeys returns the keys of set, sorted; nil for none.
func sortedKeys(set map[string]bool) []string {
	if len(set) == 0 {
		return nil
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// writeFindings writes a section per level, errors first, of the findings
// open (sorted by level), as the template did:
//
//	{{range .Levels}}
//	<section class="level" data-level="{{.Level}}">
//	<h3>{{upper .Level}} <span class="muted">(<span class="n-level">{{len .Findings}}</span>)</span></h3>
//	{{range .Findings}}…finding…{{end}}</section>
//	{{end}}
func (d *Data) writeFindings(pw *pageWriter, open []*driver.Finding) error {
	urls := map[string]string{} // the escaped help link of each check
	for _, l := range []analysis.Level{analysis.LevelError, analysis.LevelWarning, analysis.LevelNote} {
		lo := slices.IndexFunc(open, func(f *driver.Finding) bool { return f.Level == l })
		if lo < 0 {
			continue
		}
		hi := lo
		for hi < len(open) && open[hi].Level == l {
			hi++
		}
		name := l.String()
		pw.raw("\n<section class=\"level\" data-level=\"")
		pw.esc(name)
		pw.raw("\">\n<h3>")
		pw.esc(strings.ToUpper(name))
		pw.raw(" <span class=\"muted\">(<span class=\"n-level\">")
		pw.int(hi - lo)
		pw.raw("</span>)</span></h3>\n")
		for _, f := range open[lo:hi] {
			url, ok := urls[f.Check.ID]
			if !ok {
				var err error
				if url, err = urlAttr(HelpURI(f.Check)); err != nil {
					return err
				}
				urls[f.Check.ID] = url
			}
			d.writeFinding(pw, f, url)
		}
		pw.raw("</section>\n")
	}
	return pw.err
}

// writeFinding writes one finding as the template did:
//
//	<div class="finding {{.Level}}" data-check="{{.Check}}" data-file="{{.File}}" data-clusters="{{.ClusterList}}">
//	<div class="head"><a href="{{.HelpURI}}">{{.Check}}</a> {{.Level}} <span class="loc">{{if .File}}{{.File}}:{{.Line}}:{{.Column}}{{end}}</span>{{if .Clusters}} <span class="muted">cluster {{.Clusters}}</span>{{end}}</div>
//	<div class="msg">{{.Message}}</div>
//	{{if .Excerpt}}<pre class="src">{{range .Excerpt}}<span{{if .Marked}} class="mark"{{end}}><i>{{.Number}}</i>{{.Text}}</span>{{end}}</pre>{{end}}
//	{{if .Related}}<ul class="related">{{range .Related}}<li>{{if .Where}}<span class="mono">{{.Where}}</span>: {{end}}{{.Message}}</li>{{end}}</ul>{{end}}
//	</div>
//
// url is the help link, escaped for its attribute.
func (d *Data) writeFinding(pw *pageWriter, f *driver.Finding, url string) {
	level, file := f.Level.String(), f.Range.Filename
	clusters := d.ClustersOf(f)
	pw.raw("<div class=\"finding ")
	pw.esc(level)
	pw.raw("\" data-check=\"")
	pw.esc(f.Check.ID)
	pw.raw("\" data-file=\"")
	pw.esc(file)
	pw.raw("\" data-clusters=\"")
	pw.esc(clusterList(clusters))
	pw.raw("\">\n<div class=\"head\"><a href=\"")
	pw.raw(url)
	pw.raw("\">")
	pw.esc(f.Check.ID)
	pw.raw("</a> ")
	pw.esc(level)
	pw.raw(" <span class=\"loc\">")
	if file != "" {
		pw.esc(file)
		pw.raw(":")
		pw.int(f.Range.Start.Line)
		pw.raw(":")
		pw.int(f.Range.Start.Column)
	}
	pw.raw("</span>")
	if len(clusters) > 0 {
		pw.raw(" <span class=\"muted\">cluster ")
		pw.esc(strings.Join(clusters, ", "))
		pw.raw("</span>")
	}
	pw.raw("</div>\n<div class=\"msg\">")
	pw.esc(output.Message(f.Message))
	pw.raw("</div>\n")
	if lines := d.excerpt(f.Range); len(lines) > 0 {
		pw.raw("<pre class=\"src\">")
		for _, l := range lines {
			pw.raw("<span")
			if l.Marked {
				pw.raw(" class=\"mark\"")
			}
			pw.raw("><i>")
			pw.int(l.Number)
			pw.raw("</i>")
			pw.esc(l.Text)
			pw.raw("</span>")
		}
		pw.raw("</pre>")
	}
	pw.raw("\n")
	if len(f.Related) > 0 {
		pw.raw("<ul class=\"related\">")
		for _, r := range f.Related {
			pw.raw("<li>")
			if w := where(r.Range.Filename, r.Range.Start.Line); w != "" {
				pw.raw("<span class=\"mono\">")
				pw.esc(w)
				pw.raw("</span>: ")
			}
			pw.esc(output.Message(r.Message))
			pw.raw("</li>")
		}
		pw.raw("</ul>")
	}
	pw.raw("\n</div>\n")
}

// writePolicies writes the effective policy of every binding and every
// group of each unit, as Gather rendered them, as the template did with
//
//	{{range .Units}}{{range .Bindings}}{{template "policy" .}}{{end}}{{range .Groups}}{{template "policy" .}}{{end}}{{end}}
func (d *Data) writePolicies(pw *pageWriter) error {
	for _, u := range d.gathered {
		for _, chunk := range u.policies {
			// A page chunk at a time, so that the page's buffer stays
			// small.
			for b := chunk; len(b) > 0; {
				n := min(len(b), pageChunk)
				if _, err := pw.Write(b[:n]); err != nil {
					return err
				}
				b = b[n:]
			}
		}
		if u.policiesErr != nil {
			return u.policiesErr
		}
	}
	return pw.err
}

// urlAttr returns the link u as html/template writes it in an href
// attribute (filtered and normalized as a URL, then escaped): the
// template itself escapes it, as it is written once per check.
func urlAttr(u string) (string, error) {
	t, err := template.New("url").Parse(`<a href="{{.}}">`)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.Execute(&b, u); err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`), `">`), nil
}

// clusterList is the JSON list of the names, each as the page shows it
// (output.Printable), so that the filter compares the same strings.
func clusterList(names []string) string {
	shown := make([]string, len(names))
	for i, n := range names {
		shown[i] = output.Printable(n)
	}
	b, _ := json.Marshal(shown)
	return string(b)
}

func where(file string, line int) string {
	if file == "" {
		return ""
	}
	return file + ":" + strconv.Itoa(line)
}

// htmlMark is the sign of a matrix status in the page: characters every
// font has, unlike emoji.
func htmlMark(s string) string {
	switch s {
	case "satisfied":
		return "✓"
	case "broken":
		return "✗"
	case "undecided":
		return "?"
	}
	return "–"
}
