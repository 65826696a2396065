package importer

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlSource is one parsed HTML or XHTML file of an import, with what a first look found.
type htmlSource struct {
	name string // the file's name as the user gave it
	href string // its path inside a book (for notes referenced across files), or its base name
	doc  *html.Node
	// book is set for documents made as book chapters (EPUB content documents, pandoc's
	// output): their structure is the author's, and no web clean-up runs over them.
	book bool
	ids  map[string]*html.Node
	// resource reads the files the document refers to (its images); nil when there is none.
	resource resourceFunc
	// web is set for a page fetched from the web: its images are fetched from their addresses.
	web bool
}

func parseHTML(name, href, s string) (*htmlSource, error) {
	if err := checkHTMLDepth(s); err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return nil, err
	}
	src := &htmlSource{name: name, href: href, doc: doc, ids: map[string]*html.Node{}}
	walkElements(doc, func(n *html.Node) bool {
		if id := attr(n, "id"); id != "" {
			if _, dup := src.ids[id]; !dup {
				src.ids[id] = n
			}
		}
		if attr(n, "epub:type") != "" || (n.DataAtom == atom.Meta && strings.HasPrefix(strings.ToLower(attr(n, "content")), "pandoc")) {
			src.book = true
		}
		if n.DataAtom == atom.Html && attr(n, "xmlns:epub") != "" {
			src.book = true
		}
		return true
	})
	return src, nil
}

// lang is the document's language as its root element states it, lower case; "" if unstated.
func (src *htmlSource) lang() string {
	if root := find(src.doc, atom.Html); root != nil {
		if l := elementLang(root); l != "" {
			return l
		}
	}
	return ""
}

// elementLang is the language an element states (xml:lang or lang), lower case.
func elementLang(n *html.Node) string {
	for _, a := range n.Attr {
		if a.Key == "lang" || a.Key == "xml:lang" || (a.Namespace == "xml" && a.Key == "lang") {
			return strings.ToLower(strings.TrimSpace(a.Val))
		}
	}
	return ""
}

// walkElements calls fn for every element under n in document order; fn returns false to skip
// an element's children.
func walkElements(n *html.Node, fn func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if !fn(c) {
				continue
			}
		}
		walkElements(c, fn)
	}
}

// htmlBlocks reads one saved web page or chapter on its own (its notes must be in it).
func htmlBlocks(s string) ([]block, hints, error) {
	src, err := parseHTML("", "", s)
	if err != nil {
		return nil, hints{}, err
	}
	notes := newNoteSet([]*htmlSource{src})
	blocks, h := src.blocks(notes)
	if len(blocks) == 0 && h.title == "" {
		return nil, h, errors.New("has no text")
	}
	return blocks, h, nil
}

// blocks converts a parsed document. A web page goes through Readability (the algorithm of
// Firefox's reader view), used only to judge which blocks are the article: every block of the
// page is read, and each one Readability leaves out is a reported cut, so no word is lost
// unsaid. A book chapter is read whole.
func (src *htmlSource) blocks(notes *noteSet) ([]block, hints) {
	var h hints
	body := find(src.doc, atom.Body)
	if body == nil {
		body = src.doc
	}
	c := &htmlConv{src: src, notes: notes, skip: map[*html.Node]bool{}, lang: src.lang()}
	c.title(body, &h)
	c.flow(body)
	c.endPara()
	if len(c.titleRefs) > 0 {
		for i := range c.out {
			if c.out[i].kind == para {
				if c.out[i].md == "" {
					c.out[i].md = escapeMarkdown(smartQuotes(c.out[i].text))
				}
				// Before the paragraph's own notes, if it has any, so that the notes keep
				// their order; else at its end.
				refs := strings.Join(c.titleRefs, "")
				if at := strings.Index(c.out[i].md, "[^"); at >= 0 {
					c.out[i].md = c.out[i].md[:at] + refs + c.out[i].md[at:]
				} else {
					c.out[i].md += refs
				}
				h.messages = append(h.messages, "the title's note is referenced from the first paragraph")
				break
			}
		}
	}
	if !src.book {
		c.judgeByReadability(&h)
	}
	h.notes = c.noteDefs()
	h.noteWords = c.noteWords
	h.noteWordsEach = c.noteWordsEach
	h.book = src.book
	h.images = c.images
	h.removed = append(h.removed, c.removed...)
	h.unresolved = c.unresolved
	return c.out, h
}

