// Package typeset sets an Edition into pages for print: Knuth–Plass total-fit line breaking with
// Liang hyphenation, kerning from the fonts' own tables, pagination that avoids widows and
// orphans and keeps headings with their text, running heads and folios, openers, and a
// contents page whose numbers are the pages where things begin (laid out until stable).
//
// The result is a list of pages of positioned text runs and rules, in points from the top-left
// corner of the trim box. layout/pdf draws them; the GUI preview paints the same runs
// into an image, so the preview is the print edition by construction.
package typeset

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
)

// Options are the print settings a book is set with.
type Options struct {
	Trim     anthology.Size
	Bleed    bool
	Family   string // bundled family key, "charis"
	BodySize float64
	// RectoOpeners starts parts and essays on right-hand pages.
	RectoOpeners bool
	DropCaps     bool
	// FootNotes sets each note at the foot of the page of its reference (print.notes: foot)
	// instead of after the essay.
	FootNotes bool
	// EndNotes leaves the notes out of the essays: the book's Notes section at its end sets
	// them all (print.notes: book-end).
	EndNotes bool
	Language string
	// MinPages lays the book out as if it had at least this many pages when choosing the gutter;
	// the typesetter finds it itself, by iterating.
	MinPages int
	// SafeZone is how far from the trim, in points, the running heads and folios must stay.
	SafeZone float64
	// Cache, when set, keeps essays' pages between settings of the same book (the app's
	// preview): see PageCache.
	Cache *PageCache
	// PageDone, when set, is given each page of the body and back matter as soon as it is
	// final (its section set, its folio and running head drawn), in order, from the goroutine
	// that cuts pages: an exporter draws it into the PDF while the rest of the book is set,
	// and may then drop what is drawn on it. A book set more than once (the gutter follows
	// the page count; see Typeset) gives the pages of every setting: only those of the
	// setting returned are the book's. The front matter and the blank pages that pad it and
	// the book's end are not given.
	PageDone func(*Page, *Book)
	// ascent and descent are the body face's, in ems: a preflight measures a line of type from
	// its face's ascender to its descender. Typeset sets them.
	ascent, descent float64
}

// OptionsFor returns the options an edition asks for.
func OptionsFor(ed *layout.Edition) Options {
	return Options{
		Trim:         ed.Print.TrimSize(),
		Bleed:        ed.Print.Bleed,
		Family:       ed.Print.FontFamily(),
		BodySize:     ed.Print.BodySize(),
		RectoOpeners: ed.Print.RectoOpeners,
		DropCaps:     ed.Print.DropCaps,
		FootNotes:    ed.Print.NotePlace() == anthology.NotesFoot,
		EndNotes:     ed.Print.NotePlace() == anthology.NotesBookEnd,
		Language:     ed.Language,
		SafeZone:     ed.Print.SafeZone() * 72,
	}
}

// BleedWidth is the bleed added on the outer edges when Options.Bleed is set.
const BleedWidth = 0.125 * 72

// Geometry is the page: trim size, margins, the text block and its baseline grid.
type Geometry struct {
	Width, Height             float64 // trim size
	Top, Bottom, Inner, Outer float64
	Body, Leading             float64
	// Lines is the number of body lines a full page holds.
	Lines int
	// RTL is set for a right-to-left book: its spreads are mirrored (see RightHand).
	RTL bool
}

// Measure is the width of the text block.
func (g Geometry) Measure() float64 { return g.Width - g.Inner - g.Outer }

// FirstBaseline is the baseline of a page's first line of text.
func (g Geometry) FirstBaseline() float64 { return g.Top + g.Body }

// LastBaseline is the baseline of a full page's last line.
func (g Geometry) LastBaseline() float64 {
	return g.FirstBaseline() + float64(g.Lines-1)*g.Leading
}

// Left is the left edge of the text block on a page: the inner margin on a right-hand page
// (the spine is on its left), the outer margin on a left-hand one.
func (g Geometry) Left(recto bool) float64 {
	if g.RightHand(recto) {
		return g.Inner
	}
	return g.Outer
}

