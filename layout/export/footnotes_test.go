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
	notUnderRace(t)
	t.Parallel()
	notesInPrint(t, anthology.NotesFoot)
}

// TestBookEndNotes builds the same books with print.notes: book-end: every note's words are
// printed in the book's Notes section after the last essay (none in the essays' pages), under
// its essay's title, the preflight passes the PDF, and the EPUB, whose references now lead to
// its Notes document and back, passes EPUBCheck 5.3 and 4.2.6 and Ace.
func TestBookEndNotes(t *testing.T) {
	notUnderRace(t)
	t.Parallel()
	notesInPrint(t, anthology.NotesBookEnd)
}

func notesInPrint(t *testing.T, place string) {
	p, err := anthology.Create(filepath.Join(t.TempDir(), "book"), "Diary")
	if err != nil {
		t.Fatal(err)
	}
	books := []string{"pepys", "thoreau", "hazlitt", "stevenson", "emerson"}
	if testing.Short() {
		// The quick loop: the diary's long notes and notes on notes, and Hazlitt's.
		books = []string{"pepys", "hazlitt"}
	}
	for _, book := range books {
		results, err := importer.ReadFiles([]string{filepath.Join("testdata", "se", book, "content.opf")})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			importer.Add(p, r)
		}
	}
	p.Print.Notes = place
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.EPUB, export.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	book, pdf := builtFiles(res)
	if d := os.Getenv("KEEP_PDF"); d != "" {
		data, _ := os.ReadFile(pdf)
		os.WriteFile(filepath.Join(d, place+".pdf"), data, 0o644)
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
	if place == anthology.NotesBookEnd {
		// The notes come after the last essay's last words, under each essay's title.
		essays := p.Essays()
		last := essays[len(essays)-1]
		tail := strings.Fields(text.Plain(blockInlines(last.Doc.Blocks)))
		tail = tail[max(0, len(tail)-6):]
		for i := range tail {
			tail[i] = strings.TrimRight(tail[i], "0123456789")
		}
		end := strings.LastIndex(printed, strings.Join(tail, " "))
		if end < 0 {
			t.Fatalf("the last essay's last words %q are not printed", tail)
		}
		printed = printed[end:]
		for _, es := range essays {
			if len(es.Doc.Notes) > 0 && !strings.Contains(printed, strings.Join(strings.Fields(es.Meta.Title), " ")) {
				t.Errorf("the book's notes have no heading for %q", es.Meta.Title)
			}
		}
	}
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
	if place == anthology.NotesBookEnd {
		allValidatorsClean(t, book)
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
