package importer

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file reads the structures essays hold beyond paragraphs: tables, figures, epigraphs and
// letters. Each is written as a chunk of Markdown in the syntax of package markdown (pipe
// tables, fenced divs), so the essay file says what the source said.

// structural types and classes, as Standard Ebooks, EPUB 3 and common sites mark them.
func hasType(n *html.Node, names ...string) bool {
	t := " " + strings.ToLower(attr(n, "epub:type")+" "+attr(n, "class")+" "+attr(n, "role")) + " "
	for _, name := range names {
		if strings.Contains(t, " "+name+" ") || strings.Contains(t, ":"+name+" ") || strings.Contains(t, "."+name+" ") || strings.Contains(t, "doc-"+name+" ") {
			return true
		}
	}
	return false
}

// sub converts the content of n (as verse, or as a flow of blocks) with a converter of its own
// that shares the notes, and returns its blocks' Markdown and words.
func (c *htmlConv) sub(n *html.Node, verse bool) ([]string, string) {
	sub := &htmlConv{src: c.src, notes: c.notes, skip: c.skip, parent: c.owner(), lang: c.lang}
	if verse {
		sub.verse(n)
	} else {
		sub.flow(n)
	}
	sub.endPara()
	c.removed = append(c.removed, sub.removed...)
	var md, txt []string
	for _, b := range sub.out {
		md = append(md, b.markdown())
		txt = append(txt, b.text)
	}
	return md, strings.Join(txt, "\n")
}

// isLayoutTable tells a table a page uses for layout from a table of data: layout tables hold
// other tables, headings, lists or runs of paragraphs, or say so with their role.
func isLayoutTable(n *html.Node) bool {
	if r := strings.ToLower(attr(n, "role")); r == "presentation" || r == "none" {
		return true
	}
	layout := false
	walkElements(n, func(e *html.Node) bool {
		switch e.DataAtom {
		case atom.Table, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol,
			atom.Blockquote, atom.Form, atom.Article, atom.Section, atom.Nav, atom.Header, atom.Footer:
			layout = true
		case atom.Td, atom.Th:
			paras := 0
			for ch := e.FirstChild; ch != nil; ch = ch.NextSibling {
				if ch.Type == html.ElementNode && (ch.DataAtom == atom.P || ch.DataAtom == atom.Div) {
					paras++
				}
			}
			if paras > 3 {
				layout = true
			}
		}
		return !layout
	})
	return layout
}

// table writes a data table as a pipe table: the header row from <thead> (or a first row of
// <th>), a cell spanning columns followed by empty cells, the caption after it ("Table: …").
func (c *htmlConv) table(n *html.Node) {
	if isLayoutTable(n) {
		c.flow(n)
		c.endPara()
		return
	}
	var header []string
	var rows [][]string
	var words []string
	var caption string
	var rowsOf func(*html.Node, bool)
	rowsOf = func(p *html.Node, head bool) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode || c.skip[ch] {
				continue
			}
			switch ch.DataAtom {
			case atom.Thead:
				rowsOf(ch, true)
			case atom.Tbody, atom.Tfoot:
				rowsOf(ch, false)
			case atom.Caption:
				w := newInlineWriter()
				c.inline(w, ch, false, 0)
				caption = strings.TrimSpace(caption + " " + w.md.String())
				words = append(words, w.txt.String())
			case atom.Tr:
				var cells []string
				allTH := true
				for td := ch.FirstChild; td != nil; td = td.NextSibling {
					if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) {
						continue
					}
					allTH = allTH && td.DataAtom == atom.Th
					w := newInlineWriter()
					w.cell = true
					c.cellContent(w, td)
					cells = append(cells, w.md.String())
					words = append(words, w.txt.String())
					for span := smallNumber(attr(td, "colspan"), 99); span > 1; span-- {
						cells = append(cells, "")
					}
				}
				if len(cells) == 0 {
					continue
				}
				if header == nil && len(rows) == 0 && (head || allTH) {
					header = cells
				} else {
					rows = append(rows, cells)
				}
			}
		}
	}
	rowsOf(n, false)
	cols := len(header)
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	line := func(cells []string) string {
		for len(cells) < cols {
			cells = append(cells, "")
		}
		return "| " + strings.Join(cells, " | ") + " |"
	}
	var md []string
	md = append(md, line(header), "|"+strings.Repeat("---|", cols))
	for _, r := range rows {
		md = append(md, line(r))
	}
	if strings.TrimSpace(caption) != "" {
		md = append(md, "", "Table: "+caption)
	}
	c.add(block{kind: chunk, md: strings.Join(md, "\n"), text: strings.Join(words, " "), quoted: c.quote > 0})
}

// cellContent writes a cell's content on one line: its paragraphs and lines of verse apart by
// line breaks.
func (c *htmlConv) cellContent(w *inlineWriter, n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if c.skip[ch] {
			continue
		}
		switch {
		case ch.Type == html.TextNode:
			w.text(ch.Data, false)
		case ch.Type != html.ElementNode || skipped[ch.DataAtom]:
		case isBlock(ch) || hasBlockDescendant(ch):
			w.lineBreak()
			c.cellContent(w, ch)
			w.lineBreak()
		default:
			c.inlineElement(w, ch, false, 0)
		}
	}
}

// smallNumber reads a count an attribute gives ("3"), 0 when it is none or past max.
func smallNumber(s string, max int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > max {
		return 0
	}
	return n
}

// isAttribution recognises the source line of an epigraph or quotation.
func isAttribution(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Cite || n.DataAtom == atom.Footer ||
		hasType(n, "attribution", "epigraph-attribution", "source", "cite", "citation", "byline"))
}

