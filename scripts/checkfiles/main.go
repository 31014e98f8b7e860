// Command checkfiles fails when a file in git's index is a compiled program
// (ELF, Mach-O or PE), has the executable bit without being a script (no
// "#!" line), or is larger than 1 MiB outside a testdata/ folder. CI runs
// it (.ci/run) so that build outputs and stray large files never land in
// the repository; the releases are where binaries go.
//
//	go run ./scripts/checkfiles [-C DIR]
//
// It reads what git would commit (the index), not the work tree: a binary
// that is built but ignored is fine, one that is added is not.
package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
)

// maxSize is the largest file allowed outside testdata/ folders.
const maxSize = 1 << 20

// headSize is how much of each file is read to recognize a program: enough
// for a PE header, which a DOS stub of any usual size precedes.
const headSize = 4096

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command: it returns the exit status, 1 when some file
// must not be committed, 2 when the check could not run.
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("checkfiles", flag.ContinueOnError)
	flags.SetOutput(stderr)
	dir := flags.String("C", ".", "the repository to check")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	problems, err := check(*dir)
	if err != nil {
		_, _ = fmt.Fprintln(stderr, "checkfiles:", err)
		return 2
	}
	for _, p := range problems {
		_, _ = fmt.Fprintln(stdout, p)
	}
	if len(problems) > 0 {
		_, _ = fmt.Fprintf(stdout, "%d tracked files must not be committed: remove them from the index (git rm --cached), and add build outputs to .gitignore\n", len(problems))
		return 1
	}
	return 0
}

// entry is one file of git's index.
type entry struct {
	mode, object, path string
}

// check returns one line per offending file of the index of the repository
// at dir, in the index's order.
func check(dir string) ([]string, error) {
	entries, err := indexEntries(dir)
	if err != nil {
		return nil, err
	}
	var blobs []entry
	for _, e := range entries {
		// Symbolic links (120000) hold a path, submodules (160000) a
		// commit: neither is file content.
		if e.mode == "100644" || e.mode == "100755" {
			blobs = append(blobs, e)
		}
	}
	var problems []string
	err = readBlobs(dir, blobs, func(e entry, size int64, head []byte) {
		if p := problem(e.mode, e.path, size, head); p != "" {
			problems = append(problems, e.path+": "+p)
		}
	})
	return problems, err
}

// indexEntries lists the index of the repository at dir.
func indexEntries(dir string) ([]entry, error) {
	cmd := exec.Command("git", "ls-files", "--stage", "-z")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files in %s: %w%s", dir, err, stderrOf(err))
	}
	var entries []entry
	seen := map[string]bool{}
	for rec := range bytes.SplitSeq(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		// "MODE OBJECT STAGE\tPATH"
		meta, path, ok := strings.Cut(string(rec), "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 {
			return nil, fmt.Errorf("git ls-files: unexpected line %q", rec)
		}
		// A conflicted path has several stages; one is enough.
		if seen[path] {
			continue
		}
		seen[path] = true
		entries = append(entries, entry{mode: fields[0], object: fields[1], path: path})
	}
	return entries, nil
}

// readBlobs calls f with the size and the first headSize bytes of each
// entry's content, read with one git cat-file --batch.
func readBlobs(dir string, entries []entry, f func(e entry, size int64, head []byte)) error {
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	// Writing every name before reading could fill both pipes.
	go func() {
		w := bufio.NewWriter(stdin)
		for _, e := range entries {
			_, _ = fmt.Fprintln(w, e.object)
		}
		_ = w.Flush()
		_ = stdin.Close()
	}()
	r := bufio.NewReaderSize(stdout, 64<<10)
	for _, e := range entries {
		size, head, err := readBlob(r, e.object)
		if err != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			return fmt.Errorf("git cat-file, %s: %w", e.path, err)
		}
		f(e, size, head)
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git cat-file: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// readBlob reads one object of git cat-file --batch's output: "OBJECT TYPE
// SIZE\n", SIZE bytes and "\n".
func readBlob(r *bufio.Reader, object string) (size int64, head []byte, err error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return 0, nil, fmt.Errorf("reading the header of %s: %w", object, err)
	}
	fields := strings.Fields(line)
	if len(fields) != 3 || fields[0] != object || fields[1] != "blob" {
		return 0, nil, fmt.Errorf("unexpected header %q for %s", strings.TrimSpace(line), object)
	}
	size, err = strconv.ParseInt(fields[2], 10, 64)
	if err != nil {
		return 0, nil, fmt.Errorf("size of %s: %w", object, err)
	}
	head = make([]byte, min(size, headSize))
	if _, err := io.ReadFull(r, head); err != nil {
		return 0, nil, fmt.Errorf("reading %s: %w", object, err)
	}
	if _, err := io.CopyN(io.Discard, r, size-int64(len(head))+1); err != nil {
		return 0, nil, fmt.Errorf("reading %s: %w", object, err)
	}
	return size, head, nil
}

// problem says what is wrong with a file of mode (git's 100644 or 100755),
// path, size and first bytes head, or returns "".
func problem(mode, path string, size int64, head []byte) string {
	var what []string
	if kind := program(head); kind != "" {
		what = append(what, "a compiled program ("+kind+")")
	} else if mode == "100755" && !bytes.HasPrefix(head, []byte("#!")) {
		what = append(what, "executable but not a script (no #! line)")
	}
	if size > maxSize && !inTestdata(path) {
		what = append(what, fmt.Sprintf("%d bytes, over the 1 MiB limit for files outside testdata/", size))
	}
	return strings.Join(what, "; ")
}

// program names the executable format that head starts, or returns "".
func program(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("\x7fELF")):
		return "ELF"
	case len(head) >= 4 && isMachO(binary.BigEndian.Uint32(head)):
		return "Mach-O"
	case isPE(head):
		return "PE"
	}
	return ""
}

// isMachO reports whether magic, read big-endian, is one of Mach-O's: 32 or
// 64 bits in either byte order, or a universal ("fat") binary, whose magic
// Java class files share (a committed class file is a build output too).
func isMachO(magic uint32) bool {
	switch magic {
	case 0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe, 0xbebafeca:
		return true
	}
	return false
}

// isPE reports whether head is a Windows executable: a DOS header ("MZ")
// whose e_lfanew (at 0x3c) points at the "PE\0\0" signature. A text that
// merely starts with "MZ" is not.
func isPE(head []byte) bool {
	if len(head) < 0x40 || !bytes.HasPrefix(head, []byte("MZ")) {
		return false
	}
	off := int64(binary.LittleEndian.Uint32(head[0x3c:]))
	return off+4 <= int64(len(head)) && bytes.Equal(head[off:off+4], []byte("PE\x00\x00"))
}

// inTestdata reports whether path is inside a folder named testdata.
func inTestdata(path string) bool {
	dirs := strings.Split(path, "/")
	return slices.Contains(dirs[:len(dirs)-1], "testdata")
}

// stderrOf returns the standard error of a failed command, for its error.
func stderrOf(err error) string {
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && len(exitErr.Stderr) > 0 {
		return ": " + strings.TrimSpace(string(exitErr.Stderr))
	}
	return ""
}
