package typeset

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
)

// setter holds what setting one book needs.
type setter struct {
	ed        *layout.Edition
	o         Options
	g         Geometry
	hyph      *Hyphenator
	body      *Family
	fallbacks []*Family

	missingMu sync.Mutex
	missing   map[string]map[rune]bool // section ID → characters no face has
	notices   map[string][]string      // section ID → problems that do not stop the print edition

	// labels are the page labels sections began on in the previous round (contents, bios).
	labels map[string]string
	// given are the pages handed to Options.PageDone, which may have dropped their texts
	// since, and givenStyles the styles those texts were drawn in.
	given       map[*Page]bool
	givenStyles map[styleID]bool
}

// gline is one element of a galley: a line of text (or an ornament) with what pagination must
// know about it. Positions are relative: X from the text block's left edge, Y from the line's
// baseline.
type gline struct {
	line  *Line
	x     float64 // left offset of the line in the text block
	lead  float64 // baseline-to-baseline distance from the element before
	space float64 // extra space before, dropped at the top of a page
	// keep forbids a page break after this element; noBreakBefore one before it.
	keep, noBreakBefore bool
	// para, idx and count place a line in its paragraph (para -1 when not a paragraph line).
	para, idx, count int
	ornament         bool
	// snap puts the line back on the page's baseline grid after off-grid material.
	snap    bool
	pos     Position
	anchors []string
	texts   []Text // extra material drawn with the line (drop cap, leaders, markers)
	rules   []Rule
	links   []Link
	// pictures are drawn above the baseline (Y negative); tall is how far the line's baseline
	// sits below the first baseline when it opens a page.
	pictures []Picture
	tall     float64
	// src is the paragraph the line was set from, for re-setting it (justified text only).
	src *paraSource
}

// galley is a section set as a column of lines, not yet cut into pages.
type galley struct {
	sec   *layout.Section
	lines []*gline
	// recto: the section starts on a right-hand page. opener: its first page is an opener
	// (title sunk, no running head). fixed: one page whose lines sit at absolute positions
	// (lead is the baseline's distance from the top of the text block). bottom: a fixed page
	// whose text sits at the foot.
	recto, opener, fixed, bottom bool
	// folio: the section's pages carry page numbers.
	folio bool
	// rtl: the section is right to left, its lines drawn mirrored in the text block.
	rtl                  bool
	headVerso, headRecto string
	sink                 float64
	// footnotes are the lines of each note by its number, when the notes are set at the foot
	// of the page of their reference (Options.FootNotes); nil otherwise.
	footnotes map[int][]*gline
}

// fontSet returns a font set for one galley (styles are cached per galley, so galleys can be
// set in parallel), reporting missing characters against the section.
func (s *setter) fontSet(sec *layout.Section) *fontSet {
	fs := s.newFontSet(sec)
	// An essay in another language than the book's is hyphenated by its own patterns.
	if sec.Essay != nil && sec.Essay.Meta.Language != "" && !strings.EqualFold(sec.Essay.Meta.Language, s.o.Language) {
		fs.ownLanguage = true
		fs.hyph, _ = HyphenatorFor(sec.Essay.Meta.Language)
		fs.rtl = layout.RightToLeft(sec.Essay.Meta.Language)
		fs.lang = sec.Essay.Meta.Language
	}
	return fs
}

func (s *setter) newFontSet(sec *layout.Section) *fontSet {
	return &fontSet{body: s.body, fallbacks: s.fallbacks, styles: map[styleKey]*textStyle{},
		rtl: layout.RightToLeft(s.o.Language),
		missing: func(r rune) {
			s.missingMu.Lock()
			defer s.missingMu.Unlock()
			m := s.missing[sec.ID]
			if m == nil {
				m = map[rune]bool{}
				s.missing[sec.ID] = m
			}
			m[r] = true
		}}
}

// paraCfg is how a paragraph is set.
type paraCfg struct {
	size, leading float64
	italic, bold  bool
	smallCaps     bool
	indent        float64 // first-line indent
	hang          float64 // hanging indent of lines after the first
	left, right   float64 // block indents
	justify       bool
	center        bool
	// narrow lines at the start (a drop cap): the first narrowLines lines are narrowBy shorter
	// and start narrowBy further right.
	narrowLines int
	narrowBy    float64
	notes       func(*text.Note) string
	// at is the plain-text offset the content starts at in its paragraph (1 after a drop cap's
	// initial), for the positions of page breaks.
	at int
}

