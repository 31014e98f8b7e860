package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// Options configure Run.
type Options struct {
	// Regions are the regions to read; none means every region that
	// DescribeRegions lists as available.
	Regions []string
	// Credential signs the requests.
	Credential common.CredentialIface
	// Endpoint replaces the public endpoints; see EndpointHelp.
	Endpoint string
	// Timeout bounds each request; 0 means 30 seconds.
	Timeout time.Duration
	// Jobs is the number of requests in flight at once; 0 means 8.
	Jobs int
	// PageSize is the Limit of list calls; 0 means 100, the API's maximum.
	PageSize int
	// Backoff says how long to wait before retry n (from 0); nil means
	// 0.5s doubling up to 8s, with jitter.
	Backoff func(attempt int) time.Duration
	// Transport carries the requests; nil means a clone of
	// http.DefaultTransport.
	Transport http.RoundTripper
	// RequestClient names the tool in the X-TC-RequestClient header.
	RequestClient string
	// Progress, when not nil, is told what happens. It is called from one
	// goroutine at a time.
	Progress func(Event)
}

// EventKind says what an Event reports.
type EventKind uint8

// The kinds of events.
const (
	// EventRegions: the regions to read are known (Regions).
	EventRegions EventKind = iota
	// EventCall: a call or a page of a list succeeded (Page, Items).
	EventCall
	// EventRetry: a call failed in a way that may pass, and is made again
	// after Wait (Err).
	EventRetry
	// EventFailure: a call failed for good (Failure).
	EventFailure
	// EventUnsupported: a service does not exist in a region (Service).
	EventUnsupported
	// EventRegionDone: every call of a region is done.
	EventRegionDone
)

// Event is one thing that happened during Run.
type Event struct {
	Kind                              EventKind
	Region, Service, Action, Resource string
	// Page is the number of the page (from 1) of a list call.
	Page int
	// Items is the number of items of a list read so far.
	Items   int
	Wait    time.Duration
	Err     *APIError
	Failure *Failure
	Regions []string
}

// Failure is a call whose response the bundle lacks.
type Failure struct {
	Region, Service, Action string
	// Resource is the group or cluster a per-resource call was about.
	Resource string
	Err      APIError
}

// Permission is the CAM permission the call needs: vpc:DescribeVpcs.
func (f *Failure) Permission() string { return f.Service + ":" + f.Action }

func (f *Failure) String() string {
	s := f.Permission()
	if f.Resource != "" {
		s += " for " + f.Resource
	}
	s += " in " + f.Region + " failed with " + f.Err.Error()
	if f.Err.RequestID != "" {
		s += " (RequestId " + f.Err.RequestID + ")"
	}
	if f.Err.Unauthorized() {
		s += "; the credentials lack the CAM permission " + f.Permission()
	}
	return s
}

// maxPages bounds a list read, against an API that keeps answering with
// more.
const maxPages = 10000

