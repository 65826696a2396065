package typeset

import (
	"math"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/assets"
)

// textStyle is how a run of text is set. Styles are shared by pointer, so runs compare styles
// by identity.
type textStyle struct {
	face     *Face
	size     float64
	tracking float64 // points added after each character (letter-spacing)
	rise     float64 // baseline shift upwards, points (note references)
	link     string  // URL the run links to (screen PDFs)
	// noHyph keeps the hyphenator off the run: words in a language without patterns.
	noHyph bool
	// hyph hyphenates the run when it is in another language than its paragraph (nil: the
	// paragraph's).
	hyph *Hyphenator
	// lang is the run's language when it is not the book's (a span's, an essay's own): the
	// PDF marks its text with it.
	lang langID
	// drawn is one more than the style's number as a set text's (textStyleOf), once known:
	// looked up once, not for each of the millions of texts drawn in it.
	drawn atomic.Int32
}

// drawID is the number of the style a text drawn in st has: its face, size and language.
func (st *textStyle) drawID() styleID {
	if id := st.drawn.Load(); id > 0 {
		return styleID(id - 1)
	}
	id := textStyleOf(st.face, st.size, st.lang)
	st.drawn.Store(int32(id) + 1)
	return id
}

// fragment is text set in one style, measured.
type fragment struct {
	text  string
	style *textStyle
	width float64
	// at is the rune offset of the fragment's first character in the paragraph's plain text
	// (text.Plain): where the EPUB puts a print page's marker.
	at int
	// level is the fragment's bidi embedding level: odd is right-to-left (see bidi.go).
	level int8
	// note is the number of the note whose reference mark the fragment is, 0 for text.
	note int
}

// width of s in style st, in points, kerning and tracking included.
func (st *textStyle) width(s string) float64 {
	w := st.face.Width(s) * st.size
	if st.tracking != 0 {
		w += st.tracking * float64(utf8.RuneCountInString(s))
	}
	return w
}

// Run is text drawn at a position on a line, in one face and size.
type Run struct {
	X     float64 // from the left edge of the line
	Text  string
	Face  *Face
	Size  float64
	Rise  float64
	Link  string
	style *textStyle
}

// Line is a set line of text.
type Line struct {
	Runs       []Run
	Width      float64 // the measure the line was set to
	Natural    float64 // the width of its content
	Hyphenated bool
	Overfull   bool
	// At is the rune offset, in the paragraph's plain text, of the line's first character.
	At int
	// Notes are the numbers of the notes whose reference marks the line holds, in order.
	Notes []int
}

// fontSet resolves styles to faces and finds a face for characters the body font lacks.
type fontSet struct {
	body      *Family
	fallbacks []*Family
	styles    map[styleKey]*textStyle
	missing   func(r rune) // called for a character no bundled face has
	// ownLanguage is set for a section in another language than the book's; hyph is then
	// its patterns (nil when none are bundled: no hyphenation).
	ownLanguage bool
	hyph        *Hyphenator
	// lang is the section's language when it is not the book's.
	lang string
	// rtl sets paragraphs right to left: the section is in Arabic, Hebrew or another such
	// language.
	rtl bool
}

type styleKey struct {
	face     *Face
	size     float64
	tracking float64
	rise     float64
	link     string
	noHyph   bool
	hyph     *Hyphenator
	lang     string
}

// style returns the shared style for the given attributes.
func (fs *fontSet) style(face *Face, size, tracking, rise float64, link string) *textStyle {
	return fs.styleOf(styleKey{face, size, tracking, rise, link, false, nil, ""})
}

// styleOf returns the shared style for a key.
func (fs *fontSet) styleOf(k styleKey) *textStyle {
	if st, ok := fs.styles[k]; ok {
		return st
	}
	lang := k.lang
	if lang == "" {
		lang = fs.lang
	}
	st := &textStyle{face: k.face, size: k.size, tracking: k.tracking, rise: k.rise, link: k.link, noHyph: k.noHyph, hyph: k.hyph, lang: langIDOf(lang)}
	fs.styles[k] = st
	return st
}

