package driver

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/config"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/english"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/suppress"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// Kinds of suppressions, as SARIF names them.
const (
	// InSource is a comment in the file of the finding.
	InSource = "inSource"
	// External is a configuration entry or a baseline.
	External = "external"
)

// BaselineJustification is the justification of findings a baseline holds.
const BaselineJustification = "baseline"

// Suppression says why a finding is not shown.
type Suppression struct {
	// Kind is InSource or External.
	Kind string
	// Justification is the reason the suppression gives.
	Justification string
	// Range is where the suppression is written: the comment, the
	// configuration entry, or the baseline file.
	Range model.Range
	// Baseline is true when the baseline holds the finding.
	Baseline bool
}

// Baseline is a set of fingerprints whose findings are suppressed.
type Baseline struct {
	// Path is the baseline file as shown in messages.
	Path string
	// Fingerprints holds the fingerprints of the baselined findings.
	Fingerprints map[string]bool
}

// inline is one directive comment of file, as package suppress reads it.
type inline struct {
	suppress.Inline
	file string
	// report is true for the files the user scanned; comments in modules
	// read from elsewhere are applied but not reported.
	report bool
	used   map[string]bool
}

// external is one suppressions: entry of the configuration.
type external struct {
	config.Suppression
	used bool
}

// suppressor applies suppressions to findings and reports TKESG001.
type suppressor struct {
	opts    Options
	now     time.Time
	known   map[string]bool
	inlines []*inline
	entries []*external
	// resources indexes the model's resources by address.
	resources map[string][]model.Resource
	// sgRefs maps an SG id or address to the addresses of the SG and of the
	// resources that own its rules.
	sgRefs map[string][]string
}

// suppressFindings applies inline comments, configuration entries and the
// baseline to fs, and returns fs with the TKESG001 findings added.
func suppressFindings(opts Options, res *Result, units []unitIndex, fs []Finding) []Finding {
	s := &suppressor{opts: opts, known: map[string]bool{}, resources: map[string][]model.Resource{}, sgRefs: map[string][]string{}}
	s.now = time.Now()
	if opts.Now != nil {
		s.now = opts.Now()
	}
	for _, a := range opts.Analyzers {
		for _, c := range a.Checks {
			s.known[c.ID] = true
		}
	}
	s.index(units)
	if !opts.NoInlineSuppressions {
		s.readInline(res)
	}
	for _, e := range opts.Suppressions {
		s.entries = append(s.entries, &external{Suppression: e})
	}
	check := s.check()
	s.mark(fs)
	problems := s.problems(check, false)
	s.mark(problems)
	late := s.problems(check, true)
	return slices.Concat(fs, problems, late)
}

// check returns the TKESG001 check as configured, or nil when disabled.
func (s *suppressor) check() *analysis.Check {
	if !enabled(suppress.CheckID, s.opts) {
		return nil
	}
	for _, a := range s.opts.Analyzers {
		for _, c := range a.Checks {
			if c.ID == suppress.CheckID {
				return withLevel(c, s.opts.Levels)
			}
		}
	}
	return nil
}

// readInline reads the directive comments of every source file.
func (s *suppressor) readInline(res *Result) {
	files := make([]string, 0, len(res.Sources))
	for name := range res.Sources {
		files = append(files, name)
	}
	slices.Sort(files)
	scanned := map[string]bool{}
	for _, f := range res.Files {
		scanned[f] = true
	}
	for _, name := range files {
		for _, in := range suppress.Read(name, res.Sources[name]) {
			s.inlines = append(s.inlines, &inline{Inline: in, file: name, report: scanned[name], used: map[string]bool{}})
		}
	}
}

// unitIndex is what suppressions need of the model of one unit, kept when
// the model is dropped: its resources, and the resources that own the rules
// of each SG.
type unitIndex struct {
	resources []model.Resource
	// owners pairs an SG id or address with the address of the SG or of a
	// resource that owns its rules; groups lists the ids and addresses of
	// each SG.
	owners [][2]string
	groups [][]string
}

// indexUnit indexes the model of one unit.
func indexUnit(in *model.Input) unitIndex {
	x := unitIndex{resources: in.Resources()}
	for _, sg := range in.SecurityGroups {
		refs := sg.Refs()
		x.groups = append(x.groups, refs)
		for _, ref := range refs {
			x.owners = append(x.owners, [2]string{ref, sg.Resource.Address})
		}
	}
	for _, o := range in.RuleOwners {
		if ref, ok := o.SecurityGroup.Get(); ok && ref != "" {
			x.owners = append(x.owners, [2]string{ref, o.Resource.Address})
		}
	}
	return x
}