// judgeByReadability marks the blocks Readability does not take for the article as cuts, and
// takes the page's title, site name, byline and date from it.
func (c *htmlConv) judgeByReadability(h *hints) {
	doc, err := html.Parse(strings.NewReader(renderHTML(c.src.doc)))
	if err != nil {
		return
	}
	art, err := readability.FromDocument(doc, nil)
	if err != nil || art.Node == nil {
		return
	}
	h.siteName = strings.TrimSpace(art.SiteName())
	if h.title == "" {
		h.title = pageTitle(art.Title(), h.siteName)
	}
	h.author = cleanByline(art.Byline())
	if t, err := art.PublishedTime(); err == nil {
		h.date = t.Format("2006-01-02")
	}
	kept := letters(textOf(art.Node))
	if strings.TrimSpace(kept) == "" {
		return
	}
	cursor := 0
	for i := range c.out {
		key := letters(c.out[i].text)
		if strings.TrimSpace(key) == "" {
			continue
		}
		if j := strings.Index(kept[cursor:], key); j >= 0 {
			cursor += j + len(key)
			continue
		}
		if strings.Contains(kept, key) {
			continue
		}
		c.out[i].cut = "outside the article (the page's furniture, by Readability)"
	}
}

func renderHTML(n *html.Node) string {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		return ""
	}
	return b.String()
}

// letters reduces text to its lower-case letters and single spaces, so that a block can be
// found in Readability's text whatever it did to spaces, digits and punctuation.
func letters(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if isAlnum(r) && !(r >= '0' && r <= '9') {
			b.WriteRune(r)
			space = false
		} else if isHTMLSpace(r) && !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// pageTitle takes the site's name off a page title: "The Winter Ferry | Harbour Notes".
func pageTitle(title, site string) string {
	title = strings.TrimSpace(title)
	for _, sep := range []string{" | ", " — ", " – ", " - ", " :: ", " · "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if (site != "" && strings.EqualFold(tail, site)) || (words(tail) <= 3 && words(head) >= words(tail)) {
			return head
		}
	}
	return title
}

var byPrefix = regexp.MustCompile(`(?i)^(by|written by)\s+`)

// cleanByline turns a page's byline ("By Jane Doe | March 3") into a name, or nothing.
func cleanByline(s string) string {
	s = byPrefix.ReplaceAllString(strings.TrimSpace(s), "")
	if i := strings.IndexAny(s, "|•·,\n"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if looksLikeName(s) {
		return s
	}
	return ""
}

func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

// htmlConv converts one document's elements into blocks.
type htmlConv struct {
	src     *htmlSource
	notes   *noteSet
	out     []block
	cur     *inlineWriter // the paragraph being written from loose inline content
	quote   int           // depth of block quotations
	skip    map[*html.Node]bool
	removed []Removed // what the conversion itself set aside (titles, notes headings)
	// refs are the notes this document references, in order of first reference.
	refs       []*noteDef
	refNumber  map[*noteDef]int
	unresolved []string
	noteWords  int // the words of the notes written for this essay
	// noteWordsEach are the words of each note written, in order.
	noteWordsEach []int
	parent        *htmlConv // set for the converter of a note: it numbers notes through the essay's
	titleRefs     []string  // note markers that stood in the title, to keep in the text
	// lang is the document's language: a passage in another is marked as a language span.
	lang string
	// images are the figures' images the essay shows (kept by the essay's converter).
	images []Image
}

// skipped are elements whose content is never part of an essay.
var skipped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Form: true, atom.Button: true, atom.Svg: true, atom.Iframe: true, atom.Template: true, atom.Select: true,
	atom.Input: true, atom.Textarea: true, atom.Head: true, atom.Math: true}

// blockElements are the elements that end a paragraph.
var blockElements = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true,
	atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Caption: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Main: true, atom.Figure: true, atom.Figcaption: true, atom.Li: true,
	atom.Hgroup: true, atom.Address: true, atom.Center: true, atom.Body: true, atom.Details: true, atom.Summary: true}

func isBlock(n *html.Node) bool {
	return n.Type == html.ElementNode && (blockElements[n.DataAtom] || skipped[n.DataAtom])
}

// hasBlockDescendant reports whether an inline element holds block content (a link around a
// paragraph, a span around a div): then it is read as a block.
func hasBlockDescendant(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockElements[c.DataAtom] || hasBlockDescendant(c)) {
			return true
		}
	}
	return false
}

// flow converts the children of a block container: loose text and inline elements gather into
// paragraphs, block elements become blocks.
func (c *htmlConv) flow(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.flowChild(ch)
	}
}

// flowChild converts one child of a block container.
func (c *htmlConv) flowChild(ch *html.Node) {
	if c.skip[ch] {
		return
	}
	if _, ok := c.notes.defs[ch]; ok {
		return // a note: written where it is referenced
	}
	switch {
	case ch.Type == html.TextNode:
		if c.cur == nil {
			if strings.TrimFunc(ch.Data, isHTMLSpace) == "" {
				return
			}
			c.cur = newInlineWriter()
		}
		c.cur.text(ch.Data, false)
	case ch.Type != html.ElementNode || skipped[ch.DataAtom]:
	case isBlock(ch) || hasBlockDescendant(ch):
		c.endPara()
		c.element(ch)
	default:
		if c.cur == nil {
			c.cur = newInlineWriter()
		}
		c.inline(c.cur, ch, false, 0)
	}
}

