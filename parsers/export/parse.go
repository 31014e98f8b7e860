package export

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/tkesglint/tkesglint/parsers/internal/jsonpos"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// File is one export file.
type File struct {
	// Path is the file's name as it should appear in messages: relative and
	// slash-separated. Its base name may carry the id of the security group
	// or cluster a per-resource response is about (`sg-1a2b3c4d.json`,
	// `sg-1a2b3c4d-prod.json`, `cls-abcd1234.json`).
	Path string
	// Src is the file's content.
	Src []byte
}

// Parse reads one export file: a single response, wrapped or bare, or a
// bundle of responses. It returns the model of what the file describes,
// already merged (see [Merge]), and every located error. A file that is not
// valid JSON gives only its error: a partly read rule list would look
// complete when it is not. Parse never panics: a panic is recovered and
// reported as an error on the file.
func Parse(ctx context.Context, f File) (in *model.Input, errs []*model.Error) {
	in, errs, _ = parseWith(ctx, f, defaultFanout())
	return in, errs
}

// ParseIfExport parses f if it is an export, as Detect tells, and reports
// whether it is. A file whose first key is that of a response or a bundle
// is parsed at once, and told by what the parse read (its top-level keys,
// or, when it is not valid JSON, its text): a large export is read once,
// not once more before its parse only to be told. jobs bounds the
// goroutines that map the responses of a large file; 0 means GOMAXPROCS.
func ParseIfExport(ctx context.Context, f File, jobs int) (in *model.Input, errs []*model.Error, ok bool) {
	opts := defaultFanout()
	if jobs > 0 {
		opts.workers = jobs
	}
	text, _ := jsonpos.DecodeText(f.Src)
	if !startsLikeExport(text) {
		if !Detect(f.Src) {
			return nil, nil, false
		}
		in, errs, _ = parseWith(ctx, f, opts)
		return in, errs, true
	}
	in, errs, tell := parseWith(ctx, f, opts)
	if !tell() {
		return nil, nil, false
	}
	return in, errs, true
}

// parseWith is Parse with the options of its parallel mapping. It also
// returns a function that tells whether the file is an export, as Detect
// does, from what the parse read.
func parseWith(ctx context.Context, f File, opts fanoutOptions) (in *model.Input, errs []*model.Error, tell func() bool) {
	p := newParser(ctx, f)
	if len(f.Src) >= opts.minSize && opts.workers > 1 {
		p.par = &fanout{opts: opts}
	}
	// Detect's definition: the top-level keys of valid JSON text, the look
	// of invalid text. When the parse stopped for another reason, Detect
	// tells.
	tell = func() bool { return Detect(f.Src) }
	defer func() {
		if r := recover(); r != nil {
			p.stop()
			in = &model.Input{}
			errs = append(errs, &model.Error{
				Range:   model.Range{Filename: f.Path},
				Summary: "internal error",
				Detail:  fmt.Sprintf("The export parser failed on this file: %v.", r),
			})
		}
	}()
	err := p.read()
	parts := []*model.Input{p.in}
	if p.par != nil {
		parts, p.errs, err = p.join(err)
	}
	if err == nil {
		tell = func() bool {
			text, _ := jsonpos.DecodeText(f.Src)
			return keysSayExport(p.topKeys, func(i int) bool { return p.topRegions[i] }, text)
		}
	}
	if err != nil {
		if ctx.Err() == nil {
			// A file that is not valid JSON gives only that error, wherever
			// the reading stopped and whatever it found before.
			if invalid := p.lx.Check(); invalid != nil {
				p.errs, err = nil, invalid
				tell = func() bool {
					text, _ := jsonpos.DecodeText(f.Src)
					return looksLikeExport(text)
				}
			}
		}
		if se, ok := errors.AsType[*syntaxError](err); ok {
			p.errs = append(p.errs, se.Err)
		} else {
			p.errs = append(p.errs, &model.Error{Range: model.Range{Filename: f.Path}, Summary: "not read", Detail: upperFirst(err.Error()) + "."})
		}
		return &model.Input{}, model.SortErrors(p.errs), tell
	}
	return Merge(parts...), model.SortErrors(p.errs), tell
}

// parser maps the responses of one file.
type parser struct {
	ctx  context.Context
	file string
	// base is the file's base name without .json.
	base string
	lx   *lexer
	in   *model.Input
	errs []*model.Error
	// topKeys are the keys of the file's top-level object, in order, and
	// topRegions says of each whether it is a Regions key whose value is
	// an object keyed by region names: what Detect reads.
	topKeys    []string
	topRegions []bool
	// par, when not nil, maps the responses of a large bundle on other
	// goroutines (see fanout).
	par *fanout
}

func newParser(ctx context.Context, f File) *parser {
	base := path.Base(f.Path)
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".json"), ".JSON")
	return &parser{ctx: ctx, file: f.Path, base: base, lx: newLexer(f.Path, f.Src), in: &model.Input{}}
}

