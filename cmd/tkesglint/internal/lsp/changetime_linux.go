//go:build linux

package lsp

import (
	"io/fs"
	"syscall"
	"time"
)

// changeTime returns the time a file's status last changed (ctime), which
// no program can set: a rewrite that keeps the size and puts the old
// modification time back (cp -p, rsync -t, tar x) still moves it.
func changeTime(info fs.FileInfo) (time.Time, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(st.Ctim.Unix()), true
}