// lines sets inline content as a paragraph and returns its galley lines.
func (s *setter) lines(fs *fontSet, content []text.Inline, c paraCfg) []*gline {
	hyph := s.hyph
	if fs.ownLanguage {
		hyph = fs.hyph
	}
	pb := &paraBuilder{fs: fs, hyph: hyph, hyphenate: c.justify, noteMarks: c.notes, pos: c.at}
	// Prose makes about one item (a box, a space, a hyphen) for every 2.6 bytes of text: room
	// for them at once, instead of growing the list a dozen times.
	size := 0
	for _, in := range content {
		if t, ok := in.(*text.Text); ok {
			size += len(t.Text)
		} else {
			size += 16
		}
	}
	pb.items = make([]item, 0, size*10/26+4)
	if c.indent > 0 {
		pb.items = append(pb.items, item{kind: boxItem, width: c.indent})
	}
	pb.inlines(content, inlineStyle{italic: c.italic, bold: c.bold, smallCaps: c.smallCaps, size: c.size})
	items := pb.finish()
	if len(items) <= 3 && c.indent == 0 {
		return nil // nothing but the paragraph's end
	}
	measure := s.g.Measure() - c.left - c.right
	width := func(i int) float64 {
		w := measure
		if i < c.narrowLines {
			w -= c.narrowBy
		}
		if i > 0 {
			w -= c.hang
		}
		return w
	}
	sameFrom := max(c.narrowLines, 1) // the first line has no hang, the narrow ones are narrower
	set := setLines(items, width, sameFrom, c.justify)
	if c.center && len(set) > 1 {
		set = balance(items, set, measure)
	}
	src := &paraSource{items: items, width: width, sameFrom: sameFrom, cfg: c}
	return src.glines(set)
}

// paraSource is what a justified paragraph was set from, kept so that pagination can set it
// again one line longer or shorter, or without a hyphen at a page's foot.
type paraSource struct {
	items    []item
	width    func(int) float64
	sameFrom int // the first line of the measure all later lines share
	cfg      paraCfg
}

// glines turns set lines into galley lines, positioned in the text block.
func (src *paraSource) glines(set []*Line) []*gline {
	c := src.cfg
	out := make([]*gline, len(set))
	for i, l := range set {
		x := c.left
		if i < c.narrowLines {
			x += c.narrowBy
		}
		if i > 0 {
			x += c.hang
		}
		if c.center {
			x += (src.width(i) - l.Natural) / 2
		}
		out[i] = &gline{line: l, x: x, lead: c.leading, idx: i, count: len(set)}
		if c.justify && !c.center {
			out[i].src = src
		}
	}
	return out
}

// maxLooseItems bounds the paragraphs pagination may set a line longer or shorter: counting
// lines keeps a class per line count, so the work grows with the square of the paragraph
// (about 10 ms at this size); a longer paragraph keeps its setting and the page is mended by
// other means.
const maxLooseItems = 6000

// reset sets the paragraph again with looseness lines more (or fewer), or with the given line
// not ending in a hyphen; nil when no such setting is good enough.
func (src *paraSource) reset(looseness int, noHyphenLine int) []*Line {
	if looseness != 0 && len(src.items) > maxLooseItems {
		return nil
	}
	p := defaultParams
	// Looser than a paragraph's own setting (200): a slightly open paragraph is a smaller
	// fault than a short page.
	p.tolerance = 800
	p.looseness = looseness
	p.sameFrom = src.sameFrom
	if noHyphenLine >= 0 {
		p.noHyphen = func(line int) bool { return line == noHyphenLine }
		p.sameFrom = max(p.sameFrom, noHyphenLine+1)
	}
	breaks, ok := breakPoints(src.items, src.width, p)
	if !ok {
		return nil
	}
	return materialize(src.items, breaks, src.width, true)
}

// balance re-sets centred lines at the narrowest measure that does not add a line, so that a
// title does not end with one short word.
func balance(items []item, set []*Line, measure float64) []*Line {
	lo, hi := measure/2, measure
	best := set
	for hi-lo > 2 {
		mid := (lo + hi) / 2
		try := greedyLines(items, func(int) float64 { return mid })
		fits := len(try) <= len(set)
		for _, l := range try {
			if l.Natural > mid+0.01 {
				fits = false
			}
		}
		if fits {
			hi, best = mid, try
		} else {
			lo = mid
		}
	}
	for _, l := range best {
		l.Width = measure
	}
	return best
}

// galley sets one section.
func (s *setter) galley(sec *layout.Section) *galley {
	gal := s.setGalley(sec)
	// Lines that belong to no body block (titles, contents entries, bios) count as the
	// section's start for the EPUB's page list.
	for _, l := range gal.lines {
		if l.pos.Section == "" {
			l.pos = Position{Section: sec.ID, Block: -1}
		}
	}
	return gal
}

