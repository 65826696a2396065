package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplaces(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "book.epub")
	for _, content := range []string{"first", "second"} {
		if err := WritePath(name, 0o644, func(w io.Writer) error {
			_, err := io.WriteString(w, content)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != content {
			t.Fatalf("file = %q, %v; want %q", got, err, content)
		}
	}
	assertOnly(t, dir, "book.epub")
}

// TestFailedWriteLeavesOldFile simulates a writer that fails halfway (a full disk): the old file
// stays as it was and no temporary file is left behind.
func TestFailedWriteLeavesOldFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "book.pdf")
	if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	diskFull := errors.New("no space left on device")
	err := WritePath(name, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return diskFull
	})
	if !errors.Is(err, diskFull) {
		t.Fatalf("err = %v, want the writer's error", err)
	}
	got, _ := os.ReadFile(name)
	if string(got) != "old" {
		t.Errorf("file = %q, want the old content", got)
	}
	assertOnly(t, dir, "book.pdf")
}

func TestWriteIntoMissingFolder(t *testing.T) {
	err := WritePath(filepath.Join(t.TempDir(), "missing", "x"), 0o644, func(io.Writer) error { return nil })
	if err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(names) {
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		t.Fatalf("folder holds %v, want %v", got, names)
	}
}
