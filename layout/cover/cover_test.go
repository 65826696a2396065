package cover

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"golang.org/x/image/font/opentype"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
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
	data, err := assets.Families[0].Face(assets.Bold)
	if err != nil {
		t.Fatal(err)
	}
	f, err := opentype.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"EXTRAORDINARILYEXTRAORDINARY", "THE LAMP-LIGHTERS", "A RATHER LONG TITLE FOR AN ANTHOLOGY OF NIGHT ESSAYS AND OTHER THINGS"} {
		size, lines := fit(f, title, 1180, 4, 190, 96)
		face := newFace(f, size)
		if w := widest(face, lines, size); w > 1180 && size > 96 {
			t.Errorf("%q set at %.0f px is %.0f px wide", title, size, w)
		}
		face.Close()
		if len(lines) == 0 {
			t.Errorf("%q: no lines", title)
		}
	}
	size, lines := fit(f, "THE LAMP-LIGHTERS", 1180, 4, 190, 96)
	if strings.Join(lines, "|") != "THE|LAMP-LIGHTERS" || size < 120 {
		t.Errorf("THE LAMP-LIGHTERS set as %q at %.0f px; the hyphenated word should stay whole", lines, size)
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