func (s *setter) setGalley(sec *layout.Section) *galley {
	fs := s.fontSet(sec)
	gal := s.setGalleyIn(fs, sec)
	gal.rtl = fs.rtl
	return gal
}

func (s *setter) setGalleyIn(fs *fontSet, sec *layout.Section) *galley {
	switch sec.Kind {
	case layout.HalfTitle:
		return s.halfTitle(fs, sec)
	case layout.TitlePage:
		return s.titlePage(fs, sec)
	case layout.Copyright:
		return s.copyrightPage(fs, sec)
	case layout.Dedication:
		return s.dedication(fs, sec)
	case layout.PartOpener:
		return s.partOpener(fs, sec)
	case layout.Contents:
		return s.contents(fs, sec)
	case layout.Contributors:
		return s.contributors(fs, sec)
	case layout.Credits:
		return s.credits(fs, sec)
	case layout.EndNotes:
		return s.endNotes(sec)
	case layout.Essay, layout.Introduction:
		return s.essay(fs, sec)
	}
	// A kind of section the typesetter was not taught (a new one in package layout): a bug,
	// which safeGalley reports with the section, rather than a page set as if it were an essay.
	panic(fmt.Sprintf("typeset: no layout for a %s section", sec.Kind))
}

// sizes are the body size, the small size and an essay title's, in points.
func (s *setter) sizes() (body, small, title float64) {
	st := s.style()
	return s.o.BodySize, s.o.BodySize * st.Small, s.o.BodySize * st.EssayTitle.Size
}

// style is the book's design.
func (s *setter) style() *Style { return &DefaultStyle }

// heading returns the lines of a centred heading (an opener's title, a page title) set as
// look says, its first line look.Before below the line before when that is set.
func (s *setter) heading(fs *fontSet, content []text.Inline, look Look) []*gline {
	size := s.o.BodySize * look.Size
	lead := size * look.Lead
	ls := s.lines(fs, content, paraCfg{size: size, leading: lead, italic: look.Italic, smallCaps: look.SmallCaps, center: true})
	if len(ls) == 0 {
		// Nothing drawable (no text, or only characters no font has, which the missing-glyph
		// report names): the heading still takes its line, so that what follows keeps its
		// place and callers may set the first line's lead.
		ls = []*gline{{line: &Line{Width: s.g.Measure()}, lead: lead, count: 1}}
	}
	for _, l := range ls {
		l.keep = true
		l.para = -1
	}
	if look.Before > 0 {
		ls[0].lead = s.o.BodySize * look.Before
	}
	return ls
}

func plain(s string) []text.Inline {
	if s == "" {
		return nil
	}
	return []text.Inline{&text.Text{Text: s}}
}

// fixed pages ------------------------------------------------------------------------------

// place positions lines on a fixed page: the first baseline at y (from the text block's top),
// the rest following by their leads.
func place(ls []*gline, y float64) []*gline {
	for i, l := range ls {
		if i == 0 {
			l.lead = y
		}
	}
	return ls
}

func (s *setter) textHeight() float64 { return s.g.LastBaseline() - s.g.Top }

func (s *setter) halfTitle(fs *fontSet, sec *layout.Section) *galley {
	st := s.style()
	ls := place(s.heading(fs, sec.Title, st.HalfTitle), s.textHeight()*st.HalfTitleAt)
	return &galley{sec: sec, lines: ls, fixed: true, recto: true}
}

func (s *setter) titlePage(fs *fontSet, sec *layout.Section) *galley {
	st := s.style()
	th := s.textHeight()
	var ls []*gline
	title := place(s.heading(fs, sec.Title, st.Title), th*st.TitleAt)
	ls = append(ls, title...)
	if len(sec.Subtitle) > 0 {
		ls = append(ls, s.heading(fs, sec.Subtitle, st.Subtitle)...)
	}
	if len(s.ed.Editors) > 0 {
		ls = append(ls, s.heading(fs, plain(s.ed.Words.EditedBy), st.EditedBy)...)
		ls = append(ls, s.heading(fs, plain(s.ed.EditorNames()), st.Editors)...)
	}
	// The title page is one page: what follows is placed from the top, so make the leads
	// absolute for the publisher at the foot.
	if s.ed.Publisher != "" {
		pub := s.heading(fs, plain(s.ed.Publisher), st.Publisher)
		used := 0.0
		for _, l := range ls {
			used += l.lead
		}
		pub[0].lead = th - used
		ls = append(ls, pub...)
	}
	return &galley{sec: sec, lines: ls, fixed: true, recto: true}
}

