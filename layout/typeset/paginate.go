package typeset

import (
	"math"
	"strconv"
	"strings"

	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
)

// pageBreak records the lines on either side of a page break inside a section, for the report.
type pageBreak struct {
	before, after *gline
}

// paginator cuts galleys into pages.
type paginator struct {
	s    *setter
	book *Book
	// numbering: front matter counts in roman from the first page, body matter in arabic from 1.
	arabic  bool
	counter int
	fs      *fontSet
}

func (s *setter) paginate(galleys []*galley) *Book {
	b := &Book{Geometry: s.g, Starts: map[string]int{}}
	if s.o.Bleed {
		b.Bleed = BleedWidth
	}
	p := &paginator{s: s, book: b, fs: s.fontSet(s.ed.Sections[0])}
	for _, gal := range galleys {
		if gal == nil {
			continue
		}
		if gal.sec.Matter != layout.FrontMatter && !p.arabic {
			// The body matter starts on a right-hand page numbered 1.
			p.padToRecto()
			p.arabic = true
			p.counter = 0
		}
		if gal.recto {
			p.padToRecto()
		}
		b.Starts[gal.sec.ID] = len(b.Pages)
		if gal.fixed {
			p.fixedPage(gal)
		} else {
			p.flow(gal)
		}
	}
	b.Faces = sortedFaces(b.Pages)
	return b
}

// newPage adds a page, numbered in the current scheme.
func (p *paginator) newPage(sec *layout.Section) *Page {
	p.counter++
	label := strconv.Itoa(p.counter)
	if !p.arabic {
		label = roman(p.counter)
	}
	pg := &Page{Index: len(p.book.Pages), Recto: len(p.book.Pages)%2 == 0, Label: label, Section: sec}
	p.book.Pages = append(p.book.Pages, pg)
	return pg
}

// padToRecto adds a blank page when the next page would be a left-hand one.
func (p *paginator) padToRecto() {
	if len(p.book.Pages)%2 == 1 {
		pg := p.newPage(nil)
		pg.Blank = true
	}
}

// fixedPage sets a one-page section whose lines sit at absolute positions.
func (p *paginator) fixedPage(gal *galley) {
	g := p.s.g
	pg := p.newPage(gal.sec)
	pg.Opener = true
	pg.Start = Position{Section: gal.sec.ID, Block: -1}
	y := g.Top
	if gal.bottom {
		// Text at the foot: its last baseline on the page's last line.
		total := 0.0
		for i, l := range gal.lines {
			if i > 0 {
				total += l.space + l.lead
			}
		}
		y = g.LastBaseline() - total
		for i, l := range gal.lines {
			if i > 0 {
				y += l.space + l.lead
			}
			p.draw(pg, l, y)
		}
		return
	}
	for _, l := range gal.lines {
		y += l.space + l.lead
		p.draw(pg, l, y)
	}
}

// flow cuts a flowed galley into pages.
func (p *paginator) flow(gal *galley) {
	g := p.s.g
	lines := gal.lines
	last := g.LastBaseline() + 0.01
	pageStart := 0
	first := true
	for pageStart < len(lines) {
		// Spacers that would open a page vanish, as space does at a page break.
		for !first && pageStart < len(lines) && lines[pageStart].line == nil && len(lines[pageStart].texts) == 0 {
			pageStart++
		}
		if pageStart == len(lines) {
			break
		}
		pg := p.newPage(gal.sec)
		opener := first && gal.opener
		pg.Opener = opener
		pg.Folio = gal.folio
		top := g.FirstBaseline()
		if opener {
			top += gal.sink
		}
		// Lay lines down until one does not fit.
		ys := make([]float64, 0, 48)
		y := 0.0
		end := pageStart
		for end < len(lines) {
			l := lines[end]
			var ny float64
			switch {
			case end == pageStart && opener:
				ny = top
			case end == pageStart:
				ny = g.FirstBaseline()
			default:
				ny = y + l.space + l.lead
			}
			if l.snap && end > pageStart {
				ny = p.snap(ny)
			}
			if ny > last && end > pageStart {
				break
			}
			ys = append(ys, ny)
			y = ny
			end++
		}
		if end < len(lines) {
			end = p.chooseBreak(lines, pageStart, end)
			p.book.pageBreaks = append(p.book.pageBreaks, pageBreak{before: visible(lines[pageStart:end], -1), after: visible(lines[end:], 1)})
		}
		for i := pageStart; i < end; i++ {
			p.draw(pg, lines[i], ys[i-pageStart])
		}
		pg.Start = lines[pageStart].pos
		if pg.Start.Section == "" {
			pg.Start.Section = gal.sec.ID
		}
		if !opener {
			p.runningHead(pg, gal)
		}
		if gal.folio {
			p.folio(pg, opener)
		}
		pageStart = end
		first = false
	}
}

// visible returns the last (dir -1) or first (dir 1) element of ls that draws something.
func visible(ls []*gline, dir int) *gline {
	if dir < 0 {
		for i := len(ls) - 1; i >= 0; i-- {
			if ls[i].line != nil {
				return ls[i]
			}
		}
		return nil
	}
	for _, l := range ls {
		if l.line != nil {
			return l
		}
	}
	return nil
}

// snap moves a baseline down to the next line of the page's grid.
func (p *paginator) snap(y float64) float64 {
	g := p.s.g
	k := math.Ceil((y-g.FirstBaseline())/g.Leading - 0.01)
	return g.FirstBaseline() + k*g.Leading
}

