package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf16"

	"github.com/anthology-editor/anthology/layout/typeset"
)

// embeddedFont is one face of the book as the PDF draws it: a composite font (Type0) whose
// character codes are the face's glyph numbers, two bytes each (Identity-H), so that any glyph
// of the face can be drawn; the glyphs the pages use are recorded as they are drawn, each
// with the character it stands for, and the font is embedded at the end as a subset of them.
type embeddedFont struct {
	face *typeset.Face
	name string // the resource name, "Fcharis"
	// used holds, for each glyph, one more than the smallest character drawn with it (0: none).
	// Pages are drawn on every core; the smallest character makes the result the same
	// whichever page came first.
	used []atomic.Uint32
}

// note records that r was drawn with glyph gid.
func (e *embeddedFont) note(gid uint16, r rune) {
	slot := &e.used[gid]
	want := uint32(r) + 1
	for {
		old := slot.Load()
		if old != 0 && old <= want {
			return
		}
		if slot.CompareAndSwap(old, want) {
			return
		}
	}
}

// appendText appends s, drawn in the font, as a literal string of two-byte glyph numbers.
func (e *embeddedFont) appendText(b []byte, s string) []byte {
	b = append(b, '(')
	for _, r := range s {
		gid := e.face.Glyph(r)
		if gid != 0 {
			e.note(gid, r)
		}
		b = appendLiteralByte(b, byte(gid>>8))
		b = appendLiteralByte(b, byte(gid))
	}
	return append(b, ')')
}

// write embeds the font: its subset, widths, descriptor and ToUnicode table.
func (e *embeddedFont) write(f *pdfFile, obj int) error {
	used := make([]bool, len(e.used))
	chars := make([]rune, len(e.used))
	var gids []int
	for gid := range e.used {
		if v := e.used[gid].Load(); v != 0 {
			used[gid], chars[gid] = true, rune(v-1)
			gids = append(gids, gid)
		}
	}
	ps, err := FaceName(e.face)
	if err != nil {
		return fmt.Errorf("font %s: %w", e.face.Name, err)
	}
	sub, err := subsetTrueType(e.face.Data, used, chars)
	if err != nil {
		return fmt.Errorf("font %s: %w", e.face.Name, err)
	}
	// The subset's tag hashes its name and glyphs: the same book gets the same tags, and two
	// subsets of one font never share one.
	glyphs := make([]byte, 0, 2*len(gids))
	for _, g := range gids {
		glyphs = append(glyphs, byte(g>>8), byte(g))
	}
	base := subsetTag(ps, glyphs) + "+" + ps

	tables, err := readTables(e.face.Data)
	if err != nil {
		return err
	}
	head := tables["head"]
	upem := float64(binary.BigEndian.Uint16(head[18:]))
	if upem == 0 {
		return fmt.Errorf("font %s: no units per em", e.face.Name)
	}
	unit := func(v int16) string { return strconv.Itoa(int(math.Round(float64(v) * 1000 / upem))) }
	bbox := "[" + unit(int16(binary.BigEndian.Uint16(head[36:]))) + " " + unit(int16(binary.BigEndian.Uint16(head[38:]))) + " " +
		unit(int16(binary.BigEndian.Uint16(head[40:]))) + " " + unit(int16(binary.BigEndian.Uint16(head[42:]))) + "]"
	italic := 0.0
	if post := tables["post"]; len(post) >= 8 {
		italic = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
	}
	flags := 4 // symbolic: the glyphs are reached by number, not by a standard encoding
	if italic != 0 {
		flags |= 64
	}

	cid, desc, file, toUni := f.alloc(), f.alloc(), f.alloc(), f.alloc()
	f.object(obj, "<< /Type /Font /Subtype /Type0 /BaseFont /"+base+" /Encoding /Identity-H /DescendantFonts ["+ref(cid)+"] /ToUnicode "+ref(toUni)+" >>")
	f.object(cid, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /"+base+
		" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "+ref(desc)+
		" /CIDToGIDMap /Identity /DW 0 /W "+e.widths(gids)+" >>")
	f.object(desc, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox %s /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %s >>",
		base, flags, bbox, num(italic), int(math.Round(e.face.Ascent*1000)), -int(math.Round(e.face.Descent*1000)), int(math.Round(e.face.CapHeight*1000)), ref(file)))
	f.stream(file, " /Filter /FlateDecode /Length1 "+strconv.Itoa(len(sub)), deflate(sub, zlib.BestCompression))
	f.stream(toUni, " /Filter /FlateDecode", deflate(e.toUnicode(gids), zlib.BestCompression))
	return nil
}

// widths is the /W array of the glyphs drawn, in runs of consecutive glyph numbers.
func (e *embeddedFont) widths(gids []int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < len(gids); {
		j := i
		for j+1 < len(gids) && gids[j+1] == gids[j]+1 {
			j++
		}
		fmt.Fprintf(&b, "%d [", gids[i])
		for k := i; k <= j; k++ {
			if k > i {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(e.face.Width1000(rune(e.used[gids[k]].Load() - 1))))
		}
		b.WriteString("] ")
		i = j + 1
	}
	return strings.TrimSuffix(b.String(), " ") + "]"
}

// toUnicode is the font's ToUnicode CMap: each glyph drawn reads as its character, and the
// characters the typesetter draws in place of others as those others (the ligature "ﬁ" as
// "fi", an Arabic letter's shape as the letter).
func (e *embeddedFont) toUnicode(gids []int) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	special := readsAs()
	for i := 0; i < len(gids); i += 100 {
		part := gids[i:min(i+100, len(gids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(part))
		for _, g := range part {
			r := rune(e.used[g].Load() - 1)
			s, ok := special[r]
			if !ok {
				s = string(r)
			}
			fmt.Fprintf(&b, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune(s)) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}