// faceFor returns the face that draws r in style s: the body family's, else the first fallback
// family's that has it, else nil.
func (fs *fontSet) faceFor(r rune, s assets.Style) *Face {
	if f := fs.body.Face(s); f.Has(r) {
		return f
	}
	for _, fam := range fs.fallbacks {
		if f := fam.Face(s); f.Has(r) {
			return f
		}
	}
	return nil
}

// inlineStyle is the state of the inline builder while it walks nested markup.
type inlineStyle struct {
	italic, bold, smallCaps bool
	link                    string
	size                    float64
	rise                    float64     // baseline shift of sub- and superscripts
	noHyph                  bool        // a language without patterns: not hyphenated
	hyph                    *Hyphenator // a language span's patterns (nil: the paragraph's)
	lang                    string      // a language span's tag
}

func (s inlineStyle) fontStyle() assets.Style { return assets.StyleOf(s.bold, s.italic) }

// smallCapsScale is the size of synthetic small capitals relative to the text: the bundled
// fonts' small caps are OpenType alternates the PDF cannot reach by character, so lowercase
// letters are set as capitals at this scale, letter-spaced a little.
const smallCapsScale = 0.78

// scriptScale is the size of sub- and superscripts relative to the text.
const scriptScale = 0.68

// paraBuilder turns inline content into the items of one paragraph.
type paraBuilder struct {
	fs        *fontSet
	hyph      *Hyphenator
	hyphenate bool
	items     []item
	word      []fragment // the word being collected, possibly in several styles
	// tail is the text of the word's last fragment while it grows (growing is set then),
	// unless whole is set: the fragment is still the one piece it began with, in its text.
	tail    []byte
	growing bool
	whole   bool
	// pos counts the runes of plain text taken so far, for fragments' offsets.
	pos int
	// noteMarks gives the text of a note reference mark.
	noteMarks func(*text.Note) string
	// bidi is set once a right-to-left character is added: the paragraph's levels must be
	// resolved before its lines are drawn.
	bidi bool
	// slab holds the one-fragment lists of boxes and hyphens, a chunk at a time: a book has
	// millions of boxes, and one allocation each was a tenth of setting it.
	slab []fragment
}

// oneFragment returns a list of the one fragment f. It is capped at its length, so that a
// list grown later (bidi reordering, joined boxes) is copied rather than written over its
// neighbour.
func (pb *paraBuilder) oneFragment(f fragment) []fragment {
	if len(pb.slab) == cap(pb.slab) {
		pb.slab = make([]fragment, 0, 128)
	}
	pb.slab = append(pb.slab, f)
	n := len(pb.slab)
	return pb.slab[n-1 : n : n]
}

func (pb *paraBuilder) addText(s string, st inlineStyle) {
	s = norm.NFC.String(s)
	// Runs of ordinary characters the body face has are sliced from s as they are: prose is
	// almost all such runs, and slicing spares a string per character.
	var plain *textStyle
	if !st.smallCaps {
		plain = pb.fs.styleOf(styleKey{pb.fs.body.Face(st.fontStyle()), st.size, 0, st.rise, st.link, st.noHyph, st.hyph, st.lang})
	}
	run, runAt := -1, 0 // start of the current run of plain characters in s, and its offset
	flushRun := func(end int) {
		if run >= 0 && end > run {
			pb.appendFragment(s[run:end], plain, runAt)
		}
		run = -1
	}
	for i, r := range s {
		at := pb.pos
		pb.pos++
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\u2003' || r == '\u2002':
			flushRun(i)
			pb.flushWord()
			pb.space(st)
		case r == '\u00a0' || r == '\u202f':
			// A no-break space: glue where no line may end.
			flushRun(i)
			pb.flushWord()
			pb.items = append(pb.items, item{kind: penaltyItem, penalty: infPenalty})
			pb.space(st)
		case r == '\u200b':
			flushRun(i)
			pb.flushWord()
			pb.items = append(pb.items, item{kind: penaltyItem})
		case r == '\u00ad':
			flushRun(i)
			pb.flushWord()
			pb.items = append(pb.items, pb.hyphenPenalty(st))
		case plain != nil && plain.face.Has(r):
			if run < 0 {
				run, runAt = i, at
			}
			if r >= 0x0590 && isRTLRune(r) {
				pb.bidi = true // a body face that draws Arabic or Hebrew itself
			}
		default:
			flushRun(i)
			pb.addRune(r, st, at)
		}
	}
	flushRun(len(s))
}

