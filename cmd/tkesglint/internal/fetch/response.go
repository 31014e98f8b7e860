package fetch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
)

// object is a response object whose fields are kept as the API wrote them.
type object map[string]json.RawMessage

// inner returns the object that `Response` holds.
func (r *rawResponse) inner() ([]byte, error) {
	var env map[string]json.RawMessage
	if err := json.Unmarshal(r.body, &env); err != nil {
		return nil, invalid("the response is not a JSON object: %v", err)
	}
	in := bytes.TrimSpace(env["Response"])
	if len(in) == 0 || in[0] != '{' {
		return nil, invalid("the response has no Response object")
	}
	return in, nil
}

func invalid(format string, args ...any) *APIError {
	return &APIError{Code: codeInvalidResponse, Message: shorten(fmt.Sprintf(format, args...))}
}

// decode reads a response object; list, when not empty, names its data
// array, which it returns too. null stands for an empty array.
func decode(body []byte, list string) (object, []json.RawMessage, error) {
	var o object
	if err := json.Unmarshal(body, &o); err != nil {
		return nil, nil, invalid("the response is not a JSON object: %v", err)
	}
	if list == "" {
		return o, nil, nil
	}
	raw, ok := o[list]
	if !ok {
		return nil, nil, invalid("the response has no %s", list)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, nil, invalid("%s is not an array", list)
	}
	return o, items, nil
}

// totalCount returns the TotalCount of a response, if it gives one.
func (o object) totalCount() (int, bool) {
	var n int
	if err := json.Unmarshal(o["TotalCount"], &n); err != nil {
		return 0, false
	}
	return n, true
}

// nextToken returns the NextToken of a response, or "".
func (o object) nextToken() string {
	var s string
	_ = json.Unmarshal(o["NextToken"], &s)
	return s
}

// merged is the response of a list read in pages: the first page with the
// items of every page, TotalCount their number, and no NextToken; the
// RequestId of one page of several would name only that page.
func merged(pages []object, list string, items []json.RawMessage) (object, error) {
	out := maps.Clone(pages[0])
	if items == nil {
		items = []json.RawMessage{}
	}
	all, err := json.Marshal(items)
	if err != nil {
		return nil, fmt.Errorf("merge the pages of %s: %w", list, err)
	}
	out[list] = all
	out["TotalCount"] = json.RawMessage(strconv.Itoa(len(items)))
	delete(out, "NextToken")
	if len(pages) > 1 {
		delete(out, "RequestId")
	}
	return out, nil
}

// field reads key of each item as T, skipping items where it is not one.
func field[T any](items []json.RawMessage, key string) []T {
	var out []T
	for _, it := range items {
		var o map[string]json.RawMessage
		if json.Unmarshal(it, &o) != nil {
			continue
		}
		var v T
		if json.Unmarshal(o[key], &v) == nil {
			out = append(out, v)
		}
	}
	return out
}
