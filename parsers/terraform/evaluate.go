package terraform

import (
	"encoding/json"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// evaluate evaluates root module m with every module it calls and maps the
// result into the model. plans, when not empty, are plans of this root
// module: their values win for the resources they hold, and the resources
// that no .tf block declares are located in the plan. It also returns the
// folders of the modules the unit calls, and the errors found.
func (t *tree) evaluate(m *module, plans []File) (*model.Input, map[string]bool, []*model.Error) {
	u := &unit{t: t, dirs: map[string]bool{}}
	if len(plans) > 0 {
		u.plan = t.planIndex(plans)
	}
	root := newScope(u, m, "", nil)
	root.given, u.errs = t.givenValues(m)
	root.instantiate()
	if u.plan != nil {
		u.plan.addUnmatched(u, root)
	}
	return u.build(), u.dirs, u.errs
}

func jsonUnmarshal(src []byte, v any) error { return json.Unmarshal(src, v) }
