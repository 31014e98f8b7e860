package output

import (
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/analyzers/checker"
	"github.com/tkesglint/tkesglint/cmd/tkesglint/internal/driver"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// countingWriter counts the bytes written to it, and the most written at
// once.
type countingWriter struct{ n, most int }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += len(p)
	c.most = max(c.most, len(p))
	return len(p), nil
}

// TestWritersStream: the JSON, rdjson, github and checkstyle writers
// write their documents in pieces as they go, never whole; the JSON ones
// allocate less than they write (not checked under the race detector,
// which allocates on its own account). (Built whole, a JSON document took
// about three times its size: the values, the encoding and its indented
// copy.)
func TestWritersStream(t *testing.T) {
	var fs []driver.Finding
	for i := range 3000 {
		file := fmt.Sprintf("envs/e%03d/main.tf", i/10)
		fs = append(fs, driver.Finding{Finding: checker.Finding{
			Check: &analysis.Check{ID: "TKESG201"}, Level: analysis.LevelError,
			Range:   model.Range{Filename: file, Start: model.Pos{Line: 3 + i, Column: 3}, End: model.Pos{Line: 9 + i, Column: 4}},
			Message: fmt.Sprintf("ingress rule %d of sg web (ACCEPT ALL from 0.0.0.0/0) accepts every TCP port from the world (0.0.0.0/0)", i),
			Related: []analysis.Related{{Range: model.Range{Filename: file, Start: model.Pos{Line: 1, Column: 1}}, Message: "sg web is defined here"}},
			Address: fmt.Sprintf("tencentcloud_security_group_rule_set.web%d", i), Fingerprint: fmt.Sprintf("%064x", i),
		}})
	}
	r := &Report{Tool: Tool{Name: "tkesglint", Version: "1.0.0"}, Result: &driver.Result{Findings: fs, Sources: map[string][]byte{}}}
	for name, write := range map[string]func(io.Writer) error{
		"json":       func(w io.Writer) error { return WriteJSON(w, r) },
		"rdjson":     func(w io.Writer) error { return WriteRDJSON(w, r) },
		"github":     func(w io.Writer) error { return WriteGitHub(w, r) },
		"checkstyle": func(w io.Writer) error { return WriteCheckstyle(w, r) },
	} {
		var out countingWriter
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if err := write(&out); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		if out.most > 64<<10 || out.n < 4*out.most {
			t.Errorf("%s: %d bytes written at once of %d", name, out.most, out.n)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(out.n) && (name == "json" || name == "rdjson") && !raceEnabled {
			t.Errorf("%s: %d bytes allocated to write %d", name, alloc, out.n)
		}
	}
}
