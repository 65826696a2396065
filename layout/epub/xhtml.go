package epub

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/layout"
)

// xmlText escapes s for XML character data and attribute values, and drops characters XML 1.0
// cannot hold. The loader already strips control characters with a warning; this is the
// writer's own guarantee that its output parses, whatever it is given.
func xmlText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			continue
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case !xmlChar(r):
			continue
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD && !(r >= 0xFDD0 && r <= 0xFDEF)) || (r >= 0x10000 && r <= 0x10FFFF)
}

// renderer writes the text model as XHTML for one content document. It keeps the ids it hands
// out unique within the document.
type renderer struct {
	b strings.Builder
	// notePrefix makes footnote ids unique when several documents' notes could meet.
	notePrefix string
	refCount   map[*text.Note]int
	noteIDs    map[*text.Note]string
	// headingShift maps the body's heading levels onto h2… so that an essay whose first heading
	// is "###" still has no gaps in its outline.
	headingShift int
	lastHeading  int
	// dir is the page's direction ("ltr", "rtl"): a span in a language written the other way
	// says its own.
	dir string
	// bioLinks turns an author's name into a link to their bio.
	bioLinks map[string]string
	// marks are written into the text of the block being rendered, each before the character
	// at its plain-text offset; pos counts the runes written so far.
	marks []mark
	pos   int
	// image gives a figure's image path relative to the content document, "" when unknown.
	image func(src string) string
	// words are the edition's printed words (its notes' heading); nil for English.
	words *layout.Words
}

// englishWords are what a renderer made without an edition prints.
var englishWords, _ = layout.WordsFor("en", nil)

// printed returns the words the renderer prints.
func (r *renderer) printed() *layout.Words {
	if r.words != nil {
		return r.words
	}
	return &englishWords
}

// mark is markup to put at a place in a block's text (a page-break marker).
type mark struct {
	at   int
	html string
}

func (r *renderer) w(s string)                { r.b.WriteString(s) }
func (r *renderer) f(format string, a ...any) { fmt.Fprintf(&r.b, format, a...) }

func (r *renderer) noteID(n *text.Note) string {
	if id, ok := r.noteIDs[n]; ok {
		return id
	}
	if r.noteIDs == nil {
		r.noteIDs = map[*text.Note]string{}
		r.refCount = map[*text.Note]int{}
	}
	id := fmt.Sprintf("%sfn-%d", r.notePrefix, n.Number)
	r.noteIDs[n] = id
	return id
}

