package typeset

import "math"

// Notes at the foot of the page (Options.FootNotes). Each page of an essay holds its body
// lines from the top and, at its foot, below a short rule, the notes whose references stand
// on it, in the order of their references, the last line of the notes on the page's last
// baseline. The body keeps to its grid: the notes take whole lines of it. A note too long
// for the room left is split, TeX's way: it starts on the page of its reference and goes on
// at the foot of the next page, before that page's own notes; a note whose first line cannot
// stand on the page of its reference sends the reference's line to the next page. Pages end
// as the body's rules allow (no widow, no orphan, a heading with its text).

// footPage is what one page of a foot-noted galley holds.
type footPage struct {
	span
	notes []*gline // the note lines at its foot, in order
	rest  []*gline // the lines of a note that go on at the foot of the next page
}

// holdsDepth reports whether l is the space after a line that draws below its baseline (the
// further lines of a table's row): it goes with that line, never to the next page.
func holdsDepth(l *gline) bool {
	return l.line == nil && len(l.texts) == 0 && len(l.pictures) == 0 && l.lead > 0
}

// noteHeight is the height the note lines take from the separator to the last baseline.
func noteHeight(ls []*gline) float64 {
	h := 0.0
	for i, l := range ls {
		h += l.lead
		if i > 0 {
			h += l.space
		}
	}
	return h
}

// footFit lays body lines [start, end) from top, with the carried note lines first in the
// notes: their baselines, the note lines the page holds and those that go on; ok is false
// when the body lines do not fit with at least the first line of each of their notes.
func (p *paginator) footFit(gal *galley, lines []*gline, start, end int, top float64, carry []*gline, placed map[int]bool) (ys []float64, notes, rest []*gline, ok bool) {
	g := p.s.g
	y := 0.0
	queue := append([]*gline(nil), carry...)
	firsts := []int{} // the index in queue of each new note's first line
	seen := map[int]bool{}
	for j := start; j < end; j++ {
		l := lines[j]
		ny := y + l.space + l.lead
		if j == start {
			ny = top + l.tall
		}
		if l.snap && j > start {
			ny = p.snap(ny)
		}
		ys = append(ys, ny)
		y = ny
		if l.line == nil {
			continue
		}
		var add func(refs []int)
		add = func(refs []int) {
			for _, n := range refs {
				if placed[n] || seen[n] || len(gal.footnotes[n]) == 0 {
					continue
				}
				seen[n] = true
				firsts = append(firsts, len(queue))
				queue = append(queue, gal.footnotes[n]...)
				// A note that refers to another (an editor's note on a note) brings it along.
				for _, nl := range gal.footnotes[n] {
					if nl.line != nil {
						add(nl.line.Notes)
					}
				}
			}
		}
		add(l.line.Notes)
	}
	if len(ys) == 0 {
		return nil, nil, carry, false
	}
	// The separator takes half a line; the notes whole lines of the body's grid.
	gap := g.Leading * 0.5
	lines4 := func(h float64) float64 { return math.Ceil((h+gap)/g.Leading-0.01) * g.Leading }
	foot := ys[len(ys)-1]
	if len(queue) == 0 {
		return ys, nil, nil, foot <= g.LastBaseline()+0.01
	}
	if foot <= g.LastBaseline()-lines4(noteHeight(queue))+0.01 {
		return ys, queue, nil, true
	}
	// Split: as many note lines as the room below the body holds; every note referenced on
	// the page must start on it.
	cut := len(queue)
	for cut > 0 && (foot > g.LastBaseline()-lines4(noteHeight(queue[:cut]))+0.01 || cut < len(queue) && holdsDepth(queue[cut])) {
		cut--
	}
	need := 1 // at least a line of the notes; a new note needs its first line
	if len(firsts) > 0 {
		need = firsts[len(firsts)-1] + 1
	}
	// Not ok when a note referenced here could not start here; the split is returned all
	// the same, for a page that must take the line anyway (nothing is ever left out).
	return ys, queue[:cut], queue[cut:], cut >= need
}

