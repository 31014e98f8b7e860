package main

import (
	"runtime/debug"
	"strings"
)

// Release builds stamp what they are built from with -ldflags "-X
// main.version=1.2.3 -X main.commit=SHA -X main.date=TIME" (see
// .goreleaser.yaml). The linker can set nothing but package-level strings,
// so these are the only package-level variables, and only buildStamp reads
// them.
//
//nolint:gochecknoglobals // the linker's -X sets package-level strings only
var (
	version string
	commit  string
	date    string
)

// stamp is what a build says about itself: set by the linker for a
// release, else read from the build information that the go command
// records.
type stamp struct {
	version, commit, date string
}

// buildStamp returns the linker's stamp of this binary.
func buildStamp() stamp {
	return stamp{version: version, commit: commit, date: date}
}

// describeBuild returns the version of this binary, without a leading v,
// and where it was built from ("commit SHA, DATE"; empty when unknown).
// The version is the release's when stamped, else the module version that
// the go command records for `go install ...@vX`, else devVersion; the
// commit and date are the release's when stamped, else those of the
// checkout that `go build` recorded (with ", modified" for uncommitted
// changes).
func describeBuild(s stamp, info *debug.BuildInfo) (ver, source string) {
	ver = strings.TrimPrefix(s.version, "v")
	if ver == "" && info != nil && info.Main.Version != "" && info.Main.Version != "(devel)" {
		ver = strings.TrimPrefix(info.Main.Version, "v")
	}
	if ver == "" {
		ver = devVersion
	}
	rev, at, modified := s.commit, s.date, false
	if rev == "" && info != nil {
		for _, kv := range info.Settings {
			switch kv.Key {
			case "vcs.revision":
				rev = kv.Value
			case "vcs.time":
				at = kv.Value
			case "vcs.modified":
				modified = kv.Value == "true"
			}
		}
	}
	var parts []string
	if rev != "" {
		parts = append(parts, "commit "+rev)
	}
	if at != "" {
		parts = append(parts, at)
	}
	if modified {
		parts = append(parts, "modified")
	}
	return ver, strings.Join(parts, ", ")
}

// readBuildInfo returns the build information of this binary, or nil.
func readBuildInfo() *debug.BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	return info
}