// chooseBreak picks where the page that begins at start ends, given that lines[end] is the
// first that does not fit. It moves the break up past lines that must stay together —
// widows, orphans, headings and their text, ornaments, hyphens — giving up first the hyphen
// rule and then the others only when a page would be left too short.
func (p *paginator) chooseBreak(lines []*gline, start, end int) int {
	// Never leave a page less than half full to honour a rule.
	minKeep := max(1, (end-start)/2)
	for strict := 2; strict >= 0; strict-- {
		for j := end; j >= start+minKeep; j-- {
			if allowedBreak(lines, j, strict) {
				return j
			}
		}
	}
	return end
}

// allowedBreak reports whether a page may break before lines[j]. strict 2 applies every rule,
// 1 allows a hyphen at the foot, 0 only keeps ornaments off a page's edges.
func allowedBreak(lines []*gline, j, strict int) bool {
	before, after := lines[j-1], lines[j]
	if before.ornament || after.ornament {
		return false
	}
	// A spacer at the break is harmless; judge the lines around it.
	if strict >= 1 {
		if before.keep || after.noBreakBefore {
			return false
		}
		if before.para > 0 && before.para == after.para {
			if before.idx == 0 && before.count > 1 {
				return false // orphan: a paragraph's first line alone at the foot
			}
			if after.idx == after.count-1 && after.count > 1 {
				return false // widow: its last line alone at the head
			}
		}
	}
	if strict >= 2 && before.line != nil && before.line.Hyphenated {
		return false
	}
	return true
}

// draw places a galley line on a page with its baseline at y.
func (p *paginator) draw(pg *Page, l *gline, y float64) {
	p.book.lines = append(p.book.lines, l)
	left := p.s.g.Left(pg.Recto)
	x0 := left + l.x
	for _, a := range l.anchors {
		pg.Anchors = append(pg.Anchors, Anchor{ID: a, Y: y - p.s.g.Leading})
	}
	if l.line != nil {
		for _, r := range l.line.Runs {
			pg.Texts = append(pg.Texts, Text{X: x0 + r.X, Y: y - r.Rise, Text: r.Text, Face: r.Face, Size: r.Size})
			if r.Link != "" {
				w := r.style.width(r.Text)
				pg.Links = append(pg.Links, Link{X: x0 + r.X, Y: y - r.Size, W: w, H: r.Size * 1.25, URL: r.Link})
			}
		}
	}
	for _, t := range l.texts {
		t.X += x0
		t.Y += y
		pg.Texts = append(pg.Texts, t)
	}
	for _, r := range l.rules {
		pg.Rules = append(pg.Rules, Rule{X1: x0 + r.X1, Y1: y + r.Y1, X2: x0 + r.X2, Y2: y + r.Y2, Width: r.Width})
	}
	for _, k := range l.links {
		k.X += x0
		k.Y += y
		pg.Links = append(pg.Links, k)
	}
}

// runningHead sets the head of a page that is not an opener: on a left-hand page the essay's
// author (or the book's title), on a right-hand page the essay's title, in small capitals.
func (p *paginator) runningHead(pg *Page, gal *galley) {
	g := p.s.g
	head := gal.headRecto
	if !pg.Recto {
		head = gal.headVerso
	}
	if head == "" {
		return
	}
	size := g.Body * 0.8
	fs := p.fs
	pb := &paraBuilder{fs: fs}
	pb.inlines(plain(head), inlineStyle{size: size, smallCaps: true})
	items := pb.finish()
	lines := greedyLines(items, func(int) float64 { return math.Inf(1) })
	if len(lines) == 0 {
		return
	}
	l := lines[0]
	// Too long for the head (a long title): shorten it at a word.
	maxW := g.Measure() * 0.75
	if l.Natural > maxW {
		words := strings.Fields(head)
		for len(words) > 1 {
			words = words[:len(words)-1]
			short := strings.Join(words, " ") + "…"
			pb = &paraBuilder{fs: fs}
			pb.inlines(plain(short), inlineStyle{size: size, smallCaps: true})
			lines = greedyLines(pb.finish(), func(int) float64 { return math.Inf(1) })
			l = lines[0]
			if l.Natural <= maxW {
				break
			}
		}
	}
	y := g.Top - g.Leading*1.6
	x0 := g.Left(pg.Recto) + (g.Measure()-l.Natural)/2
	for _, r := range l.Runs {
		pg.Texts = append(pg.Texts, Text{X: x0 + r.X, Y: y, Text: r.Text, Face: r.Face, Size: r.Size})
	}
	pg.HasHead = true
}

// folio prints the page number: in the head's line at the outer edge, or centred at the foot
// of an opener.
func (p *paginator) folio(pg *Page, opener bool) {
	g := p.s.g
	face := p.s.body.Face(assets.Regular)
	size := g.Body * 0.85
	w := face.Width(pg.Label) * size
	var x, y float64
	if opener {
		x = g.Left(pg.Recto) + (g.Measure()-w)/2
		y = g.LastBaseline() + g.Leading*2
	} else {
		y = g.Top - g.Leading*1.6
		if pg.Recto {
			x = g.Left(true) + g.Measure() - w
		} else {
			x = g.Left(false)
		}
	}
	pg.Texts = append(pg.Texts, Text{X: x, Y: y, Text: pg.Label, Face: face, Size: size})
	pg.Folio = true
}

// roman writes n in lower-case roman numerals, as front matter is numbered.
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
