// Package fakeapi is a fake of the Tencent Cloud API 3.0 for the tests of
// tkesglint fetch: it serves, per region, the data of hand-made export
// bundles through the actions that fetch calls, and checks every request
// as the API would: the TC3-HMAC-SHA256 signature with a test secret, the
// X-TC-* headers, the service and version of the action, the types of the
// parameters. It pages lists by Offset and Limit (NextToken for
// DescribeSubnets) and can throttle, deny, break responses and drop
// services, so that tests can watch fetch cope.
package fakeapi

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// action is what the fake knows of one API action.
type action struct {
	service, version string
	// list is the key of the data array of a list action.
	list string
	// key is the parameter that names the resource of a per-resource
	// action.
	key string
	// stringPaging: Offset and Limit are strings (vpc), not integers.
	stringPaging bool
}

func actions() map[string]action {
	return map[string]action{
		"DescribeRegions":               {service: "cvm", version: "2017-03-12", list: "RegionSet"},
		"DescribeSecurityGroups":        {service: "vpc", version: "2017-03-12", list: "SecurityGroupSet", stringPaging: true},
		"DescribeSecurityGroupPolicies": {service: "vpc", version: "2017-03-12", key: "SecurityGroupId"},
		"DescribeAddressTemplates":      {service: "vpc", version: "2017-03-12", list: "AddressTemplateSet", stringPaging: true},
		"DescribeAddressTemplateGroups": {service: "vpc", version: "2017-03-12", list: "AddressTemplateGroupSet", stringPaging: true},
		"DescribeServiceTemplates":      {service: "vpc", version: "2017-03-12", list: "ServiceTemplateSet", stringPaging: true},
		"DescribeServiceTemplateGroups": {service: "vpc", version: "2017-03-12", list: "ServiceTemplateGroupSet", stringPaging: true},
		"DescribeVpcs":                  {service: "vpc", version: "2017-03-12", list: "VpcSet", stringPaging: true},
		"DescribeSubnets":               {service: "vpc", version: "2017-03-12", list: "SubnetSet", stringPaging: true},
		"DescribeInstances":             {service: "cvm", version: "2017-03-12", list: "InstanceSet"},
		"DescribeClusters":              {service: "tke", version: "2018-05-25", list: "Clusters"},
		"DescribeClusterInstances":      {service: "tke", version: "2018-05-25", list: "InstanceSet", key: "ClusterId"},
		"DescribeClusterEndpoints":      {service: "tke", version: "2018-05-25", key: "ClusterId"},
	}
}

// account is the data of one region.
type account struct {
	// lists maps a list action to its items.
	lists map[string][]json.RawMessage
	// each maps a per-resource action to its response by resource id.
	each map[string]map[string]map[string]json.RawMessage
}

// hasCluster reports whether DescribeClusters lists the cluster id.
func (a *account) hasCluster(id string) bool {
	for _, raw := range a.lists["DescribeClusters"] {
		var c struct {
			ClusterID string `json:"ClusterId"`
		}
		if json.Unmarshal(raw, &c) == nil && c.ClusterID == id {
			return true
		}
	}
	return false
}

// Call is one request the fake answered.
type Call struct {
	Region, Action string
	Params         map[string]any
}

// Server is a fake API. Its fields configure faults; set them before the
// first request.
type Server struct {
	URL                          string
	SecretID, SecretKey, Token   string
	regions                      map[string]*account
	srv                          *httptest.Server
	mu                           sync.Mutex
	calls                        []Call
	violations                   []string
	throttle                     map[string]int
	deny, malformed, unsupported map[string]string
	// PageCap, when not 0, is the most items one page holds, whatever the
	// Limit asked: a server that pages shorter than asked.
	PageCap int
	// SubnetsByOffset makes DescribeSubnets ignore MaxResults and
	// NextToken and page by Offset and Limit (default 20), as an API
	// without token paging would.
	SubnetsByOffset bool
}

// New starts a fake API that accepts requests signed with secretID and
// secretKey (and token, when not empty). It stops when the test ends.
func New(tb testing.TB, secretID, secretKey, token string) *Server {
	tb.Helper()
	s := &Server{
		SecretID: secretID, SecretKey: secretKey, Token: token,
		regions:  map[string]*account{},
		throttle: map[string]int{}, deny: map[string]string{}, malformed: map[string]string{}, unsupported: map[string]string{},
	}
	s.srv = httptest.NewServer(s)
	s.URL = s.srv.URL
	tb.Cleanup(s.srv.Close)
	return s
}