// prepareHeadings sets the heading shift for a document's blocks.
func (r *renderer) prepareHeadings(blocks []text.Block) {
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

func (r *renderer) blocks(blocks []text.Block) {
	for i, b := range blocks {
		r.block(b, i == 0)
	}
}

func (r *renderer) block(b text.Block, first bool) {
	switch x := b.(type) {
	case *text.Paragraph:
		r.w("<p>")
		r.inlines(x.Content)
		r.w("</p>\n")
	case *text.Heading:
		level := x.Level + r.headingShift
		if level > r.lastHeading+1 {
			level = r.lastHeading + 1
		}
		level = max(2, min(level, 6))
		r.lastHeading = level
		r.f("<h%d>", level)
		r.inlines(x.Content)
		r.f("</h%d>\n", level)
	case *text.Quote:
		r.w("<blockquote>\n")
		r.blocks(x.Blocks)
		r.w("</blockquote>\n")
	case *text.List:
		tag := "ul"
		if x.Ordered {
			tag = "ol"
		}
		if x.Ordered && x.Start > 1 {
			r.f("<ol start=\"%d\">\n", x.Start)
		} else {
			r.f("<%s>\n", tag)
		}
		for _, item := range x.Items {
			r.w("<li>")
			// A tight list item is a single paragraph: write it without <p> so lists stay tight.
			if len(item) == 1 {
				if p, ok := item[0].(*text.Paragraph); ok {
					r.inlines(p.Content)
					r.w("</li>\n")
					continue
				}
			}
			r.w("\n")
			r.blocks(item)
			r.w("</li>\n")
		}
		r.f("</%s>\n", tag)
	case *text.SceneBreak:
		r.w("<hr class=\"scene-break\"/>\n")
	case *text.Verse:
		r.w("<div class=\"verse\">\n")
		for _, stanza := range x.Stanzas {
			r.w("<p class=\"stanza\">")
			for i, line := range stanza {
				if i > 0 {
					r.w("<br/>")
				}
				r.w("<span class=\"line\">")
				r.inlines(line)
				r.w("</span>")
			}
			r.w("</p>\n")
		}
		r.w("</div>\n")
	case *text.Table:
		r.table(x)
	case *text.Figure:
		r.figure(x)
	case *text.Epigraph:
		r.w("<blockquote class=\"epigraph\" epub:type=\"epigraph\" role=\"doc-epigraph\">\n")
		r.blocks(x.Blocks)
		r.para("attribution", "", x.Attribution)
		r.w("</blockquote>\n")
	case *text.Letter:
		r.w("<blockquote class=\"letter\" epub:type=\"z3998:letter\">\n")
		r.para("dateline", "z3998:dateline", x.Dateline)
		r.para("salutation", "z3998:salutation", x.Salutation)
		r.blocks(x.Blocks)
		r.para("valediction", "z3998:valediction", x.Closing)
		r.para("signature", "z3998:signature", x.Signature)
		if len(x.Postscript) > 0 {
			r.w("<div class=\"postscript\" epub:type=\"z3998:postscript\">\n")
			r.blocks(x.Postscript)
			r.w("</div>\n")
		}
		r.w("</blockquote>\n")
	}
}

// para writes inline content as a paragraph of a class (and a structural type), if it has any.
func (r *renderer) para(class, epubType string, content []text.Inline) {
	if len(content) == 0 {
		return
	}
	if epubType != "" {
		r.f("<p class=\"%s\" epub:type=\"%s\">", class, epubType)
	} else {
		r.f("<p class=\"%s\">", class)
	}
	r.inlines(content)
	r.w("</p>\n")
}

// table writes a table with its caption, header row (column headers) and alignments.
func (r *renderer) table(t *text.Table) {
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
		r.w("<tr>")
		for i := 0; i < cols; i++ {
			if i < len(cells) && len(cells[i]) > 0 {
				r.f("<%s%s%s>", tag, scope, align(i))
				r.inlines(cells[i])
				r.f("</%s>", tag)
			} else {
				r.f("<td%s></td>", align(i)) // an empty cell heads nothing
			}
		}
		r.w("</tr>\n")
	}
	header := func(cells []text.Cell) {
		// A pipe table cannot span columns: a header cell followed by empty ones (how a
		// spanning header is written) spans them again.
		r.w("<tr>")
		for i := 0; i < cols; {
			span := 1
			for i+span < cols && (i+span >= len(cells) || len(cells[i+span]) == 0) {
				span++
			}
			if i >= len(cells) || len(cells[i]) == 0 {
				r.f("<td%s></td>", align(i))
				i++
				continue
			}
			if span > 1 {
				r.f("<th scope=\"colgroup\" colspan=\"%d\"%s>", span, align(i))
			} else {
				r.f("<th scope=\"col\"%s>", align(i))
			}
			r.inlines(cells[i])
			r.w("</th>")
			i += span
		}
		r.w("</tr>\n")
	}
	r.w("<table>\n")
	if len(t.Caption) > 0 {
		r.w("<caption>")
		r.inlines(t.Caption)
		r.w("</caption>\n")
	}
	if t.Header != nil {
		r.w("<thead>\n")
		header(t.Header)
		r.w("</thead>\n")
	}
	r.w("<tbody>\n")
	for _, cells := range t.Rows {
		row(cells, "td", "")
	}
	r.w("</tbody>\n</table>\n")
}

// figure writes an image with its description, caption and credit. An image the edition does
// not have (it cannot be: assembly reads them all) keeps its description as text.
func (r *renderer) figure(f *text.Figure) {
	href := ""
	if r.image != nil {
		href = r.image(f.Src)
	}
	r.w("<figure>\n")
	if href != "" {
		r.f("<img src=\"%s\" alt=\"%s\"/>\n", xmlText(href), xmlText(f.Alt))
	} else {
		r.f("<p class=\"missing-image\">%s</p>\n", xmlText(f.Alt))
	}
	if len(f.Caption) > 0 || len(f.Credit) > 0 {
		r.w("<figcaption>")
		if len(f.Caption) > 0 {
			r.w("<span class=\"caption\">")
			r.inlines(f.Caption)
			r.w("</span>")
		}
		if len(f.Credit) > 0 {
			if len(f.Caption) > 0 {
				r.w(" ")
			}
			r.w("<span class=\"credit\">")
			r.inlines(f.Credit)
			r.w("</span>")
		}
		r.w("</figcaption>\n")
	}
	r.w("</figure>\n")
}

// inlineTags are the XHTML elements of the inlines that are only a wrapper.
var inlineTags = map[reflect.Type][2]string{
	reflect.TypeOf(&text.Emphasis{}):    {"<em>", "</em>"},
	reflect.TypeOf(&text.Strong{}):      {"<strong>", "</strong>"},
	reflect.TypeOf(&text.SmallCaps{}):   {"<span class=\"small-caps\">", "</span>"},
	reflect.TypeOf(&text.Subscript{}):   {"<sub>", "</sub>"},
	reflect.TypeOf(&text.Superscript{}): {"<sup>", "</sup>"},
}