// endPara ends the paragraph gathered from loose inline content.
func (c *htmlConv) endPara() {
	if c.cur == nil {
		return
	}
	w := c.cur
	c.cur = nil
	c.add(w.block(c.paraKind()))
}

func (c *htmlConv) paraKind() kind {
	if c.quote > 0 {
		return quote
	}
	return para
}

func (c *htmlConv) add(b block) {
	if strings.TrimSpace(b.text) == "" && strings.TrimSpace(b.md) == "" && b.kind != sceneBreak {
		return
	}
	if b.kind == para && isSceneBreak(strings.TrimSpace(b.text)) {
		b = block{kind: sceneBreak, text: strings.TrimSpace(b.text)}
	}
	c.out = append(c.out, b)
}

// element converts one block element.
func (c *htmlConv) element(n *html.Node) {
	if c.notes.isNotesSection(n) {
		c.cutNotesSection(n)
		return
	}
	switch {
	case hasType(n, "epigraph"):
		c.epigraph(n)
		return
	case hasType(n, "letter"):
		c.letter(n)
		return
	case isVerse(n):
		c.verse(n)
		return
	case n.DataAtom == atom.Table:
		c.table(n)
		return
	case n.DataAtom == atom.Figure:
		c.figure(n, nil)
		return
	}
	if img := onlyImage(n); img != nil {
		c.figure(n, img)
		return
	}
	switch n.DataAtom {
	case atom.P, atom.Dt, atom.Dd, atom.Caption, atom.Figcaption, atom.Summary, atom.Address:
		if hasBlockDescendant(n) {
			c.flow(n)
			c.endPara()
			return
		}
		c.add(c.inlineBlock(n, c.paraKind()))
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		b := c.inlineBlock(n, heading)
		b.level = int(n.Data[1] - '0')
		c.add(b)
	case atom.Blockquote:
		c.quote++
		c.flow(n)
		c.endPara()
		c.quote--
	case atom.Ul, atom.Ol:
		for li := n.FirstChild; li != nil; li = li.NextSibling {
			if li.Type != html.ElementNode || c.skip[li] {
				continue
			}
			if li.DataAtom != atom.Li {
				c.element(li)
				continue
			}
			b := c.inlineBlock(li, listItem)
			b.ordered = n.DataAtom == atom.Ol
			c.add(b)
		}
	case atom.Hr:
		c.add(block{kind: sceneBreak, text: "* * *"})
	case atom.Pre:
		if t := strings.Trim(textOf(n), "\n"); strings.TrimSpace(t) != "" {
			c.add(block{kind: verse, text: t})
		}
	default:
		c.flow(n)
		c.endPara()
	}
}

// inlineBlock converts an element's inline content into one block.
func (c *htmlConv) inlineBlock(n *html.Node, k kind) block {
	w := newInlineWriter()
	c.inline(w, n, false, 0)
	return w.block(k)
}

// inline writes an element's children as inline Markdown.
func (c *htmlConv) inline(w *inlineWriter, n *html.Node, em bool, quotes int) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if c.skip[ch] {
			continue
		}
		switch ch.Type {
		case html.TextNode:
			w.text(ch.Data, em)
		case html.ElementNode:
			c.inlineElement(w, ch, em, quotes)
		}
	}
}

