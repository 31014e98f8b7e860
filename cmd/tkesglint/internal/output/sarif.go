package output

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/english"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// SARIF constants of tkesglint's logs.
const (
	// SARIFSchema is the JSON schema the log declares.
	SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"
	// SrcRoot is the uriBaseId of every location: the folder tkesglint ran in.
	SrcRoot = "%SRCROOT%"
	// FingerprintKey is the partialFingerprints key of a result.
	FingerprintKey = "tkesglint/v2"
	// HelpURIPrefix is where the documentation of a check lives; the check id
	// and ".md" follow.
	HelpURIPrefix = "https://github.com/tkesglint/tkesglint/blob/main/docs/rules/"
	// MaxSARIFResults is the most results GitHub accepts in one run.
	MaxSARIFResults = 25000
)

// sarifLevel is the SARIF name of a level.
func sarifLevel(l analysis.Level) string {
	if l == analysis.LevelNone {
		return "none"
	}
	return l.String()
}

// sentence makes a message a sentence, as SARIF viewers expect: it ends with
// a period.
func sentence(s string) string {
	s = strings.TrimSpace(validText(s))
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// capitalized returns s with its first letter in upper case.
func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// firstParagraph returns the first paragraph of a Markdown text, with line
// breaks joined.
func firstParagraph(md string) string {
	md = strings.TrimSpace(md)
	for para := range strings.SplitSeq(md, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "#") || strings.HasPrefix(para, "```") || strings.HasPrefix(para, "Level:") {
			continue
		}
		return strings.Join(strings.Fields(para), " ")
	}
	return ""
}

// helpText is the plain-text help of c: its page as text when it has one.
func helpText(c *analysis.Check) string {
	if c.HelpText != "" {
		return c.HelpText
	}
	return c.Help
}

// sarifRegion returns the region of r, or nil when r has no line.
func sarifRegion(r model.Range) *sarif.Region {
	if r.Start.Line <= 0 {
		return nil
	}
	reg := sarif.NewRegion().WithStartLine(r.Start.Line)
	if r.Start.Column > 0 {
		reg.WithStartColumn(r.Start.Column)
	}
	if r.End.Line > 0 && (r.End.Line != r.Start.Line || r.End.Column != r.Start.Column) {
		reg.WithEndLine(r.End.Line)
		if r.End.Column > 0 {
			reg.WithEndColumn(r.End.Column)
		}
	}
	return reg
}

// RelativeURI returns a slash-separated relative path as a URI reference
// (RFC 3986, as SARIF's artifactLocation.uri wants it): every byte but the
// unreserved characters and "/" is percent-encoded, so "my dir/main.tf" is
// "my%20dir/main.tf", a ":" cannot be read as a scheme, and a file name
// that is not UTF-8 is named exactly ("caf%E9.tf").
func RelativeURI(p string) string {
	const digits = "0123456789ABCDEF"
	var b strings.Builder
	for i := range len(p) {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(digits[c>>4])
			b.WriteByte(digits[c&15])
		}
	}
	return b.String()
}

// sarifLocation returns a location relative to %SRCROOT%, or nil when r has
// no file.
func sarifLocation(r model.Range) *sarif.Location {
	if r.Filename == "" {
		return nil
	}
	pl := sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewSimpleArtifactLocation(RelativeURI(r.Filename)).WithUriBaseId(SrcRoot))
	if reg := sarifRegion(r); reg != nil {
		pl.WithRegion(reg)
	}
	return sarif.NewLocationWithPhysicalLocation(pl)
}

// addFixes adds the fixes of a result that no result before it has
// (written holds their fixKey): a fix that several findings share is
// written once, on the first, so that a tool that applies every fix of the
// log applies it once (its description names the others).
func addFixes(result *sarif.Result, fixes []analysis.SuggestedFix, written map[string]bool) {
	for _, fix := range fixes {
		if !written[fixKey(fix)] {
			written[fixKey(fix)] = true
			result.AddFix(sarifFix(fix))
		}
	}
}