func (s *setter) copyrightPage(fs *fontSet, sec *layout.Section) *galley {
	_, small, _ := s.sizes()
	size := small * 0.95
	var ls []*gline
	for i, b := range sec.Body.Blocks {
		p, ok := b.(*text.Paragraph)
		if !ok {
			continue
		}
		pl := s.lines(fs, p.Content, paraCfg{size: size, leading: size * 1.35})
		if i > 0 && len(pl) > 0 {
			pl[0].space = size * 0.9
		}
		ls = append(ls, pl...)
	}
	if fam, ok := assets.LookupFamily(s.o.Family); ok {
		set := s.lines(fs, plain(fmt.Sprintf(s.ed.Words.SetIn, fam.Name)), paraCfg{size: size, leading: size * 1.35, italic: true})
		if len(set) > 0 {
			set[0].space = size * 0.9
		}
		ls = append(ls, set...)
	}
	for _, l := range ls {
		l.para = -1
	}
	return &galley{sec: sec, lines: ls, fixed: true, bottom: true}
}

func (s *setter) dedication(fs *fontSet, sec *layout.Section) *galley {
	st := s.style()
	var ls []*gline
	for _, b := range sec.Body.Blocks {
		if p, ok := b.(*text.Paragraph); ok {
			pl := s.heading(fs, p.Content, st.Dedication)
			if len(ls) > 0 && len(pl) > 0 {
				pl[0].space = s.o.BodySize * st.DedicationGap
			}
			ls = append(ls, pl...)
		}
	}
	return &galley{sec: sec, lines: place(ls, s.textHeight()*st.DedicationAt), fixed: true, recto: true}
}

func (s *setter) partOpener(fs *fontSet, sec *layout.Section) *galley {
	st := s.style()
	label := place(s.heading(fs, plain(s.ed.Words.PartLabel(sec.Number)), st.PartLabel), s.textHeight()*st.PartAt)
	ls := append(label, s.heading(fs, sec.Title, st.PartTitle)...)
	if len(sec.Subtitle) > 0 {
		ls = append(ls, s.heading(fs, sec.Subtitle, st.PartSubtitle)...)
	}
	ls[0].anchors = append(ls[0].anchors, sec.ID)
	return &galley{sec: sec, lines: ls, fixed: true, recto: true, opener: true}
}

// flowed sections ----------------------------------------------------------------------------

// opener starts a flowed section: the sink, then the title block.
func (s *setter) openerTitle(fs *fontSet, sec *layout.Section) []*gline {
	st := s.style()
	ls := s.heading(fs, sec.Title, st.EssayTitle)
	if len(sec.Subtitle) > 0 {
		ls = append(ls, s.heading(fs, sec.Subtitle, st.EssaySubtitle)...)
	}
	if len(ls) > 0 {
		ls[0].anchors = append(ls[0].anchors, sec.ID)
	}
	return ls
}

func (s *setter) byline(fs *fontSet, sec *layout.Section) []*gline {
	if len(sec.Authors) == 0 {
		return nil
	}
	st := s.style()
	ls := s.heading(fs, plain(sec.Byline()), st.Byline)
	if t := sec.TranslatorLine(); t != "" {
		ls = append(ls, s.heading(fs, plain(t), st.Translator)...)
	}
	return ls
}

// essay sets an essay or the introduction: opener, byline, headnote, body, notes.
func (s *setter) essay(fs *fontSet, sec *layout.Section) *galley {
	body, small, _ := s.sizes()
	L := s.g.Leading
	// The introduction opens on a right-hand page, as the book's first text; essays do where
	// the design says so.
	gal := &galley{sec: sec, opener: true, folio: true, recto: s.o.RectoOpeners || sec.Kind == layout.Introduction, sink: s.sinkDepth()}
	gal.headVerso, gal.headRecto = sec.Byline(), sec.HeadTitle()
	if sec.Kind == layout.Introduction {
		gal.headVerso = s.ed.Title
	}
	ls := s.openerTitle(fs, sec)
	ls = append(ls, s.byline(fs, sec)...)
	if len(sec.Headnote) > 0 {
		size := small * 1.02
		for i, b := range sec.Headnote {
			p, ok := b.(*text.Paragraph)
			if !ok {
				continue
			}
			hl := s.lines(fs, p.Content, paraCfg{size: size, leading: size * 1.32, italic: true, justify: true,
				left: body * 1.5, right: body * 1.5})
			if len(hl) == 0 {
				continue
			}
			if i == 0 {
				hl[0].lead = size*1.32 + body*1.6
			} else {
				hl[0].space = size * 0.5
			}
			for _, l := range hl {
				l.keep = true // the headnote stays on the opener with the start of the text
			}
			ls = append(ls, hl...)
		}
	}
	for _, l := range ls {
		l.pos = Position{Section: sec.ID, Block: -1}
	}
	bl := s.bodyLines(fs, sec, sec.Body, 0)
	if len(bl) > 0 {
		bl[0].space = L * 1.5
		bl[0].snap = true
	}
	ls = append(ls, bl...)
	switch {
	case s.o.EndNotes:
		// The book's Notes section, at its end, sets them (endNotes).
	case s.o.FootNotes && sec.Body != nil && len(sec.Body.Notes) > 0:
		gal.footnotes = s.footNotes(fs, sec)
	default:
		notes := s.notes(fs, sec)
		for _, l := range notes {
			// Pages that begin in the notes begin after the body's last block.
			l.pos = Position{Section: sec.ID, Block: len(sec.Body.Blocks)}
		}
		ls = append(ls, notes...)
	}
	gal.lines = ls
	numberParas(ls)
	return gal
}