// RightHand reports whether a recto (an odd page, the first of a spread) is a right-hand page:
// in a left-to-right book it is; a right-to-left book opens the other way, its spine on the
// right of its rectos.
func (g Geometry) RightHand(recto bool) bool { return recto != g.RTL }

// MinGutter is the inside margin print-on-demand vendors require for a page count.
func MinGutter(pages int) float64 {
	switch {
	case pages <= 150:
		return 0.375 * 72
	case pages <= 300:
		return 0.5 * 72
	case pages <= 500:
		return 0.625 * 72
	case pages <= 700:
		return 0.75 * 72
	}
	return 0.875 * 72
}

// geometry derives margins and the grid from the trim, the body size and the page count.
func geometry(o Options, pages int) Geometry {
	g := Geometry{Width: o.Trim.W, Height: o.Trim.H, Body: o.BodySize, RTL: layout.RightToLeft(o.Language)}
	g.Leading = math.Round(o.BodySize*1.3*10) / 10
	// Margins in proportion to the page, the inner one at least the vendor's gutter plus a
	// quarter inch of visible margin.
	g.Inner = math.Max(0.136*g.Width, MinGutter(pages)+0.25*72)
	g.Outer = 0.11 * g.Width
	// A long book's wide gutter would narrow the measure (a 1.125 in inner margin left about
	// 52 characters a line): the outer margin gives up what the gutter takes, down to half an
	// inch (or the safe zone, if wider), so the line keeps nearer its 60–70 characters.
	if extra := g.Inner - 0.136*g.Width; extra > 0 {
		least := math.Min(g.Outer, math.Max(o.SafeZone, 0.5*72))
		g.Outer = math.Max(least, g.Outer-extra)
	}
	// The running head's baseline is 1.6 leads above the text block, and the folio beside it
	// (0.85 of the body size) reaches up by the face's ascender; the opener's folio is two
	// leads below the last line and reaches down by its descender. Both stay inside the
	// printer's safe zone, as a preflight measures type: by the face's ascender and descender.
	asc, desc := o.ascent, o.descent
	if asc == 0 {
		asc, desc = 1.0, 0.3 // no face loaded (an estimate): a book face's usual extent
	}
	g.Top = math.Max(0.085*g.Height, o.SafeZone+asc*0.85*g.Body+1.6*g.Leading)
	bottom := math.Max(0.095*g.Height, o.SafeZone+2*g.Leading+desc*0.85*g.Body)
	g.Lines = int((g.Height-g.Top-bottom-g.Body)/g.Leading) + 1
	// The bottom margin takes what the whole lines leave.
	g.Bottom = g.Height - g.LastBaseline()
	return g
}

// Book is a typeset book.
type Book struct {
	Geometry Geometry
	Bleed    float64
	Pages    []*Page
	// Faces are the faces the pages use, in a fixed order.
	Faces []*Face
	// Starts maps a section ID to the index of the page it begins on.
	Starts map[string]int
	Report Report
	// Warnings are problems found while setting (characters no font has), by section.
	Warnings []*anthology.Warning
	// Notices are problems the print edition may go out with (a figure below print resolution).
	Notices []*anthology.Warning
}

// Page is one page: what is drawn on it and what it means.
type Page struct {
	Index int  // 0-based
	Recto bool // a right-hand page (odd page numbers)
	// Label is the page's number as the book counts it ("iv", "12"), printed or not.
	Label string
	// Folio is whether the number is printed on the page.
	Folio bool
	Blank bool
	// Opener is set on the first page of a part, essay or other titled section.
	Opener  bool
	Section *layout.Section
	// HasHead is set when the page carries a running head.
	HasHead  bool
	Texts    []Text
	Rules    []Rule
	Links    []Link
	Anchors  []Anchor
	Pictures []Picture
	// Start is where the page's text begins in the section's body, for the EPUB's page-list.
	Start Position

	bottom float64 // baseline of the last line of text (flowed pages)
	last   bool    // the last page of its section
	// heads is how many of Texts, at their head, are the running head and folio (finishPage):
	// the rest is what a page cache keeps.
	heads int
}

