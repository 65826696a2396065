package export_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/importer"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
	"github.com/anthology-editor/anthology/layout/validate"
)

// TestFootNotesInPrint builds the committed chapters of the five public-domain books (Pepys's
// diary and Thoreau's essays have dozens of notes, some long, a table in one, notes on notes)
// with print.notes: foot: the printer's preflight passes the PDF (nothing beyond the text
// block), and every note's words are in the PDF's text.
func TestFootNotesInPrint(t *testing.T) {
	p, err := anthology.Create(filepath.Join(t.TempDir(), "book"), "Diary")
	if err != nil {
		t.Fatal(err)
	}
	for _, book := range []string{"pepys", "thoreau", "hazlitt", "stevenson", "emerson"} {
		results, err := importer.ReadFiles([]string{filepath.Join("testdata", "se", book, "content.opf")})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			importer.Add(p, r)
		}
	}
	p.Print.Notes = anthology.NotesFoot
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	pdf := res.Files[0]
	if d := os.Getenv("KEEP_PDF"); d != "" {
		data, _ := os.ReadFile(pdf)
		os.WriteFile(d, data, 0o644)
	}
	txt, err := qa.Tool(t, "pdftotext", "-raw", pdf, "-")
	if err != nil {
		t.Fatal(err)
	}
	// The note numbers ("9.") and the reference marks glued to words ("Errand14") are left
	// out, as the notes' plain text has neither.
	var kept []string
	for _, w := range strings.Fields(dehyphenate(txt)) {
		if strings.Trim(w, "0123456789") == "." {
			continue
		}
		kept = append(kept, strings.TrimRight(w, "0123456789"))
	}
	printed := strings.Join(kept, " ")
	notes := 0
	for _, es := range p.Essays() {
		for _, n := range es.Doc.Notes {
			var words []string
			for _, w := range strings.Fields(text.Plain(blockInlines(n.Blocks))) {
				words = append(words, strings.TrimRight(w, "0123456789"))
			}
			if len(words) > 6 {
				words = words[:6]
			}
			if len(words) == 0 {
				continue
			}
			notes++
			// (Not in the notes' order: a note on a note, numbered after the body's, is
			// printed with the note that refers to it.)
			if !strings.Contains(printed, strings.Join(words, " ")) {
				t.Errorf("%s: note %d (%q…) is not printed", es.ID, n.Number, strings.Join(words, " "))
			}
		}
	}
	if notes < 30 {
		t.Fatalf("only %d notes: the test proves little", notes)
	}
	ingram := anthology.Printers[1]
	vs, err := validate.Preflight(context.Background(), pdf, validate.PreflightOptions{Printer: ingram, Paper: "cream", SafeZone: ingram.SafeZone * 72, MinPPI: 300})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("preflight: %s", v)
	}
}

// blockInlines is the inline content of blocks, in reading order.
func blockInlines(blocks []text.Block) []text.Inline {
	var out []text.Inline
	for _, b := range blocks {
		text.EachContent(b, func(text.Block) {}, func(c []text.Inline) {
			out = append(out, c...)
			out = append(out, &text.Text{Text: " "})
		})
	}
	return out
}
