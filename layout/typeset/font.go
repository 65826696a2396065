package typeset

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/di"
	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
)

// Face is one font face with the metrics the typesetter needs: advance widths as the PDF will
// record them, pair kerning from the font's GPOS table, and coverage.
//
// Widths are in ems (multiply by the size in points). Advances are rounded to 1/1000 em exactly
// as the PDF's /W array rounds them, so a run drawn as one string lands where we measured it.
type Face struct {
	Family string // family key, "charis"
	Style  assets.Style
	Name   string // "Charis SIL Bold Italic", for messages
	Data   []byte // the TrueType file, for embedding

	Ascent, Descent, CapHeight, XHeight float64 // in ems; Descent is positive

	face *gofont.Face
	upem float64
	// adv holds the advance of every BMP rune in 1/1000 em; -1 where the font has no glyph.
	adv []int16
	// gid holds every BMP rune's glyph in the font (0 where it has none): the PDF draws
	// glyphs.
	gid []uint16

	// kerning is false for fonts without kerning (Charis SIL has none): Kern is then free.
	kerning bool
	kerns   sync.Map // pair (a<<16|b) → adjustment in ems; read far more than written
	shaper  shaping.HarfbuzzShaper
	shapeMu sync.Mutex

	// sc is the face's small capitals, made once (see SmallCaps); smallCapsOf the face a
	// small-capitals face was made from.
	scOnce      sync.Once
	sc          *Face
	smallCapsOf *Face
	scRunes     map[rune]bool // the lower-case letters a small-capitals face has its own glyph for
}

// LoadFace parses a TrueType face.
func LoadFace(family string, style assets.Style, name string, data []byte) (*Face, error) {
	face, err := gofont.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	f := &Face{Family: family, Style: style, Name: name, Data: data, face: face, upem: float64(face.Upem())}
	for _, ft := range face.Font.GPOS.Features {
		if ft.Tag == opentype.MustNewTag("kern") {
			f.kerning = true
		}
	}
	f.kerning = f.kerning || len(face.Font.Kern) > 0
	if ext, ok := face.FontHExtents(); ok {
		f.Ascent = float64(ext.Ascender) / f.upem
		f.Descent = -float64(ext.Descender) / f.upem
	}
	f.CapHeight = float64(face.LineMetric(gofont.CapHeight)) / f.upem
	f.XHeight = float64(face.LineMetric(gofont.XHeight)) / f.upem
	f.adv = make([]int16, 0x10000)
	f.gid = make([]uint16, 0x10000)
	for i := range f.adv {
		f.adv[i] = -1
	}
	// Only the characters the font maps: its cmap, walked once.
	for it := face.Cmap.Iter(); it.Next(); {
		r, gid := it.Char()
		if r < 0 || r >= 0x10000 || gid == 0 {
			continue
		}
		f.adv[r] = int16(math.Round(float64(face.HorizontalAdvance(gid)) * 1000 / f.upem))
		f.gid[r] = uint16(gid)
	}
	return f, nil
}

// Glyph returns the font's glyph for r (0, the font's "missing" glyph, for a rune it lacks).
func (f *Face) Glyph(r rune) uint16 {
	if r < 0 || r >= 0x10000 {
		return 0
	}
	return f.gid[r]
}

// Width1000 returns the advance of r in thousandths of an em, as the PDF's /W array records
// it (0 for a rune the face lacks).
func (f *Face) Width1000(r rune) int {
	if !f.Has(r) {
		return 0
	}
	return int(f.adv[r])
}

// Has reports whether the face has a glyph for r. Runes above U+FFFF are never drawn: the PDF
// library cannot encode them.
func (f *Face) Has(r rune) bool {
	return r >= 0 && r < 0x10000 && f.adv[r] >= 0
}

// Advance returns the advance width of r in ems (0 for a rune the face lacks).
func (f *Face) Advance(r rune) float64 {
	if !f.Has(r) {
		return 0
	}
	return float64(f.adv[r]) / 1000
}

