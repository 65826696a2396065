// Package text is the one document model every essay body, headnote, bio and introduction is
// parsed into. It is a deliberately small tree of blocks (paragraph, heading, block quote, list,
// scene break, verse, table, figure, epigraph, letter) and inlines (text, emphasis, strong,
// small caps, sub- and superscript, language span, abbreviation, link, footnote reference, line
// break). Readers (Markdown, imports) produce it; writers (EPUB, the typesetter) consume it.
// No writer re-parses Markdown or HTML, so what a book says is decided once.
package text

import (
	"strings"
	"unicode"
)

// Document is a parsed body: its blocks in reading order and the notes they reference.
type Document struct {
	Blocks []Block
	// Notes are the footnotes of the document, numbered 1.. in the order of their first reference.
	Notes []*Note

	// What a reader read but the book does not print, kept (with where it stands) so that a
	// check can point at it rather than read the source again:

	// Unused are notes defined and referred to nowhere. They have a Label and a Pos, no blocks.
	Unused []*Note
	// Unresolved are references to a note nobody defined ("[^7]" with no "[^7]: …"); the text
	// keeps them as written.
	Unresolved []Ref
	// InlineImages are images inside a paragraph rather than on their own: only their
	// description is printed. They have a Src, an Alt and a Pos.
	InlineImages []*Figure
}

// Pos is where a node was read from: the byte span [Offset, End) of the source its reader
// was given (an essay's Markdown body, not the whole file; the project maps it to a line and
// column). The zero Pos is unknown: nodes built by code, or by a reader that keeps no
// positions (the HTML and DOCX importers, whose sources are not the essay's file).
type Pos struct{ Offset, End int }

// Known reports whether the position was recorded.
func (p Pos) Known() bool { return p.End > p.Offset }

// Source returns the position; every block has one.
func (p Pos) Source() Pos { return p }

// SetSource records the position (for readers).
func (p *Pos) SetSource(q Pos) { *p = q }

// Ref is a reference to a note by its label, where it stands.
type Ref struct {
	Label string
	Pos
}

// Note is one footnote. Its Number is the label shown to the reader.
type Note struct {
	Number int
	Blocks []Block
	// Label is the note's name in the source ("1", "ferry"); Pos its definition's span.
	Label string
	Pos
}

// Block is one of Paragraph, Heading, Quote, List, SceneBreak, Verse, Table, Figure, Epigraph
// or Letter. Each knows where it was read from (Source), when its reader kept positions.
type Block interface {
	isBlock()
	Source() Pos
}

// Inline is one of Text, Emphasis, Strong, SmallCaps, Subscript, Superscript, Span, Abbr, Link,
// NoteRef or LineBreak.
type Inline interface{ isInline() }

// Paragraph is a run of inline content.
type Paragraph struct {
	Content []Inline
	Pos
}

// Heading is a heading inside a body. Level 1 is the highest level an essay may use; the essay
// title itself is not part of the body.
type Heading struct {
	Level   int
	Content []Inline
	Pos
}

// Quote is a block quotation.
type Quote struct {
	Blocks []Block
	Pos
}

// List is an ordered or unordered list; each item is a sequence of blocks.
type List struct {
	Ordered bool
	// Start is the number of the first item of an ordered list.
	Start int
	Items [][]Block
	Pos
}

// SceneBreak is a section break inside an essay (Markdown "* * *"), shown as an ornament.
type SceneBreak struct{ Pos }

// Verse is poetry or any text whose line breaks are the author's: stanzas of lines.
type Verse struct {
	Stanzas [][]Line
	Pos
}

// Line is one line of verse.
type Line []Inline

// Table is a table of rows and columns. A cell holds inline content (line breaks included).
type Table struct {
	// Header is the header row; nil when the table has none.
	Header []Cell
	Rows   [][]Cell
	// Align is each column's alignment; it may be shorter than the widest row.
	Align []Align
	// Caption is the table's title or legend, if it has one.
	Caption []Inline
	Pos
}

// Cell is the content of one table cell.
type Cell []Inline

// Align is how a table column's cells are aligned.
type Align int

// The alignments of a table column.
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Columns returns the number of columns of the table: the widest of its rows.
func (t *Table) Columns() int {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return n
}

// Figure is an image set apart from the text, with its description and caption.
type Figure struct {
	// Src is the image's path inside the project ("images/map.png").
	Src string
	// Alt describes the image for readers who cannot see it; empty only for decoration.
	Alt     string
	Caption []Inline
	// Credit names the image's maker or source ("Photograph: Library of Congress").
	Credit []Inline
	Pos
}