// AddRegion serves the responses of a hand-made bundle (keyed by action,
// per-resource responses keyed by id, each wrapped or bare) as the data of
// region.
func (s *Server) AddRegion(region string, bundle []byte) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(bundle, &top); err != nil {
		return fmt.Errorf("bundle: %w", err)
	}
	acct := &account{lists: map[string][]json.RawMessage{}, each: map[string]map[string]map[string]json.RawMessage{}}
	for name, raw := range top {
		a, ok := actions()[name]
		if !ok {
			return fmt.Errorf("bundle: %s is not an action the fake serves", name)
		}
		if a.key != "" {
			var byID map[string]json.RawMessage
			if err := json.Unmarshal(raw, &byID); err != nil {
				return fmt.Errorf("bundle: %s: %w", name, err)
			}
			acct.each[name] = map[string]map[string]json.RawMessage{}
			for id, r := range byID {
				o, err := unwrap(r)
				if err != nil {
					return fmt.Errorf("bundle: %s %s: %w", name, id, err)
				}
				acct.each[name][id] = o
			}
			continue
		}
		o, err := unwrap(raw)
		if err != nil {
			return fmt.Errorf("bundle: %s: %w", name, err)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(o[a.list], &items); err != nil {
			return fmt.Errorf("bundle: %s has no %s array: %w", name, a.list, err)
		}
		acct.lists[name] = items
	}
	s.regions[region] = acct
	return nil
}

// unwrap returns the fields of a response, wrapped in Response or bare.
func unwrap(raw json.RawMessage) (map[string]json.RawMessage, error) {
	var o map[string]json.RawMessage
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	if in, ok := o["Response"]; ok {
		o = nil
		if err := json.Unmarshal(in, &o); err != nil {
			return nil, err
		}
	}
	delete(o, "RequestId")
	return o, nil
}

// Throttle answers the next n calls of action (in any region) with
// RequestLimitExceeded.
func (s *Server) Throttle(action string, n int) { s.throttle[action] = n }

// Deny answers every call of action in region with
// AuthFailure.UnauthorizedOperation, as for a CAM policy without it.
func (s *Server) Deny(region, action string) { s.deny[region+"/"+action] = action }

// Malformed answers every call of action in region with body, as the HTTP
// body.
func (s *Server) Malformed(region, action, body string) { s.malformed[region+"/"+action] = body }

// Unsupported answers every call of service in region with
// UnsupportedRegion.
func (s *Server) Unsupported(region, service string) { s.unsupported[region+"/"+service] = service }

// Calls returns the requests answered so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// Violations returns what requests did wrong: a bad signature, a missing
// header, a parameter of the wrong type.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

func (s *Server) violation(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.violations = append(s.violations, fmt.Sprintf(format, args...))
}

// ServeHTTP answers one API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	name := r.Header.Get("X-TC-Action")
	region := r.Header.Get("X-TC-Region")
	a, known := actions()[name]
	if !known {
		s.violation("unknown action %q", name)
		writeError(w, "InvalidAction", "The action does not exist.", name)
		return
	}
	if err := s.check(r, body, a); err != nil {
		s.violation("%s %s: %v", region, name, err)
		writeError(w, "AuthFailure.SignatureFailure", err.Error(), name)
		return
	}
	params := map[string]any{}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		s.violation("%s %s: body: %v", region, name, err)
		writeError(w, "InvalidParameter", "The body is not a JSON object.", name)
		return
	}
	s.mu.Lock()
	s.calls = append(s.calls, Call{Region: region, Action: name, Params: params})
	throttled := s.throttle[name] > 0
	if throttled {
		s.throttle[name]--
	}
	s.mu.Unlock()
	id := requestID(region, name, params)
	switch {
	case throttled:
		writeError(w, "RequestLimitExceeded", "Your current request times equals to 101 in a second, which exceeds the frequency limit 100 for a second.", id)
	case s.unsupported[region+"/"+a.service] != "":
		writeError(w, "UnsupportedRegion", "The API does not support the region.", id)
	case s.deny[region+"/"+name] != "":
		writeError(w, "AuthFailure.UnauthorizedOperation",
			fmt.Sprintf("you are not authorized to perform operation (%s:%s) resource (qcs::%s:%s:uin/100000000001:*) has no permission", a.service, name, a.service, region), id)
	case s.malformed[region+"/"+name] != "":
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, s.malformed[region+"/"+name])
	case name == "DescribeRegions":
		s.describeRegions(w, id)
	default:
		acct := s.regions[region]
		if acct == nil {
			writeError(w, "InvalidParameterValue", "The region "+region+" does not exist.", id)
			return
		}
		s.answer(w, acct, name, a, params, id)
	}
}

