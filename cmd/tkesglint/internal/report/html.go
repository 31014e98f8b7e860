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
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/output"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/show"
)

//go:embed report.html.tmpl
var pageTemplate string

// page is what the HTML template renders.
type page struct {
	Title    string
	Tool     string
	Counts   []count
	Files    int
	Errors   []string
	Levels   []levelSection
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

type levelSection struct {
	Level    string
	Findings []findingView
}

type findingView struct {
	Check, Level, File, Message, Address, HelpURI string
	Line, Column                                  int
	// Clusters names the finding's clusters for the reader; ClusterList
	// is them as a JSON list for the filter, which matches whole names
	// (a name may hold spaces).
	Clusters, ClusterList string
	Excerpt               []Line
	Related               []relatedView
	Undecided             []string
}

type relatedView struct {
	Where, Message string
}

// WriteHTML writes the HTML report: one file that needs nothing else.
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
	var b strings.Builder
	if err := tmpl.Execute(&b, d.page()); err != nil {
		return err
	}
	// The template escapes markup; control and bidirectional characters
	// that the input put anywhere in the page are escaped as in the text
	// output.
	_, err = io.WriteString(w, output.PrintableDocument(b.String()))
	return err
}

func (d *Data) page() page {
	res := d.Report.Result
	p := page{Tool: d.Report.Tool.Name + " " + d.Report.Tool.Version, Files: len(res.Files), Units: d.Units, Reasons: d.undecided()}
	p.Title = d.Report.Tool.Name + " report"
	for _, l := range []analysis.Level{analysis.LevelError, analysis.LevelWarning, analysis.LevelNote} {
		p.Counts = append(p.Counts, count{l.String(), res.Count(l)})
	}
	for _, e := range res.Errors {
		p.Errors = append(p.Errors, output.Message(e.Error()))
	}
	sections := map[analysis.Level]*levelSection{}
	for _, f := range d.open() {
		s := sections[f.Level]
		if s == nil {
			s = &levelSection{Level: f.Level.String()}
			sections[f.Level] = s
		}
		fv := findingView{
			Check: f.Check.ID, Level: f.Level.String(), File: f.Range.Filename, Line: f.Range.Start.Line, Column: f.Range.Start.Column,
			Message: output.Message(f.Message), Address: f.Address, HelpURI: HelpURI(f.Check),
			Clusters: strings.Join(d.ClustersOf(f), ", "), ClusterList: clusterList(d.ClustersOf(f)), Excerpt: d.excerpt(f.Range), Undecided: f.Undecided,
		}
		for _, r := range f.Related {
			fv.Related = append(fv.Related, relatedView{Where: where(r.Range.Filename, r.Range.Start.Line), Message: output.Message(r.Message)})
		}
		s.Findings = append(s.Findings, fv)
		p.Total++
		if !slices.Contains(p.Checks, fv.Check) {
			p.Checks = append(p.Checks, fv.Check)
		}
		if fv.File != "" && !slices.Contains(p.Paths, fv.File) {
			p.Paths = append(p.Paths, fv.File)
		}
		for _, c := range d.ClustersOf(f) {
			if !slices.Contains(p.Clusters, c) {
				p.Clusters = append(p.Clusters, c)
			}
		}
	}
	for _, u := range d.Units {
		for _, c := range u.Clusters {
			if !slices.Contains(p.Clusters, c.Cluster) {
				p.Clusters = append(p.Clusters, c.Cluster)
			}
		}
	}
	for _, l := range []analysis.Level{analysis.LevelError, analysis.LevelWarning, analysis.LevelNote} {
		if s := sections[l]; s != nil {
			p.Levels = append(p.Levels, *s)
		}
	}
	slices.Sort(p.Checks)
	slices.Sort(p.Paths)
	slices.Sort(p.Clusters)
	return p
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