// Position is a place in a section's body: the top-level block and the character inside it.
type Position struct {
	Section string
	// Block is the index of the body block, -1 before the body (title, headnote).
	Block int
	// Char is the rune offset inside the block's text.
	Char int
}

// Text is a run of text drawn with its baseline at (X, Y).
type Text struct {
	X, Y float64
	Text string
	// style numbers the text's face, size and language (see textStyleOf): a long book has
	// millions of texts and a few dozen styles, and a number keeps each text 16 bytes smaller.
	style styleID
}

// NewText is a text drawn at x, y in face at size (in the book's language).
func NewText(x, y float64, s string, face *Face, size float64) Text {
	return Text{X: x, Y: y, Text: s, style: textStyleOf(face, size, 0)}
}

// Face is the text's font face.
func (t Text) Face() *Face { return textStyles.of(t.style).face }

// Size is the text's size in points.
func (t Text) Size() float64 { return textStyles.of(t.style).size }

// Lang is the text's language where it is not the book's (a quotation, an essay in another
// language), "" otherwise: the PDF marks it, for screen readers and text extraction.
func (t Text) Lang() string { return langName(textStyles.of(t.style).lang) }

// styleID numbers a drawStyle.
type styleID uint32

// drawStyle is what a text is drawn in besides its words and place.
type drawStyle struct {
	face *Face
	size float64
	lang langID
}

// textStyles numbers the styles texts are drawn in, for every book of the process (they are
// few: the faces times the sizes of a design). Numbers are looked up without a lock; a new
// style is added under one.
var textStyles styleTable

type styleTable struct {
	ids  sync.Map // drawStyle → styleID
	mu   sync.Mutex
	list atomic.Pointer[[]drawStyle]
}

// textStyleOf numbers a style, giving it a number the first time.
func textStyleOf(face *Face, size float64, lang langID) styleID {
	k := drawStyle{face, size, lang}
	if id, ok := textStyles.ids.Load(k); ok {
		return id.(styleID)
	}
	t := &textStyles
	t.mu.Lock()
	defer t.mu.Unlock()
	if id, ok := t.ids.Load(k); ok {
		return id.(styleID)
	}
	var list []drawStyle
	if old := t.list.Load(); old != nil {
		list = append(list, *old...)
	}
	id := styleID(len(list))
	list = append(list, k)
	t.list.Store(&list)
	t.ids.Store(k, id)
	return id
}

func (t *styleTable) of(id styleID) drawStyle {
	if list := t.list.Load(); list != nil && int(id) < len(*list) {
		return (*list)[id]
	}
	return drawStyle{}
}

// Picture is a figure's image drawn on a page: X, Y is its top-left corner, W and H its size
// in points.
type Picture struct {
	X, Y, W, H float64
	Image      *layout.Image
}

// Rule is a straight line.
type Rule struct {
	X1, Y1, X2, Y2, Width float64
}

// Link is a clickable area: to a URL, or to a place in the book (Target is a section or note
// anchor ID).
type Link struct {
	X, Y, W, H float64
	URL        string
	Target     string
}

// Anchor is a named place on a page, at baseline Y.
type Anchor struct {
	ID string
	Y  float64
}

// Report is what the engine measures of its own work; tests assert it.
type Report struct {
	Pages, Lines int
	// Overfull counts lines wider than their measure.
	Overfull int
	// Widows counts paragraphs whose last line alone begins a page; Orphans those whose first
	// line alone ends one.
	Widows, Orphans int
	// MaxHyphenRun is the longest run of consecutive hyphenated lines.
	MaxHyphenRun int
	// HyphensAtPageEnd counts pages whose last line ends in a hyphen.
	HyphensAtPageEnd int
	// HeadsOnOpeners counts opener and blank pages with a running head (should be none).
	HeadsOnOpeners int
	// StrandedOrnaments counts scene-break ornaments first or last on a page.
	StrandedOrnaments int
	// ShortPages counts pages left a line or more short to keep a rule, where no paragraph
	// could be re-set to fill them (the last page of a piece does not count).
	ShortPages int
	// UnbalancedSpreads counts facing pages inside a piece whose last lines do not stand level.
	UnbalancedSpreads int
}

