package export_test

import (
	"context"
	"encoding/xml"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
)

// bboxPage is one page of `pdftotext -bbox-layout`: the lines poppler finds, with their boxes.
type bboxPage struct {
	Lines []struct {
		XMin float64 `xml:"xMin,attr"`
		YMin float64 `xml:"yMin,attr"`
		XMax float64 `xml:"xMax,attr"`
		YMax float64 `xml:"yMax,attr"`
	} `xml:"flow>block>line"`
}

// TestDrawnPagesHaveNoWidowsOrOrphans judges the print PDF of a 40-essay book from what
// poppler reads of its pages, not from the typesetter's own counters: on every page that
// continues an essay, the first line is not a paragraph's last (a widow: short, and not the
// start of a paragraph) and the last line is not a paragraph's first (an orphan: indented, and
// running on); no line runs past the text block (overfull).
func TestDrawnPagesHaveNoWidowsOrOrphans(t *testing.T) {
	notUnderRace(t)
	t.Parallel()
	files, err := synth.Files(synth.Options{Essays: 40, Words: 1800, Seed: 11}, synth.SampleText(assets.Sample()))
	if err != nil {
		t.Fatal(err)
	}
	p, err := anthology.LoadFS(files, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	_, pdfFile := builtFiles(res)
	out, err := qa.Tool(t, "pdftotext", "-bbox-layout", pdfFile, "-")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	if err := xml.NewDecoder(strings.NewReader(out)).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	g := res.Book.Geometry
	indent := 1.2 * g.Body
	checked, widows, orphans, overfull := 0, 0, 0, 0
	for i, pg := range doc.Pages {
		if i >= len(res.Book.Pages) || res.Book.Pages[i].Opener || res.Book.Pages[i].Blank || res.Book.Pages[i].Section == nil ||
			res.Book.Pages[i].Section.Kind != layout.Essay {
			continue // openers, and pages of other things than essays' prose (bios, credits)
		}
		left := g.Left(res.Book.Pages[i].Recto)
		right := left + g.Measure()
		type line struct{ x0, x1, y float64 }
		var body []line
		for _, l := range pg.Lines {
			// The running head and folio stand above the text block.
			if l.YMax < g.Top {
				continue
			}
			if l.XMax > right+0.5 {
				overfull++
				t.Errorf("page %d: a line runs to %.1f, past the text block's edge at %.1f", i+1, l.XMax, right)
			}
			body = append(body, line{l.XMin, l.XMax, l.YMax})
		}
		if len(body) < 2 {
			continue
		}
		sort.Slice(body, func(a, b int) bool { return body[a].y < body[b].y })
		full := func(l line) bool { return l.x1 >= right-1.5 }
		indented := func(l line) bool { return math.Abs(l.x0-(left+indent)) < 1 }
		first, last := body[0], body[len(body)-1]
		if !full(first) && !indented(first) && first.x0 < left+1 {
			widows++
			t.Errorf("page %d (%s) opens with a paragraph's last line (a widow)", i+1, res.Book.Pages[i].Label)
		}
		if indented(last) && full(last) {
			orphans++
			t.Errorf("page %d (%s) ends with a paragraph's first line (an orphan)", i+1, res.Book.Pages[i].Label)
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d pages checked", checked)
	}
	t.Logf("%d continuation pages read back: %d widows, %d orphans, %d overfull lines", checked, widows, orphans, overfull)
}
