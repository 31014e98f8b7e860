package lsp

import (
	"bytes"
	"io/fs"
	"os"
	"sync"
	"time"
)

// diskCache keeps the content of the module files on disk that are not
// open, between the runs of a module's folder: after an edit, a run then
// asks the system for each file's status only, instead of opening and
// reading it (six system calls a file, 1,800 a run in a module of 300
// files: a tenth of its CPU time).
//
// A file's content is used again only while its status shows the same file
// unchanged: the same file (device and inode on Unix), size, modification
// time and, where the system keeps it, status change time (which a rewrite
// that puts the old modification time back, as cp -p does, still moves),
// and those times at least modTimeCutoff older than the moment the content
// was read. A file written again within the resolution
// of its file system's clock keeps its modification time; once that time
// is old enough when the file is read, a later write can no longer give it
// the same time. (The go command trusts modification times in the same
// way.) The cache holds the files of the last run of each folder only, so
// it follows files added and deleted; a folder's entry goes when its last
// open document is closed. Safe for concurrent use.
type diskCache struct {
	mu      sync.Mutex
	folders map[string]map[string]diskFile // by folder, then by path
}

// modTimeCutoff is how much older than its reading a file's modification
// time must be for the content read to be used again.
const modTimeCutoff = 2 * time.Second

// diskFile is the content of a file as read, with its status then.
type diskFile struct {
	info fs.FileInfo
	src  []byte
	// trusted is whether the content may be used again while info is
	// unchanged (see modTimeCutoff).
	trusted bool
}

// read returns the content of the files of folder dir that are on disk,
// by path, reading only those whose status changed since the last read
// (or that were never read). A file that cannot be read, or that is not a
// regular file (after symbolic links), is left out, for the caller to read
// and report as it would without the cache. It forgets the files of dir
// that paths does not name.
func (c *diskCache) read(dir string, paths []string) map[string][]byte {
	c.mu.Lock()
	old := c.folders[dir]
	c.mu.Unlock()
	cur := make(map[string]diskFile, len(paths))
	out := make(map[string][]byte, len(paths))
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		if f, ok := old[p]; ok && f.trusted && sameStatus(f.info, info) {
			cur[p] = f
			out[p] = f.src
			continue
		}
		now := time.Now()
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if f, ok := old[p]; ok && bytes.Equal(f.src, src) {
			// The parse cache holds the old copy: one copy in memory.
			src = f.src
		}
		// The status after reading, in case the file changed meanwhile.
		after, err := os.Stat(p)
		trusted := err == nil && sameStatus(info, after) && now.Sub(lastChange(info)) >= modTimeCutoff
		cur[p] = diskFile{info: info, src: src, trusted: trusted}
		out[p] = src
	}
	c.mu.Lock()
	if c.folders == nil {
		c.folders = map[string]map[string]diskFile{}
	}
	c.folders[dir] = cur
	c.mu.Unlock()
	return out
}

// forget drops what the cache holds of folder dir.
func (c *diskCache) forget(dir string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.folders, dir)
}

// sameStatus reports whether two statuses are those of the same file with
// the same size and modification time.
func sameStatus(a, b fs.FileInfo) bool {
	ca, _ := changeTime(a)
	cb, _ := changeTime(b)
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime()) && a.Mode() == b.Mode() && ca.Equal(cb)
}

// lastChange is the later of a file's modification and status change
// times: the content read is trusted once both are old enough.
func lastChange(info fs.FileInfo) time.Time {
	if c, ok := changeTime(info); ok && c.After(info.ModTime()) {
		return c
	}
	return info.ModTime()
}