// appendFragment adds text in style to the current word, joining the previous fragment when
// the style is the same.
func (pb *paraBuilder) appendFragment(text string, style *textStyle, at int) {
	if n := len(pb.word); n > 0 && pb.word[n-1].style == style && pb.growing {
		// The last fragment's text grows in a buffer: adding to a string a character at a
		// time costs the square of a long word (100,000 "[" took seconds).
		if pb.whole {
			pb.tail, pb.whole = append(pb.tail[:0], pb.word[n-1].text...), false
		}
		pb.tail = append(pb.tail, text...)
		return
	}
	pb.seal()
	// A fragment of one piece (nearly every word: a slice of the paragraph's text) keeps that
	// piece; only one that grows is copied into the buffer.
	pb.word = append(pb.word, fragment{text: text, style: style, at: at})
	pb.growing, pb.whole = true, true
}

// seal gives the last fragment of the word the text collected for it.
func (pb *paraBuilder) seal() {
	if pb.growing {
		if !pb.whole {
			pb.word[len(pb.word)-1].text = string(pb.tail)
		}
		pb.tail, pb.growing, pb.whole = pb.tail[:0], false, false
	}
}

// addRune appends r to the current word in style st (small caps applied, missing glyphs
// resolved to a fallback face or dropped and reported).
func (pb *paraBuilder) addRune(r rune, st inlineStyle, at int) {
	size, tracking := st.size, 0.0
	if isRTLRune(r) {
		pb.bidi = true
	}
	// Small capitals are letter-spaced capitals: a script without case (Arabic, Hebrew)
	// has none, and is set as it is, its letters joined.
	caseless := unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r)
	if st.smallCaps && !caseless {
		tracking = 0.05 * st.size
		// The font's own small capitals where it has them (see SmallCaps): the word in
		// one face, as written; else capitals scaled down.
		if sc := pb.fs.body.Face(st.fontStyle()).SmallCaps(); sc != nil && sc.Has(r) && (!unicode.IsLower(r) || sc.scRunes[r]) {
			pb.appendFragment(string(r), pb.fs.styleOf(styleKey{sc, size, tracking, st.rise, st.link, st.noHyph, st.hyph, st.lang}), at)
			return
		}
		if unicode.IsLower(r) {
			r = unicode.ToUpper(r)
			size = st.size * smallCapsScale
		}
	}
	face := pb.fs.faceFor(r, st.fontStyle())
	if face == nil {
		if pb.dots(r, st, at) {
			return
		}
		if pb.fs.missing != nil {
			pb.fs.missing(r)
		}
		return
	}
	pb.appendFragment(string(r), pb.fs.styleOf(styleKey{face, size, tracking, st.rise, st.link, st.noHyph, st.hyph, st.lang}), at)
}

// dotMarks are the marks no bundled font has that are only dots: the vertical ellipsis that
// stands for lines left out of a poem, the midline ellipsis. Each is three full stops, set
// one above another or raised, so that nothing of the text is lost for want of a glyph.
var dotMarks = map[rune]struct{ dx, dy, rise float64 }{
	'\u22EE': {0, 0.3, 0},     // ⋮
	'\u22EF': {1, 0, 0.22},    // ⋯
	'\u2E3D': {0, 0.22, 0.05}, // ⸽ (six dots would be too many; three read as the same mark)
}

