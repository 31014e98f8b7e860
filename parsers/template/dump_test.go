package template

import (
	"github.com/tkesglint/tkesglint/parsers/model"
	"github.com/tkesglint/tkesglint/parsers/modeltest"
)

// dump renders an input for golden files (see modeltest.Dump).
func dump(in *model.Input) string { return modeltest.Dump(in) }
