package typeset

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
)

// paginator cuts galleys into pages and counts what the report promises as it goes.
type paginator struct {
	s    *setter
	book *Book
	// numbering: front matter counts in roman from the first page, body matter in arabic from 1.
	arabic  bool
	counter int
	fs      *fontSet
	hyphRun int // consecutive hyphenated lines drawn so far
	// heads are the running heads set so far, by their text: a book prints each on many pages.
	heads map[string]*Line
	// textsHint is how many texts the last page finished drew: room made for the next
	// page's at once.
	textsHint int
	// bookKey is the setter's bookKey when it sets with a cache.
	bookKey string
}

// paginate sets secs into pages: their galleys are set in parallel, a bounded number ahead, and
// cut into pages in order as they arrive. Sections whose galley prints page numbers of others
// (contents, contributors) are set when their turn comes, with the numbers known by then.
func (s *setter) paginate(ctx context.Context, secs []*layout.Section, arabic bool) (*Book, error) {
	b := &Book{Geometry: s.g, Starts: map[string]int{}}
	if s.o.Bleed {
		b.Bleed = BleedWidth
	}
	p := &paginator{s: s, book: b, fs: s.fontSet(s.ed.Sections[0]), arabic: arabic, heads: map[string]*Line{}}
	if len(secs) == 0 {
		return b, nil
	}
	// Essays whose pages the cache has need no galley, unless they now start on the other
	// side of a spread.
	keys := make([]string, len(secs))
	if s.o.Cache != nil {
		book := s.bookKey()
		p.bookKey = book
		for i, sec := range secs {
			if cacheable(sec) {
				keys[i] = s.sectionKey(sec, book)
			}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	results := make([]chan galleyResult, len(secs))
	for i := range results {
		results[i] = make(chan galleyResult, 1)
	}
	window := make(chan struct{}, 2*workers) // galleys set but not yet cut into pages
	jobs := make(chan int)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(jobs)
		for i := range secs {
			select {
			case window <- struct{}{}:
			case <-done:
				return
			}
			select {
			case jobs <- i:
			case <-done:
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range jobs {
				if pageDependent(secs[i]) || ctx.Err() != nil || s.o.Cache.get(keys[i]) != nil {
					results[i] <- galleyResult{}
					continue
				}
				g, err := s.safeGalley(secs[i])
				results[i] <- galleyResult{g, err}
			}
		}()
	}
	given := 0 // pages given to PageDone
	for i, sec := range secs {
		var res galleyResult
		select {
		case res = <-results[i]:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		gal, err := res.g, res.err
		if err != nil {
			return nil, err
		}
		cached := s.o.Cache.get(keys[i])
		recto := false
		switch {
		case cached != nil:
			recto = cached.recto
		case gal == nil:
			if gal, err = s.safeGalley(sec); err != nil {
				return nil, err
			}
			fallthrough
		default:
			recto = gal.recto
		}
		// An essay never stands on the back of its part's title page: that page stays blank
		// and the essay opens on the right-hand page after it.
		if recto || i > 0 && secs[i-1].Kind == layout.PartOpener && sec.Kind == layout.Essay {
			p.padToRecto()
		}
		b.Starts[sec.ID] = len(b.Pages)
		if cached != nil && cached.parity[len(b.Pages)%2] != nil {
			p.replay(keys[i], sec, cached, cached.parity[len(b.Pages)%2])
			s.o.Cache.count(true)
		} else {
			if gal == nil { // cached, but for the other side of the spread
				if gal, err = s.safeGalley(sec); err != nil {
					return nil, err
				}
			}
			switch {
			case gal.fixed:
				p.fixedPage(gal)
			case keys[i] != "":
				// Set afresh and kept: its report apart, so that a replay adds the same.
				from, before := len(b.Pages), b.Report
				b.Report, p.hyphRun = Report{}, 0
				pages := p.flow(gal)
				own := b.Report
				b.Report = before.add(own)
				p.finish(gal, pages)
				p.record(keys[i], gal, from, own)
				s.o.Cache.count(false)
			default:
				p.finish(gal, p.flow(gal))
			}
			gal.lines = nil // its pages hold what is drawn; the galley can go
		}
		s.labels[sec.ID] = b.Pages[b.Starts[sec.ID]].Label
		<-window
		// Every section begins on a page of its own: the pages so far are final.
		if arabic && s.o.PageDone != nil {
			for _, pg := range b.Pages[given:] {
				addStyles(s.givenStyles, pg.Texts)
				s.given[pg] = true
				s.o.PageDone(pg, b)
			}
			given = len(b.Pages)
		}
	}
	b.Report.Pages = len(b.Pages)
	return b, nil
}

// galleyResult is a section's galley as a worker set it, or why it could not.
type galleyResult struct {
	g   *galley
	err error
}

// ErrInternal marks a failure that is the program's fault, not the book's: a bug to report.
var ErrInternal = errors.New("internal error")

// safeGalley sets a section's galley, turning a panic (a bug: no input should cause one) into
// an error that names the section, so that a worker's panic neither ends the desktop app nor
// loses the message.
func (s *setter) safeGalley(sec *layout.Section) (g *galley, err error) {
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("%w while setting %q: %v (please report this as a bug, with the essay)\n%s", ErrInternal, sec.Title, r, debug.Stack())
		}
	}()
	return s.galley(sec), nil
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
			p.draw(pg, l, y, gal.rtl)
		}
		return
	}
	for _, l := range gal.lines {
		y += l.space + l.lead
		p.draw(pg, l, y, gal.rtl)
	}
}