// Typeset sets an edition into pages.
func Typeset(ctx context.Context, ed *layout.Edition, o Options) (*Book, error) {
	if o.Cache != nil {
		o.Cache.begin()
	}
	book, err := typeset(ctx, ed, o)
	if err == nil && o.Cache != nil {
		o.Cache.sweep()
	}
	return book, err
}

func typeset(ctx context.Context, ed *layout.Edition, o Options) (*Book, error) {
	if o.Family == "" {
		o.Family = anthology.DefaultFont
	}
	if o.BodySize == 0 {
		o.BodySize = anthology.DefaultFontSize
	}
	if o.Trim.W == 0 {
		o.Trim = anthology.TrimPresets[anthology.DefaultTrim]
	}
	body, fallbacks, err := families(o.Family, ProjectFamilies(ed.Fonts))
	if err != nil {
		return nil, err
	}
	o.ascent, o.descent = body.Face(assets.Regular).Ascent, body.Face(assets.Regular).Descent
	hyph, err := HyphenatorFor(o.Language)
	if err != nil {
		return nil, err
	}
	// The gutter depends on the page count and the page count on the gutter. The book is set
	// with the gutter its estimated length needs, which is nearly always the one its real length
	// needs (a 6,000-page book was once set twice, first with a 150-page gutter). When the
	// estimate was long, the book is set again with the narrower gutter unless that makes it
	// need the wider one after all; when it was short, it is set again with wider ones.
	pages := max(o.MinPages, estimatePages(ed, geometry(o, o.MinPages)))
	book, err := setBook(ctx, ed, o, geometry(o, pages), body, fallbacks, hyph)
	if err != nil {
		return nil, err
	}
	if need := max(len(book.Pages), o.MinPages); MinGutter(need) < MinGutter(pages) {
		narrow, err := setBook(ctx, ed, o, geometry(o, need), body, fallbacks, hyph)
		if err != nil {
			return nil, err
		}
		if MinGutter(len(narrow.Pages)) <= MinGutter(need) {
			return narrow, nil
		}
		return book, nil // the wider gutter it was set with is the one it needs
	}
	for round := 0; round < 3 && MinGutter(len(book.Pages)) > MinGutter(pages); round++ {
		pages = len(book.Pages)
		if book, err = setBook(ctx, ed, o, geometry(o, pages), body, fallbacks, hyph); err != nil {
			return nil, err
		}
	}
	return book, nil
}

// EstimatePages guesses the page count of a print edition whose sections hold the given
// numbers of words, without setting it (what the checks hold to the printer's limits before
// an export counts exactly).
func EstimatePages(sectionWords []int, o Options) int {
	if o.Trim.W == 0 {
		o.Trim = anthology.TrimPresets[anthology.DefaultTrim]
	}
	if o.BodySize == 0 {
		o.BodySize = anthology.DefaultFontSize
	}
	return estimateFrom(sectionWords, geometry(o, o.MinPages))
}

// estimatePages guesses a book's page count from its words and the page's measure and lines,
// closely enough to choose its gutter (the classes are 150 pages apart or more).
func estimatePages(ed *layout.Edition, g Geometry) int {
	words := make([]int, 0, len(ed.Sections))
	for _, sec := range ed.Sections {
		n := 0
		switch {
		case sec.Essay != nil && sec.Body != nil:
			n = sec.Essay.Words() // counted when the essay was read (the same words as its body here)
		case sec.Body != nil:
			n = text.Words(sec.Body)
		}
		for _, b := range sec.Headnote {
			n += text.Words(&text.Document{Blocks: []text.Block{b}})
		}
		words = append(words, n)
	}
	return estimateFrom(words, g)
}

// estimateFrom: each section fills whole pages, a page holds the words of its lines, and
// titles and notes take some.
func estimateFrom(sectionWords []int, g Geometry) int {
	// An average word and its space is about 2.6 ems of a book face.
	perLine := max(1, g.Measure()/(2.6*g.Body))
	perPage := perLine * float64(g.Lines)
	pages := 6.0 // a half-title, title, copyright and contents pages, the padding to recto
	for _, n := range sectionWords {
		// The opener's sink, the last page half full, a blank verso before a recto opener.
		pages += 0.9 + float64(n)/perPage
	}
	return int(pages)
}

