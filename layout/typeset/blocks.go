package typeset

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
)

// blockCtx is where blocks are set: their indents from the text block's edges, their size and
// leading. A quotation sets its blocks in a narrower context, a note in a smaller one; every
// kind of block can stand in every context, so nothing a writer nests is left out.
type blockCtx struct {
	sec         *layout.Section
	left, right float64
	size, lead  float64
	notes       func(*text.Note) string
}

// bodyCtx is the context of an essay's text.
func (s *setter) bodyCtx(sec *layout.Section) blockCtx {
	return blockCtx{sec: sec, size: s.o.BodySize, lead: s.g.Leading, notes: noteNumber}
}

func noteNumber(n *text.Note) string { return strconv.Itoa(n.Number) }

// inset is the context indented on both sides, as a quotation is.
func (c blockCtx) inset(by float64) blockCtx {
	c.left += by
	c.right += by
	return c
}

// measure is the width lines have in the context.
func (s *setter) measureIn(c blockCtx) float64 { return s.g.Measure() - c.left - c.right }

// blockSeq sets blocks one after another; a paragraph after a paragraph is indented.
func (s *setter) blockSeq(fs *fontSet, blocks []text.Block, c blockCtx) []*gline {
	var out []*gline
	indent := false
	for _, b := range blocks {
		out = append(out, s.block(fs, b, c, indent)...)
		_, indent = b.(*text.Paragraph)
	}
	return out
}

// block sets one block in a context.
func (s *setter) block(fs *fontSet, b text.Block, c blockCtx, indent bool) []*gline {
	switch x := b.(type) {
	case *text.Paragraph:
		pc := paraCfg{size: c.size, leading: c.lead, justify: true, left: c.left, right: c.right, notes: c.notes}
		if indent {
			pc.indent = c.size * 1.2
		}
		return s.lines(fs, x.Content, pc)
	case *text.Heading:
		ls := s.lines(fs, x.Content, paraCfg{size: c.size, leading: c.lead, smallCaps: true, center: true, left: c.left, right: c.right, notes: c.notes})
		for _, l := range ls {
			l.keep, l.para = true, -1
		}
		if len(ls) > 0 {
			ls[0].space = c.lead
		}
		return ls
	case *text.SceneBreak:
		orn := s.lines(fs, plain(ornament(fs)), paraCfg{size: c.size, leading: c.lead, center: true, left: c.left, right: c.right})
		for _, l := range orn {
			l.keep, l.noBreakBefore, l.ornament, l.para = true, true, true, -1
		}
		return spaced(orn, c.lead*0.5)
	case *text.Quote:
		return spaced(s.blockSeq(fs, x.Blocks, c.inset(c.size*1.5)), c.lead*0.5)
	case *text.List:
		return s.listLines(fs, x, c)
	case *text.Verse:
		return s.verseLines(fs, x, c)
	case *text.Table:
		return s.tableLines(fs, x, c)
	case *text.Figure:
		return s.figureLines(fs, x, c)
	case *text.Epigraph:
		return s.epigraphLines(fs, x, c)
	case *text.Letter:
		return s.letterLines(fs, x, c)
	}
	return nil
}

// spaced puts space before and after a run of lines, and returns the text after it to the
// baseline grid.
func spaced(ls []*gline, space float64) []*gline {
	if len(ls) == 0 {
		return ls
	}
	ls[0].space += space
	return append(ls, &gline{space: space, para: -1, snap: true})
}

func (s *setter) listLines(fs *fontSet, l *text.List, c blockCtx) []*gline {
	face := fs.body.Face(assets.Regular)
	markers := make([]string, len(l.Items))
	widths := make([]float64, len(l.Items))
	// The items stand 1.8 em in, or further where a number is wider ("10." and on): the
	// markers hang in the indent, never in the margin (a printer's safe zone).
	indent := c.size * 1.8
	for i := range l.Items {
		markers[i] = "•"
		if l.Ordered {
			markers[i] = strconv.Itoa(l.Start+i) + "."
		}
		widths[i] = face.Width(markers[i]) * c.size
		indent = max(indent, c.size*0.6+widths[i])
	}
	inner := c
	inner.left += indent
	var out []*gline
	for i, item := range l.Items {
		ls := s.blockSeq(fs, item, inner)
		for _, gl := range ls {
			if gl.line != nil {
				gl.texts = append(gl.texts, Text{X: -c.size*0.6 - widths[i] - (gl.x - inner.left), Text: markers[i], style: textStyleOf(face, c.size, 0)})
				break
			}
		}
		out = append(out, ls...)
	}
	return spaced(out, c.lead*0.5)
}