// span is a page's share of a galley: lines[start:end], with their baselines.
type span struct {
	start, end int
	ys         []float64
	opener     bool
}

// flow cuts a flowed galley into pages: first where each page ends, with facing pages balanced,
// then the drawing; it returns the pages, which finish then gives their heads and folios.
func (p *paginator) flow(gal *galley) []*Page {
	if gal.footnotes != nil {
		return p.flowFootnotes(gal)
	}
	g := p.s.g
	lines := gal.lines
	var spans []span
	pageStart := 0
	for pageStart < len(lines) {
		first := len(spans) == 0
		// Spacers that would open a page vanish, as space does at a page break.
		for !first && pageStart < len(lines) && lines[pageStart].line == nil && len(lines[pageStart].texts) == 0 && len(lines[pageStart].pictures) == 0 {
			pageStart++
		}
		if pageStart == len(lines) {
			break
		}
		opener := first && gal.opener
		top := g.FirstBaseline()
		if opener {
			top += gal.sink
		}
		end, ys := p.fill(lines, pageStart, top)
		if end < len(lines) && !allowedBreak(lines, end, 2) {
			// Rather than leave the page short, set a paragraph on it one line longer or
			// shorter, or without the hyphen at its foot.
			if fixed := p.repair(lines, pageStart, end, top); fixed != nil {
				lines = fixed
				gal.lines = fixed
				end, ys = p.fill(lines, pageStart, top)
			}
		}
		if end < len(lines) {
			full := end
			end = p.chooseBreak(lines, pageStart, end)
			ys = ys[:end-pageStart]
			if end < full {
				p.book.Report.ShortPages++
			}
		}
		cur := span{start: pageStart, end: end, ys: ys, opener: opener}
		// A right-hand page and the left-hand page before it are seen together: their last
		// lines should stand level.
		recto := (len(p.book.Pages)+len(spans))%2 == 0
		if recto && !first && end < len(lines) {
			p.balance(lines, &spans[len(spans)-1], &cur)
		}
		spans = append(spans, cur)
		pageStart = cur.end
	}
	p.justifySpreads(lines, spans)
	var pages []*Page
	for i, sp := range spans {
		pg := p.newPage(gal.sec)
		pg.Opener = sp.opener
		pg.Folio = gal.folio
		pg.bottom = sp.ys[len(sp.ys)-1]
		pg.last = i == len(spans)-1
		for j := sp.start; j < sp.end; j++ {
			p.draw(pg, lines[j], sp.ys[j-sp.start], gal.rtl)
		}
		if i+1 < len(spans) {
			p.countBreak(visible(lines[sp.start:sp.end], -1), visible(lines[sp.end:], 1))
		}
		pg.Start = lines[sp.start].pos
		if pg.Start.Section == "" {
			pg.Start.Section = gal.sec.ID
		}
		pages = append(pages, pg)
	}
	return pages
}