func (c *htmlConv) inlineElement(w *inlineWriter, n *html.Node, em bool, quotes int) {
	if skipped[n.DataAtom] {
		return
	}
	if def, ok := c.notes.ref(c.src, n); ok {
		if def == nil {
			c.owner().unresolved = append(c.owner().unresolved, strings.TrimSpace(textOf(n))+" → "+attr(n, "href"))
			w.text(textOf(n), em)
			return
		}
		w.raw("[^" + strconv.Itoa(c.noteNumber(def)) + "]")
		return
	}
	if isBacklink(n) {
		return
	}
	if l := elementLang(n); l != "" && l != c.lang && validLang.MatchString(l) && n.DataAtom != atom.Br {
		// A passage in another language: the element inside a language span.
		saved := c.lang
		c.lang = l
		w.open("[")
		c.inlineElement(w, n, em, quotes)
		if w.close("[") {
			w.raw("{lang=" + l + "}")
		}
		c.lang = saved
		return
	}
	switch n.DataAtom {
	case atom.Br:
		w.lineBreak()
	case atom.Em, atom.I, atom.Cite, atom.Dfn, atom.Var:
		if em {
			c.inline(w, n, em, quotes)
			return
		}
		w.open("*")
		c.inline(w, n, true, quotes)
		w.close("*")
	case atom.Strong, atom.B:
		w.open("**")
		c.inline(w, n, true, quotes)
		w.close("**")
	case atom.Q:
		open, shut := "“", "”"
		if quotes%2 == 1 {
			open, shut = "‘", "’"
		}
		w.punct(open, true)
		c.inline(w, n, em, quotes+1)
		w.punct(shut, false)
	case atom.A:
		dest := linkDestination(attr(n, "href"))
		if dest == "" {
			c.inline(w, n, em, quotes)
			return
		}
		w.open("[")
		c.inline(w, n, em, quotes)
		if w.close("[") {
			w.raw("(" + dest + ")")
		}
	case atom.Img:
		// An image inside a line of text (an icon, an emoji) is not a figure (see element):
		// it is left out, and said so.
		c.removed = append(c.removed, Removed{Text: "image " + attr(n, "src") + describe(attr(n, "alt")),
			Reason: "image inside a line of text (an icon or an emoji), not a figure"})
	case atom.Sup, atom.Sub:
		c.script(w, n, em, quotes)
	case atom.Abbr, atom.Acronym:
		if title := strings.TrimSpace(attr(n, "title")); title != "" {
			c.span(w, n, em, quotes, ".abbr title=\""+strings.ReplaceAll(title, "\"", "'")+"\"")
			return
		}
		c.inline(w, n, em, quotes)
	default:
		if hasType(n, "smallcaps", "small-caps", "sc") || strings.Contains(strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", ""), "font-variant:small-caps") {
			c.span(w, n, em, quotes, ".smallcaps")
			return
		}
		c.inline(w, n, em, quotes)
	}
}

// isVerse recognises poetry by the markup books and sites give it.
func isVerse(n *html.Node) bool {
	t := " " + strings.ToLower(attr(n, "epub:type")+" "+attr(n, "class")) + " "
	for _, w := range []string{"verse", "poem", "poetry", "stanza", "song", "hymn", "lyrics", "ballad"} {
		if strings.Contains(t, ":"+w+" ") || strings.Contains(t, " "+w+" ") {
			return true
		}
	}
	return false
}

// verse converts poetry: each paragraph (or the element itself) is a stanza, each <br> ends a
// line, and a line's indentation class ("i1", "i2") becomes leading spaces.
func (c *htmlConv) verse(n *html.Node) {
	type line struct{ md, txt string }
	var stanzas [][]line
	var stanza func(p *html.Node)
	stanza = func(p *html.Node) {
		var lines []line
		w := newInlineWriter()
		indent := 0
		end := func() {
			if w.wrote {
				lines = append(lines, line{strings.Repeat(" ", 2*indent) + w.md.String(), w.txt.String()})
			}
			w = newInlineWriter()
			indent = 0
		}
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if c.skip[ch] {
				continue // an epigraph's attribution, written apart
			}
			switch {
			case ch.Type == html.ElementNode && ch.DataAtom == atom.Br:
				end()
			case ch.Type == html.ElementNode && (ch.DataAtom == atom.P || ch.DataAtom == atom.Div || hasBlockDescendant(ch)):
				end()
				if len(lines) > 0 {
					stanzas = append(stanzas, lines)
					lines = nil
				}
				stanza(ch)
			case ch.Type == html.ElementNode:
				if !w.wrote {
					indent = indentLevel(ch)
				}
				c.inlineElement(w, ch, false, 0)
			case ch.Type == html.TextNode:
				w.text(ch.Data, false)
			}
		}
		end()
		if len(lines) > 0 {
			stanzas = append(stanzas, lines)
		}
	}
	stanza(n)
	if len(stanzas) == 0 {
		return
	}
	var md, txt []string
	for i, s := range stanzas {
		if i > 0 {
			md = append(md, "")
			txt = append(txt, "")
		}
		for _, l := range s {
			md = append(md, l.md)
			txt = append(txt, l.txt)
		}
	}
	c.add(block{kind: verse, text: strings.Join(txt, "\n"), md: strings.Join(md, "\n")})
}

var indentClass = regexp.MustCompile(`\bi([1-9])\b`)

func indentLevel(n *html.Node) int {
	if m := indentClass.FindStringSubmatch(attr(n, "class")); m != nil {
		return int(m[1][0] - '0')
	}
	return 0
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key || (a.Namespace != "" && a.Namespace+":"+a.Key == key) {
			return a.Val
		}
	}
	return ""
}

func hasWord(list, word string) bool {
	for _, f := range strings.Fields(list) {
		if f == word {
			return true
		}
	}
	return false
}

// textOf is the text of n and its descendants, without scripts and styles.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && skipped[n.DataAtom] {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// collapse squeezes runs of spaces, keeping line breaks.
func collapse(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
