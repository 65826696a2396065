package typeset

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
)

// editionOf loads a project from files, lets change adjust it (nil: as it is) and assembles
// its edition.
func editionOf(t testing.TB, files fs.FS, change func(*anthology.Project)) *layout.Edition {
	t.Helper()
	p, err := anthology.LoadFS(files, "test")
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(p)
	}
	ed, err := layout.Assemble(p, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

func sampleEdition(t testing.TB) *layout.Edition { return editionOf(t, assets.Sample(), nil) }

func TestSampleReport(t *testing.T) {
	ed := sampleEdition(t)
	book, err := Typeset(context.Background(), ed, OptionsFor(ed))
	if err != nil {
		t.Fatal(err)
	}
	r := book.Report
	t.Logf("%+v", r)
	if r.Overfull != 0 || r.Widows != 0 || r.Orphans != 0 || r.MaxHyphenRun > 2 || r.HeadsOnOpeners != 0 || r.HyphensAtPageEnd != 0 || r.StrandedOrnaments != 0 {
		t.Errorf("report: %+v", r)
	}
}

func syntheticEdition(t testing.TB, essays, words int) *layout.Edition {
	t.Helper()
	files, err := synth.Files(synth.Options{Essays: essays, Words: words, Seed: 1}, synth.SampleText(assets.Sample()))
	if err != nil {
		t.Fatal(err)
	}
	return editionOf(t, files, nil)
}

// TestFiftyEssayReport holds a fifty-essay book to the same rules as the sample.
func TestFiftyEssayReport(t *testing.T) {
	ed := syntheticEdition(t, 50, 2000)
	for _, trim := range []string{"5.5x8.5", "6x9"} {
		o := OptionsFor(ed)
		o.Trim, _ = anthology.ParseTrim(trim)
		book, err := Typeset(context.Background(), ed, o)
		if err != nil {
			t.Fatal(err)
		}
		r := book.Report
		t.Logf("%s: %+v", trim, r)
		if r.Overfull != 0 || r.Widows != 0 || r.Orphans != 0 || r.MaxHyphenRun > 2 || r.HeadsOnOpeners != 0 || r.StrandedOrnaments != 0 || r.HyphensAtPageEnd != 0 {
			t.Errorf("%s: %+v", trim, r)
		}
	}
}

// TestPaintMatchesPage paints a body page and checks the picture has the page's size and ink
// where the text block is, and none in the margins but for the running head and folio.
func TestPaintMatchesPage(t *testing.T) {
	ed := sampleEdition(t)
	book, err := Typeset(context.Background(), ed, OptionsFor(ed))
	if err != nil {
		t.Fatal(err)
	}
	var body *Page
	for _, p := range book.Pages {
		if !p.Opener && !p.Blank && p.Section != nil && p.Section.Kind == layout.Essay {
			body = p
			break
		}
	}
	pt := NewPainter(144)
	img := pt.Paint(book, body)
	g := book.Geometry
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != int(g.Width*2) || h != int(g.Height*2) {
		t.Fatalf("image %dx%d, want %vx%v", w, h, g.Width*2, g.Height*2)
	}
	ink := func(x0, y0, x1, y1 float64) int {
		n := 0
		for y := int(y0 * 2); y < int(y1*2); y++ {
			for x := int(x0 * 2); x < int(x1*2); x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
					n++
				}
			}
		}
		return n
	}
	left := g.Left(body.Recto)
	if n := ink(left, g.Top, left+g.Measure(), g.LastBaseline()); n < 20000 {
		t.Errorf("only %d inked pixels in the text block", n)
	}
	if n := ink(0, g.Top, left-2, g.Height); n != 0 {
		t.Errorf("%d inked pixels in the left margin", n)
	}
}

// TestEvenPageCount: every print edition has an even number of pages, its last a left-hand
// page (a blank one when the text ends on a right-hand page), whatever the trim and length.
func TestEvenPageCount(t *testing.T) {
	odd := 0
	for _, essays := range []int{1, 2, 3, 5} {
		for _, trim := range []string{"5.5x8.5", "6x9", "5x8"} {
			ed := syntheticEdition(t, essays, 900)
			o := OptionsFor(ed)
			o.Trim, _ = anthology.ParseTrim(trim)
			book, err := Typeset(context.Background(), ed, o)
			if err != nil {
				t.Fatal(err)
			}
			n := len(book.Pages)
			if n%2 != 0 || book.Pages[n-1].Recto || book.Report.Pages != n {
				t.Errorf("%d essays, %s: %d pages, last recto %v, report %d", essays, trim, n, book.Pages[n-1].Recto, book.Report.Pages)
			}
			if book.Pages[n-1].Blank {
				odd++
			}
		}
	}
	if odd == 0 {
		t.Log("no book came out odd: the padding was not exercised")
	}
}