// check checks the headers and the signature of a request as the API does.
func (s *Server) check(r *http.Request, body []byte, a action) error {
	switch {
	case r.Method != http.MethodPost:
		return fmt.Errorf("method %s, not POST", r.Method)
	case r.Header.Get("Content-Type") != "application/json":
		return fmt.Errorf("Content-Type %q", r.Header.Get("Content-Type"))
	case r.Header.Get("X-TC-Version") != a.version:
		return fmt.Errorf("X-TC-Version %q, not %s", r.Header.Get("X-TC-Version"), a.version)
	case r.Header.Get("X-TC-Region") == "":
		return fmt.Errorf("no X-TC-Region")
	case r.Header.Get("X-TC-Token") != s.Token:
		return fmt.Errorf("X-TC-Token %q, not the session token", r.Header.Get("X-TC-Token"))
	}
	return verify(r, body, a.service, s.SecretID, s.SecretKey)
}

// verify checks the TC3-HMAC-SHA256 signature of a request.
func verify(r *http.Request, body []byte, service, secretID, secretKey string) error {
	const algorithm = "TC3-HMAC-SHA256"
	auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), algorithm+" ")
	if !ok {
		return fmt.Errorf("the Authorization header is not %s: %q", algorithm, r.Header.Get("Authorization"))
	}
	parts := map[string]string{}
	for p := range strings.SplitSeq(auth, ", ") {
		k, v, _ := strings.Cut(p, "=")
		parts[k] = v
	}
	scope := strings.Split(parts["Credential"], "/")
	ts, err := strconv.ParseInt(r.Header.Get("X-TC-Timestamp"), 10, 64)
	switch {
	case err != nil:
		return fmt.Errorf("X-TC-Timestamp %q", r.Header.Get("X-TC-Timestamp"))
	case time.Since(time.Unix(ts, 0)).Abs() > 5*time.Minute:
		return fmt.Errorf("X-TC-Timestamp %d is not now", ts)
	case len(scope) != 4 || scope[3] != "tc3_request":
		return fmt.Errorf("credential %q", parts["Credential"])
	case scope[0] != secretID:
		return fmt.Errorf("SecretId %q", scope[0])
	case scope[1] != time.Unix(ts, 0).UTC().Format("2006-01-02"):
		return fmt.Errorf("scope date %s, not that of the timestamp", scope[1])
	case scope[2] != service:
		return fmt.Errorf("scope service %s, not %s", scope[2], service)
	case parts["SignedHeaders"] != "content-type;host":
		return fmt.Errorf("SignedHeaders %q", parts["SignedHeaders"])
	}
	canonical := strings.Join([]string{
		"POST", "/", "",
		"content-type:" + r.Header.Get("Content-Type") + "\nhost:" + r.Host + "\n",
		parts["SignedHeaders"], sha256hex(body),
	}, "\n")
	toSign := strings.Join([]string{algorithm, strconv.FormatInt(ts, 10), strings.Join(scope[1:], "/"), sha256hex([]byte(canonical))}, "\n")
	key := mac([]byte("TC3"+secretKey), scope[1])
	key = mac(key, service)
	key = mac(key, "tc3_request")
	want := hex.EncodeToString(mac(key, toSign))
	if !hmac.Equal([]byte(want), []byte(parts["Signature"])) {
		return fmt.Errorf("the signature does not match the request")
	}
	return nil
}

func mac(key []byte, msg string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(msg))
	return h.Sum(nil)
}