// index records the resources of the units by address, and which
// resources belong to each SG.
func (s *suppressor) index(units []unitIndex) {
	for _, u := range units {
		for _, r := range u.resources {
			s.resources[r.Address] = append(s.resources[r.Address], r)
		}
		for _, o := range u.owners {
			s.sgRefs[o[0]] = append(s.sgRefs[o[0]], o[1])
		}
	}
	// An SG's id and address share the owners found under either.
	for _, u := range units {
		for _, refs := range u.groups {
			if shareList(s.sgRefs, refs) {
				// Already merged (the same SG in another unit, or an SG
				// known by one name): a copy would say no more, and copying
				// it once per unit is quadratic in a tree of copies.
				continue
			}
			var all []string
			for _, r := range refs {
				all = append(all, s.sgRefs[r]...)
			}
			for _, r := range refs {
				s.sgRefs[r] = all
			}
		}
	}
}

// shareList reports whether every one of refs maps to the same list in m
// (the same elements of one slice), so that merging them changes nothing.
func shareList(m map[string][]string, refs []string) bool {
	first := m[refs[0]]
	for _, r := range refs[1:] {
		l := m[r]
		if len(l) != len(first) || len(l) > 0 && &l[0] != &first[0] {
			return false
		}
	}
	return true
}

// valid reports whether a directive applies: it parsed, gives a reason and
// has not expired.
func (in *inline) valid(now time.Time) bool {
	return in.Directive != nil && in.Directive.Reason != "" && !in.Directive.Expired(now)
}

// mark suppresses the findings of fs that a valid suppression covers: an
// inline comment first, then a configuration entry, then the baseline.
func (s *suppressor) mark(fs []Finding) {
	for i := range fs {
		f := &fs[i]
		if f.Suppression != nil {
			continue
		}
		for _, in := range s.inlines {
			if in.valid(s.now) && slices.Contains(in.Directive.IDs, f.Check.ID) && s.covers(in, f) {
				in.used[f.Check.ID] = true
				f.Suppression = &Suppression{Kind: InSource, Justification: in.Directive.Reason, Range: in.rng()}
				break
			}
		}
		if f.Suppression != nil {
			continue
		}
		for _, e := range s.entries {
			if e.ID == f.Check.ID && strings.TrimSpace(e.Reason) != "" && !e.expired(s.now) && s.targets(e, f) {
				e.used = true
				f.Suppression = &Suppression{Kind: External, Justification: e.Reason, Range: e.Range}
				break
			}
		}
		if f.Suppression == nil && s.opts.Baseline != nil && s.opts.Baseline.Fingerprints[f.Fingerprint] {
			f.Suppression = &Suppression{Kind: External, Justification: BaselineJustification, Range: model.Range{Filename: s.opts.Baseline.Path}, Baseline: true}
		}
	}
}

func (in *inline) rng() model.Range {
	return model.Range{
		Filename: in.file,
		Start:    model.Pos{Line: in.Line, Column: in.Column, Byte: -1},
		End:      model.Pos{Line: in.Line, Column: in.EndColumn, Byte: -1},
	}
}

func (e *external) expired(now time.Time) bool { return suppress.Expired(e.Expires, now) }

// covers reports whether an inline comment covers finding f: the finding
// starts in the comment's scope, or its range holds the line the comment
// applies to (a comment inside the block a finding points at), or one of
// the module calls leading to it is in the scope, or it belongs to a
// resource that starts on the line the comment applies to.
func (s *suppressor) covers(in *inline, f *Finding) bool {
	if f.Range.Filename == in.file {
		if in.Scope.Covers(f.Range.Start.Line) {
			return true
		}
		if in.Target > 0 && f.Range.Start.Line <= in.Target && in.Target <= endPos(f.Range).Line {
			return true
		}
	}
	for _, call := range f.CallChain {
		if call.Filename == in.file && in.Scope.Covers(call.Start.Line) {
			return true
		}
	}
	if in.Target == 0 || f.Address == "" {
		return false
	}
	for _, r := range s.resources[f.Address] {
		if r.DeclRange.Filename == in.file && r.DeclRange.Start.Line == in.Target && sameModule(r, f) {
			return true
		}
	}
	return false
}

// sameModule reports whether finding f may belong to resource r: its
// location, or a module call leading to it, is in r's folder. Addresses are
// only unique within one root module.
func sameModule(r model.Resource, f *Finding) bool {
	dir := path.Dir(r.DeclRange.Filename)
	if path.Dir(f.Range.Filename) == dir {
		return true
	}
	for _, call := range f.CallChain {
		if path.Dir(call.Filename) == dir {
			return true
		}
	}
	return false
}

// targets reports whether a configuration entry's target names finding f:
// an SG id or address (the SG and the resources that own its rules), a
// resource or module address (and the instances and resources below it), or
// a path glob relative to the configuration's folder.
func (s *suppressor) targets(e *external, f *Finding) bool {
	t := e.Target
	if a := f.Address; a != "" {
		if a == t || strings.HasPrefix(a, t+".") || strings.HasPrefix(a, t+"[") {
			return true
		}
		if slices.Contains(s.sgRefs[t], a) {
			return true
		}
	}
	glob := t
	if s.opts.ConfigDir != "" && s.opts.ConfigDir != "." {
		glob = path.Join(s.opts.ConfigDir, t)
	}
	return excluded(f.Range.Filename, []string{glob})
}