// sinkDepth is how far below the top of the text block an opener's title starts: a quarter of
// the page, on the grid.
func (s *setter) sinkDepth() float64 {
	return float64(int(float64(s.g.Lines)*s.style().Sink)) * s.g.Leading
}

// numberParas gives every paragraph's lines a paragraph id, for widow and orphan control.
func numberParas(ls []*gline) {
	para := 0
	for i, l := range ls {
		if l.para < 0 {
			continue
		}
		if l.idx == 0 || i == 0 {
			para++
		}
		l.para = para
	}
}

// bodyLines sets a section body's blocks.
func (s *setter) bodyLines(fs *fontSet, sec *layout.Section, doc *text.Document, depth int) []*gline {
	if doc == nil {
		return nil
	}
	body := s.o.BodySize
	L := s.g.Leading
	notes := func(n *text.Note) string { return strconv.Itoa(n.Number) }
	var out []*gline
	indentNext := false // the first paragraph of a run is not indented
	first := true
	for bi, b := range doc.Blocks {
		var ls []*gline
		switch x := b.(type) {
		case *text.Paragraph:
			c := paraCfg{size: body, leading: L, justify: true, notes: notes}
			if indentNext {
				c.indent = body * s.style().Indent
			}
			content := x.Content
			if first && (sec.Kind == layout.Essay || sec.Kind == layout.Introduction) {
				if s.o.DropCaps {
					ls = s.dropCapParagraph(fs, content, c)
				}
				if ls == nil { // no drop caps, or a paragraph that cannot take one
					content = leadIn(content, 3)
				}
			}
			if ls == nil {
				ls = s.lines(fs, content, c)
			}
			indentNext = true
		case *text.Heading:
			ls = s.lines(fs, x.Content, paraCfg{size: body, leading: L, smallCaps: true, center: true})
			for _, l := range ls {
				l.keep = true
				l.para = -1
			}
			if len(ls) > 0 {
				ls[0].space = L
			}
			indentNext = false
		case *text.SceneBreak:
			// The ornament sits in a gap of three lines, centred, and the text after it returns
			// to the grid; it stays on a page with text before and after it.
			orn := s.lines(fs, plain(ornament(fs)), paraCfg{size: body, leading: L, center: true})
			for _, l := range orn {
				l.keep, l.noBreakBefore, l.ornament, l.para = true, true, true, -1
			}
			if len(orn) > 0 {
				orn[0].space = L * 0.5
				orn = append(orn, &gline{space: L * 0.5, para: -1, snap: true, keep: true})
			}
			ls = orn
			indentNext = false
		default:
			ls = s.block(fs, b, s.bodyCtx(sec), false)
			indentNext = false
		}
		_, isPara := b.(*text.Paragraph)
		for i, l := range ls {
			l.pos = Position{Section: sec.ID, Block: bi}
			if isPara && l.line != nil && i > 0 {
				l.pos.Char = l.line.At
			}
		}
		out = append(out, ls...)
		// An epigraph stands before the essay: the paragraph after it is still the first.
		if _, epigraph := b.(*text.Epigraph); len(ls) > 0 && !epigraph {
			first = false
		}
	}
	return out
}

// ornament is the scene-break mark: a centred asterism if the font has one, else three spaced
// asterisks.
func ornament(fs *fontSet) string {
	if fs.body.Face(assets.Regular).Has('⁂') {
		return "⁂"
	}
	return "*\u2003*\u2003*"
}

