package main

import (
	"runtime/debug"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	module := func(version string, settings ...debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/tkesglint/tkesglint", Version: version}, Settings: settings}
	}
	checkout := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "c25ba6fea309aea43508928a6b9526ff527f7fd2"},
		{Key: "vcs.time", Value: "2026-01-02T03:04:05Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	tests := []struct {
		name        string
		stamp       stamp
		info        *debug.BuildInfo
		ver, source string
	}{
		{"no build information", stamp{}, nil, devVersion, ""},
		{"go build outside a checkout", stamp{}, module("(devel)"), devVersion, ""},
		{"go install at a tag", stamp{}, module("v0.3.1"), "0.3.1", ""},
		{
			"go build in a checkout with changes", stamp{}, module("v0.0.0-20260102030405-c25ba6fea309+dirty", checkout...),
			"0.0.0-20260102030405-c25ba6fea309+dirty", "commit c25ba6fea309aea43508928a6b9526ff527f7fd2, 2026-01-02T03:04:05Z, modified",
		},
		{
			"release build", stamp{version: "0.4.0", commit: "0123456789abcdef0123456789abcdef01234567", date: "2026-03-04T05:06:07Z"},
			module("(devel)", checkout...),
			"0.4.0", "commit 0123456789abcdef0123456789abcdef01234567, 2026-03-04T05:06:07Z",
		},
		{"release version with a v", stamp{version: "v0.4.0"}, module("(devel)"), "0.4.0", ""},
		{"stamped version wins over the module's", stamp{version: "0.4.0-SNAPSHOT-0123456"}, module("v0.3.1"), "0.4.0-SNAPSHOT-0123456", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ver, source := describeBuild(tt.stamp, tt.info)
			if ver != tt.ver || source != tt.source {
				t.Errorf("describeBuild = %q, %q; want %q, %q", ver, source, tt.ver, tt.source)
			}
		})
	}
}

func TestVersionShowsBuildSource(t *testing.T) {
	c, stdout, _ := newTestCLI(t, fakeAnalyzers)
	c.buildSource = "commit 0123456789abcdef0123456789abcdef01234567, 2026-03-04T05:06:07Z"
	if code := c.run(t.Context(), []string{"version"}); code != exitOK {
		t.Fatalf("version: status %d", code)
	}
	want := "tkesglint " + testVersion + " (commit 0123456789abcdef0123456789abcdef01234567, 2026-03-04T05:06:07Z)\n"
	if stdout.String() != want {
		t.Errorf("version printed %q, want %q", stdout.String(), want)
	}
}