// finish adds the running heads and folios to a galley's pages, last: a cached essay's pages
// are kept without them and get theirs afresh where they fall (replay).
func (p *paginator) finish(gal *galley, pages []*Page) {
	heads := pageHeads{verso: gal.headVerso, recto: gal.headRecto}
	for _, pg := range pages {
		p.finishPage(pg, heads)
	}
}

// pageHeads are a section's running heads: on left-hand pages, on right-hand ones.
type pageHeads struct{ verso, recto string }

// finishPage adds a page's running head (not on an opener) and folio (where it has one).
func (p *paginator) finishPage(pg *Page, heads pageHeads) {
	body := pg.Texts
	p.textsHint = len(body) + len(body)/8
	// The head and folio come first in the page's content, as a reader meets them: the
	// text of the page then runs on from the last page's (a word broken across the turn
	// reads whole when the text is extracted). They are set apart and the page's texts
	// copied once behind them (a preview after an edit does this for every page of the book).
	var head [8]Text
	pg.Texts = head[:0]
	if !pg.Opener {
		p.runningHead(pg, heads)
	}
	if pg.Folio {
		p.folio(pg, pg.Opener)
	}
	pg.heads = len(pg.Texts)
	pg.Texts = append(append(make([]Text, 0, pg.heads+len(body)), pg.Texts...), body...)
}

// balance levels a spread whose pages end on different lines: it looks for the fullest pair
// of breaks, the left-hand page's moved up to three lines earlier and the right-hand page's up
// to five (a left-hand page cut short before a heading), that keeps every rule and leaves both pages' last lines level. Lines the right-hand
// page gives up go on to the next spread. When there is no such pair the spread stays as it is.
func (p *paginator) balance(lines []*gline, v, r *span) {
	g := p.s.g
	level := func(a, b float64) bool { return math.Abs(a-b) < g.Leading/2 }
	if level(v.ys[p.lastDrawn(lines, v)], r.ys[p.lastDrawn(lines, r)]) {
		return
	}
	for lost := 1; lost <= 8; lost++ {
		for kv := 0; kv <= min(lost, 3); kv++ {
			kr := lost - kv
			if kr > 5 {
				continue
			}
			nv, nr := v.end-kv, r.end-kr
			if nv <= v.start+1 || nr <= nv+1 {
				continue
			}
			if kv > 0 && !allowedBreak(lines, nv, 2) || kr > 0 && !allowedBreak(lines, nr, 2) {
				continue
			}
			e, ys := p.fill(lines, nv, g.FirstBaseline())
			if e < nr {
				continue
			}
			nvs, nrs := span{start: v.start, end: nv, ys: v.ys[:nv-v.start]}, span{start: nv, end: nr, ys: ys[:nr-nv]}
			if !level(nvs.ys[p.lastDrawn(lines, &nvs)], nrs.ys[p.lastDrawn(lines, &nrs)]) {
				continue
			}
			v.end, v.ys = nv, v.ys[:nv-v.start]
			r.start, r.end, r.ys = nv, nr, ys[:nr-nv]
			return
		}
	}
}

// justifySpreads brings down to the next line of the grid the foot of each page that ends
// off it — a page whose last lines are a block quotation, verse or notes, set on their own
// leading after a half-line space — when that makes it end level with the page facing it (or
// when the page faces none of its section's full pages): the space goes into the gaps before
// that material, after the last line on the grid, shared equally, and lines on the grid never
// move. A section's last page ends where its text ends.
func (p *paginator) justifySpreads(lines []*gline, spans []span) {
	g := p.s.g
	// A page's foot is its last line that prints (a space after a block may stand below it).
	foot := func(sp *span) float64 { return sp.ys[p.lastDrawn(lines, sp)] }
	// reach is the grid line a page's foot can be brought down to.
	reach := func(sp *span) float64 { return p.snap(foot(sp)) }
	for i := 0; i+1 < len(spans); i++ {
		sp := &spans[i]
		target := reach(sp)
		if target-foot(sp) < 0.01 || target > g.LastBaseline()+0.01 {
			continue // on the grid already, or it would go past the page's last line
		}
		recto := (len(p.book.Pages)+i)%2 == 0
		facing := i + 1
		if recto {
			facing = i - 1
		}
		if facing >= 0 && facing+1 < len(spans) && math.Abs(reach(&spans[facing])-target) > 0.01 {
			continue // the facing page cannot end on that line: as level as they are
		}
		p.justify(lines, sp, target)
	}
}