// sarifFix writes a proved fix: one artifact change per file, in the
// order of its edits, each a replacement of a region given in full (an
// insertion is a region whose end is its start).
func sarifFix(fix analysis.SuggestedFix) *sarif.Fix {
	out := sarif.NewFix().WithDescription(sarif.NewTextMessage(sentence(fix.Message)))
	var changes []*sarif.ArtifactChange
	byFile := map[string]*sarif.ArtifactChange{}
	for _, e := range fix.TextEdits {
		c := byFile[e.Range.Filename]
		if c == nil {
			c = sarif.NewArtifactChange(sarif.NewSimpleArtifactLocation(RelativeURI(e.Range.Filename)).WithUriBaseId(SrcRoot))
			byFile[e.Range.Filename] = c
			changes = append(changes, c)
		}
		region := sarif.NewRegion().WithStartLine(e.Range.Start.Line).WithStartColumn(e.Range.Start.Column).
			WithEndLine(e.Range.End.Line).WithEndColumn(e.Range.End.Column)
		c.WithReplacement(sarif.NewReplacement(region).WithInsertedContent(sarif.NewArtifactContent().WithText(e.NewText)))
	}
	return out.WithArtifactChanges(changes)
}

// automationID is the run's automationDetails.id: GitHub takes everything
// up to the last slash as the category of the analysis, so the id ends with
// one and stays the same from run to run.
func automationID(category string) string {
	if category == "" {
		return "tkesglint/"
	}
	return "tkesglint/" + strings.Trim(category, "/") + "/"
}

// sarifSuppression describes why f is suppressed. Every field is set: the
// SARIF library writes unset ones as null, which the schema rejects.
func sarifSuppression(f *driver.Finding) *sarif.Suppression {
	sp := f.Suppression
	loc := suppressionLocation(sp.Range)
	sum := sha256.Sum256([]byte(f.Fingerprint + "\x00" + sp.Kind + "\x00" + sp.Justification + "\x00" + sp.Range.String()))
	guid := uuidOf(sum[:16])
	status := "accepted"
	justification := validText(sp.Justification)
	return &sarif.Suppression{Kind: sp.Kind, Status: &status, Location: loc, Guid: &guid, Justification: &justification}
}

// suppressionLocation locates a suppression: relative to %SRCROOT% when
// its file is below the working directory, else by a file URI.
func suppressionLocation(r model.Range) *sarif.Location {
	if !path.IsAbs(r.Filename) {
		return sarifLocation(r)
	}
	u := url.URL{Scheme: "file", Path: r.Filename}
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(u.String()))
	if reg := sarifRegion(r); reg != nil {
		pl.WithRegion(reg)
	}
	return sarif.NewLocationWithPhysicalLocation(pl)
}

// uuidOf formats 16 bytes as a version 4 style UUID (the bytes come from a
// hash, so that the same suppression has the same guid in every run).
func uuidOf(b []byte) string {
	u := slices.Clone(b[:16])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// sarifRule describes one check.
func sarifRule(c *analysis.Check) *sarif.ReportingDescriptor {
	name := c.Name
	if name == "" {
		name = c.ID
	}
	full := firstParagraph(c.Help)
	if full == "" {
		full = capitalized(c.Title)
	}
	severity := c.SecuritySeverity
	if severity == "" {
		severity = c.Level.SecuritySeverity()
	}
	precision := c.Precision
	if precision == "" {
		precision = "high"
	}
	tags := []string{"security"}
	for _, t := range c.Tags {
		if t != "security" {
			tags = append(tags, t)
		}
	}
	rule := sarif.NewRule(c.ID).
		WithName(name).
		WithShortDescription(sarif.NewMultiformatMessageString(sentence(capitalized(c.Title)))).
		WithFullDescription(sarif.NewMultiformatMessageString(sentence(full))).
		WithHelp(sarif.NewMultiformatMessageString(helpText(c)).WithMarkdown(c.Help)).
		WithHelpURI(HelpURIPrefix + c.ID + ".md").
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(c.Level)))
	rule.WithProperties(sarif.Properties{
		"tags":              tags,
		"security-severity": severity,
		"precision":         precision,
	})
	return rule
}