// setBook lays the whole book out with a fixed geometry.
//
// The body and back matter start on a right-hand page numbered 1 whatever comes before, so
// they are laid out once: their galleys are set in parallel and cut into pages in order as
// they arrive, each galley dropped once its pages exist. The Contributors, which print page
// numbers of essays, are set when their turn comes and those numbers are known. The front
// matter is small; it is laid out again until the numbers its contents print are the pages
// things begin on (the contents' own length can move the introduction).
func setBook(ctx context.Context, ed *layout.Edition, o Options, g Geometry, body *Family, fallbacks []*Family, hyph *Hyphenator) (*Book, error) {
	s := &setter{ed: ed, o: o, g: g, hyph: hyph, body: body, fallbacks: fallbacks,
		missing: map[string]map[rune]bool{}, labels: map[string]string{},
		given: map[*Page]bool{}, givenStyles: map[styleID]bool{}}
	var front, rest []*layout.Section
	for _, sec := range ed.Sections {
		if sec.Matter == layout.FrontMatter {
			front = append(front, sec)
		} else {
			rest = append(rest, sec)
		}
	}
	// Back matter that prints the pages of front matter (the introduction's notes at the end of
	// the book, its author's bio) needs their numbers before the body is set: a first setting
	// of the front matter gives them, and should the final one differ, the body is set again.
	// setFront lays the front matter out and keeps the numbers its sections begin on,
	// returning them as one string to compare.
	setFront := func() (*Book, string, error) {
		fm, err := s.paginate(ctx, front, false)
		if err != nil {
			return nil, "", err
		}
		var sig strings.Builder
		for _, sec := range front {
			s.labels[sec.ID] = fm.label(sec.ID)
			fmt.Fprintf(&sig, "%s=%s;", sec.ID, s.labels[sec.ID])
		}
		return fm, sig.String(), nil
	}
	named := namesFront(ed, front)
	used := ""
	var err error
	if named {
		if _, used, err = setFront(); err != nil {
			return nil, err
		}
	}
	main, err := s.paginate(ctx, rest, true)
	if err != nil {
		return nil, err
	}
	var fm *Book
	prev := ""
	for round := 0; round < 6; round++ {
		var sig string
		if fm, sig, err = setFront(); err != nil {
			return nil, err
		}
		if sig == prev {
			break
		}
		prev = sig
	}
	if named && prev != used {
		if main, err = s.paginate(ctx, rest, true); err != nil {
			return nil, err
		}
	}
	book := joinBooks(fm, main)
	book.Faces = s.sortedFaces(book.Pages)
	book.Warnings = s.warnings()
	book.Notices = s.noticeList()
	return book, nil
}

// namesFront reports whether the body's back matter prints the page of a front-matter section:
// the book's notes of the introduction, or the introduction in its author's bio.
func namesFront(ed *layout.Edition, front []*layout.Section) bool {
	isFront := map[*layout.Section]bool{}
	for _, sec := range front {
		isFront[sec] = true
	}
	if end := ed.EndNotes(); end != nil {
		for _, sec := range end.Noted {
			if isFront[sec] {
				return true
			}
		}
	}
	for _, bio := range ed.Contributors {
		for _, piece := range bio.Pieces {
			if isFront[piece] {
				return true
			}
		}
	}
	return false
}