// justify moves the off-grid material at the foot of a page down so that its last baseline
// is target (see justifySpreads): the space goes into the gaps before that material's
// blocks, shared equally, or where it has none (a long quotation or the notes running to the
// foot) into the leading of its lines, a fraction of a point each.
func (p *paginator) justify(lines []*gline, sp *span, target float64) {
	g := p.s.g
	n := p.lastDrawn(lines, sp) + 1 // what follows the last printed line stays
	// gridLine: a line of body text, or a space snapped, standing on the grid (a smaller
	// text's line may fall on it by chance and is not one).
	gridLine := func(j int) bool {
		l := lines[sp.start+j]
		k := (sp.ys[j] - g.FirstBaseline()) / g.Leading
		return math.Abs(k-math.Round(k)) < 0.01 && (l.snap || math.Abs(l.lead-g.Leading) < 0.01 || j == 0)
	}
	from := n - 1
	for from > 0 && !gridLine(from-1) {
		from--
	}
	if from == 0 {
		// Nothing on the grid (a page of a long quotation, of notes, under an opener's
		// sink): its first line stays where it is.
		if n < 2 {
			return
		}
		from = 1
	}
	var gaps []int
	for j := from; j < n; j++ {
		if lines[sp.start+j].space > 0 {
			gaps = append(gaps, j)
		}
	}
	if len(gaps) == 0 {
		for j := from; j < n; j++ {
			gaps = append(gaps, j)
		}
	}
	share := (target - sp.ys[n-1]) / float64(len(gaps))
	shift := 0.0
	for j, k := gaps[0], 0; j < n; j++ {
		if k < len(gaps) && gaps[k] == j {
			shift += share
			k++
		}
		sp.ys[j] += shift
	}
}

// lastDrawn is the index in sp.ys of the page's last line that prints something.
func (p *paginator) lastDrawn(lines []*gline, sp *span) int {
	for j := len(sp.ys) - 1; j > 0; j-- {
		if l := lines[sp.start+j]; l.line != nil || len(l.texts) > 0 || len(l.pictures) > 0 || len(l.rules) > 0 {
			return j
		}
	}
	return 0
}

// fill lays lines down from start until one does not fit, returning the first that does not and
// the baselines of those that do. top is the first line's baseline.
func (p *paginator) fill(lines []*gline, start int, top float64) (int, []float64) {
	g := p.s.g
	last := g.LastBaseline() + 0.01
	ys := make([]float64, 0, g.Lines+8)
	y := 0.0
	end := start
	for end < len(lines) {
		l := lines[end]
		ny := y + l.space + l.lead
		if end == start {
			ny = top + l.tall // a picture at the head of a page hangs from the top of the text
		}
		if l.snap && end > start {
			ny = p.snap(ny)
		}
		if ny > last && end > start {
			break
		}
		ys = append(ys, ny)
		y = ny
		end++
	}
	return end, ys
}

