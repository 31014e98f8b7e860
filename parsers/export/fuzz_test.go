package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tkesglint/tkesglint/parsers/model"
)

// FuzzParse feeds arbitrary bytes under a few file names and checks that
// Parse does not panic, that every error and rule is located in the file,
// that Detect and ParseIfExport agree with its definition, that mapping the responses on
// other goroutines changes nothing, and that merging the result again
// changes nothing.
func FuzzParse(f *testing.F) {
	for _, src := range account() {
		f.Add([]byte(src), uint8(0))
	}
	f.Add([]byte(tccliPolicies), uint8(1))
	f.Add([]byte(fetched), uint8(2))
	seeds, _ := filepath.Glob("../../testdata/export/*/*.json")
	for _, s := range seeds {
		if src, err := os.ReadFile(s); err == nil && len(src) < 4<<10 {
			f.Add(src, uint8(2))
		}
	}
	f.Add([]byte(`{"DescribeClusterInstances": [{"InstanceSet": [{"InstanceId": "i", "InstanceRole": "MASTER"}]}]}`), uint8(3))
	f.Add([]byte(`{"Clusters": [{"ClusterId": "c", "Property": "{\"NetworkType\": 1}"}], "RequestId": ""}`), uint8(0))
	names := []string{"sg-1a2b3c4d.json", "cls-abcd1234.json", "x/bundle.json", "sg-x.json"}
	f.Fuzz(func(t *testing.T, src []byte, name uint8) {
		path := names[int(name)%len(names)]
		if got, want := Detect(src), detectByDefinition(src); got != want {
			t.Fatalf("Detect = %v, its definition says %v", got, want)
		}
		in, errs := parseBothWays(t, File{Path: path, Src: src})
		switch pin, perrs, ok := ParseIfExport(t.Context(), File{Path: path, Src: src}, 0); {
		case ok != detectByDefinition(src):
			t.Fatalf("ParseIfExport says %v, Detect's definition %v", ok, !ok)
		case ok && (dump(pin) != dump(in) || len(perrs) != len(errs)):
			t.Fatalf("ParseIfExport parsed otherwise than Parse")
		}
		if in == nil {
			t.Fatal("nil input")
		}
		for _, e := range errs {
			if e.Range.Filename != path {
				t.Errorf("error not on the file: %v", e)
			}
			if e.Summary == "internal error" {
				t.Fatalf("recovered panic: %v", e)
			}
		}
		for _, sg := range in.SecurityGroups {
			if sg.Resource.Address == "" {
				t.Errorf("group without an address")
			}
			for _, d := range directions() {
				for i, r := range sg.Rules(d).Rules {
					if r.Direction != d || r.Position != i || r.Range.Filename != path || r.Range.Start.Line < 1 {
						t.Errorf("rule %d of %s: direction %v position %d range %v", i, sg.Resource.Address, r.Direction, r.Position, r.Range)
					}
					checkRange(t, r.CIDR.Range(), path)
				}
			}
		}
		if a, b := dump(in), dump(Merge(in)); a != b {
			t.Errorf("merge is not idempotent:\n%s\n%s", a, b)
		}
	})
}

func checkRange(t *testing.T, r model.Range, path string) {
	t.Helper()
	if r.Filename != path || r.Start.Line < 1 || r.Start.Column < 1 || r.End.Line < r.Start.Line ||
		r.End.Line == r.Start.Line && r.End.Column < r.Start.Column {
		t.Errorf("bad range %s", strings.TrimSpace(pos(r)))
	}
}