// verseLines sets verse ragged, each line of the poem its own, a turnover hanging under it.
func (s *setter) verseLines(fs *fontSet, v *text.Verse, c blockCtx) []*gline {
	var out []*gline
	for si, stanza := range v.Stanzas {
		for li, line := range stanza {
			ls := s.lines(fs, line, paraCfg{size: c.size, leading: c.lead, left: c.left + c.size*2, right: c.right, hang: c.size * 1.5, notes: c.notes})
			for _, l := range ls {
				l.para = -1
			}
			if len(ls) > 0 && li == 0 && si > 0 {
				ls[0].space = c.lead
			}
			// Keep a stanza's lines together where they are few.
			if len(stanza) <= 4 {
				for _, l := range ls {
					l.keep = true
				}
			}
			out = append(out, ls...)
		}
		if len(out) > 0 {
			out[len(out)-1].keep = false
		}
	}
	return spaced(out, c.lead*0.5)
}

// epigraphLines sets an epigraph narrower and smaller than the text, its attribution flush
// right after an em dash.
func (s *setter) epigraphLines(fs *fontSet, e *text.Epigraph, c blockCtx) []*gline {
	inner := c
	inner.left += s.measureIn(c) * 0.22
	inner.right += c.size * 1.5
	inner.size = c.size * 0.92
	inner.lead = inner.size * 1.3
	out := s.blockSeq(fs, e.Blocks, inner)
	if len(e.Attribution) > 0 {
		content := append([]text.Inline{&text.Text{Text: "\u2014\u00a0"}}, e.Attribution...)
		out = append(out, s.flushRight(fs, content, inner, false)...)
	}
	for _, l := range out {
		l.keep = true // an epigraph is short and stays whole
	}
	if len(out) > 0 {
		out[len(out)-1].keep = false
	}
	return spaced(out, c.lead*0.5)
}

// flushRight sets inline content ragged left against the context's right edge.
func (s *setter) flushRight(fs *fontSet, content []text.Inline, c blockCtx, smallCaps bool) []*gline {
	measure := s.measureIn(c)
	ls := s.lines(fs, content, paraCfg{size: c.size, leading: c.lead, left: c.left, right: c.right, smallCaps: smallCaps, notes: c.notes})
	for _, l := range ls {
		l.x = c.left + measure - l.line.Natural
		l.para = -1
	}
	return ls
}

// letterLines sets a letter indented as a quotation: its dateline flush right, the salutation
// at the margin, the body, then the closing and signature from the middle of the measure.
func (s *setter) letterLines(fs *fontSet, l *text.Letter, c blockCtx) []*gline {
	inner := c.inset(c.size * 1.5)
	var out []*gline
	if len(l.Dateline) > 0 {
		out = append(out, s.flushRight(fs, l.Dateline, inner, false)...)
	}
	if len(l.Salutation) > 0 {
		ls := s.lines(fs, l.Salutation, paraCfg{size: c.size, leading: c.lead, left: inner.left, right: inner.right, notes: c.notes})
		for _, gl := range ls {
			gl.para, gl.keep = -1, true
		}
		out = append(out, ls...)
	}
	out = append(out, s.blockSeq(fs, l.Blocks, inner)...)
	closing := inner
	closing.left += s.measureIn(inner) * 0.4
	for _, part := range []struct {
		content   []text.Inline
		smallCaps bool
	}{{l.Closing, false}, {l.Signature, true}} {
		ls := s.lines(fs, part.content, paraCfg{size: c.size, leading: c.lead, left: closing.left, right: closing.right, smallCaps: part.smallCaps, notes: c.notes})
		for _, gl := range ls {
			gl.para = -1
		}
		if len(out) > 0 && len(ls) > 0 {
			// The closing does not stand alone at the head of a page, nor is it broken across
			// one: closing and signature go together, with the letter's last line.
			out[len(out)-1].keep = true
			for _, gl := range ls[:len(ls)-1] {
				gl.keep = true
			}
		}
		out = append(out, ls...)
	}
	// The closing keeps with the signature under it.
	if n := len(out); n > 0 && len(l.Signature) > 0 && len(l.Closing) > 0 {
		for i := n - 1; i >= 0 && out[i].para == -1; i-- {
			if i < n-1 {
				out[i].keep = true
			}
		}
	}
	if len(l.Postscript) > 0 {
		ps := s.blockSeq(fs, l.Postscript, inner)
		if len(ps) > 0 {
			ps[0].space += c.lead * 0.5
		}
		out = append(out, ps...)
	}
	return spaced(out, c.lead*0.5)
}

