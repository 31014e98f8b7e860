package fetch

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"
)

// Result is what Run read, region by region.
type Result struct {
	// Regions are sorted by name.
	Regions []*Region
}

// Region is what Run read in one region.
type Region struct {
	Name string

	mu sync.Mutex
	// lists maps a list action to its response, pages merged.
	lists map[string]object
	// each maps a per-resource action to its responses by resource id.
	each map[string]map[string]object
	// items keeps the items of each list, for the ids that later calls
	// need and for counts.
	items     map[string][]json.RawMessage
	failures  []Failure
	noService []string
}

func newRegion(name string) *Region {
	return &Region{Name: name, lists: map[string]object{}, each: map[string]map[string]object{}, items: map[string][]json.RawMessage{}}
}

// add keeps the response of an action (about resource, if not empty).
func (r *Region) add(action, resource string, resp object, items []json.RawMessage) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if resource == "" {
		r.lists[action] = resp
		r.items[action] = items
		return
	}
	if r.each[action] == nil {
		r.each[action] = map[string]object{}
	}
	r.each[action][resource] = resp
}

func (r *Region) fail(f Failure) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures = append(r.failures, f)
}

func (r *Region) addUnsupported(service string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !slices.Contains(r.noService, service) {
		r.noService = append(r.noService, service)
	}
}

// Failures returns the calls that failed in the region, sorted.
func (r *Region) Failures() []Failure {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(r.failures)
	slices.SortFunc(out, func(a, b Failure) int {
		return cmp.Or(cmp.Compare(a.Action, b.Action), cmp.Compare(a.Resource, b.Resource))
	})
	return out
}

// Unsupported returns the services that do not exist in the region.
func (r *Region) Unsupported() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Sorted(slices.Values(r.noService))
}

// Count returns the number of items that the list action read.
func (r *Region) Count(action string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.items[action])
}

// clusters returns the ids of the clusters that DescribeClusters listed.
func (r *Region) clusters() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return ids(field[string](r.items[callClusters().action], "ClusterId"))
}

// groups returns the ids of the security groups to read the policies of:
// those DescribeSecurityGroups lists, and those that CVMs and cluster
// endpoints are bound to (still read when the list failed).
func (r *Region) groups() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	all := field[string](r.items[callGroups().action], "SecurityGroupId")
	for _, list := range field[[]string](r.items[callInstances().action], "SecurityGroupIds") {
		all = append(all, list...)
	}
	for _, ep := range r.each[callEndpoints().action] {
		for _, key := range []string{"SecurityGroup", "IntranetSecurityGroup"} {
			var id string
			if json.Unmarshal(ep[key], &id) == nil {
				all = append(all, id)
			}
		}
	}
	return ids(all)
}

// ids sorts a list of ids and drops empty and repeated ones.
func ids(list []string) []string {
	list = slices.DeleteFunc(list, func(s string) bool { return s == "" })
	slices.Sort(list)
	return slices.Compact(list)
}

// Complete reports whether every call succeeded.
func (res *Result) Complete() bool {
	for _, r := range res.Regions {
		if len(r.Failures()) > 0 {
			return false
		}
	}
	return true
}

// Failures returns the calls that failed, by region.
func (res *Result) Failures() []Failure {
	var out []Failure
	for _, r := range res.Regions {
		out = append(out, r.Failures()...)
	}
	return out
}

// Count returns the number of items that a list action read in every
// region.
func (res *Result) Count(action string) int {
	n := 0
	for _, r := range res.Regions {
		n += r.Count(action)
	}
	return n
}

// incompleteItem is one item of a bundle's Incomplete list, as
// parsers/export reads it.
type incompleteItem struct {
	Region    string          `json:"Region"`
	Service   string          `json:"Service"`
	Action    string          `json:"Action"`
	Resource  string          `json:"Resource,omitempty"`
	Error     incompleteError `json:"Error"`
	RequestID string          `json:"RequestId,omitempty"`
}

type incompleteError struct {
	Code    string `json:"Code"`
	Message string `json:"Message"`
}

// WriteBundle writes what Run read as the bundle that parsers/export reads:
// {"Regions": {region: {action: response, perResourceAction: {id:
// response}, "Incomplete": [failures]}}}. Keys are sorted and the JSON is
// indented, so that findings point at lines and one account gives the same
// bytes every time. No credential is in it.
func (res *Result) WriteBundle(w io.Writer) error {
	regions := map[string]map[string]any{}
	for _, r := range res.Regions {
		b := map[string]any{}
		r.mu.Lock()
		for action, resp := range r.lists {
			b[action] = resp
		}
		for action, byID := range r.each {
			b[action] = byID
		}
		r.mu.Unlock()
		var items []incompleteItem
		for _, f := range r.Failures() {
			items = append(items, incompleteItem{
				Region: f.Region, Service: f.Service, Action: f.Action, Resource: f.Resource,
				Error: incompleteError{Code: f.Err.Code, Message: f.Err.Message}, RequestID: f.Err.RequestID,
			})
		}
		if len(items) > 0 {
			b["Incomplete"] = items
		}
		regions[r.Name] = b
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"Regions": regions}); err != nil {
		return fmt.Errorf("write the bundle: %w", err)
	}
	return nil
}