// TestTallTableRow: a table cell longer than a page is set across pages; nothing of it is
// drawn below the page's text block.
func TestTallTableRow(t *testing.T) {
	long := strings.Repeat("A long cell that goes on and on for a very long time indeed. ", 160)
	files := fstest.MapFS{
		"anthology.yaml": {Data: []byte("title: Tall\ncontents: [e]\n")},
		"essays/e.md":    {Data: []byte("---\ntitle: Tall\noriginal: true\n---\n\nBefore the table.\n\n| Name | Text |\n|---|---|\n| One | " + long + " |\n\nAfter the table.\n")},
	}
	ed := editionOf(t, files, nil)
	book, err := Typeset(context.Background(), ed, OptionsFor(ed))
	if err != nil {
		t.Fatal(err)
	}
	g := book.Geometry
	words := 0
	for _, pg := range book.Pages {
		for _, tx := range pg.Texts {
			if tx.Y > g.LastBaseline()+g.Leading && len(tx.Text) > 6 {
				// (a folio, "v" or "12", stands below the text block; words do not)
				t.Errorf("page %d: %q drawn at %.0f, below the text block (last baseline %.0f)", pg.Index+1, tx.Text, tx.Y, g.LastBaseline())
			}
			words += strings.Count(tx.Text, "long")
		}
	}
	if words < 160 {
		t.Errorf("%d of the cell's 160 sentences are on the pages", words)
	}
}

// TestPageEstimate: the book is set once with the gutter its estimated length needs, so the
// estimate must land in the right gutter class; within a quarter of the real count is plenty
// (the classes are 150 pages or more apart).
func TestPageEstimate(t *testing.T) {
	books := []struct {
		name string
		ed   *layout.Edition
	}{
		{"sample", sampleEdition(t)},
		{"10 essays of 300 words", syntheticEdition(t, 10, 300)},
		{"50 essays of 2000 words", syntheticEdition(t, 50, 2000)},
		{"20 essays of 8000 words", syntheticEdition(t, 20, 8000)},
	}
	for _, b := range books {
		for _, trim := range []string{"5x8", "5.5x8.5", "6x9"} {
			o := OptionsFor(b.ed)
			o.Trim, _ = anthology.ParseTrim(trim)
			book, err := Typeset(context.Background(), b.ed, o)
			if err != nil {
				t.Fatal(err)
			}
			est := estimatePages(b.ed, geometry(o, 0))
			real := len(book.Pages)
			t.Logf("%s, %s: estimated %d pages, set %d", b.name, trim, est, real)
			if d := float64(est-real) / float64(real); d > 0.25 || d < -0.25 {
				t.Errorf("%s, %s: estimated %d pages, set %d", b.name, trim, est, real)
			}
		}
	}
}

// TestSafeZone: nothing printed comes closer to the trim than the printer's safe zone —
// running heads and folios included (they sat 0.30–0.36 in from the top) — over the sample and
// a long synthetic book, at each trim, for IngramSpark's half inch and KDP's quarter.
func TestSafeZone(t *testing.T) {
	// A list of twelve: the numbers from "10." on are wider than the items' usual indent
	// (they hung 2.3 pt into the margin of a real book, in a printer's safe zone).
	var list strings.Builder
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&list, "%d. Pepys (%d);\n", i, 1600+i)
	}
	twelve := editionOf(t, fstest.MapFS{
		"anthology.yaml": {Data: []byte("title: Lists\ncontributors: [{id: a, name: Ann Lee, bio: Ann writes.}]\ncontents: [e]\n")},
		"essays/e.md":    {Data: []byte("---\ntitle: Spellings\nauthors: [a]\n---\n\nThe forms of the name:\n\n" + list.String())},
	}, nil)
	eds := map[string]*layout.Edition{"sample": sampleEdition(t), "50 essays": syntheticEdition(t, 50, 2000), "a list of twelve": twelve}
	for name, ed := range eds {
		for _, trim := range []string{"5x8", "5.5x8.5", "6x9"} {
			for _, safe := range []float64{0.5, 0.25} {
				o := OptionsFor(ed)
				o.Trim, _ = anthology.ParseTrim(trim)
				o.SafeZone = safe * 72
				book, err := Typeset(context.Background(), ed, o)
				if err != nil {
					t.Fatal(err)
				}
				g := book.Geometry
				bad := 0
				for _, p := range book.Pages {
					for _, tx := range p.Texts {
						// As a preflight measures type: the face's ascender and descender; and
						// an essay's text not left of its text block.
						top, bottom := tx.Y-tx.Face().Ascent*tx.Size(), tx.Y+tx.Face().Descent*tx.Size()
						if top < o.SafeZone-0.01 || bottom > g.Height-o.SafeZone+0.01 || tx.X < o.SafeZone-0.01 ||
							p.Section != nil && p.Section.Kind == layout.Essay && tx.X < g.Left(p.Recto)-0.01 {
							if bad++; bad <= 3 {
								t.Errorf("%s, %s, %.2f in: page %s: %q at x %.1f, y %.1f pt (%.2f in from the top) is outside the safe zone or left of the text block",
									name, trim, safe, p.Label, tx.Text, tx.X, tx.Y, top/72)
							}
						}
					}
				}
			}
		}
	}
}