// Kern returns the kerning adjustment between a and b in ems (negative pulls them together).
func (f *Face) Kern(a, b rune) float64 {
	if !f.kerning || !f.Has(a) || !f.Has(b) {
		return 0
	}
	// Right-to-left letters are kerned in the order they are read, which pair shaping in a
	// left-to-right run cannot measure: they are set as their advances give them.
	if isRTLRune(a) || isRTLRune(b) {
		return 0
	}
	key := uint32(a)<<16 | uint32(b)
	if k, ok := f.kerns.Load(key); ok {
		return k.(float64)
	}
	k := f.shapePair(a, b)
	f.kerns.Store(key, k)
	return k
}

// kernFeatures turn kerning on and every glyph substitution off: the PDF draws characters, not
// glyph ids, so a ligature could not be drawn.
var kernFeatures = []shaping.FontFeature{
	{Tag: opentype.MustNewTag("kern"), Value: 1},
	{Tag: opentype.MustNewTag("liga"), Value: 0},
	{Tag: opentype.MustNewTag("clig"), Value: 0},
	{Tag: opentype.MustNewTag("calt"), Value: 0},
}

// shapePair measures the pair ab with the font's own shaping and returns how far its first
// advance differs from the nominal one: that difference is the pair's kerning.
func (f *Face) shapePair(a, b rune) float64 {
	f.shapeMu.Lock()
	defer f.shapeMu.Unlock()
	in := shaping.Input{
		Text: []rune{a, b}, RunStart: 0, RunEnd: 2,
		Direction: di.DirectionLTR, Face: f.face,
		Size:         fixed.Int26_6(int(f.upem) << 6),
		Script:       language.Latin,
		Language:     language.NewLanguage("en"),
		FontFeatures: kernFeatures,
	}
	out := f.shaper.Shape(in)
	if len(out.Glyphs) != 2 {
		return 0
	}
	shaped := float64(out.Glyphs[0].XAdvance) / 64 / f.upem
	k := shaped - f.Advance(a)
	// Below 1/1000 em a kern is rounding, not design.
	if math.Abs(k) < 0.001 {
		return 0
	}
	return math.Round(k*1000) / 1000
}

// Width returns the width of s in ems, kerning included.
func (f *Face) Width(s string) float64 {
	w := 0.0
	prev := rune(-1)
	for _, r := range s {
		w += f.Advance(r)
		if prev >= 0 {
			w += f.Kern(prev, r)
		}
		prev = r
	}
	return w
}

// Family is a font family's four faces, each parsed the first time it is needed (a book set
// in roman and italic never pays for the bold).
type Family struct {
	Key  string
	Name string

	info assets.Family
	// files are a project family's faces by style (nil for a bundled family); a style the
	// project lacks is the nearest it has.
	files [4][]byte
	once  [4]sync.Once
	faces [4]*Face
	errs  [4]error
}

// Face returns the face for a style. A bundled face that fails to parse is a build error, so
// it panics (the assets tests parse every face).
func (fam *Family) Face(s assets.Style) *Face {
	fam.once[s].Do(func() {
		var data []byte
		var err error
		if fam.files[assets.Regular] != nil {
			data = fam.files[s]
		} else {
			data, err = fam.info.Face(s)
		}
		if err == nil {
			fam.faces[s], err = LoadFace(fam.Key, s, fam.Name+" "+s.String(), data)
		}
		fam.errs[s] = err
	})
	if fam.errs[s] != nil {
		// The loader parsed every project face; a bundled one is parsed by the assets tests.
		panic(fmt.Sprintf("font %s %s: %v", fam.Key, s, fam.errs[s]))
	}
	return fam.faces[s]
}