func (r *renderer) inlines(content []text.Inline) {
	for _, in := range content {
		switch x := in.(type) {
		case *text.Text:
			r.text(x.Text)
		case *text.Emphasis, *text.Strong, *text.SmallCaps, *text.Subscript, *text.Superscript:
			tag := inlineTags[reflect.TypeOf(in)]
			r.w(tag[0])
			r.inlines(text.Children(in))
			r.w(tag[1])
		case *text.Span:
			if d := layout.Dir(x.Lang); d != r.dir && r.dir != "" {
				r.f("<span xml:lang=\"%s\" lang=\"%s\" dir=\"%s\">", xmlText(x.Lang), xmlText(x.Lang), d)
			} else {
				r.f("<span xml:lang=\"%s\" lang=\"%s\">", xmlText(x.Lang), xmlText(x.Lang))
			}
			r.inlines(x.Content)
			r.w("</span>")
		case *text.Abbr:
			if x.Title != "" {
				r.f("<abbr title=\"%s\">", xmlText(x.Title))
			} else {
				r.w("<abbr>")
			}
			r.inlines(x.Content)
			r.w("</abbr>")
		case *text.Link:
			if safeURL(x.URL) {
				r.f("<a href=\"%s\">", xmlText(text.EncodeURL(strings.TrimSpace(x.URL))))
				r.inlines(x.Content)
				r.w("</a>")
			} else {
				r.inlines(x.Content) // a link nobody should follow from a book: keep its words
			}
		case *text.NoteRef:
			id := r.noteID(x.Note)
			r.refCount[x.Note]++
			ref := id + "-ref"
			if n := r.refCount[x.Note]; n > 1 {
				ref = fmt.Sprintf("%s-ref-%d", id, n)
			}
			r.f("<a href=\"#%s\" id=\"%s\" class=\"noteref\" epub:type=\"noteref\" role=\"doc-noteref\">%d</a>", id, ref, x.Note.Number)
		case *text.LineBreak:
			r.w("<br/>")
			r.pos++ // as text.Plain counts it
		}
	}
}

// text writes a run of text, placing any marks that fall inside it.
func (r *renderer) text(s string) {
	if len(r.marks) == 0 {
		r.w(xmlText(s))
		return
	}
	for len(r.marks) > 0 {
		n := utf8.RuneCountInString(s)
		if r.marks[0].at >= r.pos+n {
			break
		}
		cut := r.marks[0].at - r.pos
		if cut < 0 {
			cut = 0
		}
		i := 0
		for k := 0; k < cut; k++ {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		r.w(xmlText(s[:i]))
		r.w(r.marks[0].html)
		r.marks = r.marks[1:]
		r.pos += cut
		s = s[i:]
	}
	r.w(xmlText(s))
	r.pos += utf8.RuneCountInString(s)
}

// subtitle writes a title's subtitle line, if there is one.
func (r *renderer) subtitle(content []text.Inline) {
	if len(content) == 0 {
		return
	}
	r.w("<p class=\"subtitle\" epub:type=\"subtitle\" role=\"doc-subtitle\">")
	r.inlines(content)
	r.w("</p>\n")
}

// notes writes a document's footnotes, each an aside that reading systems can show as a
// pop-up, with its backlink before the note's text.
func (r *renderer) notes(doc *text.Document, headingID string) {
	if doc == nil || len(doc.Notes) == 0 {
		return
	}
	r.f("<section class=\"notes\" aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n", headingID, headingID, xmlText(r.printed().Notes))
	for _, n := range doc.Notes {
		id := r.noteID(n)
		r.f("<aside id=\"%s\" class=\"footnote\" epub:type=\"footnote\" role=\"doc-footnote\">\n", id)
		back := fmt.Sprintf("<a href=\"#%s-ref\" class=\"backlink\" role=\"doc-backlink\" aria-label=\"%s\">%d.</a> ", id, xmlText(fmt.Sprintf(r.printed().BackToReference, n.Number)), n.Number)
		for i, b := range n.Blocks {
			if p, ok := b.(*text.Paragraph); ok && i == 0 {
				r.w("<p>")
				r.w(back)
				r.inlines(p.Content)
				r.w("</p>\n")
				continue
			}
			if i == 0 {
				r.w("<p>" + back + "</p>\n")
			}
			r.block(b, false)
		}
		if len(n.Blocks) == 0 {
			r.w("<p>" + back + "</p>\n")
		}
		r.w("</aside>\n")
	}
	r.w("</section>\n")
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
