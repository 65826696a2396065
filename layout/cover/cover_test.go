package cover

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/typeset"
)

func TestCoverSizeAndDeterminism(t *testing.T) {
	ed := &layout.Edition{Title: "A Rather Long Title for an Anthology of Night Essays", Subtitle: "With a Subtitle",
		Editors: []*anthology.Contributor{{Name: "Marguerite Hale"}}, Publisher: "Lantern Press"}
	a, err := PNG(ed)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
		t.Errorf("cover is %v", b)
	}
	b, _ := PNG(ed)
	if !bytes.Equal(a, b) {
		t.Error("the same edition drew two different covers")
	}
}

func TestTitleFitsInside(t *testing.T) {
	st := typeset.TextStyle{Family: "charis", Style: assets.Bold}
	for _, title := range []string{"EXTRAORDINARILYEXTRAORDINARY", "THE LAMP-LIGHTERS", "A RATHER LONG TITLE FOR AN ANTHOLOGY OF NIGHT ESSAYS AND OTHER THINGS",
		"ليالي المدينة والبحر والممرضات اللواتي يسهرن حتى الفجر"} {
		size, lines := fit(st, title, 1180, 4, 190, 96)
		if w := widest(st, lines, size); w > 1180 && size > 96 {
			t.Errorf("%q set at %.0f px is %.0f px wide", title, size, w)
		}
		if len(lines) == 0 {
			t.Errorf("%q: no lines", title)
		}
	}
	size, lines := fit(st, "THE LAMP-LIGHTERS", 1180, 4, 190, 96)
	if strings.Join(lines, "|") != "THE|LAMP-LIGHTERS" || size < 120 {
		t.Errorf("THE LAMP-LIGHTERS set as %q at %.0f px; the hyphenated word should stay whole", lines, size)
	}
}

// TestCoverScripts draws covers whose text is in scripts the book face lacks: drawn from the
// faces that have them, or refused with the characters named.
func TestCoverScripts(t *testing.T) {
	for _, tt := range []struct{ title, lang, err string }{
		{"ليالي المدينة", "ar", ""},
		{"לילה בבית החולים", "he", ""},
		{"Ночной город", "ru", ""},
		{"夜の街", "ja", "no font (bundled or in fonts/) has '夜' (U+591C)"},
	} {
		ed := &layout.Edition{Title: tt.title, Language: tt.lang, Editors: []*anthology.Contributor{{Name: "Ann Lee"}}}
		img, err := Draw(ed)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %q", tt.title, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.title, err)
		}
		// The title is drawn: ink in the title's band (every character of it came from a
		// face that has it, or Draw would have refused the cover).
		inked := 0
		for y := 500; y < 900; y += 2 {
			for x := 200; x < Width-200; x += 2 {
				if r, _, _, _ := img.At(x, y).RGBA(); r > 0xc000 {
					inked++
				}
			}
		}
		if inked < 500 {
			t.Errorf("%s: only %d inked pixels in the title's band", tt.title, inked)
		}
	}
}

// TestPNGMatchesDrawing decodes the PNG the fast encoder writes and compares every pixel with
// the drawing.
func TestPNGMatchesDrawing(t *testing.T) {
	ed := &layout.Edition{Title: "Pixels", Editors: []*anthology.Contributor{{Name: "Ann Lee"}}}
	img, err := Draw(ed)
	if err != nil {
		t.Fatal(err)
	}
	data, err := PNG(ed)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for y := 0; y < Height; y += 7 {
		for x := 0; x < Width; x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := dec.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				t.Fatalf("pixel (%d,%d) differs", x, y)
			}
		}
	}
}

// TestEveryPaperHasAThickness: each paper a project may choose gives its own spine (a paper
// added to the model without a thickness here would be measured as the default).
func TestEveryPaperHasAThickness(t *testing.T) {
	widths := map[float64]string{}
	for _, paper := range anthology.Papers {
		w := SpineWidth(300, paper)
		if other, ok := widths[w]; ok || w <= 0 {
			t.Errorf("paper %s: spine %.1f pt, as %s's", paper, w, other)
		}
		widths[w] = paper
	}
}
