package bounded_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/anthology-editor/anthology/anthology/bounded"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte("twelve bytes"), 0o644)
	over := filepath.Join(dir, "over.txt")
	os.WriteFile(over, []byte(strings.Repeat("x", 1<<20+5)), 0o644)
	fifo := filepath.Join(dir, "pipe.md")
	if runtime.GOOS != "windows" {
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		path  string
		limit int64
		want  string // "" for success
		kind  error
	}{
		{"fits", small, 100, "", nil},
		{"exactly the limit", small, 12, "", nil},
		{"over the limit", small, 11, "small.txt: is 12 bytes; a file here may be at most 11 bytes", bounded.ErrTooBig},
		{"rounding would hide the difference", over, 1 << 20, "over.txt: is 1048581 bytes; a file here may be at most 1048576 bytes", bounded.ErrTooBig},
		{"a folder", dir, 100, "is a folder, not a file", bounded.ErrNotRegular},
		{"a named pipe is refused before it is opened", fifo, 100, "pipe.md: is a named pipe (FIFO), not a file", bounded.ErrNotRegular},
		{"a device whose stat says 0 bytes", "/dev/zero", 1 << 20, "/dev/zero: is a device, not a file", bounded.ErrNotRegular},
		{"missing", filepath.Join(dir, "nope"), 100, "no such file", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if runtime.GOOS == "windows" && (tt.path == fifo || strings.HasPrefix(tt.path, "/dev")) {
				t.Skip("no FIFOs or /dev on Windows")
			}
			data, err := bounded.ReadFile(tt.path, tt.limit)
			if tt.want == "" {
				if err != nil || len(data) != 12 {
					t.Fatalf("ReadFile = %d bytes, %v", len(data), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if tt.kind != nil && !errors.Is(err, tt.kind) {
				t.Errorf("err = %v is not %v", err, tt.kind)
			}
		})
	}
}

// lyingFS says every file is 10 bytes long: a file that grew after its stat, or /proc.
type lyingFS struct{ fstest.MapFS }

type smallInfo struct{ fs.FileInfo }

func (smallInfo) Size() int64 { return 10 }

func (l lyingFS) Stat(name string) (fs.FileInfo, error) {
	info, err := l.MapFS.Stat(name)
	if err != nil {
		return nil, err
	}
	return smallInfo{info}, nil
}

// A file longer than its stat says is cut off at the limit, not read to its end.
func TestReadFSStopsAtTheLimit(t *testing.T) {
	fsys := lyingFS{fstest.MapFS{"a.md": {Data: []byte(strings.Repeat("y", 5000))}}}
	if _, err := bounded.ReadFS(fsys, "a.md", 4096); !errors.Is(err, bounded.ErrTooBig) || !strings.Contains(err.Error(), "a.md: is more than 4 KB") {
		t.Fatalf("err = %v", err)
	}
	data, err := bounded.ReadFS(fsys, "a.md", 5000)
	if err != nil || len(data) != 5000 {
		t.Fatalf("%d bytes, %v", len(data), err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KB", 1536: "1.5 KB", 16 << 20: "16 MB", 16<<20 + 300<<10: "16.3 MB", 3 << 30: "3 GB"} {
		if got := bounded.Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