// ProjectFamilies makes the families of a project's own fonts (fonts/ in the project), in the
// order their files come. Each family's key is "proj", its name in lower-case letters and
// digits and its number; a style it lacks is set in the nearest it has (italic and bold in the roman, bold
// italic in the bold or the italic).
func ProjectFamilies(fonts []*anthology.FontFile) []*Family {
	var out []*Family
	byName := map[string]*Family{}
	for _, f := range fonts {
		fam := byName[f.Family]
		if fam == nil {
			// The key names the face in the PDF writer, which takes letters and digits only.
			key := "proj" + strings.Map(func(r rune) rune {
				if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
					return unicode.ToLower(r)
				}
				return -1
			}, f.Family)
			fam = &Family{Key: fmt.Sprintf("%s%d", key, len(out)+1), Name: f.Family}
			byName[f.Family] = fam
			out = append(out, fam)
		}
		fam.files[f.StyleOf()] = f.Data
	}
	for _, fam := range out {
		fs := &fam.files
		first := func(styles ...assets.Style) []byte {
			for _, st := range styles {
				if fs[st] != nil {
					return fs[st]
				}
			}
			return nil
		}
		fs[assets.Regular] = first(assets.Regular, assets.Italic, assets.Bold, assets.BoldItalic)
		fs[assets.Italic] = first(assets.Italic, assets.Regular)
		fs[assets.Bold] = first(assets.Bold, assets.Regular)
		fs[assets.BoldItalic] = first(assets.BoldItalic, assets.Bold, assets.Italic)
	}
	return out
}

// families returns the body family (a project's, by name, or a bundled one, by key) and the
// fallbacks that draw what it lacks, in the order they are asked: the project's other fonts,
// the other book families, then the scripts' faces.
func families(body string, project []*Family) (*Family, []*Family, error) {
	var main *Family
	var rest []*Family
	for _, fam := range project {
		if main == nil && strings.EqualFold(fam.Name, body) {
			main = fam
		} else {
			rest = append(rest, fam)
		}
	}
	for _, f := range slices.Concat(assets.Families, assets.ScriptFamilies) {
		fam, err := LoadFamily(f.Key)
		if err != nil {
			return nil, nil, err
		}
		if main == nil && f.Key == strings.ToLower(body) {
			main = fam
			continue
		}
		rest = append(rest, fam)
	}
	if main == nil {
		return nil, nil, fmt.Errorf("unknown font family %q", body)
	}
	return main, rest, nil
}

var (
	familyMu    sync.Mutex
	familyCache = map[string]*Family{}
)

// LoadFamily returns a bundled family by key ("charis"); it is made once per process, and its
// faces are parsed as they are first used.
func LoadFamily(key string) (*Family, error) {
	familyMu.Lock()
	defer familyMu.Unlock()
	if fam, ok := familyCache[key]; ok {
		return fam, nil
	}
	info, ok := assets.LookupFamily(key)
	if !ok {
		return nil, fmt.Errorf("unknown font family %q", key)
	}
	fam := &Family{Key: info.Key, Name: info.Name, info: info}
	familyCache[key] = fam
	return fam, nil
}

// Coverage returns a test of whether family (a bundled key or one of the project's fonts)
// has a glyph for a character (in its regular face), and whether any face the book may draw
// from has one: what "anthology check" asks of the print font.
func Coverage(family string, project []*anthology.FontFile) (func(r rune) (inFont, inAny bool), error) {
	body, rest, err := families(family, ProjectFamilies(project))
	if err != nil {
		return nil, err
	}
	return func(r rune) (bool, bool) {
		if body.Face(assets.Regular).Has(r) {
			return true, true
		}
		for _, fam := range rest {
			if fam.Face(assets.Regular).Has(r) {
				return false, true
			}
		}
		return false, false
	}, nil
}

// ligatures are the standard ligatures, longest first, with their Unicode characters. A face
// that has the characters draws them; the PDF's text still reads "fi" (package pdf maps them
// back in each font's ToUnicode table).
var ligatures = []struct{ from, to string }{
	{"ffi", "\ufb03"}, {"ffl", "\ufb04"}, {"ff", "\ufb00"}, {"fi", "\ufb01"}, {"fl", "\ufb02"},
}

// ligate replaces the letter pairs and triples of s that the face has a ligature for. Pieces
// of words are ligated after hyphenation, so a ligature never spans a possible break.
func (f *Face) ligate(s string) string {
	if !strings.Contains(s, "f") {
		return s
	}
	for _, l := range ligatures {
		if strings.Contains(s, l.from) && f.Has([]rune(l.to)[0]) {
			s = strings.ReplaceAll(s, l.from, l.to)
		}
	}
	return s
}