// Run reads every call of docs/live-audit.md in each region. A call that
// fails is retried when it may pass, then kept as a Failure while the rest
// is still read; Run fails only when it cannot start (no region list), when
// the API rejects the credentials themselves, or when ctx ends.
func Run(ctx context.Context, o Options) (*Result, error) {
	if o.Credential == nil {
		return nil, errors.New("no credentials")
	}
	if err := CheckEndpoint(o.Endpoint); o.Endpoint != "" && err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	f := newFetcher(o, cancel)
	regions := slices.Clone(o.Regions)
	if len(regions) == 0 {
		var err error
		if regions, err = f.regions(ctx); err != nil {
			return nil, err
		}
	}
	slices.Sort(regions)
	regions = slices.Compact(regions)
	f.event(Event{Kind: EventRegions, Regions: regions})
	res := &Result{Regions: make([]*Region, len(regions))}
	var wg sync.WaitGroup
	for i, name := range regions {
		wg.Go(func() {
			res.Regions[i] = f.region(ctx, name)
			f.event(Event{Kind: EventRegionDone, Region: name})
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return res, nil
}

// fetcher is one Run.
type fetcher struct {
	cl       *client
	pageSize int
	stop     context.CancelCauseFunc
	progress func(Event)
	mu       sync.Mutex
}

func newFetcher(o Options, stop context.CancelCauseFunc) *fetcher {
	f := &fetcher{pageSize: o.PageSize, stop: stop, progress: o.Progress}
	if f.pageSize <= 0 {
		f.pageSize = 100
	}
	jobs := o.Jobs
	if jobs <= 0 {
		jobs = 8
	}
	transport := o.Transport
	if transport == nil {
		// HTTPS_PROXY and NO_PROXY apply, as for any Go program.
		if t, ok := http.DefaultTransport.(*http.Transport); ok {
			t = t.Clone()
			t.MaxIdleConnsPerHost = jobs
			transport = t
		} else {
			transport = http.DefaultTransport
		}
	}
	f.cl = &client{
		cred:      o.Credential,
		endpoint:  o.Endpoint,
		timeout:   o.Timeout,
		backoff:   o.Backoff,
		reqID:     o.RequestClient,
		transport: transport,
		clients:   map[string]*common.Client{},
		limiters:  map[string]*limiter{},
		onRetry: func(c call, region, resource string, err *APIError, wait time.Duration) {
			f.event(Event{Kind: EventRetry, Region: region, Service: c.service, Action: c.action, Resource: resource, Err: err, Wait: wait})
		},
	}
	if f.cl.timeout <= 0 {
		f.cl.timeout = 30 * time.Second
	}
	if f.cl.backoff == nil {
		f.cl.backoff = defaultBackoff
	}
	f.cl.slots = make(chan struct{}, jobs)
	return f
}

func (f *fetcher) event(e Event) {
	if f.progress == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.progress(e)
}

// regionOfRegions is where DescribeRegions is asked: the call needs a
// region, and any region gives the whole list.
const regionOfRegions = "ap-guangzhou"

// regions lists the available regions.
func (f *fetcher) regions(ctx context.Context) ([]string, error) {
	c := callRegions()
	body, err := f.cl.do(ctx, c, regionOfRegions, "", map[string]any{})
	if err == nil {
		var items []json.RawMessage
		if _, items, err = decode(body, c.list); err == nil {
			f.event(Event{Kind: EventCall, Region: regionOfRegions, Service: c.service, Action: c.action, Page: 1, Items: len(items)})
			return availableRegions(items), nil
		}
	}
	if cause := context.Cause(ctx); cause != nil {
		return nil, cause
	}
	msg := fmt.Sprintf("list the regions: %s:%s failed with %v", c.service, c.action, err)
	if ae := (*APIError)(nil); errors.As(err, &ae) && ae.Unauthorized() {
		msg += "; grant the CAM permission " + c.service + ":" + c.action + ", or name the regions with --region"
	} else {
		msg += "; name the regions with --region"
	}
	return nil, errors.New(msg)
}

// availableRegions returns the regions of a RegionSet whose RegionState is
// AVAILABLE.
func availableRegions(items []json.RawMessage) []string {
	var out []string
	for _, it := range items {
		var r struct{ Region, RegionState string }
		if json.Unmarshal(it, &r) == nil && r.Region != "" && (r.RegionState == "" || r.RegionState == "AVAILABLE") {
			out = append(out, r.Region)
		}
	}
	return out
}

// region reads one region: its lists, then the instances and endpoints of
// its clusters, then the policies of its groups, those it lists and those
// that its CVMs and endpoints are bound to.
func (f *fetcher) region(ctx context.Context, name string) *Region {
	reg := newRegion(name)
	var wg sync.WaitGroup
	for _, c := range regionLists() {
		wg.Go(func() { f.keep(ctx, reg, c, "", nil) })
	}
	wg.Wait()
	for _, id := range reg.clusters() {
		wg.Go(func() {
			f.keep(ctx, reg, callClusterInstances(), id, map[string]any{"ClusterId": id, "InstanceRole": "ALL"})
		})
		wg.Go(func() { f.keep(ctx, reg, callEndpoints(), id, map[string]any{"ClusterId": id}) })
	}
	wg.Wait()
	for _, id := range reg.groups() {
		wg.Go(func() { f.keep(ctx, reg, callPolicies(), id, map[string]any{"SecurityGroupId": id}) })
	}
	wg.Wait()
	return reg
}

// keep makes call c (about resource, when not empty) and keeps its
// response or its failure in reg.
func (f *fetcher) keep(ctx context.Context, reg *Region, c call, resource string, params map[string]any) {
	var (
		resp  object
		items []json.RawMessage
		err   error
	)
	if c.paging == single {
		var body []byte
		if body, err = f.cl.do(ctx, c, reg.Name, resource, params); err == nil {
			resp, _, err = decode(body, "")
		}
		if err == nil {
			f.event(Event{Kind: EventCall, Region: reg.Name, Service: c.service, Action: c.action, Resource: resource, Page: 1})
		}
	} else {
		resp, items, err = f.list(ctx, reg.Name, c, resource, params)
	}
	var ae *APIError
	switch {
	case err == nil:
		reg.add(c.action, resource, resp, items)
	case ctx.Err() != nil:
		// The run is over; Run returns why.
	case !errors.As(err, &ae):
		f.stop(err)
	case ae.credentialsRejected():
		f.stop(fmt.Errorf("the API rejects the credentials: %w", ae))
	case ae.unsupportedRegion():
		reg.addUnsupported(c.service)
		f.event(Event{Kind: EventUnsupported, Region: reg.Name, Service: c.service, Action: c.action})
	default:
		fl := Failure{Region: reg.Name, Service: c.service, Action: c.action, Resource: resource, Err: *ae}
		reg.fail(fl)
		f.event(Event{Kind: EventFailure, Region: reg.Name, Service: c.service, Action: c.action, Resource: resource, Failure: &fl})
	}
}

// list reads every page of a list call and returns the response with the
// pages merged, and its items.
func (f *fetcher) list(ctx context.Context, region string, c call, resource string, params map[string]any) (object, []json.RawMessage, error) {
	var (
		pages []object
		all   []json.RawMessage
	)
	cur := &cursor{mode: c.paging, size: f.pageSize, seen: map[string]bool{}}
	for page := 1; page <= maxPages; page++ {
		body, err := f.cl.do(ctx, c, region, resource, cur.params(params, len(all)))
		if err != nil {
			return nil, nil, err
		}
		o, items, err := decode(body, c.list)
		if err != nil {
			return nil, nil, err
		}
		pages = append(pages, o)
		all = append(all, items...)
		f.event(Event{Kind: EventCall, Region: region, Service: c.service, Action: c.action, Resource: resource, Page: page, Items: len(all)})
		more, err := cur.next(o, len(items), len(all))
		if err != nil {
			return nil, nil, err
		}
		if !more {
			resp, err := merged(pages, c.list, all)
			return resp, all, err
		}
	}
	return nil, nil, invalid("%s returns more than %d pages", c.action, maxPages)
}

// cursor is where a list read is.
type cursor struct {
	mode  paging
	size  int
	token string
	seen  map[string]bool
}

// params returns the parameters of the next page, read items so far.
func (cur *cursor) params(params map[string]any, read int) map[string]any {
	p := maps.Clone(params)
	if p == nil {
		p = map[string]any{}
	}
	switch cur.mode {
	case offsetString:
		p["Offset"], p["Limit"] = strconv.Itoa(read), strconv.Itoa(cur.size)
	case offsetInt:
		p["Offset"], p["Limit"] = read, cur.size
	case nextToken:
		p["MaxResults"] = cur.size
		if cur.token != "" {
			p["NextToken"] = cur.token
		}
	case single:
	}
	return p
}

// next reports whether a page follows one of n items, read items in all.
// A page as long as the Limit may have a successor; a shorter one too when
// TotalCount says more (a server may page shorter than asked). A token
// list ends with an empty NextToken; one without tokens whose TotalCount
// says more goes on by Offset.
func (cur *cursor) next(o object, n, read int) (bool, error) {
	total, hasTotal := o.totalCount()
	short := hasTotal && read < total && n > 0
	if cur.mode != nextToken {
		return n > 0 && (n >= cur.size || short), nil
	}
	cur.token = o.nextToken()
	switch {
	case cur.token != "" && cur.seen[cur.token]:
		return false, invalid("NextToken %q comes back; the pages do not end", cur.token)
	case cur.token != "" && n > 0:
		cur.seen[cur.token] = true
		return true, nil
	case short:
		cur.mode = offsetString
		return true, nil
	}
	return false, nil
}
