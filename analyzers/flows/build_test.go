package flows

import (
	"testing"

	"github.com/tkesglint/tkesglint/analyzers/analysis"
	"github.com/tkesglint/tkesglint/parsers/model"
)

// TestCompilerOfIsShared checks that the analyzers of one input share one
// compiler, so that each rule is compiled once, and that passes without a
// store get their own.
func TestCompilerOfIsShared(t *testing.T) {
	in := &model.Input{}
	shared := analysis.NewShared()
	a := CompilerOf(&analysis.Pass{Input: in, Shared: shared})
	b := CompilerOf(&analysis.Pass{Input: in, Shared: shared})
	if a != b {
		t.Error("two passes with one store got two compilers")
	}
	r := &model.Rule{Action: str("ACCEPT"), Protocol: str("TCP"), Port: str("22"), CIDR: str("10.0.0.0/8")}
	sg := &model.SecurityGroup{}
	if a.Rule(sg, r) != b.Rule(sg, r) {
		t.Error("a rule was compiled twice")
	}
	if CompilerOf(&analysis.Pass{Input: in}) == CompilerOf(&analysis.Pass{Input: &model.Input{}}) {
		t.Error("passes without a store share a compiler")
	}
}