// TestShortTitleInHeads: a long title is cut with an ellipsis in the running heads unless the
// essay gives a short title, which the heads then print whole.
func TestShortTitleInHeads(t *testing.T) {
	long := "On the Uses and Abuses of Lamplight in the Long Winter Evenings of the Northern Towns"
	heads := func(short string) string {
		ed := syntheticEdition(t, 1, 3000)
		for _, s := range ed.Sections {
			if s.Kind == layout.Essay {
				s.Title, s.ShortTitle = []text.Inline{&text.Text{Text: long}}, short
			}
		}
		book, err := Typeset(context.Background(), ed, OptionsFor(ed))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, p := range book.Pages {
			if !p.Recto || !p.HasHead {
				continue
			}
			for _, tx := range p.Texts {
				if tx.Y < book.Geometry.Top-book.Geometry.Leading {
					b.WriteString(tx.Text)
				}
			}
			b.WriteString("|")
		}
		return b.String()
	}
	if h := heads(""); !strings.Contains(h, "…") {
		t.Errorf("a long title is not shortened in the heads: %q", h)
	}
	h := heads("Lamplight")
	if strings.Contains(h, "…") || !strings.Contains(strings.ToUpper(h), "LAMPLIGHT") {
		t.Errorf("the short title is not what the heads print: %q", h)
	}
}

// TestOpeningSmallCaps: an essay's first words are in small capitals after an epigraph too,
// and when the essay opens with a quotation mark; with drop caps the mark hangs before the
// initial and the small capitals follow (an epigraph or a quotation mark once cancelled them).
func TestOpeningSmallCaps(t *testing.T) {
	essays := map[string]string{
		"epigraph": "::: epigraph\nWatch the light.\n\n— A keeper\n:::\n\nAt a quarter to eight the day staff hand us the ward" + strings.Repeat(", and we take it", 12) + ".",
		"quote":    "\"At a quarter to eight,\" she said, \"the day staff hand us the ward" + strings.Repeat(", and we take it", 12) + ".\"",
	}
	for _, drop := range []bool{false, true} {
		for name, body := range essays {
			files := fstest.MapFS{
				"anthology.yaml": {Data: []byte("title: T\ncontributors: [{id: a, name: Ann Lee}]\ncontents: [e]\n")},
				"essays/e.md":    {Data: []byte("---\ntitle: E\nauthors: [a]\n---\n\n" + body + "\n")},
			}
			ed := editionOf(t, files, func(p *anthology.Project) { p.Print.DropCaps = drop })
			book, err := Typeset(context.Background(), ed, OptionsFor(ed))
			if err != nil {
				t.Fatal(err)
			}
			var initial, quote bool
			var small strings.Builder // the small capitals, set letter by letter
			for _, pg := range book.Pages {
				if pg.Section == nil || pg.Section.Kind != layout.Essay {
					continue
				}
				for _, tx := range pg.Texts {
					body := ed.Print.BodySize()
					switch {
					case tx.Size() > body*1.5 && tx.Text == "A":
						initial = true
					case tx.Face().IsSmallCaps() || tx.Size() < body && tx.Size() > body*0.7:
						small.WriteString(tx.Text)
					case tx.Text == "“" && tx.X < book.Geometry.Left(pg.Recto):
						quote = true
					}
				}
			}
			caps := strings.Contains(strings.ToUpper(small.String()), "QUARTER")
			if !caps {
				t.Errorf("%s, drop caps %v: the first words are not in small capitals", name, drop)
			}
			if drop && !initial {
				t.Errorf("%s: no drop cap", name)
			}
			if drop && name == "quote" && !quote {
				t.Errorf("the opening quotation mark does not hang before the initial")
			}
		}
	}
}

