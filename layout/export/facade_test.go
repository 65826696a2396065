package export_test

import (
	"context"
	"testing"

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