// repair looks for a paragraph on the page to set again so that the page can end where it
// should: without a widow, an orphan or a hyphen at its foot. It tries the paragraph at the
// break first (without its hyphen, then a line shorter or longer), then the other paragraphs
// that begin on the page, nearest first. It returns the lines with the change made, or nil.
func (p *paginator) repair(lines []*gline, start, end int, top float64) []*gline {
	type attempt struct {
		first, n     int // the paragraph's lines: lines[first:first+n]
		loose, noHyp int
	}
	var tries []attempt
	paraAt := func(i int) (int, int, bool) {
		l := lines[i]
		if l.src == nil || l.para <= 0 {
			return 0, 0, false
		}
		first := i - l.idx
		if first < start || first+l.count > len(lines) {
			return 0, 0, false // it began on an earlier page, which is already printed
		}
		return first, l.count, true
	}
	before := lines[end-1]
	if f, n, ok := paraAt(end - 1); ok && before.line != nil && before.line.Hyphenated {
		tries = append(tries, attempt{f, n, 0, before.idx})
	}
	seen := map[int]bool{}
	for i := end; i >= start; i-- {
		if i >= len(lines) {
			continue
		}
		f, n, ok := paraAt(i)
		if !ok || seen[f] {
			continue
		}
		seen[f] = true
		tries = append(tries, attempt{f, n, -1, -1}, attempt{f, n, 1, -1})
	}
	for _, t := range tries {
		old := lines[t.first : t.first+t.n]
		set := old[0].src.reset(t.loose, t.noHyp)
		if set == nil {
			continue
		}
		repl := respliced(old, old[0].src.glines(set))
		fixed := make([]*gline, 0, len(lines)+1)
		fixed = append(fixed, lines[:t.first]...)
		fixed = append(fixed, repl...)
		fixed = append(fixed, lines[t.first+t.n:]...)
		if e, _ := p.fill(fixed, start, top); e >= len(fixed) || allowedBreak(fixed, e, 2) {
			return fixed
		}
	}
	return nil
}

// respliced gives re-set lines the attributes of the lines they replace: the first line's
// space, anchors and extra marks, and every line's paragraph, keep and position.
func respliced(old, repl []*gline) []*gline {
	o := old[0]
	for i, l := range repl {
		l.para, l.keep, l.pos, l.lead, l.noBreakBefore = o.para, o.keep, o.pos, o.lead, o.noBreakBefore
		if i > 0 && l.line != nil && o.pos.Block >= 0 {
			l.pos.Char = l.line.At
		}
	}
	f := repl[0]
	f.space, f.snap, f.anchors, f.texts, f.rules, f.links = o.space, o.snap, o.anchors, o.texts, o.rules, o.links
	return repl
}

// countLine adds a drawn line to the report.
func (p *paginator) countLine(l *gline) {
	r := &p.book.Report
	if l.line == nil {
		return
	}
	r.Lines++
	if l.line.Overfull {
		r.Overfull++
	}
	if l.line.Hyphenated {
		p.hyphRun++
		r.MaxHyphenRun = max(r.MaxHyphenRun, p.hyphRun)
	} else {
		p.hyphRun = 0
	}
}