// dots sets a dot mark (see dotMarks) as one box of three full stops; false for other runes.
func (pb *paraBuilder) dots(r rune, st inlineStyle, at int) bool {
	m, ok := dotMarks[r]
	if !ok {
		return false
	}
	face := pb.fs.body.Face(st.fontStyle())
	w := face.Advance('.') * st.size
	pb.flushWord()
	var frags []fragment
	for i := 0; i < 3; i++ {
		style := pb.fs.styleOf(styleKey{face, st.size, 0, st.rise + (m.rise+m.dy*float64(i))*st.size, st.link, st.noHyph, st.hyph, st.lang})
		fw := m.dx * w
		if i == 2 {
			fw = w
		}
		frags = append(frags, fragment{text: ".", style: style, width: fw, at: at})
	}
	pb.items = append(pb.items, item{kind: boxItem, width: w * (1 + 2*m.dx), frags: frags})
	return true
}

func (pb *paraBuilder) space(st inlineStyle) {
	face := pb.fs.body.Face(st.fontStyle())
	w := face.Advance(' ') * st.size
	// TeX's interword glue: stretch a half, shrink a third of the space.
	pb.items = append(pb.items, item{kind: glueItem, width: w, stretch: w / 2, shrink: w / 3})
}

func (pb *paraBuilder) hyphenPenalty(st inlineStyle) item {
	face := pb.fs.body.Face(st.fontStyle())
	style := pb.fs.style(face, st.size, 0, 0, st.link)
	w := style.width("-")
	return item{kind: penaltyItem, width: w, penalty: 50, flagged: true, frags: []fragment{{text: "-", style: style, width: w}}}
}

// noteRef appends a note's reference mark, raised and smaller, to the current word.
func (pb *paraBuilder) noteRef(mark string, note int, st inlineStyle) {
	face := pb.fs.body.Face(assets.Regular)
	style := pb.fs.style(face, st.size*0.65, 0, st.size*0.38, st.link)
	pb.seal()
	pb.word = append(pb.word, fragment{text: mark, style: style, at: pb.pos, note: note})
}

// flushWord turns the collected word into boxes, with hyphenation points and breaks after
// explicit hyphens and dashes.
func (pb *paraBuilder) flushWord() {
	if len(pb.word) == 0 {
		return
	}
	pb.seal()
	for _, fr := range pb.word {
		pb.fragmentItems(fr)
	}
	pb.word = pb.word[:0]
}

