package modeltest

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// Golden compares the errors and the dump of in with the golden file at
// path, or rewrites that file when update is set (review its diff).
func Golden(t *testing.T, path string, in *model.Input, errs []*model.Error, update bool) {
	t.Helper()
	var b strings.Builder
	for _, e := range errs {
		b.WriteString("error " + e.Error() + "\n")
	}
	b.WriteString(Dump(in))
	got := b.String()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("model differs from %s (-want +got):\n%s", path, diff)
	}
}
