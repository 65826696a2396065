package export_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/layout/export"
)

// pngDeclaring is a tiny PNG whose header declares w × h pixels (its data is a stub): what a
// decoder would allocate before it finds out.
func pngDeclaring(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(kind)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// TestHostileBooks: inputs that once crashed an export (issue 18) now fail with a message that
// names the file, and write nothing.
func TestHostileBooks(t *testing.T) {
	essay := "---\ntitle: Night\nauthors: [a]\noriginal: true\n---\n\nSome words.\n"
	tests := []struct {
		name    string
		files   map[string]string
		formats []export.Format
		want    string
		is      error
	}{
		{"a cover that declares 100,000 × 100,000 pixels (40 GB once decoded)",
			map[string]string{"anthology.yaml": "title: X\ncover: images/c.png\ncontributors: [{id: a, name: Ann Lee}]\ncontents: [n]\n",
				"images/c.png": string(pngDeclaring(100_000, 100_000)), "essays/n.md": essay},
			[]export.Format{export.Cover}, "c.png: cover: the image is 100000 × 100000 pixels; at most 60 megapixels", nil},
		{"an author's name no bundled font can draw (it panicked the byline)",
			map[string]string{"anthology.yaml": "title: X\ncontributors: [{id: a, name: 村上春樹}]\ncontents: [n]\n", "essays/n.md": essay},
			[]export.Format{export.PDF}, `essays/n.md: essay "Night": no font (bundled or in fonts/) has '上' (U+4E0A)`, export.ErrMissingGlyphs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			_, err := export.Build(context.Background(), edittest.WriteProject(t, tt.files), export.Options{OutDir: out, Formats: tt.formats})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err is not %v", tt.is)
			}
			if left, _ := os.ReadDir(out); len(left) != 0 {
				t.Errorf("a failed export left %d files", len(left))
			}
		})
	}
}

// TestCancelWhileWriting: an export cancelled while it writes its files says it was cancelled
// (the app once reported "The export failed") and leaves nothing under the final names.
func TestCancelWhileWriting(t *testing.T) {
	for _, stage := range []string{"writing the-lamp-lighters.epub", "writing the-lamp-lighters.pdf"} {
		ctx, cancel := context.WithCancel(context.Background())
		out := t.TempDir()
		_, err := export.Build(ctx, sampleProject(t), export.Options{OutDir: out, Progress: func(pr export.Progress) {
			if pr.Stage == stage {
				cancel()
			}
		}})
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled at %q: err = %v, not context.Canceled", stage, err)
		}
		if left, _ := os.ReadDir(out); len(left) != 0 {
			t.Errorf("cancelled at %q: %d files left", stage, len(left))
		}
	}
}