func (pb *paraBuilder) fragmentItems(fr fragment) {
	if fr.note > 0 {
		// A note's reference mark: one box, never broken, that keeps its note's number
		// (Line.Notes: a note at the foot of the page goes where its mark does).
		fr.width = fr.style.width(fr.text)
		pb.items = append(pb.items, item{kind: boxItem, width: fr.width, frags: []fragment{fr}})
		return
	}
	s := fr.text
	at := fr.at
	for s != "" {
		// Split after an explicit hyphen or dash: a line may end there.
		i := strings.IndexAny(s, "-\u2010\u2013\u2014/")
		if i < 0 || i == len(s)-1 {
			pb.chunkItems(s, fr.style, at)
			return
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		pb.chunkItems(s[:i+size], fr.style, at)
		at += utf8.RuneCountInString(s[:i+size])
		dash := s[i : i+size]
		switch dash {
		case "-", "\u2010":
			pb.items = append(pb.items, item{kind: penaltyItem, penalty: 50, flagged: true})
		default:
			pb.items = append(pb.items, item{kind: penaltyItem, penalty: 50})
		}
		s = s[i+size:]
	}
}

// chunkItems adds the boxes of a piece of a word, hyphenating its letters where allowed.
func (pb *paraBuilder) chunkItems(s string, st *textStyle, at int) {
	hyph := pb.hyph
	if st.hyph != nil {
		hyph = st.hyph
	}
	if pb.hyphenate && hyph != nil && st.tracking == 0 && !st.noHyph {
		// Hyphenate the letters between leading and trailing punctuation.
		start := strings.IndexFunc(s, unicode.IsLetter)
		end := strings.LastIndexFunc(s, unicode.IsLetter)
		if start >= 0 {
			_, lastSize := utf8.DecodeRuneInString(s[end:])
			core := s[start : end+lastSize]
			points := hyph.Points(core)
			if len(points) > 0 {
				hyphenStyle := st
				hw := hyphenStyle.width("-")
				prev := 0 // byte offset in s of the current piece's start
				ri := 0
				for bi := range core {
					if len(points) > 0 && ri == points[0] {
						cut := start + bi
						pb.box(s[prev:cut], st, at+utf8.RuneCountInString(s[:prev]))
						pb.items = append(pb.items, item{kind: penaltyItem, width: hw, penalty: 50, flagged: true,
							frags: pb.oneFragment(fragment{text: "-", style: hyphenStyle, width: hw})})
						prev = cut
						points = points[1:]
					}
					ri++
				}
				pb.box(s[prev:], st, at+utf8.RuneCountInString(s[:prev]))
				return
			}
		}
	}
	pb.box(s, st, at)
}

func (pb *paraBuilder) box(s string, st *textStyle, at int) {
	if s == "" {
		return
	}
	if st.tracking == 0 { // letter-spaced small capitals keep their letters apart
		s = st.face.ligate(s)
	}
	if pb.bidi {
		s = shapeArabic(s, st.face.Has)
	}
	w := st.width(s)
	pb.items = append(pb.items, item{kind: boxItem, width: w, frags: pb.oneFragment(fragment{text: s, style: st, width: w, at: at})})
}

// inlines walks inline content.
func (pb *paraBuilder) inlines(content []text.Inline, st inlineStyle) {
	for _, in := range content {
		switch x := in.(type) {
		case *text.Text:
			pb.addText(x.Text, st)
		case *text.Emphasis:
			s := st
			s.italic = !s.italic
			pb.inlines(x.Content, s)
		case *text.Strong:
			s := st
			s.bold = true
			pb.inlines(x.Content, s)
		case *text.SmallCaps:
			s := st
			s.smallCaps = true
			pb.inlines(x.Content, s)
		case *text.Link:
			s := st
			s.link = x.URL
			pb.inlines(x.Content, s)
		case *text.Subscript:
			s := st
			s.size, s.rise = st.size*scriptScale, st.rise-st.size*0.15
			pb.inlines(x.Content, s)
		case *text.Superscript:
			s := st
			s.size, s.rise = st.size*scriptScale, st.rise+st.size*0.36
			pb.inlines(x.Content, s)
		case *text.Span:
			s := st
			// A passage in another language is hyphenated by its own patterns; a word in a
			// language without them is better not broken than broken wrongly.
			h, _ := HyphenatorFor(x.Lang)
			s.hyph, s.noHyph, s.lang = h, h == nil, x.Lang
			pb.inlines(x.Content, s)
		case *text.Abbr:
			pb.inlines(x.Content, st)
		case *text.NoteRef:
			mark := ""
			if pb.noteMarks != nil {
				mark = pb.noteMarks(x.Note)
			}
			pb.noteRef(mark, x.Note.Number, st)
		case *text.LineBreak:
			pb.flushWord()
			pb.pos++ // text.Plain writes a line break as a space
			pb.items = append(pb.items, item{kind: penaltyItem, penalty: infPenalty}, item{kind: glueItem, fil: true},
				item{kind: penaltyItem, penalty: -infPenalty})
		}
	}
}

// finish ends the paragraph: the last line's spaces keep their natural width.
func (pb *paraBuilder) finish() []item {
	pb.flushWord()
	// Trailing spaces would only stretch the last line.
	for len(pb.items) > 0 && pb.items[len(pb.items)-1].kind == glueItem {
		pb.items = pb.items[:len(pb.items)-1]
	}
	pb.items = append(pb.items,
		item{kind: penaltyItem, penalty: infPenalty},
		item{kind: glueItem, fil: true},
		item{kind: penaltyItem, penalty: -infPenalty})
	if pb.bidi || pb.fs.rtl {
		pb.resolveLevels()
	}
	return pb.items
}

// setLines breaks items into lines of the given measures, justified, trying stricter passes
// first as TeX does: no hyphenation, then hyphenation, then looser spacing, then anything that
// is not overfull, splitting words longer than the line if it must.
//
// Lines from sameFrom on all have the measure width(sameFrom).
func setLines(items []item, width func(int) float64, sameFrom int, justify bool) []*Line {
	if !justify {
		return greedyLines(items, width)
	}
	passes := []breakParams{defaultParams, defaultParams, defaultParams, defaultParams}
	for i := range passes {
		passes[i].sameFrom = sameFrom
	}
	passes[0].tolerance, passes[0].hyphenate = 100, false
	passes[2].tolerance, passes[2].emergencyStretch = 1000, 0.12*width(0)
	passes[3].tolerance, passes[3].emergencyStretch, passes[3].maxHyphens = 10000, 0.25*width(0), 3
	var fallback []int
	sums := prefixSums(items)
	for _, p := range passes {
		breaks, ok := breakPointsWith(items, sums, width, p)
		if !ok {
			continue
		}
		// A last line that is only a hyphenated word's tail is the one fault a stricter pass
		// cannot weigh away (the settings without it were too loose for it): a looser pass
		// may set the paragraph without it; if none does, the stricter setting stands.
		if n := len(breaks); n >= 2 && items[breaks[n-2]].flagged && loneTail(items, breaks[n-2]) {
			if fallback == nil {
				fallback = breaks
			}
			continue
		}
		return materialize(items, breaks, width, true)
	}
	if fallback != nil {
		return materialize(items, fallback, width, true)
	}
	// A word wider than the line: let it break between any two letters, and give up the limit
	// on consecutive hyphens (a 200-letter word needs many lines).
	split := splitLongBoxes(items, width(0))
	last := passes[3]
	last.maxHyphens = math.MaxInt32
	if breaks, ok := breakPoints(split, width, last); ok {
		return materialize(split, breaks, width, true)
	}
	return greedyLines(split, width)
}

// splitLongBoxes cuts boxes wider than the measure into letters, with a break allowed between
// any two (no hyphen is added: such words are URLs and the like).
func splitLongBoxes(items []item, measure float64) []item {
	var out []item
	for _, it := range items {
		if it.kind != boxItem || it.width <= measure*0.9 || len(it.frags) != 1 {
			out = append(out, it)
			continue
		}
		fr := it.frags[0]
		k := 0
		for i, r := range fr.text {
			if i > 0 {
				out = append(out, item{kind: penaltyItem, penalty: 100})
			}
			w := fr.style.width(string(r))
			out = append(out, item{kind: boxItem, width: w, frags: []fragment{{text: string(r), style: fr.style, width: w, at: fr.at + k}}})
			k++
		}
	}
	return out
}

// greedyLines fills lines one after another with natural spacing: for ragged and centred text
// (titles, headings, verse), where even spacing matters more than an even right edge.
func greedyLines(items []item, width func(int) float64) []*Line {
	var breaks []int
	lineStart := 0
	w := 0.0
	lastBreak := -1
	line := 0
	for i := 0; i < len(items); i++ {
		it := items[i]
		if it.kind == penaltyItem && it.penalty <= -infPenalty {
			breaks = append(breaks, i)
			line++
			lineStart, w, lastBreak = i+1, 0, -1
			continue
		}
		legal := (it.kind == glueItem && i > lineStart && items[i-1].kind == boxItem) ||
			(it.kind == penaltyItem && it.penalty < infPenalty)
		if legal && i > lineStart {
			lastBreak = i
		}
		if it.kind == boxItem || it.kind == glueItem {
			w += it.width
		}
		if it.kind == boxItem && w > width(line) && lastBreak > lineStart {
			breaks = append(breaks, lastBreak)
			line++
			i = lastBreak
			// Skip what vanishes at the start of a line.
			for i+1 < len(items) && items[i+1].kind != boxItem && !(items[i+1].kind == penaltyItem && items[i+1].penalty <= -infPenalty) {
				i++
			}
			lineStart, w, lastBreak = i+1, 0, -1
		}
	}
	if len(breaks) == 0 || breaks[len(breaks)-1] != len(items)-1 {
		breaks = append(breaks, len(items)-1)
	}
	return materialize(items, breaks, width, false)
}

// materialize positions the boxes of each line: glue set to fill the measure when justify is
// set (the last line and lines ending in a forced break keep natural spacing).
func materialize(items []item, breaks []int, width func(int) float64, justify bool) []*Line {
	var lines []*Line
	start := 0
	for li, end := range breaks {
		// Drop what vanishes at the start of a line.
		for start < end && items[start].kind != boxItem {
			start++
		}
		lw := width(li)
		natural, stretch, shrink := 0.0, 0.0, 0.0
		fil := false
		for i := start; i < end; i++ {
			it := items[i]
			switch it.kind {
			case boxItem:
				natural += it.width
			case glueItem:
				natural += it.width
				stretch += it.stretch
				shrink += it.shrink
				fil = fil || it.fil
			}
		}
		brk := items[end]
		if brk.kind == penaltyItem {
			natural += brk.width
		}
		// A line ending the paragraph (fil) keeps natural spaces unless it must shrink to fit.
		ratio := 0.0
		if justify {
			if natural < lw && stretch > 0 && !fil {
				ratio = (lw - natural) / stretch
			} else if natural > lw && shrink > 0 {
				ratio = math.Max((lw-natural)/shrink, -1)
			}
		}
		line := &Line{Width: lw, At: -1}
		for i := start; i <= end && i < len(items); i++ {
			if i == end && items[i].kind != penaltyItem {
				break
			}
			for _, fr := range items[i].frags {
				if fr.note > 0 {
					line.Notes = append(line.Notes, fr.note)
				}
			}
		}
		x := 0.0
		if !bidiLine(items[start:end]) {
			// Left to right throughout (nearly every line): each fragment where it falls.
			// A line is about as many runs as words: room for them at once.
			line.Runs = make([]Run, 0, (end-start)/2+2)
			for i := start; i < end; i++ {
				it := items[i]
				switch it.kind {
				case boxItem:
					if len(it.frags) == 0 {
						x += it.width // an indent: space that is part of the line
					}
					for _, fr := range it.frags {
						if line.At < 0 {
							line.At = fr.at
						}
						line.Runs = appendRuns(line.Runs, x, fr)
						x += fr.width
					}
				case glueItem:
					if ratio >= 0 {
						x += it.width + ratio*it.stretch
					} else {
						x += it.width + ratio*it.shrink
					}
				}
			}
			if brk.kind == penaltyItem && len(brk.frags) > 0 {
				for _, fr := range brk.frags {
					line.Runs = appendRuns(line.Runs, x, fr)
					x += fr.width
				}
				line.Hyphenated = brk.flagged
			}
		} else {
			x = bidiMaterialize(line, items[start:end], brk, ratio)
		}
		line.Natural = x
		line.Overfull = x > lw+0.5
		line.At = max(line.At, 0)
		lines = append(lines, line)
		start = end + 1
	}
	return lines
}

// appendRuns adds a fragment at x to runs, splitting it where the font kerns (a PDF string
// cannot carry a kern) or letter-spaces, and joining it to the previous run where it simply
// continues it.
func appendRuns(runs []Run, x float64, fr fragment) []Run {
	st := fr.style
	face := st.face
	startX := x
	segStart := 0
	prev := rune(-1)
	flush := func(end int, at float64) {
		if end <= segStart {
			return
		}
		seg := fr.text[segStart:end]
		if n := len(runs); n > 0 && runs[n-1].style == st && math.Abs(runs[n-1].X+st.width(runs[n-1].Text)-at) < 0.005 &&
			st.tracking == 0 && face.Kern(lastRune(runs[n-1].Text), firstRune(seg)) == 0 {
			runs[n-1].Text += seg
			return
		}
		runs = append(runs, Run{X: at, Text: seg, Face: face, Size: st.size, Rise: st.rise, Link: st.link, style: st})
	}
	cur := startX
	segX := startX
	for i, r := range fr.text {
		if prev >= 0 {
			k := face.Kern(prev, r) * st.size
			if k != 0 || st.tracking != 0 {
				flush(i, segX)
				segStart = i
				cur += k
				segX = cur
			}
		}
		cur += face.Advance(r)*st.size + st.tracking
		prev = r
	}
	flush(len(fr.text), segX)
	return runs
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