// countBreak adds a page break inside a section to the report: the lines on either side.
func (p *paginator) countBreak(before, after *gline) {
	r := &p.book.Report
	if before == nil || after == nil {
		return
	}
	if before.para > 0 && before.para == after.para {
		if before.idx == 0 {
			r.Orphans++
		}
		if after.idx == after.count-1 {
			r.Widows++
		}
	}
	if before.line != nil && before.line.Hyphenated {
		r.HyphensAtPageEnd++
	}
	if before.ornament || after.ornament {
		r.StrandedOrnaments++
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
	// Never leave a page less than half full to honour a typographic rule; keeping an ornament
	// off a page's edge may take more.
	for strict := 2; strict >= 0; strict-- {
		minKeep := max(1, (end-start)/2)
		if strict == 0 {
			minKeep = 1
		}
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
	// Spacers vanish at a break: an ornament beyond one would still end or start the page.
	if v := visible(lines[:j], -1); v != nil && v.ornament {
		return false
	}
	if v := visible(lines[j:], 1); v != nil && v.ornament {
		return false
	}
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

// draw places a galley line on a page with its baseline at y. In a right-to-left section
// (mirror set) everything the line draws is mirrored in the text block: a line set from the
// left edge ends at the right one, a hanging number hangs on the right, a table's first column
// is on the right; the text of each line is already in visual order.
func (p *paginator) draw(pg *Page, l *gline, y float64, mirror bool) {
	p.countLine(l)
	left := p.s.g.Left(pg.Recto)
	measure := p.s.g.Measure()
	x0 := left + l.x
	// at places something drawn w wide at x from the line's left edge.
	at := func(x, w float64) float64 { return x0 + x }
	if mirror {
		at = func(x, w float64) float64 { return left + measure - (l.x + x) - w }
	}
	for _, a := range l.anchors {
		pg.Anchors = append(pg.Anchors, Anchor{ID: a, Y: y - p.s.g.Leading})
	}
	if pg.Texts == nil && p.textsHint > 0 {
		pg.Texts = make([]Text, 0, p.textsHint)
	}
	if l.line != nil {
		lx := at(0, l.line.Natural)
		for _, r := range l.line.Runs {
			pg.Texts = append(pg.Texts, Text{X: lx + r.X, Y: y - r.Rise, Text: r.Text, style: r.style.drawID()})
			if r.Link != "" {
				w := r.style.width(r.Text)
				pg.Links = append(pg.Links, Link{X: lx + r.X, Y: y - r.Size, W: w, H: r.Size * 1.25, URL: r.Link})
			}
		}
	}
	for _, t := range l.texts {
		t.X = at(t.X, t.Face().Width(t.Text)*t.Size())
		t.Y += y
		pg.Texts = append(pg.Texts, t)
	}
	for _, r := range l.rules {
		x1, x2 := at(r.X1, 0), at(r.X2, 0)
		pg.Rules = append(pg.Rules, Rule{X1: x1, Y1: y + r.Y1, X2: x2, Y2: y + r.Y2, Width: r.Width})
	}
	for _, pic := range l.pictures {
		pic.X = at(pic.X, pic.W)
		pic.Y += y
		pg.Pictures = append(pg.Pictures, pic)
	}
	for _, k := range l.links {
		k.X = at(k.X, k.W)
		k.Y += y
		pg.Links = append(pg.Links, k)
	}
}

// runningHead sets the head of a page that is not an opener: on a left-hand page the essay's
// author (or the book's title), on a right-hand page the essay's title, in small capitals.
func (p *paginator) runningHead(pg *Page, heads pageHeads) {
	g := p.s.g
	head := heads.recto
	if !pg.Recto {
		head = heads.verso
	}
	if head == "" {
		return
	}
	l := p.headLine(head)
	if l == nil {
		return
	}
	y := g.Top - g.Leading*1.6
	x0 := g.Left(pg.Recto) + (g.Measure()-l.Natural)/2
	for _, r := range l.Runs {
		id := r.style.drawID() // the head's style, in the book's language: looked up once
		if r.style.lang != 0 {
			id = textStyleOf(r.Face, r.Size, 0)
		}
		pg.Texts = append(pg.Texts, Text{X: x0 + r.X, Y: y, Text: r.Text, style: id})
	}
	pg.HasHead = true
}

// headLine sets a running head: in small capitals, shortened at a word when too long for the
// head (a long title without a short one). Each head is set once per book.
func (p *paginator) headLine(head string) *Line {
	if l, ok := p.heads[head]; ok {
		return l
	}
	// The app's preview sets the book again after every edit: its cache keeps the heads too.
	c, key := p.s.o.Cache, ""
	if c != nil {
		key = p.bookKey + "\x00" + head
		if l, ok := c.head(key); ok {
			p.heads[head] = l
			return l
		}
	}
	g := p.s.g
	size := g.Body * 0.8
	fs := p.fs
	pb := &paraBuilder{fs: fs}
	pb.inlines(plain(head), inlineStyle{size: size, smallCaps: true})
	items := pb.finish()
	lines := greedyLines(items, func(int) float64 { return math.Inf(1) })
	var l *Line
	if len(lines) > 0 {
		l = lines[0]
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
	}
	p.heads[head] = l
	if c != nil {
		c.putHead(key, l)
	}
	return l
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
		// At the outer edge: the right of a right-hand page.
		if g.RightHand(pg.Recto) {
			x = g.Left(pg.Recto) + g.Measure() - w
		} else {
			x = g.Left(pg.Recto)
		}
	}
	pg.Texts = append(pg.Texts, Text{X: x, Y: y, Text: pg.Label, style: textStyleOf(face, size, 0)})
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
