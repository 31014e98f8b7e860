package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sarifFixLog is the part of a SARIF log the fix tests read.
type sarifFixLog struct {
	Runs []struct {
		Results []struct {
			RuleID string
			Fixes  []struct {
				ArtifactChanges []struct {
					ArtifactLocation struct{ URI string }
					Replacements     []struct {
						DeletedRegion   struct{ StartLine, StartColumn, EndLine, EndColumn int }
						InsertedContent struct{ Text string }
					}
				}
			}
		}
	}
}

// byteOffset returns the offset of a 1-based line and column (in bytes).
func byteOffset(src string, line, col int) int {
	off := 0
	for range line - 1 {
		off += strings.IndexByte(src[off:], '\n') + 1
	}
	return off + col - 1
}

// applySARIF makes every replacement of every fix of the log, as a tool
// that applies all fixes does; overlapping replacements fail the test.
func applySARIF(t *testing.T, files map[string][]byte, log sarifFixLog) map[string]string {
	t.Helper()
	type span struct {
		from, to int
		text     string
	}
	spans := map[string][]span{}
	for _, r := range log.Runs[0].Results {
		for _, f := range r.Fixes {
			for _, c := range f.ArtifactChanges {
				src := string(files[c.ArtifactLocation.URI])
				for _, rep := range c.Replacements {
					g := rep.DeletedRegion
					spans[c.ArtifactLocation.URI] = append(spans[c.ArtifactLocation.URI], span{byteOffset(src, g.StartLine, g.StartColumn), byteOffset(src, g.EndLine, g.EndColumn), rep.InsertedContent.Text})
				}
			}
		}
	}
	out := map[string]string{}
	for name, ss := range spans {
		src := string(files[name])
		slices.SortFunc(ss, func(a, b span) int { return b.from - a.from })
		for i, s := range ss {
			if i > 0 && (s.to > ss[i-1].from || s.from == ss[i-1].from) {
				t.Fatalf("%s: two SARIF replacements meet at byte %d", name, s.from)
			}
			src = src[:s.from] + s.text + src[s.to:]
		}
		out[name] = src
	}
	return out
}

// applyRDJSON commits every suggestion, as a reviewer who commits them
// all on GitHub does; suggestions over the same lines fail the test.
func applyRDJSON(t *testing.T, files map[string][]byte, doc rdDoc) map[string]string {
	t.Helper()
	type sugg struct {
		first, last int
		text        string
	}
	byPath := map[string][]sugg{}
	for _, d := range doc.Diagnostics {
		for _, s := range d.Suggestions {
			byPath[d.Location.Path] = append(byPath[d.Location.Path], sugg{s.Range.Start.Line, s.Range.End.Line, s.Text})
		}
	}
	out := map[string]string{}
	for name, ss := range byPath {
		lines := strings.Split(string(files[name]), "\n")
		slices.SortFunc(ss, func(a, b sugg) int { return b.first - a.first })
		for i, s := range ss {
			if i > 0 && s.last >= ss[i-1].first {
				t.Fatalf("%s: suggestions over lines %d-%d and %d-%d overlap", name, s.first, s.last, ss[i-1].first, ss[i-1].last)
			}
			var mid []string
			if s.text != "" {
				mid = strings.Split(s.text, "\n")
			}
			lines = slices.Concat(lines[:s.first-1], mid, lines[s.last:])
		}
		out[name] = strings.Join(lines, "\n")
	}
	return out
}

// TestOfferedFixesCompose: the fixes a lint offers can all be taken. In
// testdata/fix/legacy-rules and template-styles, two findings on a group
// with no rules would each add the group's rule container: they share one
// fix. Every SARIF fix made, or every rdjson suggestion committed, gives
// the files --fix --fix-checks all writes; the two findings carry the same fix; and the
// SARIF log writes it once. In neighbor-lines the two fixes edit lines
// close together but not the same ones: each is offered alone, so the
// TKESG205 rewrite does not carry the TKESG104 note's rule from 0.0.0.0/0.
func TestOfferedFixesCompose(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		dir, file string
		shared    bool
	}{
		{"legacy-rules", "main.tf", true},
		{"template-styles", "main.yaml", true},
		{"neighbor-lines", "main.yaml", false},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			copyTree(t, filepath.Join("..", "..", "testdata", "fix", tc.dir), dir)
			orig := readTree(t, dir)
			rep := reportIn(t, dir)
			shared := map[string]int{}
			for _, f := range rep.Findings {
				if len(f.Fixes) > 0 {
					b, _ := json.Marshal(f.Fixes[0])
					shared[string(b)]++
				}
			}
			if got := slices.ContainsFunc(slices.Collect(mapValues(shared)), func(n int) bool { return n == 2 }); got != tc.shared {
				t.Errorf("a fix shared by two findings: %v, want %v: %v", got, tc.shared, shared)
			}
			var log sarifFixLog
			if err := json.Unmarshal([]byte(lintIn(t, dir, "--format", "sarif", ".").stdout), &log); err != nil {
				t.Fatal(err)
			}
			bySARIF := applySARIF(t, orig, log)
			var doc rdDoc
			if err := json.Unmarshal([]byte(lintIn(t, dir, "--format", "rdjson", ".").stdout), &doc); err != nil {
				t.Fatal(err)
			}
			byRDJSON := applyRDJSON(t, orig, doc)
			if r := lintIn(t, dir, "--fix", "--fix-checks", "all", "."); r.code != exitOK {
				t.Fatalf("--fix: status %d\n%s", r.code, r.stderr)
			}
			want := string(readTree(t, dir)[tc.file])
			if bySARIF[tc.file] != want {
				t.Errorf("every SARIF fix made gives:\n%s\n--fix writes:\n%s", bySARIF[tc.file], want)
			}
			if byRDJSON[tc.file] != want {
				t.Errorf("every rdjson suggestion committed gives:\n%s\n--fix writes:\n%s", byRDJSON[tc.file], want)
			}
		})
	}
}

// mapValues returns the values of m.
func mapValues[K comparable, V any](m map[K]V) func(func(V) bool) {
	return func(yield func(V) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}
