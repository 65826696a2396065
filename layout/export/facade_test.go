package export_test

import (
	"context"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/layout/export"
)

// TestFacade: the preview's and stats' setting is the export's, and the estimate the checks
// and the app's status line use is near the real count.
func TestFacade(t *testing.T) {
	p := edittest.SampleCopy(t)
	ed, book, err := export.Typeset(context.Background(), p)
	if err != nil || ed == nil || len(book.Pages) == 0 {
		t.Fatalf("Typeset: %v", err)
	}
	st, err := export.Stats(context.Background(), p)
	if err != nil || st.Estimated || st.PrintPages != len(book.Pages) {
		t.Fatalf("Stats: %v, estimated %v, %d pages (set: %d)", err, st.Estimated, st.PrintPages, len(book.Pages))
	}
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.PDF}})
	if err != nil || len(res.Book.Pages) != len(book.Pages) {
		t.Fatalf("the export set %d pages, the preview %d (%v)", len(res.Book.Pages), len(book.Pages), err)
	}
	// A short book's many openers and blank versos make it the hardest to estimate.
	if est := export.EstimatePages(p); est < len(book.Pages)*7/10 || est > len(book.Pages)*13/10 {
		t.Errorf("estimated %d pages; the book has %d", est, len(book.Pages))
	}
	// A book with nothing in it yet is estimated, not an error.
	empty := edittest.WriteProject(t, map[string]string{"anthology.yaml": "title: Empty\n"})
	if st, err := export.Stats(context.Background(), empty); err != nil || !st.Estimated {
		t.Errorf("Stats of an empty book: %v, estimated %v", err, st.Estimated)
	}
}

// TestFormatsTable: each format the table lists parses by its name and writes a file of its
// own, and the defaults are the table's.
func TestFormatsTable(t *testing.T) {
	suffixes := map[string]bool{}
	var names []string
	for _, fi := range export.AllFormats {
		if got, err := export.ParseFormats(string(fi.Format)); err != nil || len(got) != 1 || got[0] != fi.Format {
			t.Errorf("%s: %v %v", fi.Format, got, err)
		}
		if suffixes[fi.Suffix] || fi.Label == "" || fi.Flag == "" {
			t.Errorf("%s: suffix %q repeated, or no label or flag", fi.Format, fi.Suffix)
		}
		suffixes[fi.Suffix] = true
		names = append(names, string(fi.Format))
	}
	if _, err := export.ParseFormats("mobi"); err == nil || !strings.Contains(err.Error(), strings.Join(names, ", ")) {
		t.Errorf("an unknown format: %v", err)
	}
	if len(export.Formats) != 2 || export.Formats[0] != export.EPUB || export.Formats[1] != export.PDF {
		t.Errorf("defaults %v", export.Formats)
	}
}

// TestProgress: an export says each stage, counts its steps, and ends at the whole.
func TestProgress(t *testing.T) {
	p := edittest.SampleCopy(t)
	var got []export.Progress
	_, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Progress: func(pr export.Progress) { got = append(got, pr) }})
	if err != nil {
		t.Fatal(err)
	}
	var stages []string
	for i, pr := range got {
		stages = append(stages, pr.Stage)
		if pr.Done != i+1 || pr.Total != len(got) {
			t.Errorf("event %d: %+v of %d events", i, pr, len(got))
		}
	}
	want := "checking|assembling|typesetting|writing the-lamp-lighters.epub|writing the-lamp-lighters.pdf|done"
	if strings.Join(stages, "|") != want {
		t.Errorf("stages %s", strings.Join(stages, "|"))
	}
}

// TestValidateNamesItsJudges: an EPUB is judged by the three validators, a PDF by the
// printer's preflight, anything else is refused.
func TestValidateNamesItsJudges(t *testing.T) {
	o := export.ValidateOptions{Printer: anthology.Printers[0]}
	if got := strings.Join(export.Validators("b.epub", o), ", "); got != "EPUBCheck 5.3, EPUBCheck 4.2.6, Ace by DAISY" {
		t.Errorf("EPUB validators %s", got)
	}
	if got := export.Validators("b.PDF", o); len(got) != 1 || got[0] != "Preflight for "+anthology.Printers[0].Name {
		t.Errorf("PDF validators %v", got)
	}
	called := false
	if err := export.Validate(context.Background(), "notes.txt", o, func(export.Verdict) { called = true }); err == nil || called {
		t.Errorf("a text file: %v, verdicts given: %v", err, called)
	}
}