// joinBooks puts the front matter before the body, the front padded to an even number of pages
// so that the body's first page is a right-hand one.
func joinBooks(front, body *Book) *Book {
	b := &Book{Geometry: front.Geometry, Bleed: front.Bleed, Starts: map[string]int{}}
	b.Pages = append(b.Pages, front.Pages...)
	if len(b.Pages)%2 == 1 {
		b.Pages = append(b.Pages, &Page{Recto: false, Blank: true, Label: roman(len(b.Pages) + 1)})
	}
	offset := len(b.Pages)
	for id, i := range front.Starts {
		b.Starts[id] = i
	}
	for id, i := range body.Starts {
		b.Starts[id] = i + offset
	}
	b.Pages = append(b.Pages, body.Pages...)
	// A printed book has an even number of pages (the last a left-hand one): printers refuse
	// an odd count, and the cover's spine is measured from it.
	if len(b.Pages)%2 == 1 {
		label := ""
		if n := len(body.Pages); n > 0 {
			if v, err := strconv.Atoi(body.Pages[n-1].Label); err == nil {
				label = strconv.Itoa(v + 1)
			}
		}
		b.Pages = append(b.Pages, &Page{Blank: true, Label: label})
	}
	for i, p := range b.Pages {
		p.Index = i
		p.Recto = i%2 == 0
	}
	b.Report = front.Report.add(body.Report)
	b.Report.Pages = len(b.Pages)
	b.Report.HeadsOnOpeners, b.Report.UnbalancedSpreads = 0, 0
	for i, p := range b.Pages {
		if (p.Opener || p.Blank) && p.HasHead {
			b.Report.HeadsOnOpeners++
		}
		if p.Recto && i > 0 && !p.last && p.bottom > 0 {
			v := b.Pages[i-1]
			if v.Section == p.Section && v.bottom > 0 && math.Abs(v.bottom-p.bottom) > b.Geometry.Leading/2 {
				b.Report.UnbalancedSpreads++
			}
		}
	}
	return b
}

// add sums two reports.
func (r Report) add(o Report) Report {
	r.Lines += o.Lines
	r.Overfull += o.Overfull
	r.Widows += o.Widows
	r.Orphans += o.Orphans
	r.MaxHyphenRun = max(r.MaxHyphenRun, o.MaxHyphenRun)
	r.HyphensAtPageEnd += o.HyphensAtPageEnd
	r.StrandedOrnaments += o.StrandedOrnaments
	r.ShortPages += o.ShortPages
	return r
}

// pageDependent reports whether a section prints page numbers of other sections.
func pageDependent(sec *layout.Section) bool {
	return sec.Kind == layout.Contents || sec.Kind == layout.Contributors || sec.Kind == layout.EndNotes
}

func (b *Book) label(sectionID string) string {
	if i, ok := b.Starts[sectionID]; ok {
		return b.Pages[i].Label
	}
	return ""
}

// warnings reports the characters no bundled font has, by section.
func (s *setter) warnings() []*anthology.Warning {
	s.missingMu.Lock()
	defer s.missingMu.Unlock()
	var out []*anthology.Warning
	for _, sec := range s.ed.Sections {
		runes := s.missing[sec.ID]
		if len(runes) == 0 {
			continue
		}
		var list []rune
		for r := range runes {
			list = append(list, r)
		}
		slices.Sort(list)
		var names []string
		for _, r := range list {
			names = append(names, fmt.Sprintf("%q (U+%04X)", r, r))
		}
		where := sec.PlainTitle()
		file := ""
		if sec.Essay != nil {
			file = sec.Essay.Path
		}
		out = append(out, &anthology.Warning{File: file, Msg: fmt.Sprintf("%s %q: no font (bundled or in fonts/) has %s; left out of the print edition",
			sec.Kind, where, strings.Join(names, ", "))})
	}
	return out
}

// sortedFaces lists the faces the pages use, in a fixed order: those of the pages given to
// Options.PageDone as they were given (their texts may be gone), the others' from their texts.
func (s *setter) sortedFaces(pages []*Page) []*Face {
	styles := maps.Clone(s.givenStyles)
	for _, p := range pages {
		if !s.given[p] {
			addStyles(styles, p.Texts)
		}
	}
	seen := map[*Face]bool{}
	var out []*Face
	for id := range styles {
		if f := textStyles.of(id).face; !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Family != out[j].Family {
			return out[i].Family < out[j].Family
		}
		return out[i].Style < out[j].Style
	})
	return out
}

// addStyles adds the styles texts are drawn in to styles. A book has millions of texts in a
// few dozen styles, and most texts share the style of the text before them.
func addStyles(styles map[styleID]bool, texts []Text) {
	last := styleID(math.MaxUint32)
	for _, t := range texts {
		if t.style != last {
			last = t.style
			styles[t.style] = true
		}
	}
}