// leadIn sets the first words of an essay in small capitals, as books do after an opener.
func leadIn(content []text.Inline, words int) []text.Inline {
	if len(content) == 0 {
		return content
	}
	t, ok := content[0].(*text.Text)
	if !ok {
		return content
	}
	// Cut after the given number of words (or at the first punctuation that ends a phrase).
	n, cut := 0, len(t.Text)
	inWord := false
	for i, r := range t.Text {
		if unicode.IsSpace(r) {
			if inWord {
				n++
				if n == words {
					cut = i
					break
				}
			}
			inWord = false
			continue
		}
		if strings.ContainsRune(",;:.!?—", r) && inWord {
			cut = i
			break
		}
		inWord = true
	}
	head := &text.SmallCaps{Content: []text.Inline{&text.Text{Text: t.Text[:cut]}}}
	rest := append([]text.Inline{head}, &text.Text{Text: t.Text[cut:]})
	return append(rest, content[1:]...)
}

// dropCapParagraph sets a paragraph with its first letter as a two-line initial.
func (s *setter) dropCapParagraph(fs *fontSet, content []text.Inline, c paraCfg) []*gline {
	t, ok := content[0].(*text.Text)
	if !ok || t.Text == "" {
		return nil
	}
	// An opening quotation mark hangs in the margin before the initial, at the body's size.
	quote, rest0 := "", t.Text
	if r, n := utf8.DecodeRuneInString(rest0); strings.ContainsRune("“‘«„‚\"'", r) {
		quote, rest0 = string(r), rest0[n:]
	}
	initial, n := utf8.DecodeRuneInString(rest0)
	rest := rest0[n:]
	if !unicode.IsLetter(initial) || !unicode.IsUpper(unicode.ToUpper(initial)) || fs.rtl {
		// A digit or a mark makes a poor initial, and a script without capitals (Arabic
		// joins its letters, Hebrew has none) or set right to left takes none: the
		// paragraph is set plainly.
		return nil
	}
	face := fs.faceFor(initial, assets.Regular)
	if face == nil {
		return nil
	}
	// The initial's capital height spans from the first line's cap line to the second baseline.
	size := (s.g.Leading + face.CapHeight*c.size) / face.CapHeight
	w := face.Advance(initial)*size + c.size*0.3
	c.narrowLines, c.narrowBy = 2, w
	c.at = 1 // the initial is the paragraph's first character
	if quote != "" {
		c.at = 2
	}
	body := append([]text.Inline{&text.Text{Text: rest}}, content[1:]...)
	// The rest of the first word counts as a word of the small-capital lead-in.
	ls := s.lines(fs, leadIn(body, 3), c)
	if len(ls) < 2 {
		return nil
	}
	ls[0].texts = append(ls[0].texts, Text{X: -w, Y: s.g.Leading, Text: string(initial), style: textStyleOf(face, size, 0)})
	if quote != "" {
		qf := fs.faceFor([]rune(quote)[0], assets.Regular)
		if qf == nil {
			qf = face
		}
		qw := qf.Advance([]rune(quote)[0]) * c.size
		ls[0].texts = append(ls[0].texts, Text{X: -w - qw, Y: 0, Text: quote, style: textStyleOf(qf, c.size, 0)})
	}
	return ls
}

// footNotes sets each of a section's notes for the foot of a page: its lines by its number.
func (s *setter) footNotes(fs *fontSet, sec *layout.Section) map[int][]*gline {
	out := map[int][]*gline{}
	for _, n := range sec.Body.Notes {
		ls := s.noteLines(fs, sec, n)
		for _, l := range ls {
			l.para = -1 // a note's lines are not the body's paragraphs: no widow rules for them
		}
		out[n.Number] = ls // its first line's space parts it from the note before
	}
	return out
}

// noteSize is the size and leading of notes.
func (s *setter) noteSize() (size, lead float64) {
	_, small, _ := s.sizes()
	return small, small * 1.3
}

// noteLines sets one note: its paragraphs, its number in the margin of its first line.
func (s *setter) noteLines(fs *fontSet, sec *layout.Section, n *text.Note) []*gline {
	size, lead := s.noteSize()
	c := blockCtx{sec: sec, left: size * 1.6, size: size, lead: lead, notes: noteNumber}
	num := strconv.Itoa(n.Number) + "."
	ls := s.blockSeq(fs, n.Blocks, c)
	for _, l := range ls {
		if l.line == nil {
			continue
		}
		face := fs.body.Face(assets.Regular)
		l.texts = append(l.texts, Text{X: -l.x, Text: num, style: textStyleOf(face, size, 0)})
		l.anchors = append(l.anchors, noteAnchor(sec.ID, n.Number))
		break
	}
	if len(ls) > 0 {
		ls[0].space += size * 0.4
	}
	return ls
}

