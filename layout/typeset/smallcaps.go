package typeset

import (
	"encoding/binary"
	"errors"
	"slices"
	"sort"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Real small capitals. A font such as Charis SIL draws them as glyphs of their own, reached by
// the OpenType feature smcp; a set text holds characters, which the PDF draws through the
// face's cmap. So the face's small capitals become a face of their own: the same font with a
// cmap in which each lower-case letter that smcp changes maps to its small capital. Text set
// in it is drawn with the letters it is written in (and read back from the PDF as them, not
// as capitals), at the text's own size; a font without smcp keeps the scaled capitals.

// SmallCaps returns the face's small capitals as a face (see above), or nil when the font has
// none. It is made once per face.
func (f *Face) SmallCaps() *Face {
	f.scOnce.Do(func() {
		subs := f.smallCapsGlyphs()
		if len(subs) == 0 {
			return
		}
		data, err := withCmap(f.Data, f.cmapWith(subs))
		if err != nil {
			return
		}
		sc, err := LoadFace(f.Family+"sc", f.Style, f.Name+" Small Caps", data)
		if err != nil {
			return
		}
		sc.smallCapsOf, sc.scRunes = f, map[rune]bool{}
		for r := range subs {
			sc.scRunes[r] = true
		}
		f.sc = sc
	})
	return f.sc
}

// IsSmallCaps reports whether the face is another face's small capitals.
func (f *Face) IsSmallCaps() bool { return f.smallCapsOf != nil }

// smallCapsGlyphs shapes every lower-case letter of the font with smcp on and returns those
// the feature changes, with their small capitals' glyphs.
func (f *Face) smallCapsGlyphs() map[rune]opentype.GID {
	smcp := opentype.MustNewTag("smcp")
	has := false
	for _, ft := range f.face.Font.GSUB.Features {
		if ft.Tag == smcp {
			has = true
		}
	}
	if !has {
		return nil
	}
	out := map[rune]opentype.GID{}
	f.shapeMu.Lock()
	defer f.shapeMu.Unlock()
	for it := f.face.Cmap.Iter(); it.Next(); {
		r, gid := it.Char()
		if r >= 0x10000 || !unicode.IsLower(r) {
			continue
		}
		in := shaping.Input{
			Text: []rune{r}, RunStart: 0, RunEnd: 1,
			Direction: di.DirectionLTR, Face: f.face,
			Size:     fixed.Int26_6(int(f.upem) << 6),
			Script:   language.LookupScript(r),
			Language: language.NewLanguage("en"),
			FontFeatures: []shaping.FontFeature{{Tag: smcp, Value: 1},
				{Tag: opentype.MustNewTag("liga"), Value: 0}, {Tag: opentype.MustNewTag("calt"), Value: 0}},
		}
		if out1 := f.shaper.Shape(in); len(out1.Glyphs) == 1 {
			if g := opentype.GID(out1.Glyphs[0].GlyphID); g != gid && g != 0 {
				out[r] = g
			}
		}
	}
	return out
}

// cmapWith returns the font's BMP cmap with the given characters mapped to other glyphs.
func (f *Face) cmapWith(subs map[rune]opentype.GID) map[rune]uint16 {
	m := map[rune]uint16{}
	for it := f.face.Cmap.Iter(); it.Next(); {
		r, gid := it.Char()
		if r >= 0 && r < 0xFFFF && gid != 0 {
			m[r] = uint16(gid)
		}
	}
	for r, g := range subs {
		m[r] = uint16(g)
	}
	return m
}

// cmapFormat4 encodes a BMP cmap as one Windows Unicode (3,1) subtable of format 4, the
// one the PDF library reads: a segment for each run of characters whose glyph ids rise with
// them (an idDelta each, no glyph array).
func cmapFormat4(m map[rune]uint16) ([]byte, error) {
	rs := make([]rune, 0, len(m))
	for r := range m {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	type seg struct{ start, end rune }
	var segs []seg
	for _, r := range rs {
		if n := len(segs); n > 0 && segs[n-1].end == r-1 && rune(m[r])-r == rune(m[segs[n-1].start])-segs[n-1].start {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, seg{r, r})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF}) // the table's required last segment
	n := len(segs)
	length := 16 + 8*n
	if length > 0xFFFF {
		return nil, errors.New("cmap: too many segments for format 4")
	}
	b := make([]byte, 0, 12+length)
	u16 := func(v int) { b = binary.BigEndian.AppendUint16(b, uint16(v)) }
	u16(0)                                   // version
	u16(1)                                   // one subtable
	u16(3)                                   // Windows
	u16(1)                                   // Unicode BMP
	b = binary.BigEndian.AppendUint32(b, 12) // its offset
	search := 1
	for search*2 <= n {
		search *= 2
	}
	entry := 0
	for 1<<(entry+1) <= search {
		entry++
	}
	u16(4)
	u16(length)
	u16(0) // language
	u16(2 * n)
	u16(2 * search)
	u16(entry)
	u16(2*n - 2*search)
	for _, s := range segs {
		u16(int(s.end))
	}
	u16(0) // reserved pad
	for _, s := range segs {
		u16(int(s.start))
	}
	for _, s := range segs {
		if s.start == 0xFFFF {
			u16(1) // maps U+FFFF to glyph 0
			continue
		}
		u16(int(uint16(int(m[s.start]) - int(s.start))))
	}
	for range segs {
		u16(0) // idRangeOffset: deltas only
	}
	return b, nil
}

// withCmap returns a TrueType file with its cmap table replaced (and a digital signature,
// which would no longer hold, left out): the table directory rebuilt, every table aligned
// to four bytes, the checksums and the head table's adjustment computed again.
func withCmap(font []byte, m map[rune]uint16) ([]byte, error) {
	cmap, err := cmapFormat4(m)
	if err != nil {
		return nil, err
	}
	if len(font) < 12 {
		return nil, errors.New("font: too short")
	}
	num := int(binary.BigEndian.Uint16(font[4:]))
	if len(font) < 12+16*num {
		return nil, errors.New("font: truncated table directory")
	}
	type table struct {
		tag  string
		data []byte
	}
	var tables []table
	for i := range num {
		rec := font[12+16*i:]
		tag := string(rec[:4])
		off, n := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || n < 0 || off+n > len(font) {
			return nil, errors.New("font: table " + tag + " out of the file")
		}
		switch tag {
		case "DSIG":
			continue
		case "cmap":
			tables = append(tables, table{tag, cmap})
		default:
			tables = append(tables, table{tag, slices.Clone(font[off : off+n])})
		}
	}
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	num = len(tables)
	out := make([]byte, 12+16*num)
	copy(out, font[:4])
	search := 1
	for search*2 <= num {
		search *= 2
	}
	entry := 0
	for 1<<(entry+1) <= search {
		entry++
	}
	binary.BigEndian.PutUint16(out[4:], uint16(num))
	binary.BigEndian.PutUint16(out[6:], uint16(16*search))
	binary.BigEndian.PutUint16(out[8:], uint16(entry))
	binary.BigEndian.PutUint16(out[10:], uint16(16*num-16*search))
	headAt := -1
	for i, t := range tables {
		if t.tag == "head" && len(t.data) >= 12 {
			binary.BigEndian.PutUint32(t.data[8:], 0) // checkSumAdjustment, computed below
			headAt = len(out)
		}
		rec := out[12+16*i:]
		copy(rec, t.tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(t.data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out, nil
}

// checksum is TrueType's table checksum: the sum of its big-endian 32-bit words.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