// tableLines sets a table on the page's grid of columns: each cell ragged in its column, rows
// kept whole, rules above and below the table and under its header (no vertical rules, as
// books set tables), the caption above it.
func (s *setter) tableLines(fs *fontSet, t *text.Table, c blockCtx) []*gline {
	cols := t.Columns()
	size := c.size * 0.9
	lead := size * 1.25
	avail := s.measureIn(c)
	var out []*gline
	if len(t.Caption) > 0 {
		cap := s.lines(fs, t.Caption, paraCfg{size: size, leading: lead, italic: true, center: true, left: c.left, right: c.right, notes: c.notes})
		for _, l := range cap {
			l.keep, l.para = true, -1
		}
		out = append(out, cap...)
	}
	if cols == 0 {
		return spaced(out, c.lead*0.5)
	}
	type row struct {
		cells  []text.Cell
		header bool
	}
	var rows []row
	if t.Header != nil {
		rows = append(rows, row{t.Header, true})
	}
	for _, r := range t.Rows {
		rows = append(rows, row{r, false})
	}
	build := func(cell text.Cell, header bool) []item {
		pb := &paraBuilder{fs: fs, hyph: s.hyph, hyphenate: true, noteMarks: c.notes}
		pb.inlines(cell, inlineStyle{size: size, bold: header})
		return pb.finish()
	}
	items := make([][][]item, len(rows))
	natural := make([]float64, cols)
	least := make([]float64, cols)
	for i, r := range rows {
		items[i] = make([][]item, cols)
		for j := 0; j < cols; j++ {
			var cell text.Cell
			if j < len(r.cells) {
				cell = r.cells[j]
			}
			items[i][j] = build(cell, r.header)
			nat, word := itemWidths(items[i][j])
			natural[j] = max(natural[j], nat)
			least[j] = max(least[j], word)
		}
	}
	gap := size * 1.2
	widths := columnWidths(natural, least, avail-gap*float64(cols-1))
	total := gap * float64(cols-1)
	for _, w := range widths {
		total += w
	}
	x0 := c.left + max(0, (avail-total)/2) // a narrow table stands centred
	colX := make([]float64, cols)
	for j := 1; j < cols; j++ {
		colX[j] = colX[j-1] + widths[j-1] + gap
	}
	tableStart := len(out)
	for i, r := range rows {
		cells := make([][]*Line, cols)
		n := 1
		for j := 0; j < cols; j++ {
			w := widths[j]
			cells[j] = greedyLines(items[i][j], func(int) float64 { return w })
			n = max(n, len(cells[j]))
		}
		// The row is drawn cell by cell, each cell's lines in order, so that the PDF's text
		// reads as the table does (a reader's copy, a screen reader, pdftotext -raw); the
		// lines after the first are material of the row's first line, and a spacer holds
		// their room. A row taller than most of a page is drawn in slabs that may break
		// across pages, so that nothing of it runs off the page's foot.
		slab := max(1, int(s.textHeight()*0.8/lead))
		for k0 := 0; k0 < n; k0 += slab {
			k1 := min(n, k0+slab)
			row := &gline{line: &Line{Width: total, Natural: total}, x: x0, lead: lead, para: -1}
			for j := 0; j < cols; j++ {
				for k := k0; k < k1 && k < len(cells[j]); k++ {
					cl := cells[j][k]
					off := colX[j]
					if j < len(t.Align) {
						switch t.Align[j] {
						case text.AlignRight:
							off += widths[j] - cl.Natural
						case text.AlignCenter:
							off += (widths[j] - cl.Natural) / 2
						}
					}
					for _, run := range cl.Runs {
						row.texts = append(row.texts, Text{X: off + run.X, Y: float64(k-k0)*lead - run.Rise, Text: run.Text, style: run.style.drawID()})
					}
					row.line.Hyphenated = row.line.Hyphenated || cl.Hyphenated
				}
			}
			if i > 0 && k0 == 0 {
				row.space = size * 0.3
			}
			out = append(out, row)
			if k1-k0 > 1 {
				row.keep = true // a slab is not broken across pages
				out = append(out, &gline{lead: float64(k1-k0-1) * lead, para: -1})
			}
		}
		if r.header {
			last := out[len(out)-1]
			last.keep = true // the header stays with the first row
			last.rules = append(last.rules, Rule{X1: 0, Y1: size * 0.5, X2: total, Y2: size * 0.5, Width: 0.4})
		}
	}
	first, last := out[tableStart], out[len(out)-1]
	first.rules = append(first.rules, Rule{X1: 0, Y1: -size * 1.15, X2: total, Y2: -size * 1.15, Width: 0.6})
	last.rules = append(last.rules, Rule{X1: 0, Y1: size * 0.5, X2: total, Y2: size * 0.5, Width: 0.6})
	first.space += size * 0.4
	if tableStart > 0 {
		out[tableStart-1].keep = true // the caption stays with the table
	}
	return spaced(out, c.lead*0.6)
}

