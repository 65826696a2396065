package importer

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// TestHostileImports: each input once hung the importer, took minutes or gigabytes, or made an
// essay the project could then not load (issue 18). Each is now a clear error naming the file
// and, where it has one, the place.
func TestHostileImports(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var nestedList strings.Builder
	nestedList.WriteString("---\ntitle: Deep\n---\n\n")
	for i := 0; i < 3000; i++ {
		nestedList.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	// A Word file whose text is the same run over and over: 20 MB of XML from a few KB.
	bomb := docxWith(t, strings.Repeat(`<w:p><w:r><w:t>lol lol lol lol</w:t></w:r></w:p>`, 400_000), "", nil)
	fifo := filepath.Join(dir, "pipe.html")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want       string // a regular expression
	}{
		{"50,000 nested divs", write("divs.html", []byte("<html><body>"+strings.Repeat("<div>", 50_000)+"<p>Hello.</p>"+strings.Repeat("</div>", 50_000))),
			`divs\.html: line 1, column 2573: elements nest more than 512 deep`},
		{"a list nested 3,000 deep", write("deep.md", []byte(nestedList.String())),
			`deep\.md: line \d+ of the essay: lists or quotations nest more than 64 deep`},
		{"a Word zip bomb", write("bomb.docx", bomb),
			`bomb\.docx: word/document\.xml would inflate \d+ times \(.* MB from .* KB\): refused as a zip bomb`},
		{"24 MB of text", write("log.txt", []byte(strings.Repeat("All work and no play makes Jack a dull boy.\n\n", 24<<20/45))),
			`log\.txt: makes an essay of 24 MB; an essay may be at most 16 MB`},
		{"a named pipe", fifo, `pipe\.html: is a named pipe \(FIFO\), not a file`},
		{"a device", "/dev/zero", `/dev/zero: is a device, not a file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ReadFile(tt.path)
			if err == nil {
				t.Fatalf("imported: %d bytes of Markdown", len(r.Body))
			}
			if !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("err = %v\nwant match for %s", err, tt.want)
			}
		})
	}
	if len(bomb) > 200<<10 {
		t.Errorf("the bomb is %d KB; it should be small", len(bomb)>>10)
	}
}

// TestDecodeUTF16: surrogate pairs make one character; a lone surrogate becomes U+FFFD and
// the character after it survives (a hand-written decoder once ate it).
func TestDecodeUTF16(t *testing.T) {
	le := func(units ...uint16) []byte {
		b := []byte{0xFF, 0xFE}
		for _, u := range units {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	be := func(units ...uint16) []byte {
		b := []byte{0xFE, 0xFF}
		for _, u := range units {
			b = append(b, byte(u>>8), byte(u))
		}
		return b
	}
	for _, tt := range []struct {
		name string
		in   []byte
		want string
	}{
		{"plain", le('H', 'i'), "Hi"},
		{"a pair", le('a', 0xD83D, 0xDE00, 'b'), "a😀b"},
		{"a lone high surrogate", le('A', 0xD800, 'B', 'C'), "A\uFFFDBC"},
		{"a lone high surrogate at the end", le('A', 0xD800), "A\uFFFD"},
		{"a lone low surrogate", be('A', 0xDC00, 'B'), "A\uFFFDB"},
	} {
		got, err := decodeUTF16(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}
