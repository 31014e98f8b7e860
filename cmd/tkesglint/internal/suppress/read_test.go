package suppress

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestRead checks what Read returns for each directive comment: where it
// is, whether it trails code, what it parsed to and what it covers; and
// that `#` inside strings and heredocs is not taken for a comment.
func TestRead(t *testing.T) {
	src := `# tkesglint:ignore TKESG202 reason="bastion"
resource "tencentcloud_security_group_rule_set" "a" {
  description = "# tkesglint:ignore TKESG203 reason=\"in a string\""
  policy = <<EOT
# tkesglint:ignore TKESG204 reason="in a heredoc"
EOT
  port = 22 // tkesglint:ignore TKESG205 reason="trailing"
}

/* tkesglint:ignore TKESG206
   spans lines */
locals {}
`
	got := Read("main.tf", []byte(src))
	if len(got) != 3 {
		t.Fatalf("Read found %d directives, want 3: %+v", len(got), got)
	}
	want := []struct {
		line, col, end int
		trailing       bool
		ids            string
		err            bool
		target         int
		covers, not    []int
	}{
		{line: 1, col: 1, end: 45, ids: "TKESG202", target: 2, covers: []int{2, 5, 8}, not: []int{9}},
		{line: 7, col: 13, end: 59, trailing: true, ids: "TKESG205", target: 7, covers: []int{7}, not: []int{6, 8}},
		{line: 10, col: 1, end: 29, err: true, target: 0, covers: []int{11}, not: []int{12}},
	}
	for i, w := range want {
		in := got[i]
		if in.Line != w.line || in.Column != w.col || in.EndColumn != w.end || in.Trailing != w.trailing {
			t.Errorf("directive %d at %d:%d-%d trailing=%v, want %d:%d-%d trailing=%v", i, in.Line, in.Column, in.EndColumn, in.Trailing, w.line, w.col, w.end, w.trailing)
		}
		if w.err != (in.Err != nil) || (in.Err == nil) != (in.Directive != nil) {
			t.Errorf("directive %d: Directive %+v, Err %v; want an error: %v", i, in.Directive, in.Err, w.err)
		}
		if in.Directive != nil && strings.Join(in.Directive.IDs, ",") != w.ids {
			t.Errorf("directive %d ids %v, want %s", i, in.Directive.IDs, w.ids)
		}
		if in.Target != w.target {
			t.Errorf("directive %d target %d, want %d", i, in.Target, w.target)
		}
		for _, l := range w.covers {
			if !in.Scope.Covers(l) {
				t.Errorf("directive %d does not cover line %d: %+v", i, l, in.Scope)
			}
		}
		for _, l := range w.not {
			if in.Scope.Covers(l) {
				t.Errorf("directive %d covers line %d: %+v", i, l, in.Scope)
			}
		}
	}
	if got := Read("main.tf", []byte("resource \"a\" \"b\" {}\n# no directive here\n")); got != nil {
		t.Errorf("a file without the prefix: %+v", got)
	}
	if got := Read("data.json", []byte(`{"a": "# tkesglint:ignore X1 reason=\"r\""}`)); got != nil {
		t.Errorf("JSON has no comments: %+v", got)
	}
}

// TestReadLexesOnce checks that Read lexes a Terraform file once: beside
// the parse its spans need, it allocates fewer bytes than one more lexing
// would. Reading the comments and the line kinds in two lexings, as it once
// did, fails this test.
func TestReadLexesOnce(t *testing.T) {
	var b strings.Builder
	b.WriteString("# tkesglint:ignore TKESG202 reason=\"r\"\n")
	for i := range 200 {
		fmt.Fprintf(&b, "resource \"tencentcloud_security_group\" \"sg%d\" {\n  name = \"sg-%d\" # a comment\n  description = \"x\"\n}\n\n", i, i)
	}
	src := []byte(b.String())
	lex := allocated(func() { _, _ = hclsyntax.LexConfig(src, "", hcl.InitialPos) })
	parse := allocated(func() { _, _ = hclsyntax.ParseConfig(src, "", hcl.InitialPos) })
	read := allocated(func() { Read("main.tf", src) })
	t.Logf("bytes allocated: lex %d, parse %d, Read %d", lex, parse, read)
	if read >= parse+lex/2*3 {
		t.Errorf("Read allocates %d bytes, more than a parse (%d) and one and a half lexings (%d each): does it lex twice?", read, parse, lex)
	}
}

// allocated returns the bytes f allocates, the least of three runs.
func allocated(f func()) uint64 {
	least := uint64(math.MaxUint64)
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	return least
}
