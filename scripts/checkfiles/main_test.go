package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// peHeader returns the start of a Windows executable whose PE signature is
// at offset off.
func peHeader(off uint32) []byte {
	b := make([]byte, off+64)
	copy(b, "MZ")
	binary.LittleEndian.PutUint32(b[0x3c:], off)
	copy(b[off:], "PE\x00\x00")
	return b
}

func TestProblem(t *testing.T) {
	big := int64(maxSize + 1)
	tests := []struct {
		name, mode, path string
		size             int64
		head             []byte
		want             string // a part of the problem; "" for none
	}{
		{"a Go file", "100644", "main.go", 100, []byte("package main\n"), ""},
		{"a script", "100755", "scripts/run.sh", 100, []byte("#!/usr/bin/env bash\n"), ""},
		{"an empty file", "100644", "empty", 0, nil, ""},
		{"ELF", "100755", "tkesglint", 8 << 20, []byte("\x7fELF\x02\x01\x01"), "compiled program (ELF)"},
		{"ELF without the executable bit", "100644", "bin/tool", 100, []byte("\x7fELF\x02\x01\x01"), "compiled program (ELF)"},
		{"Mach-O 64, little-endian", "100755", "tkesglint-darwin", 100, []byte{0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1}, "compiled program (Mach-O)"},
		{"Mach-O 32, big-endian", "100644", "old", 100, []byte{0xfe, 0xed, 0xfa, 0xce}, "compiled program (Mach-O)"},
		{"Mach-O universal", "100755", "fat", 100, []byte{0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2}, "compiled program (Mach-O)"},
		{"PE", "100644", "tkesglint.exe", 100, peHeader(0x80), "compiled program (PE)"},
		{"PE with a long DOS stub", "100644", "tool.exe", 100, peHeader(0x400), "compiled program (PE)"},
		{"text that starts with MZ", "100644", "notes.txt", 100, []byte("MZ is a two-letter code, and this line is long enough to hold an e_lfanew.\n"), ""},
		{"MZ whose e_lfanew points past the head", "100644", "odd", 100, peHeader(0x80)[:0x80], ""},
		{"executable without #!", "100755", "run", 100, []byte("echo hi\n"), "executable but not a script"},
		{"large outside testdata", "100644", "docs/big.json", big, []byte("{"), "over the 1 MiB limit"},
		{"exactly 1 MiB", "100644", "docs/big.json", maxSize, []byte("{"), ""},
		{"large in testdata", "100644", "testdata/e2e/big/want.sarif", big, []byte("{"), ""},
		{"large in a nested testdata", "100644", "parsers/terraform/testdata/big.tf", big, []byte("#"), ""},
		{"a file named testdata", "100644", "docs/testdata", big, []byte("#"), "over the 1 MiB limit"},
		{"a folder whose name contains testdata", "100644", "mytestdata/big.tf", big, []byte("#"), "over the 1 MiB limit"},
		{"a large binary", "100755", "tkesglint", big, []byte("\x7fELF"), "compiled program (ELF); " + "1048577 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problem(tt.mode, tt.path, tt.size, tt.head)
			if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("problem(%s, %s) = %q, want %q", tt.mode, tt.path, got, tt.want)
			}
		})
	}
}

// git runs git in dir with a fixed identity.
func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// TestCheck runs the check on a repository whose index holds a bit of
// everything: it must name exactly the offending files, binaries added but
// not committed among them, and leave ignored build outputs alone.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	git(t, dir, "config", "core.symlinks", "true")
	write := func(path string, content []byte, mode os.FileMode) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, content, mode); err != nil {
			t.Fatal(err)
		}
		// WriteFile keeps the mode of an existing file, and umask may
		// clear bits: set it.
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 200)...)
	large := bytes.Repeat([]byte("0123456789abcdef\n"), maxSize/17+100)
	write("go.mod", []byte("module x\n"), 0o644)
	write("run.sh", []byte("#!/bin/sh\necho hi\n"), 0o755)
	write("testdata/big.sarif", large, 0o644)
	write("parsers/x/testdata/big.tf", large, 0o644)
	write("docs/big.json", large, 0o644)
	write("tool.exe", peHeader(0x80), 0o644)
	write("bin/tkesglint", elf, 0o755)
	write("hook", []byte("echo not a script\n"), 0o755)
	write("with space/and\ttab.txt", []byte("text\n"), 0o644)
	if err := os.Symlink("go.mod", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	write(".gitignore", []byte("/dist/\n"), 0o644)
	write("dist/tkesglint", elf, 0o755)
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-qm", "one")
	// Added after the commit: the index is what counts.
	write("tkesglint", elf, 0o755)
	git(t, dir, "add", "tkesglint")

	got, err := check(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"bin/tkesglint: a compiled program (ELF)",
		fmt.Sprintf("docs/big.json: %d bytes, over the 1 MiB limit for files outside testdata/", len(large)),
		"hook: executable but not a script (no #! line)",
		"tkesglint: a compiled program (ELF)",
		"tool.exe: a compiled program (PE)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("check found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-C", dir}, &stdout, &stderr); code != 1 || !strings.HasPrefix(stdout.String(), want[0]+"\n") ||
		!strings.Contains(stdout.String(), "5 tracked files must not be committed") {
		t.Errorf("run: status %d, stdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
	git(t, dir, "rm", "-q", "--cached", "tkesglint", "bin/tkesglint", "docs/big.json", "hook", "tool.exe")
	stdout.Reset()
	if code := run([]string{"-C", dir}, &stdout, &stderr); code != 0 || stdout.Len() != 0 {
		t.Errorf("run once the files are out of the index: status %d, stdout:\n%s\nstderr:\n%s", code, &stdout, &stderr)
	}
}

func TestCheckNotARepository(t *testing.T) {
	if _, err := check(t.TempDir()); err == nil || !strings.Contains(err.Error(), "git ls-files") {
		t.Errorf("check outside a repository: error %v, want one from git ls-files", err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-C", t.TempDir()}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "checkfiles: git ls-files") {
		t.Errorf("run outside a repository: status %d, stderr %q", code, &stderr)
	}
}
