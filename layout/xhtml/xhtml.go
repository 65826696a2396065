// Package xhtml writes the text model as XHTML: every block and inline kind, notes with their
// back-links, page-break markers placed inside the text. The EPUB's content documents are made
// with it, and so would be any other HTML output; it knows nothing of packaging.
package xhtml

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/layout"
)

// Text escapes s for XML character data and attribute values, and drops characters XML 1.0
// cannot hold. The loader already strips control characters with a warning; this is the
// writer's own guarantee that its output parses, whatever it is given.
func Text(s string) string {
	// Most text is plain: returned as it is, without a copy (the EPUB of a long book writes
	// millions of runs).
	i := 0
	for i < len(s) && plainASCII(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b.WriteString("&amp;")
			case c == '<':
				b.WriteString("&lt;")
			case c == '>':
				b.WriteString("&gt;")
			case c == '"':
				b.WriteString("&quot;")
			case xmlChar(rune(c)):
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r != utf8.RuneError || size > 1) && xmlChar(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// plainASCII reports whether c is an ASCII character Text writes as it is.
func plainASCII(c byte) bool {
	return c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '"'
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD && !(r >= 0xFDD0 && r <= 0xFDEF)) || (r >= 0x10000 && r <= 0x10FFFF)
}

// Renderer writes the text model as XHTML for one content document. It keeps the ids it hands
// out unique within the document.
type Renderer struct {
	b strings.Builder
	// NotePrefix makes footnote ids unique when several documents' notes could meet.
	NotePrefix string
	// NotesHref, when set, is the document the notes are in (the book's notes at its end):
	// references link there.
	NotesHref string
	// RefsHref, when set, is the document the body's references are in: the backlinks of the
	// notes the body refers to link there (a note referred to only from another note is in the
	// same document as its reference).
	RefsHref string
	refCount map[*text.Note]int
	noteIDs  map[*text.Note]string
	// headingShift maps the body's heading levels onto h2… so that an essay whose first heading
	// is "###" still has no gaps in its outline.
	headingShift int
	lastHeading  int
	// Dir is the page's direction ("ltr", "rtl"): a span in a language written the other way
	// says its own.
	Dir string
	// BioLinks turns an author's name into a link to their bio.
	BioLinks map[string]string
	// Marks are written into the text of the block being rendered, each before the character
	// at its plain-text offset; pos counts the runes written so far.
	Marks []Mark
	Pos   int
	// Image gives a figure's image path relative to the content document, "" when unknown.
	Image func(src string) string
	// Words are the edition's printed words (its notes' heading); nil for English.
	Words *layout.Words
}

// englishWords are what a renderer made without an edition prints.
var englishWords, _ = layout.WordsFor("en", nil)

// printed returns the words the renderer prints.
func (r *Renderer) printed() *layout.Words {
	if r.Words != nil {
		return r.Words
	}
	return &englishWords
}

// Mark is markup to put at a place in a block's text (a page-break marker).
type Mark struct {
	At   int
	HTML string
}

// W writes markup as it is.
func (r *Renderer) W(s string) { r.b.WriteString(s) }

// F writes formatted markup.
func (r *Renderer) F(format string, a ...any) { fmt.Fprintf(&r.b, format, a...) }

// String is what has been written.
func (r *Renderer) String() string { return r.b.String() }

// Reset forgets what has been written.
func (r *Renderer) Reset() { r.b.Reset() }

func (r *Renderer) noteID(n *text.Note) string {
	if id, ok := r.noteIDs[n]; ok {
		return id
	}
	if r.noteIDs == nil {
		r.noteIDs = map[*text.Note]string{}
		r.refCount = map[*text.Note]int{}
	}
	id := fmt.Sprintf("%sfn-%d", r.NotePrefix, n.Number)
	r.noteIDs[n] = id
	return id
}

// prepareHeadings sets the heading shift for a document's blocks.
func (r *Renderer) PrepareHeadings(blocks []text.Block) {
	min := 0
	var scan func([]text.Block)
	scan = func(bs []text.Block) {
		for _, b := range bs {
			text.WalkBlock(b, func(b text.Block) {
				if h, ok := b.(*text.Heading); ok && (min == 0 || h.Level < min) {
					min = h.Level
				}
			}, func(text.Inline) {})
		}
	}
	scan(blocks)
	if min == 0 {
		min = 1
	}
	r.headingShift = 2 - min
	r.lastHeading = 1
}

func (r *Renderer) Blocks(blocks []text.Block) {
	for i, b := range blocks {
		r.Block(b, i == 0)
	}
}

func (r *Renderer) Block(b text.Block, first bool) {
	switch x := b.(type) {
	case *text.Paragraph:
		r.W("<p>")
		r.Inlines(x.Content)
		r.W("</p>\n")
	case *text.Heading:
		level := x.Level + r.headingShift
		if level > r.lastHeading+1 {
			level = r.lastHeading + 1
		}
		level = max(2, min(level, 6))
		r.lastHeading = level
		r.F("<h%d>", level)
		r.Inlines(x.Content)
		r.F("</h%d>\n", level)
	case *text.Quote:
		r.W("<blockquote>\n")
		r.Blocks(x.Blocks)
		r.W("</blockquote>\n")
	case *text.List:
		tag := "ul"
		if x.Ordered {
			tag = "ol"
		}
		if x.Ordered && x.Start > 1 {
			r.F("<ol start=\"%d\">\n", x.Start)
		} else {
			r.F("<%s>\n", tag)
		}
		for _, item := range x.Items {
			r.W("<li>")
			// A tight list item is a single paragraph: write it without <p> so lists stay tight.
			if len(item) == 1 {
				if p, ok := item[0].(*text.Paragraph); ok {
					r.Inlines(p.Content)
					r.W("</li>\n")
					continue
				}
			}
			r.W("\n")
			r.Blocks(item)
			r.W("</li>\n")
		}
		r.F("</%s>\n", tag)
	case *text.SceneBreak:
		r.W("<hr class=\"scene-break\"/>\n")
	case *text.Verse:
		r.W("<div class=\"verse\">\n")
		for _, stanza := range x.Stanzas {
			r.W("<p class=\"stanza\">")
			for i, line := range stanza {
				if i > 0 {
					r.W("<br/>")
				}
				r.W("<span class=\"line\">")
				r.Inlines(line)
				r.W("</span>")
			}
			r.W("</p>\n")
		}
		r.W("</div>\n")
	case *text.Table:
		r.table(x)
	case *text.Figure:
		r.figure(x)
	case *text.Epigraph:
		r.W("<blockquote class=\"epigraph\" epub:type=\"epigraph\" role=\"doc-epigraph\">\n")
		r.Blocks(x.Blocks)
		r.para("attribution", "", x.Attribution)
		r.W("</blockquote>\n")
	case *text.Letter:
		r.W("<blockquote class=\"letter\" epub:type=\"z3998:letter\">\n")
		r.para("dateline", "z3998:dateline", x.Dateline)
		r.para("salutation", "z3998:salutation", x.Salutation)
		r.Blocks(x.Blocks)
		r.para("valediction", "z3998:valediction", x.Closing)
		r.para("signature", "z3998:signature", x.Signature)
		if len(x.Postscript) > 0 {
			r.W("<div class=\"postscript\" epub:type=\"z3998:postscript\">\n")
			r.Blocks(x.Postscript)
			r.W("</div>\n")
		}
		r.W("</blockquote>\n")
	}
}

// para writes inline content as a paragraph of a class (and a structural type), if it has any.
func (r *Renderer) para(class, epubType string, content []text.Inline) {
	if len(content) == 0 {
		return
	}
	if epubType != "" {
		r.F("<p class=\"%s\" epub:type=\"%s\">", class, epubType)
	} else {
		r.F("<p class=\"%s\">", class)
	}
	r.Inlines(content)
	r.W("</p>\n")
}

// table writes a table with its caption, header row (column headers) and alignments.
func (r *Renderer) table(t *text.Table) {
	cols := t.Columns()
	align := func(i int) string {
		if i >= len(t.Align) {
			return ""
		}
		switch t.Align[i] {
		case text.AlignLeft:
			return " class=\"left\""
		case text.AlignCenter:
			return " class=\"center\""
		case text.AlignRight:
			return " class=\"right\""
		}
		return ""
	}
	row := func(cells []text.Cell, tag, scope string) {
		r.W("<tr>")
		for i := 0; i < cols; i++ {
			if i < len(cells) && len(cells[i]) > 0 {
				r.F("<%s%s%s>", tag, scope, align(i))
				r.Inlines(cells[i])
				r.F("</%s>", tag)
			} else {
				r.F("<td%s></td>", align(i)) // an empty cell heads nothing
			}
		}
		r.W("</tr>\n")
	}
	header := func(cells []text.Cell) {
		// A pipe table cannot span columns: a header cell followed by empty ones (how a
		// spanning header is written) spans them again.
		r.W("<tr>")
		for i := 0; i < cols; {
			span := 1
			for i+span < cols && (i+span >= len(cells) || len(cells[i+span]) == 0) {
				span++
			}
			if i >= len(cells) || len(cells[i]) == 0 {
				r.F("<td%s></td>", align(i))
				i++
				continue
			}
			if span > 1 {
				r.F("<th scope=\"colgroup\" colspan=\"%d\"%s>", span, align(i))
			} else {
				r.F("<th scope=\"col\"%s>", align(i))
			}
			r.Inlines(cells[i])
			r.W("</th>")
			i += span
		}
		r.W("</tr>\n")
	}
	r.W("<table>\n")
	if len(t.Caption) > 0 {
		r.W("<caption>")
		r.Inlines(t.Caption)
		r.W("</caption>\n")
	}
	if t.Header != nil {
		r.W("<thead>\n")
		header(t.Header)
		r.W("</thead>\n")
	}
	r.W("<tbody>\n")
	for _, cells := range t.Rows {
		row(cells, "td", "")
	}
	r.W("</tbody>\n</table>\n")
}

// figure writes an image with its description, caption and credit. An image the edition does
// not have (it cannot be: assembly reads them all) keeps its description as text.
func (r *Renderer) figure(f *text.Figure) {
	href := ""
	if r.Image != nil {
		href = r.Image(f.Src)
	}
	r.W("<figure>\n")
	if href != "" {
		r.F("<img src=\"%s\" alt=\"%s\"/>\n", Text(href), Text(f.Alt))
	} else {
		r.F("<p class=\"missing-image\">%s</p>\n", Text(f.Alt))
	}
	if len(f.Caption) > 0 || len(f.Credit) > 0 {
		r.W("<figcaption>")
		if len(f.Caption) > 0 {
			r.W("<span class=\"caption\">")
			r.Inlines(f.Caption)
			r.W("</span>")
		}
		if len(f.Credit) > 0 {
			if len(f.Caption) > 0 {
				r.W(" ")
			}
			r.W("<span class=\"credit\">")
			r.Inlines(f.Credit)
			r.W("</span>")
		}
		r.W("</figcaption>\n")
	}
	r.W("</figure>\n")
}

// inlineTags are the XHTML elements of the inlines that are only a wrapper.
var inlineTags = map[reflect.Type][2]string{
	reflect.TypeOf(&text.Emphasis{}):    {"<em>", "</em>"},
	reflect.TypeOf(&text.Strong{}):      {"<strong>", "</strong>"},
	reflect.TypeOf(&text.SmallCaps{}):   {"<span class=\"small-caps\">", "</span>"},
	reflect.TypeOf(&text.Subscript{}):   {"<sub>", "</sub>"},
	reflect.TypeOf(&text.Superscript{}): {"<sup>", "</sup>"},
}

func (r *Renderer) Inlines(content []text.Inline) {
	for _, in := range content {
		switch x := in.(type) {
		case *text.Text:
			r.text(x.Text)
		case *text.Emphasis, *text.Strong, *text.SmallCaps, *text.Subscript, *text.Superscript:
			tag := inlineTags[reflect.TypeOf(in)]
			r.W(tag[0])
			r.Inlines(text.Children(in))
			r.W(tag[1])
		case *text.Span:
			if d := layout.Dir(x.Lang); d != r.Dir && r.Dir != "" {
				r.F("<span xml:lang=\"%s\" lang=\"%s\" dir=\"%s\">", Text(x.Lang), Text(x.Lang), d)
			} else {
				r.F("<span xml:lang=\"%s\" lang=\"%s\">", Text(x.Lang), Text(x.Lang))
			}
			r.Inlines(x.Content)
			r.W("</span>")
		case *text.Abbr:
			if x.Title != "" {
				r.F("<abbr title=\"%s\">", Text(x.Title))
			} else {
				r.W("<abbr>")
			}
			r.Inlines(x.Content)
			r.W("</abbr>")
		case *text.Link:
			if safeURL(x.URL) {
				r.F("<a href=\"%s\">", Text(text.EncodeURL(strings.TrimSpace(x.URL))))
				r.Inlines(x.Content)
				r.W("</a>")
			} else {
				r.Inlines(x.Content) // a link nobody should follow from a book: keep its words
			}
		case *text.NoteRef:
			id := r.noteID(x.Note)
			r.refCount[x.Note]++
			ref := id + "-ref"
			if n := r.refCount[x.Note]; n > 1 {
				ref = fmt.Sprintf("%s-ref-%d", id, n)
			}
			r.F("<a href=\"%s#%s\" id=\"%s\" class=\"noteref\" epub:type=\"noteref\" role=\"doc-noteref\">%d</a>", r.NotesHref, id, ref, x.Note.Number)
		case *text.LineBreak:
			r.W("<br/>")
			r.Pos++ // as text.Plain counts it
		}
	}
}

// text writes a run of text, placing any marks that fall inside it.
func (r *Renderer) text(s string) {
	if len(r.Marks) == 0 {
		r.W(Text(s))
		return
	}
	for len(r.Marks) > 0 {
		n := utf8.RuneCountInString(s)
		if r.Marks[0].At >= r.Pos+n {
			break
		}
		cut := r.Marks[0].At - r.Pos
		if cut < 0 {
			cut = 0
		}
		i := 0
		for k := 0; k < cut; k++ {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		r.W(Text(s[:i]))
		r.W(r.Marks[0].HTML)
		r.Marks = r.Marks[1:]
		r.Pos += cut
		s = s[i:]
	}
	r.W(Text(s))
	r.Pos += utf8.RuneCountInString(s)
}

// subtitle writes a title's subtitle line, if there is one.
func (r *Renderer) Subtitle(content []text.Inline) {
	if len(content) == 0 {
		return
	}
	r.W("<p class=\"subtitle\" epub:type=\"subtitle\" role=\"doc-subtitle\">")
	r.Inlines(content)
	r.W("</p>\n")
}

// notes writes a document's footnotes, each an aside that reading systems can show as a
// pop-up, with its backlink before the note's text.
func (r *Renderer) Notes(doc *text.Document, headingID string) {
	if doc == nil || len(doc.Notes) == 0 {
		return
	}
	r.F("<section class=\"notes\" aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n", headingID, headingID, Text(r.printed().Notes))
	r.NoteList(doc)
	r.W("</section>\n")
}

// NoteList writes a document's footnotes as Notes does, without their section and heading
// (the book's notes at its end put each essay's under its title).
func (r *Renderer) NoteList(doc *text.Document) {
	if doc == nil {
		return
	}
	var inBody map[*text.Note]bool
	if r.RefsHref != "" {
		inBody = map[*text.Note]bool{}
		text.Walk(doc.Blocks, func(in text.Inline) {
			if ref, ok := in.(*text.NoteRef); ok {
				inBody[ref.Note] = true
			}
		})
	}
	for _, n := range doc.Notes {
		id := r.noteID(n)
		r.F("<aside id=\"%s\" class=\"footnote\" epub:type=\"footnote\" role=\"doc-footnote\">\n", id)
		refs := ""
		if inBody[n] {
			refs = r.RefsHref
		}
		back := fmt.Sprintf("<a href=\"%s#%s-ref\" class=\"backlink\" role=\"doc-backlink\" aria-label=\"%s\">%d.</a> ", refs, id, Text(fmt.Sprintf(r.printed().BackToReference, n.Number)), n.Number)
		for i, b := range n.Blocks {
			if p, ok := b.(*text.Paragraph); ok && i == 0 {
				r.W("<p>")
				r.W(back)
				r.Inlines(p.Content)
				r.W("</p>\n")
				continue
			}
			if i == 0 {
				r.W("<p>" + back + "</p>\n")
			}
			r.Block(b, false)
		}
		if len(n.Blocks) == 0 {
			r.W("<p>" + back + "</p>\n")
		}
		r.W("</aside>\n")
	}
}

// safeURL admits the links a book may carry: web and mail addresses.
func safeURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return u.Opaque != "" || u.Host != ""
	}
	return false
}