// flowFootnotes cuts a galley whose notes go at the foot of the page into pages (see above).
func (p *paginator) flowFootnotes(gal *galley) []*Page {
	g := p.s.g
	lines := gal.lines
	placed := map[int]bool{} // notes that have started on an earlier page
	var pages []footPage
	var carry []*gline
	pageStart := 0
	for pageStart < len(lines) || len(carry) > 0 {
		first := len(pages) == 0
		for !first && pageStart < len(lines) && lines[pageStart].line == nil && len(lines[pageStart].texts) == 0 && len(lines[pageStart].pictures) == 0 {
			pageStart++
		}
		opener := first && gal.opener
		top := g.FirstBaseline()
		if opener {
			top += gal.sink
		}
		var fp footPage
		if pageStart == len(lines) {
			// Only the rest of a note: a page of notes.
			cut := len(carry)
			for cut > 1 && (noteHeight(carry[:cut])+g.Leading*0.5 > g.LastBaseline()-g.FirstBaseline() || cut < len(carry) && holdsDepth(carry[cut])) {
				cut--
			}
			fp = footPage{span: span{start: pageStart, end: pageStart, opener: opener}, notes: carry[:cut], rest: carry[cut:]}
		} else {
			end := pageStart + 1
			ys, notes, rest, ok := p.footFit(gal, lines, pageStart, end, top, carry, placed)
			for end < len(lines) {
				ys2, notes2, rest2, ok2 := p.footFit(gal, lines, pageStart, end+1, top, carry, placed)
				if !ok2 {
					break
				}
				end, ys, notes, rest, ok = end+1, ys2, notes2, rest2, ok2
			}
			_ = ok // the first line stands on its page whatever: its notes as they fit, the rest after
			if end < len(lines) {
				if e := p.chooseBreak(lines, pageStart, end); e < end && e > pageStart {
					p.book.Report.ShortPages++
					end = e
					ys, notes, rest, _ = p.footFit(gal, lines, pageStart, end, top, carry, placed)
				}
			}
			fp = footPage{span: span{start: pageStart, end: end, ys: ys, opener: opener}, notes: notes, rest: rest}
		}
		var mark func(refs []int)
		mark = func(refs []int) {
			for _, n := range refs {
				if !placed[n] {
					placed[n] = true
					for _, nl := range gal.footnotes[n] {
						if nl.line != nil {
							mark(nl.line.Notes)
						}
					}
				}
			}
		}
		for j := fp.start; j < fp.end; j++ {
			if l := lines[j]; l.line != nil {
				mark(l.line.Notes)
			}
		}
		pages = append(pages, fp)
		carry = fp.rest
		pageStart = fp.end
	}
	var out []*Page
	size, _ := p.s.noteSize()
	for i, fp := range pages {
		pg := p.newPage(gal.sec)
		pg.Opener = fp.opener
		pg.Folio = gal.folio
		pg.last = i == len(pages)-1
		for j := fp.start; j < fp.end; j++ {
			p.draw(pg, lines[j], fp.ys[j-fp.start], gal.rtl)
		}
		if len(fp.ys) > 0 {
			pg.bottom = fp.ys[len(fp.ys)-1]
		}
		if len(fp.notes) > 0 {
			// The notes from the foot up: their last line on the page's last baseline.
			ys := make([]float64, len(fp.notes))
			y := g.LastBaseline()
			for k := len(fp.notes) - 1; k >= 0; k-- {
				ys[k] = y
				y -= fp.notes[k].lead
				if k > 0 {
					y -= fp.notes[k].space
				}
			}
			rule := ys[0] - size*1.1 - g.Leading*0.25
			pg.Rules = append(pg.Rules, Rule{X1: g.Left(pg.Recto), Y1: rule, X2: g.Left(pg.Recto) + g.Measure()*0.3, Y2: rule, Width: 0.4})
			for k, l := range fp.notes {
				p.draw(pg, l, ys[k], gal.rtl)
			}
		}
		if i+1 < len(pages) && fp.end > fp.start && pages[i+1].end > pages[i+1].start {
			p.countBreak(visible(lines[fp.start:fp.end], -1), visible(lines[fp.end:], 1))
		}
		if fp.start < len(lines) {
			pg.Start = lines[fp.start].pos
		} else {
			pg.Start = Position{Section: gal.sec.ID, Block: len(gal.sec.Body.Blocks)}
		}
		if pg.Start.Section == "" {
			pg.Start.Section = gal.sec.ID
		}
		out = append(out, pg)
	}
	return out
}