// SARIFOptions select the findings a SARIF log carries. GitHub code
// scanning turns every result it receives into an open alert: it ignores
// SARIF suppressions and kind, and shows notes as "Note" alerts. So by
// default a log holds what should be an alert, and the rest is added for
// consumers that honor suppressions (docs/github-code-scanning.md).
type SARIFOptions struct {
	// Level is the lowest level of the findings written.
	Level analysis.Level
	// Suppressed adds the findings suppressed by a comment, a configuration
	// entry or the baseline, with SARIF suppressions.
	Suppressed bool
	// Undecided adds the notes that stand for checks left undecided.
	Undecided bool
}

// AllSARIF are the options that write every finding.
func AllSARIF() SARIFOptions {
	return SARIFOptions{Level: analysis.LevelNote, Suppressed: true, Undecided: true}
}

// selected reports whether o writes f: every result is at or above the
// level, and suppressed findings and undecided notes only when included.
func (o SARIFOptions) selected(f *driver.Finding) bool {
	switch {
	case f.Level > o.Level:
		return false
	case f.Suppression != nil:
		return o.Suppressed
	case undecidedNote(f):
		return o.Undecided
	}
	return true
}

// undecidedNote reports whether f is a note that stands for checks left
// undecided. A warning that also names undecided checks (TKESG305: no SG is
// bound, so the node requirements cannot be checked) is a finding of its
// own, in the log; it is still one of the checks left undecided that every
// output counts (Undecided).
func undecidedNote(f *driver.Finding) bool {
	return len(f.Undecided) > 0 && f.Level >= analysis.LevelNote
}

// leftOut describes the findings o leaves out of a log, or "" when none.
// Each is counted once, under the first flag that stands in its way. The
// undecided ones are told among all the checks left undecided, the count
// of the text summary and the reports, which the log's warnings (TKESG305)
// are part of.
func (o SARIFOptions) leftOut(fs []driver.Finding) string {
	var suppressed, undecided, below, allUndecided int
	for i := range fs {
		f := &fs[i]
		if leavesUndecided(f) {
			allUndecided++
		}
		switch {
		case o.selected(f):
		case f.Level > o.Level:
			below++
		case f.Suppression != nil:
			suppressed++
		default:
			undecided++
		}
	}
	var parts []string
	if below > 0 {
		parts = append(parts, fmt.Sprintf("%d below level %s (--sarif-level)", below, o.Level))
	}
	if suppressed > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed (--sarif-include suppressed)", suppressed))
	}
	switch {
	case undecided == 0:
	case undecided < allUndecided:
		parts = append(parts, fmt.Sprintf("%d of the %d checks left undecided (--sarif-include undecided)", undecided, allUndecided))
	default:
		parts = append(parts, fmt.Sprintf("%s left undecided (--sarif-include undecided)", Plural(undecided, "check")))
	}
	if len(parts) == 0 {
		return ""
	}
	n := suppressed + undecided + below
	return fmt.Sprintf("%s %s not in this log, which holds what code scanning should show as alerts: %s.",
		Plural(n, "finding"), english.IsAre(n), strings.Join(parts, ", "))
}