func sha256hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// requestID is a RequestId that is the same for the same request, so that
// a fetch of the same data writes the same bytes.
func requestID(region, name string, params map[string]any) string {
	raw, _ := json.Marshal(params)
	sum := sha256.Sum256([]byte(region + "\x00" + name + "\x00" + string(raw)))
	h := hex.EncodeToString(sum[:16])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func writeError(w http.ResponseWriter, code, message, id string) {
	writeResponse(w, map[string]any{"Error": map[string]string{"Code": code, "Message": message}, "RequestId": id})
}

func writeResponse(w http.ResponseWriter, fields map[string]any) {
	w.Header().Set("Content-Type", "application/json")
	raw, err := json.Marshal(map[string]any{"Response": fields})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = w.Write(raw)
}

// describeRegions lists the regions of the fake, and one that is not
// available.
func (s *Server) describeRegions(w http.ResponseWriter, id string) {
	set := []map[string]string{{"Region": "ap-closed", "RegionName": "closed", "RegionState": "UNAVAILABLE"}}
	for _, r := range slices.Sorted(maps.Keys(s.regions)) {
		set = append(set, map[string]string{"Region": r, "RegionName": r, "RegionState": "AVAILABLE"})
	}
	writeResponse(w, map[string]any{"TotalCount": len(set), "RegionSet": set, "RequestId": id})
}

// answer serves a list or a per-resource response from acct.
func (s *Server) answer(w http.ResponseWriter, acct *account, name string, a action, params map[string]any, id string) {
	var items []json.RawMessage
	if a.key != "" {
		res, ok := params[a.key].(string)
		if !ok || res == "" {
			s.violation("%s: no %s", name, a.key)
			writeError(w, "MissingParameter", "The request is missing a required parameter "+a.key+".", id)
			return
		}
		if name == "DescribeClusterInstances" && params["InstanceRole"] != "ALL" {
			s.violation("%s: InstanceRole %v, not ALL: the masters of independent clusters are left out", name, params["InstanceRole"])
		}
		o, ok := acct.each[name][res]
		if !ok && name == "DescribeClusterEndpoints" && acct.hasCluster(res) {
			// The real API answers for every cluster; one that the
			// fixture gives no endpoints has none open.
			o, ok = map[string]json.RawMessage{}, true
		}
		if !ok {
			writeError(w, "ResourceNotFound", "The resource "+res+" does not exist.", id)
			return
		}
		if a.list == "" {
			fields := map[string]any{"RequestId": id}
			for k, v := range o {
				fields[k] = v
			}
			writeResponse(w, fields)
			return
		}
		if err := json.Unmarshal(o[a.list], &items); err != nil {
			writeError(w, "InternalError", "bad fixture", id)
			return
		}
	} else {
		items = acct.lists[name]
	}
	s.page(w, name, a, params, items, id)
}

// page answers one page of a list.
func (s *Server) page(w http.ResponseWriter, name string, a action, params map[string]any, items []json.RawMessage, id string) {
	tokens := name == "DescribeSubnets" && !s.SubnetsByOffset
	offset, limit, err := s.window(name, a, params, tokens)
	if err != nil {
		s.violation("%s: %v", name, err)
		writeError(w, "InvalidParameter", err.Error(), id)
		return
	}
	if s.PageCap > 0 {
		limit = min(limit, s.PageCap)
	}
	start := min(offset, len(items))
	end := min(start+limit, len(items))
	fields := map[string]any{"TotalCount": len(items), a.list: items[start:end], "RequestId": id}
	if tokens {
		next := ""
		if end < len(items) {
			next = "token-" + strconv.Itoa(end)
		}
		fields["NextToken"] = next
	}
	writeResponse(w, fields)
}

// window returns the offset and limit that a list request asks for,
// checking the types that the API documents.
func (s *Server) window(name string, a action, params map[string]any, tokens bool) (offset, limit int, err error) {
	if tokens {
		if _, ok := params["Offset"]; ok {
			return 0, 0, errors.New("an Offset with MaxResults")
		}
		limit, err = integer(params, "MaxResults", 20)
		if err != nil {
			return 0, 0, err
		}
		if tok, ok := params["NextToken"].(string); ok {
			n, ok := strings.CutPrefix(tok, "token-")
			if offset, err = strconv.Atoi(n); !ok || err != nil {
				return 0, 0, fmt.Errorf("NextToken %q is not one the fake gave", tok)
			}
		}
		return offset, min(limit, 100), nil
	}
	get := integer
	if a.stringPaging {
		get = str
	}
	if offset, err = get(params, "Offset", 0); err != nil {
		return 0, 0, err
	}
	if limit, err = get(params, "Limit", 20); err != nil {
		return 0, 0, err
	}
	if limit > 100 {
		return 0, 0, fmt.Errorf("%s: Limit %d is more than 100", name, limit)
	}
	return offset, limit, nil
}

// integer reads an Integer parameter.
func integer(params map[string]any, key string, def int) (int, error) {
	v, ok := params[key]
	if !ok {
		return def, nil
	}
	n, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("%s must be an Integer, not %T", key, v)
	}
	i, err := strconv.Atoi(n.String())
	if err != nil {
		return 0, fmt.Errorf("%s must be an Integer, not %s", key, n)
	}
	return i, nil
}

// str reads a String parameter holding a number, as vpc's Offset and
// Limit.
func str(params map[string]any, key string, def int) (int, error) {
	v, ok := params[key]
	if !ok {
		return def, nil
	}
	s, ok := v.(string)
	if !ok {
		return 0, fmt.Errorf("%s must be a String, not %T", key, v)
	}
	i, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%s must be a number in a String, not %q", key, s)
	}
	return i, nil
}