// itemWidths returns the width a cell's content takes on one line (the widest of its forced
// lines) and the width of its widest word.
func itemWidths(items []item) (natural, word float64) {
	line, w := 0.0, 0.0
	for _, it := range items {
		switch it.kind {
		case boxItem:
			line += it.width
			w += it.width
			word = max(word, w)
		case glueItem:
			if !it.fil {
				line += it.width
			}
			w = 0
		case penaltyItem:
			if it.penalty <= -infPenalty {
				natural = max(natural, line)
				line = 0
			}
			if it.width > 0 || it.penalty < infPenalty {
				w = 0 // a hyphenation point: a word may break here
			}
		}
	}
	return max(natural, line), word
}

// columnWidths shares out a table's width: every column its natural width when they fit,
// else each at least its widest word and the rest in proportion to what each would still
// take; when even the words do not fit, in proportion to them.
func columnWidths(natural, least []float64, avail float64) []float64 {
	sumNat, sumLeast := 0.0, 0.0
	for j := range natural {
		sumNat += natural[j]
		sumLeast += least[j]
	}
	out := make([]float64, len(natural))
	switch {
	case sumNat <= avail:
		copy(out, natural)
	case sumLeast >= avail:
		for j := range out {
			out[j] = avail * least[j] / sumLeast
		}
	default:
		spare := avail - sumLeast
		for j := range out {
			out[j] = least[j] + spare*(natural[j]-least[j])/(sumNat-sumLeast)
		}
	}
	return out
}

// minFigurePPI is the resolution below which a figure is not enlarged further: beyond it the
// pixels show. printPPI is what printers ask for.
const (
	minFigurePPI = 150
	printPPI     = 300
)

// figureLines sets a figure: its image centred in the measure at most 62 % of the text block
// high, then its caption and credit. The image stays with its caption.
func (s *setter) figureLines(fs *fontSet, f *text.Figure, c blockCtx) []*gline {
	size := c.size * 0.9
	lead := size * 1.3
	avail := s.measureIn(c)
	var out []*gline
	im := s.ed.Image(f.Src)
	if im != nil && im.Width > 0 && im.Height > 0 {
		w := min(avail, float64(im.Width)/minFigurePPI*72)
		h := w * float64(im.Height) / float64(im.Width)
		if maxH := s.textHeight() * 0.62; h > maxH {
			h, w = maxH, maxH*float64(im.Width)/float64(im.Height)
		}
		if ppi := float64(im.Width) / (w / 72); ppi < printPPI-0.5 {
			s.notice(c.sec, fmt.Sprintf("figure %s is %.0f ppi at its printed size (%.2f in wide); printers ask for %d",
				f.Src, ppi, w/72, printPPI))
		}
		out = append(out, &gline{lead: h + c.lead*0.3, tall: h - c.lead*0.75, para: -1, keep: true,
			x:        c.left + (avail-w)/2,
			pictures: []Picture{{X: 0, Y: -h, W: w, H: h, Image: im}}})
	} else {
		out = append(out, s.lines(fs, plain(f.Alt), paraCfg{size: size, leading: lead, italic: true, center: true, left: c.left, right: c.right})...)
	}
	var caption []text.Inline
	caption = append(caption, f.Caption...)
	if len(f.Credit) > 0 {
		if len(caption) > 0 {
			caption = append(caption, &text.Text{Text: " "})
		}
		caption = append(caption, &text.SmallCaps{Content: f.Credit})
	}
	if len(caption) > 0 {
		cl := s.lines(fs, caption, paraCfg{size: size, leading: lead, center: true, left: c.left + size, right: c.right + size, notes: c.notes})
		for _, l := range cl {
			l.keep, l.para = true, -1
		}
		if len(cl) > 0 {
			cl[0].lead = lead + size*0.4
			cl[len(cl)-1].keep = false
		}
		out = append(out, cl...)
	} else {
		out[len(out)-1].keep = false
	}
	return spaced(out, c.lead*0.5)
}

// notice records a problem of the print edition that does not stop it (a figure below print
// resolution), against the section. Galleys are set in parallel: notices are kept by section
// and reported in the book's order.
func (s *setter) notice(sec *layout.Section, msg string) {
	s.missingMu.Lock()
	defer s.missingMu.Unlock()
	if s.notices == nil {
		s.notices = map[string][]string{}
	}
	if slices.Contains(s.notices[sec.ID], msg) {
		return // set again in a later round
	}
	s.notices[sec.ID] = append(s.notices[sec.ID], msg)
}

// noticeList returns the notices in the book's order.
func (s *setter) noticeList() []*anthology.Warning {
	s.missingMu.Lock()
	defer s.missingMu.Unlock()
	var out []*anthology.Warning
	for _, sec := range s.ed.Sections {
		for _, msg := range s.notices[sec.ID] {
			file := ""
			if sec.Essay != nil {
				file = sec.Essay.Path
			}
			out = append(out, &anthology.Warning{File: file, Msg: fmt.Sprintf("%s %q: %s", sec.Kind, sec.PlainTitle(), msg)})
		}
	}
	return out
}