// problems returns the TKESG001 findings: for late false, every problem of
// a suppression except that it matched no TKESG001 finding; for late true,
// the suppressions of TKESG001 that matched nothing (known only once the
// other TKESG001 findings have been marked).
func (s *suppressor) problems(check *analysis.Check, late bool) []Finding {
	if check == nil {
		return nil
	}
	var out []Finding
	for _, in := range s.inlines {
		if !in.report {
			continue
		}
		if msg := s.inlineProblem(in, late); msg != "" {
			out = append(out, problem(check, in.rng(), in.file+"\x00"+in.Text, msg))
		}
	}
	for _, e := range s.entries {
		if msg := s.entryProblem(e, late); msg != "" {
			out = append(out, problem(check, e.Range, e.Range.Filename+"\x00"+e.ID+"\x00"+e.Target, msg))
		}
	}
	return out
}

// problem is a TKESG001 finding about the suppression at rng, identified
// by key (its file and text) and what is wrong with it.
func problem(check *analysis.Check, rng model.Range, key, msg string) Finding {
	d := analysis.Diagnostic{Check: check.ID, At: suppressionAt{rng: rng, key: key + "\x00" + msg}, Message: msg}
	return Finding{Finding: checker.NewFinding(check, d, "", nil)}
}

// suppressionAt is a suppression comment or configuration entry.
type suppressionAt struct {
	rng model.Range
	key string
}

func (s suppressionAt) Range() model.Range       { return s.rng }
func (s suppressionAt) Resource() model.Resource { return model.Resource{} }
func (s suppressionAt) Key() string              { return s.key }

// relevant returns the ids of a suppression that count: known checks that
// are enabled. A suppression whose checks are all disabled is not reported.
func (s *suppressor) relevant(ids []string) []string {
	var out []string
	for _, id := range ids {
		if s.known[id] && enabled(id, s.opts) {
			out = append(out, id)
		}
	}
	return out
}

// inlineProblem says what is wrong with an inline suppression, or "".
func (s *suppressor) inlineProblem(in *inline, late bool) string {
	if in.Directive == nil {
		if late {
			return ""
		}
		return fmt.Sprintf("malformed suppression: %v", in.Err)
	}
	ids := in.Directive.IDs
	if late {
		if !in.valid(s.now) || !slices.Contains(ids, suppress.CheckID) || in.used[suppress.CheckID] {
			return ""
		}
		return fmt.Sprintf("the suppression of %s matches no finding: no %s finding is on the line below it; delete it", suppress.CheckID, suppress.CheckID)
	}
	var unknown []string
	for _, id := range ids {
		if !s.known[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		return fmt.Sprintf("the suppression names %s, which %s no check of this run ('tkesglint rules' lists them)", strings.Join(unknown, ", "), english.IsAre(len(unknown)))
	}
	relevant := s.relevant(ids)
	if len(relevant) == 0 {
		return ""
	}
	list := strings.Join(ids, ",")
	switch {
	case in.Directive.Reason == "":
		return fmt.Sprintf("the suppression of %s gives no reason, so it is not applied: add reason=\"why this is acceptable\"", list)
	case in.Directive.Expired(s.now):
		return fmt.Sprintf("the suppression of %s expired on %s, so it is not applied: fix the finding, or renew it with a new exp= date", list, in.Directive.Expires.Format(time.DateOnly))
	}
	var unused []string
	for _, id := range relevant {
		if id != suppress.CheckID && !in.used[id] {
			unused = append(unused, id)
		}
	}
	if len(unused) == 0 {
		return ""
	}
	where := "on the line below it or in the block below it"
	if in.Trailing {
		where = "on its line or in the block that starts there"
	}
	return fmt.Sprintf("the suppression of %s matches no finding: no %s finding is %s; delete it", strings.Join(unused, ","), strings.Join(unused, " or "), where)
}

// entryProblem says what is wrong with a configuration entry, or "".
func (s *suppressor) entryProblem(e *external, late bool) string {
	if late != (e.ID == suppress.CheckID) {
		return ""
	}
	switch {
	case !s.known[e.ID]:
		return fmt.Sprintf("the suppression names %s, which is no check of this run ('tkesglint rules' lists them)", e.ID)
	case !enabled(e.ID, s.opts):
		return ""
	case strings.TrimSpace(e.Reason) == "":
		return fmt.Sprintf("the suppression of %s for %q gives no reason, so it is not applied: add reason: \"why this is acceptable\"", e.ID, e.Target)
	case e.expired(s.now):
		return fmt.Sprintf("the suppression of %s for %q expired on %s, so it is not applied: fix the finding, or renew it with a new expires date", e.ID, e.Target, e.Expires.Format(time.DateOnly))
	case !e.used:
		return fmt.Sprintf("the suppression of %s for %q matches no finding: no SG id, resource address or path glob matches; delete it", e.ID, e.Target)
	}
	return ""
}

// endPos is the end of r, or its start when r has no end.
func endPos(r model.Range) model.Pos {
	if r.End.Line < r.Start.Line {
		return r.Start
	}
	return r.End
}