// WriteSARIF writes the report as a SARIF 2.1.0 log with one run: the
// checks that ran as rules, the findings o selects as results, and the
// errors as tool execution notifications of the run's only invocation.
func WriteSARIF(w io.Writer, r *Report, o SARIFOptions) error {
	res := r.Result
	run := sarif.NewRunWithInformationURI(r.Tool.Name, r.Tool.InformationURI)
	run.Tool.Driver.WithVersion(r.Tool.Version)
	semver := r.Tool.Version
	run.Tool.Driver.SemanticVersion = &semver
	run.WithColumnKind("unicodeCodePoints")
	id := automationID(r.Category)
	run.WithAutomationDetails(&sarif.RunAutomationDetails{ID: &id})
	run.WithOriginalUriBaseIds(map[string]*sarif.ArtifactLocation{
		SrcRoot: {Description: sarif.NewTextMessage("The folder tkesglint ran in; result paths are relative to it.")},
	})

	index := map[string]int{}
	for i, c := range res.Checks {
		index[c.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(c))
	}

	var findings []*driver.Finding
	for i := range res.Findings {
		if o.selected(&res.Findings[i]) {
			findings = append(findings, &res.Findings[i])
		}
	}
	var truncated int
	if len(findings) > MaxSARIFResults {
		truncated = len(findings) - MaxSARIFResults
		findings = findings[:MaxSARIFResults]
	}
	inv := run.AddInvocation(res.Successful())
	inv.ToolExecutionNotifications = []*sarif.Notification{}
	for _, e := range res.Errors {
		n := sarif.NewNotification().WithLevel("error").WithTextMessage(sentence(errorMessage(e)))
		if loc := sarifLocation(e.Range); loc != nil {
			n.WithLocations([]*sarif.Location{loc})
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	for _, notice := range res.Notices {
		n := sarif.NewNotification().WithLevel("note").WithTextMessage(sentence(notice.Message))
		if loc := sarifLocation(notice.Range); loc != nil {
			n.WithLocations([]*sarif.Location{loc})
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	if msg := o.leftOut(res.Findings); msg != "" {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarif.NewNotification().WithLevel("note").WithTextMessage(msg))
	}
	if truncated > 0 {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarif.NewNotification().
			WithLevel("warning").
			WithTextMessage(fmt.Sprintf("%s %s left out: GitHub accepts at most %d in one run.", Plural(truncated, "result"), english.WasWere(truncated), MaxSARIFResults)))
	}
	if len(inv.ToolExecutionNotifications) == 0 {
		inv.ToolExecutionNotifications = nil
	}

	// The results are written one at a time, in the run's "results"
	// (six spaces in: "runs", the run, its key).
	run.Results = []*sarif.Result{}
	log := &sarif.Report{Version: string(sarif.Version210), Schema: SARIFSchema, Runs: []*sarif.Run{run}}
	written := map[string]bool{}
	err := encodeJSONStream(w, log, "      ", "results", func(write func(any) error) error {
		for _, f := range findings {
			if err := write(sarifResult(f, index, written)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("write sarif: %w", err)
	}
	return nil
}

// sarifResult is the result of finding f; index gives the rules' indexes,
// written the fixes of the results before (addFixes).
func sarifResult(f *driver.Finding, index map[string]int, written map[string]bool) *sarif.Result {
	result := sarif.NewRuleResult(f.Check.ID).
		WithLevel(sarifLevel(f.Level)).
		WithMessage(sarif.NewTextMessage(sentence(f.Message))).
		WithPartialFingerPrints(map[string]any{FingerprintKey: f.Fingerprint})
	if idx, ok := index[f.Check.ID]; ok {
		result.WithRuleIndex(idx)
	}
	if loc := sarifLocation(f.Range); loc != nil {
		result.WithLocations([]*sarif.Location{loc})
	}
	if sp := f.Suppression; sp != nil {
		result.WithSuppression([]*sarif.Suppression{sarifSuppression(f)})
	}
	for j, rel := range f.Related {
		loc := sarifLocation(rel.Range)
		if loc == nil {
			continue
		}
		result.AddRelatedLocation(loc.WithId(j + 1).WithMessage(sarif.NewTextMessage(sentence(rel.Message))))
	}
	addFixes(result, f.Fixes, written)
	return result
}