// Epigraph is a quotation that opens an essay or a section, with its attribution.
type Epigraph struct {
	Blocks      []Block
	Attribution []Inline
	Pos
}

// Letter is a letter quoted or reproduced in an essay: its dateline, salutation, body,
// closing, signature and what follows the signature (a postscript, a dateline at its foot),
// each of them optional but the body.
type Letter struct {
	Dateline   []Inline
	Salutation []Inline
	Blocks     []Block
	Closing    []Inline
	Signature  []Inline
	Postscript []Block
	Pos
}

func (*Paragraph) isBlock()  {}
func (*Table) isBlock()      {}
func (*Figure) isBlock()     {}
func (*Epigraph) isBlock()   {}
func (*Letter) isBlock()     {}
func (*Heading) isBlock()    {}
func (*Quote) isBlock()      {}
func (*List) isBlock()       {}
func (*SceneBreak) isBlock() {}
func (*Verse) isBlock()      {}

// Text is literal text, already with typographic punctuation (curly quotes, dashes, ellipses).
type Text struct {
	Text string
}

// Emphasis is stressed text, usually set in italic.
type Emphasis struct {
	Content []Inline
}

// Strong is strongly stressed text, usually set in bold.
type Strong struct {
	Content []Inline
}

// SmallCaps is text set in small capitals (bylines, acronyms).
type SmallCaps struct {
	Content []Inline
}

// Subscript is text set below the baseline, smaller (H₂O).
type Subscript struct {
	Content []Inline
}

// Superscript is text set above the baseline, smaller (ordinals, abbreviations such as Ma^ty^).
// A note's reference mark is a NoteRef, not a superscript.
type Superscript struct {
	Content []Inline
}

// Span is text in another language than its surroundings: Lang is its BCP 47 tag ("la",
// "fr-CA"), read by hyphenation and by reading systems' voices.
type Span struct {
	Lang    string
	Content []Inline
}

// Abbr is an abbreviation or acronym with its expansion (Title), when the source gives one.
type Abbr struct {
	Title   string
	Content []Inline
}

// Link is a hyperlink.
type Link struct {
	URL     string
	Content []Inline
	// Pos is the link's span, "[" to ")", where the reader knew it.
	Pos
}

// NoteRef is the reference mark of a footnote in the running text.
type NoteRef struct {
	Note *Note
}

// LineBreak is a forced line break inside a paragraph.
type LineBreak struct{}

func (*Text) isInline()        {}
func (*Emphasis) isInline()    {}
func (*Strong) isInline()      {}
func (*SmallCaps) isInline()   {}
func (*Subscript) isInline()   {}
func (*Superscript) isInline() {}
func (*Span) isInline()        {}
func (*Abbr) isInline()        {}
func (*Link) isInline()        {}
func (*NoteRef) isInline()     {}
func (*LineBreak) isInline()   {}

// Plain returns the inline content as plain text: markup dropped, line breaks as spaces and
// note references omitted. It is what metadata (OPF titles, PDF outlines) needs.
func Plain(content []Inline) string {
	var b strings.Builder
	writePlain(&b, content)
	return b.String()
}

func writePlain(b *strings.Builder, content []Inline) {
	for _, in := range content {
		switch x := in.(type) {
		case *Text:
			b.WriteString(x.Text)
		case *LineBreak:
			b.WriteByte(' ')
		default:
			if c := Children(in); c != nil {
				writePlain(b, c)
			}
		}
	}
}

// Children returns the content of an inline that holds other inlines (emphasis, a span, a
// link…), nil for text, note references and line breaks.
func Children(in Inline) []Inline {
	switch x := in.(type) {
	case *Emphasis:
		return x.Content
	case *Strong:
		return x.Content
	case *SmallCaps:
		return x.Content
	case *Subscript:
		return x.Content
	case *Superscript:
		return x.Content
	case *Span:
		return x.Content
	case *Abbr:
		return x.Content
	case *Link:
		return x.Content
	}
	return nil
}

// Words counts the words of a document's body and notes, the way an editor counts them:
// runs of letters or digits joined by apostrophes or hyphens count once, and a word is one
// word whatever markup runs through it (H₂O, 1ˢᵗ).
func Words(doc *Document) int {
	if doc == nil {
		return 0
	}
	n := 0
	doc.EachContent(func(content []Inline) { n += CountWords(Plain(content)) })
	return n
}

