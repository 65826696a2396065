package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// A book embeds only the glyphs it draws. subsetTrueType keeps every glyph's number (the PDF's
// character codes are glyph numbers, CIDToGIDMap /Identity), empties the outlines of the
// glyphs no page draws, cuts the font after the highest glyph it keeps, and leaves out the
// tables a PDF reader does not use (names, kerning, OpenType layout): what remains is the
// tables the PDF reference lists for an embedded TrueType font, and a character map of the
// characters drawn, which the PDF does not need but font tools look for.

// subsetTables are the tables a subset keeps, in the order of their tags.
var subsetTables = []string{"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"}

// fontTable is one table of a TrueType file.
type fontTable struct {
	tag  string
	data []byte
}

// readTables reads a TrueType file's table directory.
func readTables(font []byte) (map[string][]byte, error) {
	if len(font) < 12 {
		return nil, errors.New("font file too short")
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	if len(font) < 12+16*n {
		return nil, errors.New("font table directory cut short")
	}
	out := make(map[string][]byte, n)
	for i := range n {
		rec := font[12+16*i:]
		tag := string(rec[:4])
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(font)) {
			return nil, fmt.Errorf("font table %q outside the file", tag)
		}
		out[tag] = font[off : off+length]
	}
	return out, nil
}

// glyphRange returns glyph gid's bytes in glyf, as loca places them.
func glyphRange(loca, glyf []byte, long bool, gid int) ([]byte, error) {
	var start, end int
	if long {
		if 4*gid+8 > len(loca) {
			return nil, fmt.Errorf("glyph %d beyond the font's index", gid)
		}
		start, end = int(binary.BigEndian.Uint32(loca[4*gid:])), int(binary.BigEndian.Uint32(loca[4*gid+4:]))
	} else {
		if 2*gid+4 > len(loca) {
			return nil, fmt.Errorf("glyph %d beyond the font's index", gid)
		}
		start, end = 2*int(binary.BigEndian.Uint16(loca[2*gid:])), 2*int(binary.BigEndian.Uint16(loca[2*gid+2:]))
	}
	if start > end || end > len(glyf) {
		return nil, fmt.Errorf("glyph %d outside the glyf table", gid)
	}
	return glyf[start:end], nil
}

// components returns the glyphs a composite glyph is built of (none for a simple glyph).
func components(glyph []byte) []int {
	if len(glyph) < 10 || int16(binary.BigEndian.Uint16(glyph)) >= 0 {
		return nil
	}
	var out []int
	for p := 10; p+4 <= len(glyph); {
		flags := binary.BigEndian.Uint16(glyph[p:])
		out = append(out, int(binary.BigEndian.Uint16(glyph[p+2:])))
		p += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return out
}

// subsetTrueType returns font with only the glyphs in used (and glyph 0, and the parts of
// composite glyphs) keeping their outlines. chars gives, for each glyph used, the character
// it was drawn for (0: none), for the subset's character map.
func subsetTrueType(font []byte, used []bool, chars []rune) ([]byte, error) {
	tables, err := readTables(font)
	if err != nil {
		return nil, err
	}
	for _, tag := range []string{"head", "hhea", "hmtx", "loca", "glyf", "maxp"} {
		if tables[tag] == nil {
			return nil, fmt.Errorf("font has no %q table (only TrueType outlines can be embedded)", tag)
		}
	}
	head, hhea, maxp := tables["head"], tables["hhea"], tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("font tables cut short")
	}
	long := binary.BigEndian.Uint16(head[50:]) != 0
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	loca, glyf := tables["loca"], tables["glyf"]

	keep := make([]bool, numGlyphs)
	keep[0] = true
	var queue []int
	for gid, u := range used {
		if u && gid < numGlyphs && !keep[gid] {
			keep[gid] = true
			queue = append(queue, gid)
		}
	}
	queue = append(queue, 0)
	for len(queue) > 0 {
		gid := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		g, err := glyphRange(loca, glyf, long, gid)
		if err != nil {
			return nil, err
		}
		for _, c := range components(g) {
			if c < numGlyphs && !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		}
	}
	last := 0
	for gid, k := range keep {
		if k {
			last = gid
		}
	}
	n := last + 1

	// The outlines kept, each on a four-byte boundary, and their new index.
	var newGlyf []byte
	newLoca := make([]byte, 0, 4*(n+1))
	put := func(off int) {
		if long {
			newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(off))
		} else {
			newLoca = binary.BigEndian.AppendUint16(newLoca, uint16(off/2))
		}
	}
	for gid := range n {
		put(len(newGlyf))
		if !keep[gid] {
			continue
		}
		g, err := glyphRange(loca, glyf, long, gid)
		if err != nil {
			return nil, err
		}
		newGlyf = append(newGlyf, g...)
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	put(len(newGlyf))
	if !long && len(newGlyf) > 0x1FFFE {
		return nil, errors.New("font subset too large for its short glyph index")
	}

	// The metrics of the glyphs up to the last kept: whole records as far as the font has
	// them, then left side bearings.
	hmtx := tables["hmtx"]
	metrics := int(binary.BigEndian.Uint16(hhea[34:]))
	newMetrics := min(metrics, n)
	size := 4*newMetrics + 2*(n-newMetrics)
	if metrics == 0 || metrics > numGlyphs || len(hmtx) < size {
		return nil, errors.New("font metrics cut short")
	}
	newHmtx := slices.Clone(hmtx[:size])

	newHead := slices.Clone(head)
	binary.BigEndian.PutUint32(newHead[8:], 0) // checkSumAdjustment, set below
	newHhea := slices.Clone(hhea)
	binary.BigEndian.PutUint16(newHhea[34:], uint16(newMetrics))
	newMaxp := slices.Clone(maxp)
	binary.BigEndian.PutUint16(newMaxp[4:], uint16(n))

	replaced := map[string][]byte{"glyf": newGlyf, "loca": newLoca, "hmtx": newHmtx, "head": newHead, "hhea": newHhea, "maxp": newMaxp,
		"cmap": cmapOf(chars, n)}
	var out []fontTable
	for _, tag := range subsetTables {
		data, ok := replaced[tag]
		if !ok {
			if data, ok = tables[tag]; !ok {
				continue
			}
		}
		out = append(out, fontTable{tag, data})
	}
	return assembleFont(out), nil
}

