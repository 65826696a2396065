// Package text is the one document model every essay body, headnote, bio and introduction is
// parsed into. It is a deliberately small tree of blocks (paragraph, heading, block quote, list,
// scene break, verse) and inlines (text, emphasis, strong, small caps, link, footnote reference,
// line break). Readers (Markdown, imports) produce it; writers (EPUB, the typesetter) consume it.
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
}

// Note is one footnote. Its Number is the label shown to the reader.
type Note struct {
	Number int
	Blocks []Block
}

// Block is one of Paragraph, Heading, Quote, List, SceneBreak or Verse.
type Block interface{ isBlock() }

// Inline is one of Text, Emphasis, Strong, SmallCaps, Link, NoteRef or LineBreak.
type Inline interface{ isInline() }

// Paragraph is a run of inline content.
type Paragraph struct {
	Content []Inline
}

// Heading is a heading inside a body. Level 1 is the highest level an essay may use; the essay
// title itself is not part of the body.
type Heading struct {
	Level   int
	Content []Inline
}

// Quote is a block quotation.
type Quote struct {
	Blocks []Block
}

// List is an ordered or unordered list; each item is a sequence of blocks.
type List struct {
	Ordered bool
	// Start is the number of the first item of an ordered list.
	Start int
	Items [][]Block
}

// SceneBreak is a section break inside an essay (Markdown "* * *"), shown as an ornament.
type SceneBreak struct{}

// Verse is poetry or any text whose line breaks are the author's: stanzas of lines.
type Verse struct {
	Stanzas [][]Line
}

// Line is one line of verse.
type Line []Inline

func (*Paragraph) isBlock()  {}
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

// Link is a hyperlink.
type Link struct {
	URL     string
	Content []Inline
}

// NoteRef is the reference mark of a footnote in the running text.
type NoteRef struct {
	Note *Note
}

// LineBreak is a forced line break inside a paragraph.
type LineBreak struct{}

func (*Text) isInline()      {}
func (*Emphasis) isInline()  {}
func (*Strong) isInline()    {}
func (*SmallCaps) isInline() {}
func (*Link) isInline()      {}
func (*NoteRef) isInline()   {}
func (*LineBreak) isInline() {}

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
		case *Emphasis:
			writePlain(b, x.Content)
		case *Strong:
			writePlain(b, x.Content)
		case *SmallCaps:
			writePlain(b, x.Content)
		case *Link:
			writePlain(b, x.Content)
		case *LineBreak:
			b.WriteByte(' ')
		}
	}
}

// Words counts the words of a document's body and notes, the way an editor counts them:
// runs of letters or digits joined by apostrophes or hyphens count once.
func Words(doc *Document) int {
	if doc == nil {
		return 0
	}
	n := 0
	Walk(doc.Blocks, func(in Inline) {
		if t, ok := in.(*Text); ok {
			n += CountWords(t.Text)
		}
	})
	for _, note := range doc.Notes {
		Walk(note.Blocks, func(in Inline) {
			if t, ok := in.(*Text); ok {
				n += CountWords(t.Text)
			}
		})
	}
	return n
}

// CountWords counts whitespace-separated words in s that contain at least one letter or digit.
func CountWords(s string) int {
	n := 0
	inWord, hasAlnum := false, false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u2014' { // an em dash joins two words without spaces
			if inWord && hasAlnum {
				n++
			}
			inWord, hasAlnum = false, false
			continue
		}
		inWord = true
		if isAlnum(r) {
			hasAlnum = true
		}
	}
	if inWord && hasAlnum {
		n++
	}
	return n
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Walk calls fn for every inline in blocks, depth first, in reading order, including the
// content of nested inlines (the Emphasis itself, then its Text).
func Walk(blocks []Block, fn func(Inline)) {
	for _, b := range blocks {
		switch x := b.(type) {
		case *Paragraph:
			WalkInlines(x.Content, fn)
		case *Heading:
			WalkInlines(x.Content, fn)
		case *Quote:
			Walk(x.Blocks, fn)
		case *List:
			for _, item := range x.Items {
				Walk(item, fn)
			}
		case *Verse:
			for _, stanza := range x.Stanzas {
				for _, line := range stanza {
					WalkInlines(line, fn)
				}
			}
		}
	}
}

// WalkInlines calls fn for every inline in content and inside it, depth first.
func WalkInlines(content []Inline, fn func(Inline)) {
	for _, in := range content {
		fn(in)
		switch x := in.(type) {
		case *Emphasis:
			WalkInlines(x.Content, fn)
		case *Strong:
			WalkInlines(x.Content, fn)
		case *SmallCaps:
			WalkInlines(x.Content, fn)
		case *Link:
			WalkInlines(x.Content, fn)
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
