package pdf

import (
	"bytes"
	"encoding/binary"
	"testing"

	gofont "github.com/go-text/typesetting/font"

	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// charis is the bundled body face, as the typesetter loads it.
func charis(t testing.TB) *typeset.Face {
	t.Helper()
	fam, err := typeset.LoadFamily("charis")
	if err != nil {
		t.Fatal(err)
	}
	return fam.Face(assets.Regular)
}

// TestSubsetKeepsDrawnGlyphs: a subset parses as a TrueType font, keeps the glyph numbers and
// outlines of the glyphs drawn (and of the parts of composite glyphs), empties the others,
// ends after its last glyph, and is far smaller than the font.
func TestSubsetKeepsDrawnGlyphs(t *testing.T) {
	face := charis(t)
	orig, err := gofont.ParseTTF(bytes.NewReader(face.Data))
	if err != nil {
		t.Fatal(err)
	}
	drawn := "Anthology ﬁ é"
	used := make([]bool, 0x10000)
	chars := make([]rune, 0x10000)
	for _, r := range drawn {
		used[face.Glyph(r)], chars[face.Glyph(r)] = true, r
	}
	sub, err := subsetTrueType(face.Data, used, chars)
	if err != nil {
		t.Fatal(err)
	}
	if len(sub) >= len(face.Data)/4 {
		t.Errorf("subset of %d glyphs is %d bytes of the font's %d", len(drawn), len(sub), len(face.Data))
	}
	got, err := gofont.ParseTTF(bytes.NewReader(sub))
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	last := 0
	for _, r := range drawn {
		gid := face.Glyph(r)
		last = max(last, int(gid))
		a := orig.GlyphData(gofont.GID(gid))
		b := got.GlyphData(gofont.GID(gid))
		ao, aok := a.(gofont.GlyphOutline)
		bo, bok := b.(gofont.GlyphOutline)
		if !aok || !bok || len(ao.Segments) != len(bo.Segments) || (r != ' ' && len(bo.Segments) == 0) {
			t.Errorf("%q (glyph %d): outline of %d segments, %d in the font", r, gid, len(bo.Segments), len(ao.Segments))
		}
		if got.HorizontalAdvance(gofont.GID(gid)) != orig.HorizontalAdvance(gofont.GID(gid)) {
			t.Errorf("%q: advance changed", r)
		}
		if g, ok := got.NominalGlyph(r); !ok || g != gofont.GID(gid) {
			t.Errorf("the subset's character map gives %q glyph %d, want %d", r, g, gid)
		}
	}
	if n := got.Upem(); n != orig.Upem() {
		t.Errorf("units per em %d, font %d", n, orig.Upem())
	}
	tables, err := readTables(sub)
	if err != nil {
		t.Fatal(err)
	}
	// It ends at its last glyph kept (drawn, or a part of one drawn: "é" is "e" and an accent).
	n := int(binary.BigEndian.Uint16(tables["maxp"][4:]))
	fontTables, _ := readTables(face.Data)
	all := int(binary.BigEndian.Uint16(fontTables["maxp"][4:]))
	if g, ok := got.GlyphData(gofont.GID(n - 1)).(gofont.GlyphOutline); n < last+1 || n >= all || !ok || len(g.Segments) == 0 {
		t.Errorf("the subset has %d glyphs (the font %d) and does not end with one it kept; its last drawn is %d", n, all, last)
	}
	// A glyph nobody drew: an empty outline.
	unused := face.Glyph('Q')
	if g, ok := got.GlyphData(gofont.GID(unused)).(gofont.GlyphOutline); int(unused) <= last && ok && len(g.Segments) != 0 {
		t.Errorf("glyph %d (Q), never drawn, kept its outline", unused)
	}
	// The checksum adjustment makes the whole file sum to the magic number.
	if sum := checksum(sub); sum != 0xB1B0AFBA {
		t.Errorf("file checksum %#x, want 0xB1B0AFBA", sum)
	}
}

// TestSubsetRefusesBrokenFonts: a font cut short or without outlines is an error, not a panic.
func TestSubsetRefusesBrokenFonts(t *testing.T) {
	face := charis(t)
	used := make([]bool, 0x10000)
	used[face.Glyph('a')] = true
	for _, data := range [][]byte{nil, face.Data[:11], face.Data[:200], bytes.Repeat([]byte{0xff}, 400)} {
		if _, err := subsetTrueType(data, used, make([]rune, 0x10000)); err == nil {
			t.Errorf("a broken font of %d bytes was subset", len(data))
		}
	}
}

// FuzzSubset: no font file, however damaged, makes the subsetter panic or loop.
func FuzzSubset(f *testing.F) {
	face := charis(f)
	f.Add(face.Data, uint16(face.Glyph('a')))
	f.Add(face.Data[:4096], uint16(3))
	f.Fuzz(func(t *testing.T, data []byte, gid uint16) {
		used, chars := make([]bool, 0x10000), make([]rune, 0x10000)
		used[gid], chars[gid] = true, 'a'
		subsetTrueType(data, used, chars)
	})
}

func TestAppendNum(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{{0, "0"}, {1, "1"}, {1.5, "1.5"}, {1.25, "1.25"}, {1.256, "1.26"}, {-3.1, "-3.1"}, {-0.001, "0"}, {612, "612"}, {0.05, "0.05"}, {72.999, "73"}} {
		if got := num(c.v); got != c.want {
			t.Errorf("num(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestTextString(t *testing.T) {
	if got := textString("a(b)"); got != "(\xfe\xff\x00a\x00\\(\x00b\x00\\))" {
		t.Errorf("textString = %q", got)
	}
	// U+0D0D is two carriage returns, which a reader would take for line ends.
	if got := textString("\u0d0d"); got != "(\xfe\xff\\r\\r)" {
		t.Errorf("textString(U+0D0D) = %q", got)
	}
}
