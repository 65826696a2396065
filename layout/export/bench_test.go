package export_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/importer"
	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/epub"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/pdf"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// The benchmarks run each stage of a build on a synthetic book of 100 essays of about 2,000
// words (200,000 words; go test -bench . -benchtime 3x). The whole-process timings against
// pandoc are in .ci/bench.sh (make bench).

func benchFiles(b *testing.B, essays int) fstest.MapFS {
	b.Helper()
	files, err := synth.Files(synth.Options{Essays: essays, Words: 2000, Seed: 1}, synth.SampleText(assets.Sample()))
	if err != nil {
		b.Fatal(err)
	}
	return files
}

func benchBook(b *testing.B, essays int) (*anthology.Project, *layout.Edition, *typeset.Book) {
	b.Helper()
	p, err := anthology.LoadFS(benchFiles(b, essays), "bench")
	if err != nil {
		b.Fatal(err)
	}
	ed, err := layout.Assemble(p, layout.Options{})
	if err != nil {
		b.Fatal(err)
	}
	book, err := typeset.Typeset(context.Background(), ed, typeset.OptionsFor(ed))
	if err != nil {
		b.Fatal(err)
	}
	return p, ed, book
}

// BenchmarkParse reads a project: YAML, 100 essay files, Markdown into the text model.
func BenchmarkParse(b *testing.B) {
	files := benchFiles(b, 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := anthology.LoadFS(files, "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarkdown parses one essay's Markdown.
func BenchmarkMarkdown(b *testing.B) {
	src := benchFiles(b, 1)["essays/essay-0000.md"].Data
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		markdown.Parse(src)
	}
}

func BenchmarkAssemble(b *testing.B) {
	p, _, _ := benchBook(b, 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := layout.Assemble(p, layout.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTypeset(b *testing.B) {
	_, ed, _ := benchBook(b, 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := typeset.Typeset(context.Background(), ed, typeset.OptionsFor(ed)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEPUBWrite(b *testing.B) {
	_, ed, _ := benchBook(b, 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := epub.Write(context.Background(), io.Discard, ed, epub.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPDFWrite(b *testing.B) {
	_, ed, book := benchBook(b, 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := pdf.Write(context.Background(), io.Discard, ed, book, pdf.Print); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRealChapters sets real chapters one at a time, each as a book of its own: the
// public-domain chapters under testdata/se (the slowest of the real corpus among them:
// Thoreau's "After the Death of John Brown", Pepys's notes), or, with ANTHOLOGY_CORPUS set to
// a folder of Standard Ebooks books (../shared/corpus), every chapter of every book in it. It
// reports pages a second for each: what "no real chapter sets slower than 500 pages a second"
// is measured with (go test -run X -bench RealChapters -benchtime 3x ./layout/export).
func BenchmarkRealChapters(b *testing.B) {
	root := filepath.Join("testdata", "se")
	if env := os.Getenv("ANTHOLOGY_CORPUS"); env != "" {
		root = env
	}
	books, _ := filepath.Glob(filepath.Join(root, "*", "content.opf"))
	if len(books) == 0 {
		b.Fatalf("no books with a content.opf under %s", root)
	}
	for _, opf := range books {
		chapters, _ := filepath.Glob(filepath.Join(filepath.Dir(opf), "*.xhtml"))
		for _, ch := range chapters {
			if strings.HasSuffix(ch, "endnotes.xhtml") {
				continue // the notes go with the chapters that cite them
			}
			name := filepath.Base(filepath.Dir(opf)) + "/" + strings.TrimSuffix(filepath.Base(ch), ".xhtml")
			b.Run(name, func(b *testing.B) {
				p, err := anthology.Create(filepath.Join(b.TempDir(), "book"), "Chapter")
				if err != nil {
					b.Fatal(err)
				}
				results, err := importer.ReadFiles([]string{ch})
				if err != nil {
					b.Skipf("%s: %v", ch, err)
				}
				for _, r := range results {
					importer.Add(p, r)
				}
				if len(p.Essays()) == 0 {
					b.Skip("not an essay (a title page, the book's notes)")
				}
				pages := 0
				for b.Loop() {
					_, book, err := export.Typeset(context.Background(), p)
					if err != nil {
						b.Fatal(err)
					}
					pages = len(book.Pages)
				}
				b.ReportMetric(float64(pages), "pages")
				b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			})
		}
	}
}