func (p *parser) errorf(r model.Range, summary, format string, args ...any) {
	p.errs = append(p.errs, &model.Error{Range: r, Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

func (p *parser) notef(r model.Range, format string, args ...any) {
	p.in.Notes = append(p.in.Notes, model.Note{Range: r, Message: fmt.Sprintf(format, args...)})
}

// subject names the resource a per-resource response is about: a bundle
// key, or the file's name.
type subject struct {
	key      string
	rng      model.Range
	fromFile bool
}

// fileSubject is the subject of a response that no bundle key names.
func (p *parser) fileSubject(r model.Range) subject {
	return subject{key: p.base, rng: model.Range{Filename: p.file, Start: r.Start, End: r.Start}, fromFile: true}
}

// read reads the file's top-level object: a bundle, a bare response, or
// a response wrapped in `Response`.
func (p *parser) read() error {
	t, err := p.lx.Next()
	if err != nil {
		return err
	}
	if !t.IsDelim('{') {
		return p.lx.ErrorAt(t.Range, "not an export", "A Tencent Cloud API response or bundle is a JSON object.")
	}
	if err := p.bundle(t.Range, "", true); err != nil {
		return err
	}
	return p.lx.End()
}

// bundle reads the members of an object whose `{` (at open) was read: the
// action keys of a bundle, its Incomplete list, at the top level its
// Regions, and the fields of a bare response. region names the region the
// object is the bundle of, when it is one of Regions.
func (p *parser) bundle(open model.Range, region string, top bool) error {
	bare := &node{kind: kindObject, rng: open}
	end, err := p.lx.fieldsChecked(p, func(key string, keyRng model.Range) error {
		if err := p.ctx.Err(); err != nil {
			return fmt.Errorf("reading stopped: %w", err)
		}
		if top {
			p.topKeys = append(p.topKeys, key)
			p.topRegions = append(p.topRegions, false)
		}
		switch {
		case strings.HasPrefix(key, "Describe"):
			return p.action(key, keyRng)
		case key == keyIncomplete:
			return p.incomplete(region)
		case top && key == keyRegions:
			return p.regions()
		}
		v, err := p.lx.value(p)
		if err != nil {
			return err
		}
		bare.fields = append(bare.fields, field{key: key, keyRng: keyRng, val: v})
		return nil
	})
	if err != nil {
		return err
	}
	bare.rng.End = end.End
	if len(bare.fields) > 0 {
		p.response("", p.fileSubject(bare.rng), bare)
	}
	return nil
}

// action reads the value of one action key of a bundle: a response, a map of
// resource ids to responses, or a list of responses (pages).
func (p *parser) action(action string, keyRng model.Range) error {
	if !knownAction(action) {
		p.notef(keyRng, "%s is not a response tkesglint reads; it was skipped", action)
		_, err := p.lx.value(p)
		return err
	}
	t, err := p.lx.Next()
	if err != nil {
		return err
	}
	switch {
	case t.Delim == 0 && t.Kind == kindNull:
		return nil
	case t.IsDelim('['):
		return p.pages(action, t)
	case !t.IsDelim('{'):
		n, err := p.lx.valueFrom(p, t)
		if err == nil {
			p.errorf(n.rng, "invalid value", "%s must be a response object or a map of resource ids to responses, not %s.", action, n.kind)
		}
		return err
	}
	single := &node{kind: kindObject, rng: t.Range}
	end, err := p.lx.fieldsChecked(p, func(key string, kr model.Range) error {
		if err := p.ctx.Err(); err != nil {
			return fmt.Errorf("reading stopped: %w", err)
		}
		t, err := p.lx.Next()
		if err != nil {
			return err
		}
		resource := !responseKey(key) && !fieldName(key) && strings.TrimSpace(key) != ""
		if resource && p.fanOut(action, subject{key: key, rng: kr}, t) {
			return nil
		}
		m := p.lx.mark()
		v, err := p.lx.valueFrom(p, t)
		if err != nil {
			return err
		}
		if responseKey(key) || fieldName(key) {
			// A field of a bare response (RegionStatistics, say): the API
			// names fields in CamelCase, resources by lower-case ids.
			single.fields = append(single.fields, field{key: key, keyRng: kr, val: v})
			return nil
		}
		// Once mapped (or refused), the response is no longer needed.
		defer p.lx.release(m)
		if strings.TrimSpace(key) == "" {
			p.errorf(kr, "invalid key", "A key of %s names no resource; it should be the id of the resource its response is about.", action)
			return nil
		}
		p.response(action, subject{key: key, rng: kr}, v)
		return nil
	})
	if err != nil {
		return err
	}
	single.rng.End = end.End
	if len(single.fields) > 0 {
		p.response(action, p.fileSubject(keyRng), single)
	}
	return nil
}

// pages reads a list of responses of one action.
func (p *parser) pages(action string, open token) error {
	for {
		t, err := p.lx.Next()
		if err != nil {
			return err
		}
		if t.IsDelim(']') {
			return nil
		}
		if p.fanOut(action, p.fileSubject(open.Range), t) {
			continue
		}
		m := p.lx.mark()
		n, err := p.lx.valueFrom(p, t)
		if err != nil {
			return err
		}
		p.response(action, p.fileSubject(open.Range), n)
		p.lx.release(m)
	}
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