// assembleFont writes tables (sorted by tag) as a TrueType file, with their checksums and the
// head table's checksum adjustment.
func assembleFont(tables []fontTable) []byte {
	n := len(tables)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	buf := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(buf, 0x00010000)
	binary.BigEndian.PutUint16(buf[4:], uint16(n))
	binary.BigEndian.PutUint16(buf[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(buf[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(buf[10:], uint16(16*n-searchRange))
	headAt := -1
	for i, t := range tables {
		off := len(buf)
		if t.tag == "head" {
			headAt = off
		}
		buf = append(buf, t.data...)
		for len(buf)%4 != 0 {
			buf = append(buf, 0)
		}
		rec := buf[12+16*i:]
		copy(rec, t.tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(buf[off:]))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(buf[headAt+8:], 0xB1B0AFBA-checksum(buf))
	}
	return buf
}

// checksum is the TrueType checksum of data (padded with zeros to four bytes).
func checksum(data []byte) uint32 {
	var sum uint32
	for i := 0; i < len(data); i += 4 {
		var w [4]byte
		copy(w[:], data[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// cmapOf is a character map (format 4, Windows Unicode) of the characters drawn with glyphs
// below n: chars[gid] is the character glyph gid was drawn for.
func cmapOf(chars []rune, n int) []byte {
	type pair struct {
		r   rune
		gid int
	}
	var pairs []pair
	for gid, r := range chars[:min(n, len(chars))] {
		if r > 0 && r < 0xFFFF {
			pairs = append(pairs, pair{r, gid})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return int(a.r - b.r) })
	// Segments of consecutive characters whose glyphs are consecutive too, and the
	// segment the format ends with.
	type segment struct{ start, end, delta int }
	var segs []segment
	for _, p := range pairs {
		if k := len(segs) - 1; k >= 0 && int(p.r) == segs[k].end+1 && p.gid-int(p.r) == segs[k].delta {
			segs[k].end++
			continue
		}
		segs = append(segs, segment{int(p.r), int(p.r), p.gid - int(p.r)})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1})
	count := len(segs)
	sel := 0
	for 1<<(sel+1) <= count {
		sel++
	}
	rng := 2 << sel
	sub := binary.BigEndian.AppendUint16(nil, 4)
	sub = binary.BigEndian.AppendUint16(sub, uint16(16+8*count))
	sub = binary.BigEndian.AppendUint16(sub, 0)
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*count))
	sub = binary.BigEndian.AppendUint16(sub, uint16(rng))
	sub = binary.BigEndian.AppendUint16(sub, uint16(sel))
	sub = binary.BigEndian.AppendUint16(sub, uint16(2*count-rng))
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, uint16(s.end))
	}
	sub = binary.BigEndian.AppendUint16(sub, 0)
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, uint16(s.start))
	}
	for _, s := range segs {
		sub = binary.BigEndian.AppendUint16(sub, uint16(s.delta))
	}
	for range segs {
		sub = binary.BigEndian.AppendUint16(sub, 0)
	}
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}