// TestMeasureKeptAsTheGutterGrows: the widest gutter (a book of more than 700 pages) takes
// from the outer margin too, down to half an inch, so the measure loses less than the gutter
// gains; the outer margin never comes inside the safe zone.
func TestMeasureKeptAsTheGutterGrows(t *testing.T) {
	for _, trim := range []string{"5x8", "5.5x8.5", "6x9"} {
		for _, safe := range []float64{18, 36} {
			o := Options{BodySize: 11, SafeZone: safe}
			o.Trim, _ = anthology.ParseTrim(trim)
			thin, thick := geometry(o, 100), geometry(o, 900)
			gain := thick.Inner - thin.Inner
			if lost := thin.Measure() - thick.Measure(); gain <= 0 || lost >= gain {
				t.Errorf("%s, safe zone %.0f pt: the gutter grew %.1f pt and the measure lost %.1f (%.0f → %.0f pt)", trim, safe, gain, lost, thin.Measure(), thick.Measure())
			}
			if thick.Outer < safe || thick.Outer < 36-0.01 {
				t.Errorf("%s: the outer margin (%.1f pt) is under half an inch or inside the safe zone", trim, thick.Outer)
			}
		}
	}
}

// TestRealSmallCaps: where the font has small capitals of its own (Charis SIL, Gentium Plus:
// OpenType smcp), the opening words are set in them — a face of its own, at the text's size,
// the letters as written — and where it has none (Caladea) in capitals scaled down.
func TestRealSmallCaps(t *testing.T) {
	for _, tt := range []struct {
		font string
		real bool
	}{{"charis", true}, {"gentium", true}, {"caladea", false}} {
		files := fstest.MapFS{
			"anthology.yaml": {Data: []byte("title: T\nprint: {font: " + tt.font + "}\ncontributors: [{id: a, name: Ann Lee}]\ncontents: [e]\n")},
			"essays/e.md":    {Data: []byte("---\ntitle: E\nauthors: [a]\n---\n\nAt a quarter to eight the day staff hand us the ward, and [Ann Lee]{.smallcaps} signs.\n")},
		}
		ed := editionOf(t, files, nil)
		book, err := Typeset(context.Background(), ed, OptionsFor(ed))
		if err != nil {
			t.Fatal(err)
		}
		body := ed.Print.BodySize()
		var real, scaled strings.Builder
		for _, pg := range book.Pages {
			if pg.Section == nil || pg.Section.Kind != layout.Essay {
				continue
			}
			for _, tx := range pg.Texts {
				switch {
				case tx.Face().IsSmallCaps():
					real.WriteString(tx.Text) // letter-spaced: a text a letter
					if tx.Size() != body {
						t.Errorf("%s: small capitals %q at %g pt, the text at %g", tt.font, tx.Text, tx.Size(), body)
					}
				case tx.Size() < body && tx.Size() > body*0.7 && strings.ToUpper(tx.Text) == tx.Text && strings.ToLower(tx.Text) != tx.Text:
					scaled.WriteString(tx.Text)
				}
			}
		}
		if tt.real {
			// The byline, the opening words and the span, as written.
			for _, want := range []string{"AnnLee", "Ataquarter", "AnnLee"} {
				if !strings.Contains(real.String(), want) {
					t.Errorf("%s: %q not set in the font's small capitals: %q", tt.font, want, real.String())
				}
			}
			if scaled.Len() > 0 {
				t.Errorf("%s: scaled capitals %q beside the real ones", tt.font, scaled.String())
			}
			var sc *Face
			for _, f := range book.Faces {
				if f.IsSmallCaps() {
					sc = f
				}
			}
			if sc == nil || sc.Advance('a') == sc.smallCapsOf.Advance('a') || sc.Advance('A') != sc.smallCapsOf.Advance('A') {
				t.Errorf("%s: the book's faces have no small capitals face with its own lower-case letters", tt.font)
			}
		} else if real.Len() > 0 || !strings.Contains(scaled.String(), "QUARTER") {
			t.Errorf("%s has no small capitals: real %q, scaled %q", tt.font, real.String(), scaled.String())
		}
	}
}
