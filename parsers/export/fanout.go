package export

import (
	"fmt"
	"reflect"
	"runtime"
	"sync"

	"github.com/tkesglint/tkesglint/parsers/internal/jsonpos"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// A large bundle is mapped on several cores. The parser reads the outer
// levels of the file (the actions, the resource ids of a map, the pages of
// a list) and skips each response without reading it (a scan for its
// closing brace, several times faster than reading it); workers read and
// map the skipped responses, in batches of consecutive ones, each with a
// reader of its own started where the response starts, so positions are
// those of one reader reading the whole file. What the parser and the
// workers produce is joined in the order of the file, so the model, the
// notes and the errors are those of a reading on one goroutine.
//
// A worker's reader checks the grammar of its response as the parser's
// checks everything else, so a text is found valid exactly when one reader
// would find it valid; an invalid text gives encoding/json's error anyway.

// fanoutOptions say when and how responses are mapped on other goroutines.
type fanoutOptions struct {
	// minSize is the size of the smallest file mapped in parallel: below
	// it, starting workers costs more than it saves.
	minSize int
	// batchSize is the size a batch of responses grows to, in bytes of
	// text, before it is handed to a worker.
	batchSize int
	// workers is the number of goroutines that map batches.
	workers int
}

// defaultFanout maps files of a few megabytes and more on every core.
func defaultFanout() fanoutOptions {
	return fanoutOptions{minSize: 4 << 20, batchSize: 256 << 10, workers: runtime.GOMAXPROCS(0)}
}

// fanout hands the responses the parser skips to workers and keeps the
// order of everything mapped.
type fanout struct {
	opts fanoutOptions
	// pieces are the parts of the result in file order: what the parser
	// mapped itself, and batches.
	pieces []piece
	// open is the batch being filled, the last of pieces, or nil.
	open    *batch
	jobs    chan *batch
	closed  bool
	started int
	wg      sync.WaitGroup
}

// piece is a part of the result: what the parser mapped between two
// batches, or a batch.
type piece struct {
	in    *model.Input
	errs  []*model.Error
	batch *batch
}

// batch is a run of consecutive responses that a worker reads and maps,
// and what it gave.
type batch struct {
	items []item
	size  int
	in    *model.Input
	errs  []*model.Error
	// err stops the reading, as the error of the response that failed;
	// panicked is a panic of the worker, raised again by the parser.
	err      error
	panicked any
}

// item is one response to read: the action and subject it was found
// under, and its text.
type item struct {
	action string
	subj   subject
	span   jsonpos.Span
}

// fanOut hands the response that starts with token t (read by the parser,
// under action and subj) to a worker, and reports whether it did: only
// objects and arrays are handed over, and only when the file is mapped in
// parallel.
func (p *parser) fanOut(action string, subj subject, t token) bool {
	f := p.par
	if f == nil || t.Delim != '{' && t.Delim != '[' {
		return false
	}
	mapped := len(p.errs) > 0 || !reflect.ValueOf(*p.in).IsZero()
	if f.open == nil || mapped || f.open.size >= f.opts.batchSize {
		// What the parser mapped since the open batch began comes after
		// the batch's responses and before this one.
		p.flush()
		if mapped {
			f.pieces = append(f.pieces, piece{in: p.in, errs: p.errs})
			p.in, p.errs = &model.Input{}, nil
		}
		f.open = &batch{}
		f.pieces = append(f.pieces, piece{batch: f.open})
	}
	span := p.lx.SkipContainer()
	f.open.items = append(f.open.items, item{action: action, subj: subj, span: span})
	f.open.size += span.Len()
	return true
}

// flush hands the open batch to a worker, starting one if all that were
// started are busy and more may be.
func (p *parser) flush() {
	f := p.par
	if f.open == nil {
		return
	}
	if f.jobs == nil {
		f.jobs = make(chan *batch, 4*f.opts.workers)
	}
	if f.started < f.opts.workers && (f.started == 0 || len(f.jobs) > 0) {
		f.started++
		f.wg.Add(1)
		go p.work(p.lx.Fork())
	}
	f.jobs <- f.open
	f.open = nil
}

// work reads and maps batches until there are no more.
func (p *parser) work(r *jsonpos.Reader) {
	defer p.par.wg.Done()
	lx := &lexer{Reader: r}
	for b := range p.par.jobs {
		w := &parser{ctx: p.ctx, file: p.file, base: p.base, lx: lx, in: &model.Input{}}
		w.mapBatch(b)
		b.in, b.errs = w.in, w.errs
	}
}

// mapBatch reads and maps the responses of b, up to the first error.
func (p *parser) mapBatch(b *batch) {
	defer func() {
		if r := recover(); r != nil {
			b.panicked = r
		}
	}()
	for _, it := range b.items {
		if err := p.ctx.Err(); err != nil {
			b.err = fmt.Errorf("reading stopped: %w", err)
			return
		}
		p.lx.Start(it.span)
		m := p.lx.mark()
		n, err := p.lx.value(p)
		if err == nil {
			err = p.lx.End()
		}
		if err != nil {
			b.err = err
			return
		}
		p.response(it.action, it.subj, n)
		p.lx.release(m)
	}
}

// stop tells the workers that no batch follows, so that they end.
func (p *parser) stop() {
	if f := p.par; f != nil && f.jobs != nil && !f.closed {
		close(f.jobs)
		f.closed = true
	}
}

// join waits for the workers and returns the parts of the result in file
// order, the errors, and the error that stopped the reading: the first in
// file order, of a batch or of the parser's own reading (readErr).
func (p *parser) join(readErr error) (ins []*model.Input, errs []*model.Error, err error) {
	f := p.par
	p.flush()
	p.stop()
	f.wg.Wait()
	f.pieces = append(f.pieces, piece{in: p.in, errs: p.errs})
	for _, pc := range f.pieces {
		if b := pc.batch; b != nil {
			if b.panicked != nil {
				panic(b.panicked)
			}
			ins, errs = append(ins, b.in), append(errs, b.errs...)
			if b.err != nil {
				return ins, errs, b.err
			}
			continue
		}
		ins, errs = append(ins, pc.in), append(errs, pc.errs...)
	}
	return ins, errs, readErr
}
