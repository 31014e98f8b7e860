package terraform

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// isPlanBefore is IsPlan as it was before it looked for its key around a
// rare byte: the definition the faster one must agree with.
func isPlanBefore(src []byte) bool {
	if !bytes.Contains(src, []byte(`"planned_values"`)) || !bytes.Contains(src, []byte(`"configuration"`)) {
		return false
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(src, &top) != nil {
		return false
	}
	_, pv := top["planned_values"]
	_, conf := top["configuration"]
	return pv && conf
}

// TestIsPlanAgrees checks that IsPlan judges every JSON and YAML file of
// the repository, and files made to be hard, as it did when it searched
// the whole text with bytes.Contains.
func TestIsPlanAgrees(t *testing.T) {
	files := map[string][]byte{}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".json" || ext == ".yaml" || ext == ".yml") {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files[path] = src
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 50 {
		t.Fatalf("found %d files; the walk missed the repository's testdata", len(files))
	}
	plans := 0
	for path, src := range files {
		if isPlanBefore(src) {
			plans++
		}
		if got, want := IsPlan(src), isPlanBefore(src); got != want {
			t.Errorf("%s: IsPlan = %v, before %v", path, got, want)
		}
	}
	if plans == 0 {
		t.Error("no plan among the repository's files: the walk does not test a positive")
	}

	big := strings.Repeat(`{"Key": "team", "Value": "team-0", "Cidr": "10.0.0.0/8"},`, 40000) // 2 MB
	big = big[:len(big)-1]
	tricky := map[string]string{
		"plan, keys after megabytes":         `{"format_version": "1.2", "prior_state": [` + big + `], "planned_values": {"root_module": {}}, "configuration": {"root_module": {}}}`,
		"plan, one key only after megabytes": `{"planned_values": {}, "values": [` + big + `], "configurations": {}}`,
		"export, key after megabytes":        `{"DescribeSecurityGroups": {"SecurityGroupSet": [` + big + `]}, "planned_values": {}, "configuration": {}}`,
		"export, keys in a value":            `{"Response": {"planned_values": {}, "configuration": {}, "Set": [` + big + `]}}`,
		"key written with an escape":         `{"planned\u005fvalues": {}, "configuration": {}}`,
		"keys at the very start and end":     `{"planned_values":1,"configuration":2}`,
		"underscores everywhere":             `{"a_b_c": "` + strings.Repeat("_x_", 100000) + `", "planned_values": {}, "configuration": {}}`,
		"underscores, no plan":               `{"a_b_c": "` + strings.Repeat("_", 300000) + `"}`,
		"yaml that looks like json":          "planned_values: {}\nconfiguration: {\"a\": 1}\n",
		"json with a trailing comma":         `{"planned_values": {}, "configuration": {},}`,
		"a byte order mark":                  "\uFEFF" + `{"planned_values": {}, "configuration": {}}`,
		"shorter than the key":               `"planned_`,
		"pivot at the first bytes":           `_planned_values"`,
		"empty":                              ``,
	}
	for name, src := range tricky {
		if got, want := IsPlan([]byte(src)), isPlanBefore([]byte(src)); got != want {
			t.Errorf("%s: IsPlan = %v, before %v", name, got, want)
		}
	}
	if !IsPlan([]byte(tricky["plan, keys after megabytes"])) {
		t.Error("a plan whose keys come after megabytes is not one")
	}
}

// TestContainsAt checks containsAt against bytes.Contains on texts of
// the pattern's own bytes, where the pivot is frequent and matches
// overlap, and on texts long enough to reach its cutover.
func TestContainsAt(t *testing.T) {
	const pat = `"planned_values"`
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte(`"planed_vlus`)
	for n := range 3000 {
		size := n % 200
		if n%100 == 0 {
			size = 5000
		}
		text := make([]byte, size)
		for i := range text {
			text[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		if rnd.IntN(3) == 0 && size > len(pat) {
			at := rnd.IntN(size - len(pat) + 1)
			copy(text[at:], pat)
		}
		if got, want := containsAt(text, pat, len(`"planned`)), bytes.Contains(text, []byte(pat)); got != want {
			t.Fatalf("containsAt(%q) = %v, want %v", text, got, want)
		}
	}
	// The pattern at each offset around where frequent pivots make it
	// leave the rest to bytes.Contains.
	base := make([]byte, 1000)
	for i := range base {
		base[i] = alphabet[rnd.IntN(len(alphabet))]
	}
	base = bytes.ReplaceAll(base, []byte(`"`), []byte(`l`))
	for at := range 500 {
		text := bytes.Clone(base)
		copy(text[at:], pat)
		if !containsAt(text, pat, len(`"planned`)) {
			t.Fatalf("containsAt misses the pattern at offset %d of %q", at, text)
		}
	}
}

// BenchmarkIsPlanExport tells a 16 MB export from a plan, as the reading
// of every large .json file does before it is parsed.
func BenchmarkIsPlanExport(b *testing.B) {
	src := []byte(`{"DescribeSecurityGroups": {"SecurityGroupSet": [` + strings.Repeat(`{"Key": "team", "Value": "team-0", "Cidr": "10.0.0.0/8"},`, 300000) + `{}]}}`)
	for _, bench := range []struct {
		name   string
		isPlan func([]byte) bool
	}{{"now", IsPlan}, {"before", isPlanBefore}} {
		b.Run(bench.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if bench.isPlan(src) {
					b.Fatal("an export is a plan")
				}
			}
		})
	}
}
