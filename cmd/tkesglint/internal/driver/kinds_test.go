package driver

import "testing"

// TestExcluded: a glob matches a path or one of its folders; * stays within
// a folder name and ** matches any number of folders, none included.
func TestExcluded(t *testing.T) {
	for _, tc := range []struct {
		glob, path string
		want       bool
	}{
		{"vendor", "vendor/a/main.tf", true},
		{"vendor/", "vendor/a/main.tf", true},
		{"vendor", "src/vendor/main.tf", false},
		{"*.tf", "main.tf", true},
		{"*.tf", "envs/main.tf", false},
		{"envs/*", "envs/prod/main.tf", true},
		{"envs/*/main.tf", "envs/prod/main.tf", true},
		{"envs/*/main.tf", "envs/prod/eu/main.tf", false},
		{"**/modules", "a/b/modules/sg/main.tf", true},
		{"**/modules", "modules/main.tf", true},
		{"**/modules/**", "x/modules/sg/main.tf", true},
		{"**/*.json", "plans/2026/plan.json", true},
		{"**/*.json", "plan.json", true},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b/main.tf", true},
		{"a/**/b", "a/x/c/main.tf", false},
		{"**", "anything/at/all.tf", true},
		{"[ab].tf", "b.tf", true},
		{"[ab].tf", "c.tf", false},
		{"env?/main.tf", "env1/main.tf", true},
		{"[", "[", false}, // a malformed glob matches nothing
		{"mod*", "modules/sg/main.tf", true},
		{"main.tf", "main.tf.json", false},
		{"envs/{dev,test}", "envs/test/main.tf", true},
		{"envs/{dev,test}", "envs/prod/main.tf", false},
	} {
		if got := excluded(tc.path, []string{tc.glob}); got != tc.want {
			t.Errorf("excluded(%q, %q) = %v, want %v", tc.path, tc.glob, got, tc.want)
		}
	}
}