// EachContent calls fn with every run of inline content of the document, its body's and then
// its notes'.
func (doc *Document) EachContent(fn func([]Inline)) {
	for _, b := range doc.Blocks {
		EachContent(b, func(Block) {}, fn)
	}
	for _, note := range doc.Notes {
		for _, b := range note.Blocks {
			EachContent(b, func(Block) {}, fn)
		}
	}
}

// CountWords counts whitespace-separated words in s that contain at least one letter or digit.
func CountWords(s string) int {
	if strings.Contains(s, "---") {
		// Three hyphens are an em dash once smart typography has read them: count them as
		// one here too, so that text counts the same before and after (FuzzHTML: "0---000").
		s = strings.ReplaceAll(s, "---", "\u2014")
	}
	n := 0
	inWord, hasAlnum := false, false
	for _, r := range s {
		var space bool
		if r < 0x80 {
			space = asciiSpace[r] // prose is almost all ASCII: no table lookup by range
		} else {
			space = unicode.IsSpace(r) || r == '\u2014' // an em dash joins two words without spaces
		}
		if space {
			if inWord && hasAlnum {
				n++
			}
			inWord, hasAlnum = false, false
			continue
		}
		inWord = true
		if !hasAlnum && (r < 0x80 && asciiAlnum[r] || r >= 0x80 && isAlnum(r)) {
			hasAlnum = true
		}
	}
	if inWord && hasAlnum {
		n++
	}
	return n
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// asciiSpace and asciiAlnum answer unicode.IsSpace and isAlnum for ASCII by table.
var asciiSpace, asciiAlnum = func() (sp, al [128]bool) {
	for r := rune(0); r < 128; r++ {
		sp[r], al[r] = unicode.IsSpace(r), isAlnum(r)
	}
	return sp, al
}()

// Walk calls fn for every inline in blocks, depth first, in reading order, including the
// content of nested inlines (the Emphasis itself, then its Text).
func Walk(blocks []Block, fn func(Inline)) {
	for _, b := range blocks {
		WalkBlock(b, func(Block) {}, fn)
	}
}

// WalkBlock calls block for b and every block inside it, and fn for every inline they hold, in
// reading order: a table's caption before its cells, a figure's caption before its credit.
func WalkBlock(b Block, block func(Block), fn func(Inline)) {
	EachContent(b, block, func(content []Inline) { WalkInlines(content, fn) })
}

// EachContent calls block for b and every block inside it, and content for every run of
// inline content they hold (a paragraph's, a line of verse, a table cell, a caption), in
// reading order.
func EachContent(b Block, block func(Block), content func([]Inline)) {
	block(b)
	inner := func(bs []Block) {
		for _, c := range bs {
			EachContent(c, block, content)
		}
	}
	switch x := b.(type) {
	case *Paragraph:
		content(x.Content)
	case *Heading:
		content(x.Content)
	case *Quote:
		inner(x.Blocks)
	case *List:
		for _, item := range x.Items {
			inner(item)
		}
	case *Verse:
		for _, stanza := range x.Stanzas {
			for _, line := range stanza {
				content(line)
			}
		}
	case *Table:
		content(x.Caption)
		for _, c := range x.Header {
			content(c)
		}
		for _, r := range x.Rows {
			for _, c := range r {
				content(c)
			}
		}
	case *Figure:
		content(x.Caption)
		content(x.Credit)
	case *Epigraph:
		inner(x.Blocks)
		content(x.Attribution)
	case *Letter:
		content(x.Dateline)
		content(x.Salutation)
		inner(x.Blocks)
		content(x.Closing)
		content(x.Signature)
		inner(x.Postscript)
	}
}

// WalkInlines calls fn for every inline in content and inside it, depth first.
func WalkInlines(content []Inline, fn func(Inline)) {
	for _, in := range content {
		fn(in)
		if c := Children(in); c != nil {
			WalkInlines(c, fn)
		}
	}
}

// Plainify returns content as a single Text inline (nil for empty content). Useful where a
// back-end wants only the words, such as a running head.
func Plainify(content []Inline) []Inline {
	s := Plain(content)
	if s == "" {
		return nil
	}
	return []Inline{&Text{Text: s}}
}

// Para is a shorthand for a paragraph holding a single text run.
func Para(s string) *Paragraph {
	return &Paragraph{Content: []Inline{&Text{Text: s}}}
}