// epigraph writes an epigraph as a fenced div, its attribution a last paragraph opening with
// an em dash.
func (c *htmlConv) epigraph(n *html.Node) {
	var attribution *html.Node
	for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
		if ch.Type == html.TextNode && strings.TrimFunc(ch.Data, isHTMLSpace) == "" {
			continue
		}
		if isAttribution(ch) {
			attribution = ch
		}
		break
	}
	if attribution != nil {
		c.skip[attribution] = true
	}
	var md []string
	var txt string
	md, txt = c.sub(n, isVerse(n)) // "epigraph z3998:poem": the epigraph is a poem
	if attribution != nil {
		delete(c.skip, attribution)
		w := newInlineWriter()
		c.inline(w, attribution, false, 0)
		if a := strings.TrimLeft(strings.TrimSpace(w.md.String()), "—–-\\ \u00a0"); a != "" {
			md = append(md, "— "+a)
			txt += "\n" + w.txt.String()
		}
	}
	if len(md) == 0 {
		return
	}
	c.add(block{kind: chunk, md: "::: epigraph\n" + strings.Join(md, "\n\n") + "\n:::", text: txt, quoted: c.quote > 0})
}

// letterPart names the part of a letter an element is ("salutation"), or "" for its body.
func letterPart(n *html.Node) string {
	if n.Type != html.ElementNode {
		return ""
	}
	switch {
	case hasType(n, "dateline"):
		return "dateline"
	case hasType(n, "salutation"):
		return "salutation"
	case hasType(n, "valediction", "closing"):
		return "closing"
	case hasType(n, "signature"):
		return "signature"
	case hasType(n, "postscript"):
		return "postscript"
	}
	return ""
}

// letter writes a letter as a fenced div with its parts in the source's order: dateline and
// salutation, the body, closing and signature, and what follows them (a postscript, a dateline
// at the foot) as its postscript. A letter's header and footer are read for their parts.
func (c *htmlConv) letter(n *html.Node) {
	var items []*html.Node
	var collect func(p *html.Node)
	collect = func(p *html.Node) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && (ch.DataAtom == atom.Header || ch.DataAtom == atom.Footer) && letterPart(ch) == "" {
				collect(ch)
				continue
			}
			items = append(items, ch)
		}
	}
	collect(n)
	var parts, words []string
	sub := &htmlConv{src: c.src, notes: c.notes, skip: c.skip, parent: c.owner(), lang: c.lang}
	flush := func() {
		sub.endPara()
		c.removed = append(c.removed, sub.removed...)
		for _, b := range sub.out {
			parts = append(parts, b.markdown())
			words = append(words, b.text)
		}
		sub.out, sub.removed = nil, nil
	}
	phase := 0 // 0 before the body, 1 in it, 2 after the closing or signature
	var post []string
	inPost := false
	for _, it := range items {
		part := letterPart(it)
		if part == "" && it.Type == html.TextNode && strings.TrimFunc(it.Data, isHTMLSpace) == "" {
			continue
		}
		switch {
		case phase == 2 && part != "closing" && part != "signature":
			// After the signature: the postscript, in order.
			if !inPost {
				flush()
				inPost = true
			}
			sub.flowChild(it)
			continue
		case part == "closing" || part == "signature":
			phase = 2
		case part == "postscript":
			phase = 2
			if !inPost {
				flush()
				inPost = true
			}
			sub.flowChild(it)
			continue
		case part == "" || phase == 1 && (part == "dateline" || part == "salutation"):
			phase = 1
			sub.flowChild(it)
			continue
		}
		flush()
		w := newInlineWriter()
		c.inline(w, it, false, 0)
		if strings.TrimSpace(w.md.String()) != "" {
			parts = append(parts, "::: "+part+"\n"+w.md.String()+"\n:::")
			words = append(words, w.txt.String())
		}
	}
	if inPost {
		sub.endPara()
		c.removed = append(c.removed, sub.removed...)
		for _, b := range sub.out {
			post = append(post, b.markdown())
			words = append(words, b.text)
		}
		if len(post) > 0 {
			parts = append(parts, "::: postscript\n"+strings.Join(post, "\n\n")+"\n:::")
		}
	} else {
		flush()
	}
	if len(parts) == 0 {
		return
	}
	c.add(block{kind: chunk, md: "::: letter\n" + strings.Join(parts, "\n\n") + "\n:::", text: strings.Join(words, "\n"), quoted: c.quote > 0})
}

// validLang is a BCP 47 tag as far as a book needs one.
var validLang = regexp.MustCompile(`^[a-z]{2,8}(-[a-z0-9]{1,8})*$`)

// span writes an element's content as a bracketed span with attributes ("[Dr.]{.abbr …}").
func (c *htmlConv) span(w *inlineWriter, n *html.Node, em bool, quotes int, attrs string) {
	w.open("[")
	c.inline(w, n, em, quotes)
	if w.close("[") {
		w.raw("{" + attrs + "}")
	}
}

// script writes a sub- or superscript (that is not a note's mark) as ~text~ or ^text^, its
// spaces escaped as the syntax wants.
func (c *htmlConv) script(w *inlineWriter, n *html.Node, em bool, quotes int) {
	t := collapse(strings.ReplaceAll(textOf(n), "\n", " "))
	if strings.TrimSpace(t) == "" {
		return
	}
	delim := "^"
	if n.DataAtom == atom.Sub {
		delim = "~"
	}
	md := escapeInline(t)
	md = strings.ReplaceAll(md, " ", "\\ ")
	w.markup(delim+md+delim, t)
}
