package export_test

import (
	"context"
	"io"
	"testing"
	"testing/fstest"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/epub"
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