// notes sets a section's footnotes as endnotes after its text.
func (s *setter) notes(fs *fontSet, sec *layout.Section) []*gline {
	if sec.Body == nil || len(sec.Body.Notes) == 0 {
		return nil
	}
	_, small, _ := s.sizes()
	L := s.g.Leading
	head := s.lines(fs, plain(s.ed.Words.Notes), paraCfg{size: small, leading: L, smallCaps: true, center: true})
	for _, l := range head {
		l.keep, l.para = true, -1
	}
	if len(head) > 0 {
		head[0].space = L * 1.5
		m := s.g.Measure()
		head[0].rules = append(head[0].rules, Rule{X1: m*0.4 - head[0].x, Y1: -L * 1.2, X2: m*0.6 - head[0].x, Y2: -L * 1.2, Width: 0.4})
	}
	out := head
	for _, n := range sec.Body.Notes {
		// The note's number stands in the margin of its first line of text.
		out = append(out, s.noteLines(fs, sec, n)...)
	}
	return out
}

// endNotes sets the book's notes at its end (print.notes: book-end): under each essay's title
// and byline, with the page it starts on, its notes numbered as in its text. A page that begins
// in one essay's notes is a page of that group (Block is the essay's place in sec.Noted), so the
// EPUB's page list points into the group.
func (s *setter) endNotes(sec *layout.Section) *galley {
	gal := s.pageTitle(s.fontSet(sec), sec)
	body, small, _ := s.sizes()
	L := s.g.Leading
	for i, noted := range sec.Noted {
		// Each essay's notes in its own language and fonts, a missing character reported
		// against the essay.
		fs := s.fontSet(noted)
		head := s.lines(fs, noted.Title, paraCfg{size: body, leading: L, italic: true, hang: body * 1.5})
		sub := noted.Byline()
		if label := s.labels[noted.ID]; label != "" {
			if sub != "" {
				sub += s.ed.Words.Comma + " "
			}
			sub += s.ed.Words.Page + "\u00a0" + label
		}
		if sub != "" {
			head = append(head, s.lines(fs, plain(sub), paraCfg{size: small, leading: small * 1.35, left: body * 1.5})...)
		}
		if len(head) == 0 {
			continue
		}
		head[0].space = L * 1.2
		if i == 0 {
			head[0].space = L * 2
		}
		var ls []*gline
		for _, l := range head {
			l.keep, l.para = true, -1 // an essay's heading stays with its first note
		}
		ls = append(ls, head...)
		for _, n := range noted.Body.Notes {
			ls = append(ls, s.noteLines(fs, noted, n)...)
		}
		for _, l := range ls {
			l.pos = Position{Section: sec.ID, Block: i}
		}
		gal.lines = append(gal.lines, ls...)
	}
	numberParas(gal.lines)
	return gal
}

func noteAnchor(sectionID string, n int) string { return sectionID + "-fn-" + strconv.Itoa(n) }

// back matter and contents -------------------------------------------------------------------

// pageTitle starts a flowed front- or back-matter section with its title.
func (s *setter) pageTitle(fs *fontSet, sec *layout.Section) *galley {
	ls := s.heading(fs, sec.Title, s.style().PageTitle)
	ls[0].anchors = append(ls[0].anchors, sec.ID)
	for _, l := range ls {
		l.pos = Position{Section: sec.ID, Block: -1}
	}
	return &galley{sec: sec, lines: ls, opener: true, folio: true, sink: s.sinkDepth() * s.style().PageSink,
		recto:     sec.Kind == layout.Contents || s.o.RectoOpeners,
		headVerso: s.ed.Title, headRecto: sec.PlainTitle()}
}

