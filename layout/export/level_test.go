package export_test

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/importer"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// footOf is the baseline of a page's last line of text inside the text block (the running
// head and the folio stand outside it).
func footOf(g typeset.Geometry, p *typeset.Page) float64 {
	y := 0.0
	for _, tx := range p.Texts {
		if tx.Y <= g.LastBaseline()+0.5 && tx.Y > g.FirstBaseline()-1 {
			y = max(y, tx.Y)
		}
	}
	return y
}

// TestSpreadsEndLevel sets the chapters of the five public-domain books under testdata/se —
// prose with block quotations, verse, letters and notes — and looks at every spread in the
// middle of an essay: where both pages can end on the same line of the baseline grid (each
// ends on it, or a fraction of a line above it, after material set on its own leading), they
// end level; and no page's last line falls below the grid's last line.
func TestSpreadsEndLevel(t *testing.T) {
	p, err := anthology.Create(filepath.Join(t.TempDir(), "book"), "Level")
	if err != nil {
		t.Fatal(err)
	}
	for _, book := range []string{"emerson", "hazlitt", "pepys", "stevenson", "thoreau"} {
		results, err := importer.ReadFiles([]string{filepath.Join("testdata", "se", book, "content.opf")})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			importer.Add(p, r)
		}
	}
	_, book, err := export.Typeset(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	g := book.Geometry
	gridUp := func(y float64) float64 {
		return g.FirstBaseline() + math.Ceil((y-g.FirstBaseline())/g.Leading-0.01)*g.Leading
	}
	spreads, offGrid, uneven := 0, 0, 0
	for i := 1; i+2 < len(book.Pages); i += 2 {
		v, r := book.Pages[i], book.Pages[i+1]
		if v.Section == nil || v.Section != r.Section || book.Pages[i+2].Section != r.Section || v.Blank || r.Blank {
			continue
		}
		spreads++
		a, b := footOf(g, v), footOf(g, r)
		for _, y := range []float64{a, b} {
			if y > g.LastBaseline()+0.01 {
				t.Errorf("pp. %s–%s: a last line at %.2f, below the grid's last (%.2f)", v.Label, r.Label, y, g.LastBaseline())
			}
			if math.Abs(gridUp(y)-y) > 0.01 {
				offGrid++
			}
		}
		if math.Abs(gridUp(a)-gridUp(b)) < 0.01 && math.Abs(a-b) > 0.5 {
			uneven++
			t.Errorf("pp. %s–%s end at %.2f and %.2f: both could end on the grid's line at %.2f", v.Label, r.Label, a, b, gridUp(a))
		}
	}
	if spreads < 50 {
		t.Fatalf("only %d spreads in the middle of an essay: the test proves little", spreads)
	}
	t.Logf("%d pages, %d mid-essay spreads, %d uneven; %d page feet off the grid", len(book.Pages), spreads, uneven, offGrid)
}
