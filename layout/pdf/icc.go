package pdf

import (
	"bytes"
	"encoding/binary"
	"math"
	"slices"
)

// The print interior is black ink on paper, so its PDF/X output intent is a monochrome output
// profile. No freely licensed CMYK printer profile comes with Debian (icc-profiles-free has
// only measurement data and monitor profiles; Ghostscript's are AGPL), and a one-ink profile
// is small enough to make here, from first principles (ICC.1:2001-04, "Monochrome Output
// Profile": description, media white point, copyright and grey tone curve).

// Paper and ink of the grey profile: uncoated book paper, black ink of density 1.6 (solid
// black reflects 2.5 % of the light), 20 % dot gain at the 50 % tone — typical of the
// print-on-demand presses IngramSpark and KDP use for black-and-white interiors.
const (
	grayProfileName = "Anthology Gray, black ink on uncoated paper, 20% dot gain"
	solidBlackY     = 0.025
	dotGainAtHalf   = 0.20
)

// grayOutputProfile returns the ICC v2 monochrome output profile of the print interior.
func grayOutputProfile() []byte {
	s15 := func(v float64) uint32 { return uint32(int32(math.Round(v * 65536))) }
	d50 := [3]float64{0.9642, 1.0, 0.8249}

	var desc bytes.Buffer // textDescriptionType
	desc.WriteString("desc\x00\x00\x00\x00")
	binary.Write(&desc, binary.BigEndian, uint32(len(grayProfileName)+1))
	desc.WriteString(grayProfileName + "\x00")
	desc.Write(make([]byte, 4+4+2+1+67)) // no Unicode or ScriptCode description

	var wtpt bytes.Buffer // XYZType: the paper's white, D50 relative
	wtpt.WriteString("XYZ \x00\x00\x00\x00")
	for _, v := range d50 {
		binary.Write(&wtpt, binary.BigEndian, s15(v))
	}

	var cprt bytes.Buffer // textType
	cprt.WriteString("text\x00\x00\x00\x00No copyright, use freely.\x00")

	var trc bytes.Buffer // curveType: device grey (0 black, 1 paper) to luminance
	const n = 256
	trc.WriteString("curv\x00\x00\x00\x00")
	binary.Write(&trc, binary.BigEndian, uint32(n))
	for i := range n {
		g := float64(i) / (n - 1)
		ink := 1 - g
		ink += 4 * dotGainAtHalf * ink * (1 - ink) // the dot spreads most in the mid-tones
		y := solidBlackY + (1-solidBlackY)*(1-ink)
		binary.Write(&trc, binary.BigEndian, uint16(math.Round(y*65535)))
	}

	tags := []struct {
		sig  string
		data []byte
	}{{"desc", desc.Bytes()}, {"wtpt", wtpt.Bytes()}, {"cprt", cprt.Bytes()}, {"kTRC", trc.Bytes()}}
	offset := 128 + 4 + 12*len(tags)
	var table, data bytes.Buffer
	binary.Write(&table, binary.BigEndian, uint32(len(tags)))
	for _, t := range tags {
		for (offset+data.Len())%4 != 0 {
			data.WriteByte(0)
		}
		table.WriteString(t.sig)
		binary.Write(&table, binary.BigEndian, uint32(offset+data.Len()))
		binary.Write(&table, binary.BigEndian, uint32(len(t.data)))
		data.Write(t.data)
	}
	for (offset+data.Len())%4 != 0 {
		data.WriteByte(0)
	}
	size := offset + data.Len()

	var h bytes.Buffer
	binary.Write(&h, binary.BigEndian, uint32(size))
	h.WriteString("\x00\x00\x00\x00")                 // preferred CMM: none
	h.Write([]byte{0x02, 0x10, 0, 0})                 // version 2.1
	h.WriteString("prtrGRAYXYZ ")                     // class, colour space, PCS
	for _, v := range []uint16{2026, 1, 1, 0, 0, 0} { // creation date, fixed: reproducible
		binary.Write(&h, binary.BigEndian, v)
	}
	h.WriteString("acsp")
	h.Write(make([]byte, 4+4+4+4+8))              // platform, flags, manufacturer, model, attributes
	binary.Write(&h, binary.BigEndian, uint32(1)) // rendering intent: relative colorimetric
	for _, v := range d50 {
		binary.Write(&h, binary.BigEndian, s15(v))
	}
	h.Write(make([]byte, 128-h.Len()))
	return slices.Concat(h.Bytes(), table.Bytes(), data.Bytes())
}