// contents sets the Contents: parts, essays with their authors, dot leaders and page numbers.
func (s *setter) contents(fs *fontSet, sec *layout.Section) *galley {
	gal := s.pageTitle(fs, sec)
	body, small, _ := s.sizes()
	L := s.g.Leading
	measure := s.g.Measure()
	face := fs.body.Face(assets.Regular)
	for i, e := range sec.Entries {
		t := e.Target
		label := s.labels[t.ID]
		if label == "" {
			label = "000" // first round: the width of a page number, to be replaced
		}
		numW := face.Width(label) * body
		var content []text.Inline
		c := paraCfg{size: body, leading: L, hang: body * 1.5}
		if t.Kind == layout.PartOpener {
			content = plain(s.ed.Words.PartLabel(t.Number) + s.ed.Words.LabelSep + t.PlainTitle())
			c.smallCaps = true
		} else {
			content = t.Title
		}
		left := 0.0
		if e.Level == 1 {
			left = body * 1.5
		}
		c.left = left
		c.right = numW + body*2.5
		ls := s.lines(fs, content, c)
		if len(ls) == 0 {
			continue
		}
		if i > 0 {
			ls[0].space = L * 0.25
			if t.Kind == layout.PartOpener {
				ls[0].space = L
			}
		}
		last := ls[len(ls)-1]
		// Dot leaders from the end of the title to the page number, on the last line.
		end := last.x + last.line.Natural + body*0.5
		numX := measure - numW
		dot := face.Width(".") * body
		step := dot + body*0.35
		// Leaders line up down the page: dots sit on fixed positions.
		for x := float64(int(end/step)+1) * step; x+dot < numX-body*0.5; x += step {
			last.texts = append(last.texts, Text{X: x - last.x, Text: ".", style: textStyleOf(face, body, 0)})
		}
		last.texts = append(last.texts, Text{X: numX - last.x, Text: label, style: textStyleOf(face, body, 0)})
		for _, l := range ls {
			l.links = append(l.links, Link{X: -l.x, Y: -body, W: measure, H: L, Target: t.ID})
			l.para = -1
		}
		if t.Kind == layout.Essay && len(t.Authors) > 0 {
			al := s.lines(fs, plain(t.Byline()), paraCfg{size: small, leading: small * 1.35, italic: true, left: left + body*1.5, right: c.right})
			for _, l := range al {
				l.para = -1
			}
			ls[len(ls)-1].keep = true
			ls = append(ls, al...)
		}
		if t.Kind == layout.PartOpener {
			ls[len(ls)-1].keep = true
		}
		gal.lines = append(gal.lines, ls...)
	}
	if len(gal.lines) > 1 {
		gal.lines[1].space = L * 2
	}
	return gal
}

// contributors sets the bios, each with the pieces its contributor wrote and their pages.
func (s *setter) contributors(fs *fontSet, sec *layout.Section) *galley {
	gal := s.pageTitle(fs, sec)
	body, small, _ := s.sizes()
	L := s.g.Leading
	size := body * 0.95
	for i, bio := range s.ed.Contributors {
		name := s.lines(fs, plain(bio.Contributor.Name), paraCfg{size: body, leading: L, smallCaps: true})
		for _, l := range name {
			l.keep, l.para = true, -1
		}
		if len(name) == 0 {
			continue
		}
		name[0].space = L * 0.8
		if i == 0 {
			name[0].space = L * 2
		}
		name[0].anchors = append(name[0].anchors, bio.ID)
		gal.lines = append(gal.lines, name...)
		for _, b := range bio.Bio {
			if p, ok := b.(*text.Paragraph); ok {
				gal.lines = append(gal.lines, s.lines(fs, p.Content, paraCfg{size: size, leading: size * 1.32, justify: true})...)
			}
		}
		if len(bio.Pieces) > 0 {
			var content []text.Inline
			content = append(content, &text.Emphasis{Content: plain(s.ed.Words.InThisBook + ": ")})
			for j, piece := range bio.Pieces {
				if j > 0 {
					content = append(content, &text.Text{Text: "; "})
				}
				content = append(content, piece.Title...)
				if label := s.labels[piece.ID]; label != "" {
					content = append(content, &text.Text{Text: s.ed.Words.Comma + " " + s.ed.Words.Page + "\u00a0" + label})
				}
			}
			pl := s.lines(fs, content, paraCfg{size: small, leading: small * 1.35})
			if len(pl) > 0 {
				pl[0].space = small * 0.3
			}
			gal.lines = append(gal.lines, pl...)
		}
	}
	numberParas(gal.lines)
	return gal
}

func (s *setter) credits(fs *fontSet, sec *layout.Section) *galley {
	gal := s.pageTitle(fs, sec)
	_, small, _ := s.sizes()
	size := small * 1.05
	for i, b := range sec.Body.Blocks {
		p, ok := b.(*text.Paragraph)
		if !ok {
			continue
		}
		ls := s.lines(fs, p.Content, paraCfg{size: size, leading: size * 1.32, justify: true, hang: size * 1.2})
		if len(ls) > 0 {
			ls[0].space = size * 0.55
			if i == 0 {
				ls[0].space = s.g.Leading * 2
			}
		}
		gal.lines = append(gal.lines, ls...)
	}
	numberParas(gal.lines)
	return gal
}
