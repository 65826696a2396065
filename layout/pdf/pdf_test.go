package pdf

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/internal/faulty"
	"github.com/anthology-editor/anthology/layout/typeset"
)

func sampleBook(t testing.TB, edit func(*anthology.Project)) (*layout.Edition, *typeset.Book) {
	t.Helper()
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(p)
	}
	ed, err := layout.Assemble(p, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	book, err := typeset.Typeset(context.Background(), ed, typeset.OptionsFor(ed))
	if err != nil {
		t.Fatal(err)
	}
	return ed, book
}

func render(t testing.TB, ed *layout.Edition, book *typeset.Book, f Flavour) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, ed, book, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFlavours(t *testing.T) {
	ed, book := sampleBook(t, nil)
	print := render(t, ed, book, Print)
	screen := render(t, ed, book, Screen)
	for _, want := range [][]byte{[]byte("/TrimBox"), []byte("/Title (\xfe\xff\x00T\x00h\x00e\x00 \x00L"), []byte("/FontFile2")} {
		if !bytes.Contains(print, want) {
			t.Errorf("print PDF lacks %s", want)
		}
	}
	for _, banned := range [][]byte{[]byte("/Outlines"), []byte("/Annots")} {
		if bytes.Contains(print, banned) {
			t.Errorf("print PDF has %s (printers want none)", banned)
		}
	}
	for _, want := range [][]byte{[]byte("/Outlines"), []byte("/Annots"), []byte("/Subtype /Link")} {
		if !bytes.Contains(screen, want) {
			t.Errorf("screen PDF lacks %s", want)
		}
	}
	if again := render(t, ed, book, Print); !bytes.Equal(print, again) {
		t.Error("two renderings of the same book differ")
	}
}

func TestBleed(t *testing.T) {
	ed, book := sampleBook(t, func(p *anthology.Project) { p.Print.Bleed = true })
	pdf := render(t, ed, book, Print)
	if !bytes.Contains(pdf, []byte("/BleedBox")) || !bytes.Contains(pdf, []byte("/MediaBox [0 0 405 630]")) {
		t.Errorf("bleed: no BleedBox or wrong MediaBox")
	}
}

func TestParseFlavour(t *testing.T) {
	if f, err := ParseFlavour("Screen"); err != nil || f != Screen {
		t.Errorf("got %v %v", f, err)
	}
	if _, err := ParseFlavour("ebook"); err == nil {
		t.Error("accepted ebook")
	}
}

func BenchmarkSamplePDF(b *testing.B) {
	ed, book := sampleBook(b, nil)
	for i := 0; i < b.N; i++ {
		render(b, ed, book, Print)
	}
}

func TestWriteFailure(t *testing.T) {
	ed, book := sampleBook(t, nil)
	for _, n := range []int{0, 1000, 100000} {
		if err := Write(context.Background(), &faulty.Writer{N: n}, ed, book, Print); err == nil {
			t.Errorf("after %d bytes: a failing writer went unnoticed", n)
		}
	}
}

// TestDrawingPanicIsAnError: a page the drawing cannot draw (here a text with no face, which
// no typesetter makes) is an internal error naming the page, not the end of the program.
func TestDrawingPanicIsAnError(t *testing.T) {
	ed, book := sampleBook(t, nil)
	book.Pages[3].Texts = append(book.Pages[3].Texts, typeset.NewText(10, 10, "x", nil, 10))
	err := Write(context.Background(), io.Discard, ed, book, Print)
	if !errors.Is(err, typeset.ErrInternal) || !strings.Contains(err.Error(), "page "+book.Pages[3].Label) {
		t.Errorf("got %v", err)
	}
}
