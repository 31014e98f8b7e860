package terraform

import (
	"context"
	"path"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// parseModule reads the .tf and .tf.json files of one folder as the
// command line does, through ParseTree, and returns the model of the root
// module they make: the parser's tests compare models of one module. The
// files must all be in one folder.
func parseModule(ctx context.Context, files []File, opts Options) (*model.Input, []*model.Error) {
	units, errs := ParseTree(ctx, files, opts)
	for _, u := range units {
		if len(files) > 0 && u.Dir == path.Dir(files[0].Path) {
			return u.Input, errs
		}
	}
	return &model.Input{}, errs
}
