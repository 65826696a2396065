package stats

import (
	"context"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/typeset"
)

func TestSampleStats(t *testing.T) {
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	ed, _ := layout.Assemble(p, layout.Options{})
	book, err := typeset.Typeset(context.Background(), ed, typeset.OptionsFor(ed))
	if err != nil {
		t.Fatal(err)
	}
	real := Compute(p, ed, book)
	est := Compute(p, nil, nil)
	if real.Estimated || !est.Estimated {
		t.Error("estimated flags wrong")
	}
	if real.Words != est.Words || real.Words < 3000 {
		t.Errorf("words %d / %d", real.Words, est.Words)
	}
	sum := 0
	for _, e := range real.Essays {
		sum += e.Pages
		if e.Pages < 1 || e.FirstPage == "" || e.Minutes <= 0 {
			t.Errorf("essay %+v", e)
		}
	}
	parts := 0
	for _, g := range real.Parts {
		parts += g.Pages
	}
	if parts != sum || real.PrintPages != len(book.Pages) {
		t.Errorf("pages: parts %d, essays %d, book %d/%d", parts, sum, real.PrintPages, len(book.Pages))
	}
	if real.Authors[0].Name != "Ruth Okafor" || real.Authors[0].Essays != 2 {
		t.Errorf("authors: %+v", real.Authors[0])
	}
}
