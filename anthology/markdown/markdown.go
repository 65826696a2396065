// Package markdown reads the Markdown of essay bodies, headnotes, bios and introductions into
// the document model of package text, once. It uses goldmark with footnotes and a typographer
// that writes literal typographic characters (curly quotes, dashes, ellipses), never entities.
//
// Beyond CommonMark it understands, in pandoc's syntax where pandoc has one:
//   - footnotes ("[^1]" and "[^1]: text");
//   - verse as line blocks (lines starting with "| "), or a fenced block whose info string is
//     "verse" or "poem";
//   - pipe tables with a header row ("| a | b |" over "|---|--:|"), a caption in a paragraph
//     "Table: …" after the table, and "<br>" for a line break inside a cell;
//   - figures: a paragraph holding only an image ("![alt](images/map.png)"), or a fenced div
//     "::: figure" with the image, the caption's paragraphs and a credit paragraph opening
//     with an em dash;
//   - epigraphs ("::: epigraph", its attribution a last paragraph opening with an em dash) and
//     letters ("::: letter", with "::: dateline", "::: salutation", "::: closing" and
//     "::: signature" divs inside, and "::: postscript" for what follows the signature);
//   - H~2~O and x^2^ for sub- and superscripts; bracketed spans "[text]{.smallcaps}",
//     "[text]{lang=la}" and "[Dr.]{.abbr title=\"Doctor\"}".
//
// Raw HTML is kept as literal text, never passed through: a book never executes what an essay
// contains.
package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/anthology-editor/anthology/anthology/text"
)

// typography makes goldmark's typographer write characters, not HTML entities (the model
// holds text, and each writer escapes for its own medium), with a language's quotation marks
// (see Quotes).
func typography(q [4]string) extension.TypographerOption {
	return extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
		extension.LeftSingleQuote:  q[2],
		extension.RightSingleQuote: q[3],
		extension.LeftDoubleQuote:  q[0],
		extension.RightDoubleQuote: q[1],
		extension.EnDash:           "\u2013",
		extension.EmDash:           "\u2014",
		extension.Ellipsis:         "\u2026",
		extension.LeftAngleQuote:   "\u00ab",
		extension.RightAngleQuote:  "\u00bb",
		extension.Apostrophe:       "\u2019", // an apostrophe is ’ in every language
	})
}

// substitutions are English's.
var substitutions = typography(quotes["en"])

// newBlockMarkdown is the block parser of essays, its typographer writing the given marks.
func newBlockMarkdown(subs extension.TypographerOption) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.NewFootnote(), extension.NewTypographer(subs), extension.Table),
		goldmark.WithParserOptions(
			parser.WithBlockParsers(util.Prioritized(lineBlockParser{}, 150), util.Prioritized(fencedDivParser{}, 650)),
			parser.WithInlineParsers(util.Prioritized(scriptParser{}, 450)),
		),
	)
}

var blockMarkdown = newBlockMarkdown(substitutions)

// inlineParser knows no block syntax but paragraphs, so a title such as "1984: A Memoir" or a
// verse line starting with "- " stays text.
var inlineParser = parser.NewParser(
	parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
	parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	parser.WithInlineParsers(util.Prioritized(extension.NewTypographerParser(substitutions), 9999)),
	parser.WithInlineParsers(util.Prioritized(scriptParser{}, 450)),
)

// Parse reads a Markdown body. It never fails: Markdown has no syntax errors, only text.
func Parse(src []byte) *text.Document {
	doc := parse(src, blockMarkdown)
	englishQuotes(doc)
	return doc
}

// ParseChecked is Parse for a reader that refuses a text nested too deep (the project
// loader): the *NestingError, instead of the plain-lines reading Parse falls back to. The
// text is scanned for its nesting once.
func ParseChecked(src []byte) (*text.Document, error) {
	if err := CheckNesting(src); err != nil {
		return nil, err
	}
	doc := parseNested(src, blockMarkdown)
	englishQuotes(doc)
	return doc, nil
}

func parse(src []byte, md goldmark.Markdown) *text.Document {
	if CheckNesting(src) != nil {
		// The loader and the importer refuse such a text with its position; a body set some
		// other way is read as plain lines, every word kept, in linear time.
		return plainLines(src)
	}
	return parseNested(src, md)
}

// parseNested parses a text whose nesting is known to be within MaxNesting.
func parseNested(src []byte, md goldmark.Markdown) *text.Document {
	// Goldmark drops a footnote nobody references, and it does not see the references in lines
	// of verse (each line is parsed on its own): name those references once more in a paragraph
	// after the text, which the conversion leaves out.
	bodyLen := len(src)
	synthetic := -1
	if refs := verseNoteRefs(src); refs != "" {
		synthetic = len(src) + 2
		src = append(append(append([]byte{}, src...), "\n\n"...), refs+"\n"...)
	}
	root := md.Parser().Parse(gtext.NewReader(src))
	c := &converter{src: src, positions: true, bodyLen: bodyLen, notes: map[int]*text.Note{}, labels: map[string]*text.Note{}, indexLabel: map[int]string{}}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if list, ok := n.(*east.FootnoteList); ok {
			for fn := list.FirstChild(); fn != nil; fn = fn.NextSibling() {
				if f, ok := fn.(*east.Footnote); ok {
					c.defined = append(c.defined, string(f.Ref))
					if f.Index > 0 {
						c.indexLabel[f.Index] = string(f.Ref)
					}
				}
			}
		}
	}
	doc := &text.Document{}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if list, ok := n.(*east.FootnoteList); ok {
			c.footnotes(list)
			continue
		}
		if p, ok := n.(*gast.Paragraph); ok && synthetic >= 0 && p.Lines().Len() > 0 && p.Lines().At(0).Start >= synthetic {
			continue
		}
		doc.Blocks = append(doc.Blocks, c.blocks(n)...)
	}
	doc.Blocks = captions(doc.Blocks)
	for _, n := range c.ordered {
		n.Blocks = captions(n.Blocks)
	}
	doc.Notes = c.ordered
	doc.InlineImages = c.images
	doc.Unresolved, doc.Unused = c.strayNotes(src[:bodyLen])
	return doc
}

// strayNotes finds, in the source, the references to notes nobody defined ("[^label]", not
// escaped, not a definition, whose label has no "[^label]: …") and the definitions nobody
// refers to. goldmark leaves the first as text and drops the second, so both are looked for
// in the text itself, in one pass.
func (c *converter) strayNotes(src []byte) (unresolved []text.Ref, unused []*text.Note) {
	marks := NoteMarks(string(src))
	used := map[string]bool{}
	for _, m := range marks {
		if !m.Def && !m.Escaped {
			used[strings.ToLower(m.Label)] = true
			if !c.isDefined(m.Label) {
				unresolved = append(unresolved, text.Ref{Label: m.Label, Pos: text.Pos{Offset: m.At, End: m.At + len(m.Label) + 3}})
			}
		}
	}
	for _, m := range marks {
		if m.Def && !used[strings.ToLower(m.Label)] {
			end := bytes.IndexByte(src[m.At:], '\n')
			if end < 0 {
				end = len(src) - m.At
			}
			unused = append(unused, &text.Note{Label: m.Label, Pos: text.Pos{Offset: m.At, End: m.At + len(bytes.TrimRight(src[m.At:m.At+end], " \t\r"))}})
		}
	}
	return unresolved, unused
}

// ParseInline reads one paragraph's worth of inline Markdown: a title, a byline, a one-line
// bio. Block syntax is not recognised, and line breaks become spaces.
func ParseInline(src string) []text.Inline {
	if strings.TrimSpace(src) == "" {
		return nil
	}
	// Indented lines would read as indented code, which this parser does not know: it would
	// drop them. Inline text has no meaningful indentation, so trim every line.
	lines := strings.Split(strings.TrimSpace(src), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	b := []byte(strings.Join(lines, "\n"))
	root := inlineParser.Parse(gtext.NewReader(b))
	c := &converter{src: b, notes: map[int]*text.Note{}}
	var out []text.Inline
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if len(out) > 0 {
			out = appendText(out, " ")
		}
		out = append(out, c.inlines(n)...)
	}
	return trimSpace(spans(out))
}

type converter struct {
	src []byte
	// positions is set when src is the text whose offsets the nodes are to carry (a body, not
	// a title or a line of verse parsed on its own); bodyLen is its length (src may have more
	// after it, see parseNested).
	positions bool
	bodyLen   int
	// images are the images met inside paragraphs (see text.Document.InlineImages).
	images  []*text.Figure
	notes   map[int]*text.Note // goldmark footnote index → note
	ordered []*text.Note
	// labels maps a footnote's label to its note; indexLabel goldmark's index to the label, so
	// that a reference goldmark parsed and one in a line of verse (which it does not parse)
	// reach the same note. defined lists the labels that have a definition.
	labels     map[string]*text.Note
	indexLabel map[int]string
	defined    []string
}

// note returns the note for goldmark's footnote index, numbering notes by first reference.
func (c *converter) note(index int) *text.Note {
	if n, ok := c.notes[index]; ok {
		return n
	}
	if label, ok := c.indexLabel[index]; ok {
		n := c.noteLabel(label)
		c.notes[index] = n
		return n
	}
	n := &text.Note{Number: len(c.ordered) + 1}
	c.notes[index] = n
	c.ordered = append(c.ordered, n)
	return n
}

// noteLabel returns the note with a label, numbering notes by first reference.
func (c *converter) noteLabel(label string) *text.Note {
	if n, ok := c.labels[label]; ok {
		return n
	}
	n := &text.Note{Number: len(c.ordered) + 1}
	c.labels[label] = n
	c.ordered = append(c.ordered, n)
	return n
}

// isDefined reports whether a footnote label has a definition.
func (c *converter) isDefined(label string) bool {
	for _, d := range c.defined {
		if strings.EqualFold(d, label) {
			return true
		}
	}
	return false
}

func (c *converter) footnotes(list *east.FootnoteList) {
	for n := list.FirstChild(); n != nil; n = n.NextSibling() {
		fn, ok := n.(*east.Footnote)
		if !ok {
			continue
		}
		note, referenced := c.labels[string(fn.Ref)]
		if !referenced && fn.Index > 0 {
			note, referenced = c.note(fn.Index), true
		}
		if !referenced {
			continue // a definition nobody references is not printed (see strayNotes)
		}
		if c.positions {
			note.Label, note.Pos = string(fn.Ref), c.span(fn)
		}
		for b := fn.FirstChild(); b != nil; b = b.NextSibling() {
			note.Blocks = append(note.Blocks, c.blocks(b)...)
		}
	}
}

func (c *converter) children(n gast.Node) []text.Block {
	var out []text.Block
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		out = append(out, c.blocks(ch)...)
	}
	return captions(out)
}

// blocks converts a block node, each block it gives knowing the span of the source it was
// read from (a container's blocks, read from its children, know their own).
func (c *converter) blocks(n gast.Node) []text.Block {
	out := c.convert(n)
	if c.positions {
		var at text.Pos
		for _, b := range out {
			if !b.Source().Known() {
				if !at.Known() {
					at = c.span(n)
				}
				b.(interface{ SetSource(text.Pos) }).SetSource(at)
			}
		}
	}
	return out
}

// span is the byte span of the source a block node was read from, whole lines: from where
// goldmark opened it (its markers, "> ", "- ", "## ", included) to the end of the last line of
// its last descendant. goldmark records lines for leaf blocks only, so a container ends where
// its children end.
func (c *converter) span(n gast.Node) text.Pos {
	start, end := n.Pos(), -1
	var visit func(gast.Node)
	visit = func(n gast.Node) {
		if n.Type() != gast.TypeBlock && n.Type() != gast.TypeDocument {
			return
		}
		if lines := n.Lines(); lines != nil && lines.Len() > 0 {
			if s := lines.At(0).Start; start < 0 || s < start {
				start = s
			}
			end = max(end, lines.At(lines.Len()-1).Stop)
		}
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			visit(ch)
		}
	}
	visit(n)
	if start < 0 || start >= c.bodyLen {
		return text.Pos{}
	}
	end = max(end, start)
	// On to the end of the line (a table's last "|", a scene break's stars), its break and
	// trailing spaces left out.
	for end < c.bodyLen && c.src[end] != '\n' {
		end++
	}
	for end > start && (c.src[end-1] == ' ' || c.src[end-1] == '\t' || c.src[end-1] == '\r' || c.src[end-1] == '\n') {
		end--
	}
	if end <= start {
		return text.Pos{}
	}
	return text.Pos{Offset: start, End: end}
}

// markupSpan is the span of a link or an image in the source: from its opening bracket (the
// "!" of an image) to the ")" closing its destination.
func (c *converter) markupSpan(n gast.Node, dest []byte) text.Pos {
	from := n.Pos()
	if !c.positions || from < 0 || from >= c.bodyLen {
		return text.Pos{}
	}
	end := from + 1
	if i := bytes.Index(c.src[from:c.bodyLen], append([]byte("]("), dest...)); i >= 0 {
		end = from + i + 2 + len(dest)
		if end < c.bodyLen && c.src[end] == ')' {
			end++
		}
	}
	return text.Pos{Offset: from, End: min(end, c.bodyLen)}
}

func (c *converter) convert(n gast.Node) []text.Block {
	switch x := n.(type) {
	case *gast.Paragraph, *gast.TextBlock:
		if img := c.onlyImage(x); img != nil {
			return []text.Block{c.figure(img)}
		}
		content := trimSpace(c.inlineChildren(x))
		if len(content) == 0 {
			return nil
		}
		return []text.Block{&text.Paragraph{Content: content}}
	case *gast.Heading:
		return []text.Block{&text.Heading{Level: x.Level, Content: trimSpace(c.inlineChildren(x))}}
	case *gast.Blockquote:
		return []text.Block{&text.Quote{Blocks: c.children(x)}}
	case *gast.List:
		l := &text.List{Ordered: x.IsOrdered(), Start: x.Start}
		for item := x.FirstChild(); item != nil; item = item.NextSibling() {
			l.Items = append(l.Items, c.children(item))
		}
		return []text.Block{l}
	case *gast.ThematicBreak:
		return []text.Block{&text.SceneBreak{}}
	case *lineBlock:
		return []text.Block{c.verse(c.lines(x.Lines()))}
	case *gast.FencedCodeBlock, *gast.CodeBlock:
		// Essays have no code; a fenced block is text whose line breaks matter, so it is verse.
		return []text.Block{c.verse(c.lines(x.Lines()))}
	case *gast.HTMLBlock:
		var b bytes.Buffer
		for i := 0; i < x.Lines().Len(); i++ {
			seg := x.Lines().At(i)
			b.Write(seg.Value(c.src))
		}
		if x.HasClosure() {
			b.Write(x.ClosureLine.Value(c.src))
		}
		s := strings.TrimSpace(b.String())
		if s == "" {
			return nil
		}
		return []text.Block{text.Para(strings.Join(strings.Fields(s), " "))}
	case *east.FootnoteList:
		c.footnotes(x)
		return nil
	case *east.Table:
		return []text.Block{c.table(x)}
	case *fencedDiv:
		return c.div(x)
	default:
		return c.children(n)
	}
}

// lines returns the raw text of each line of a block.
func (c *converter) lines(segs *gtext.Segments) []string {
	out := make([]string, 0, segs.Len())
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		out = append(out, strings.TrimRight(string(seg.Value(c.src)), "\r\n"))
	}
	return out
}

// verse makes stanzas from lines: blank lines separate stanzas, and each line is inline Markdown
// whose footnote references ("[^1]") are the document's notes.
func (c *converter) verse(lines []string) *text.Verse {
	v := &text.Verse{}
	var stanza []text.Line
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			if len(stanza) > 0 {
				v.Stanzas = append(v.Stanzas, stanza)
				stanza = nil
			}
			continue
		}
		// Leading spaces indent a line of verse; keep them as no-break spaces so they survive.
		indent := len(l) - len(strings.TrimLeft(l, " "))
		line := appendText(nil, strings.Repeat("\u00a0", indent))
		for _, in := range c.withNotes(ParseInline(l)) {
			if t, ok := in.(*text.Text); ok {
				line = appendText(line, t.Text)
			} else {
				line = append(line, in)
			}
		}
		stanza = append(stanza, line)
	}
	if len(stanza) > 0 {
		v.Stanzas = append(v.Stanzas, stanza)
	}
	return v
}

// verseNoteRefs returns the footnote references that stand in lines of verse ("| … [^3]"),
// written one after another, or "".
func verseNoteRefs(src []byte) string {
	if !bytes.Contains(src, []byte("[^")) {
		return ""
	}
	var b strings.Builder
	for _, line := range bytes.Split(src, []byte("\n")) {
		t := bytes.TrimLeft(line, " ")
		if m := footnoteDef.Find(t); m != nil {
			t = bytes.TrimLeft(t[len(m):], " ") // verse that opens a note
		}
		if !bytes.HasPrefix(t, []byte("|")) {
			continue
		}
		for _, m := range footnoteRef.FindAll(t, -1) {
			b.Write(m)
		}
	}
	return b.String()
}

var footnoteDef = regexp.MustCompile(`^\[\^[^\]\s]+\]:`)

var footnoteRef = regexp.MustCompile(`\[\^([^\]\s]+)\]`)

// withNotes turns the footnote references left as text in inline content (a line of verse is
// parsed without the document's footnotes) into note references, where a definition exists.
func (c *converter) withNotes(content []text.Inline) []text.Inline {
	var out []text.Inline
	for _, in := range content {
		switch x := in.(type) {
		case *text.Text:
			rest := x.Text
			for {
				m := footnoteRef.FindStringSubmatchIndex(rest)
				if m == nil || !c.isDefined(rest[m[2]:m[3]]) {
					break
				}
				out = appendText(out, rest[:m[0]])
				out = append(out, &text.NoteRef{Note: c.noteLabel(rest[m[2]:m[3]])})
				rest = rest[m[1]:]
			}
			out = appendText(out, rest)
		case *text.Emphasis:
			out = append(out, &text.Emphasis{Content: c.withNotes(x.Content)})
		case *text.Strong:
			out = append(out, &text.Strong{Content: c.withNotes(x.Content)})
		case *text.SmallCaps:
			out = append(out, &text.SmallCaps{Content: c.withNotes(x.Content)})
		case *text.Link:
			out = append(out, &text.Link{URL: x.URL, Content: c.withNotes(x.Content), Pos: x.Pos})
		default:
			out = append(out, in)
		}
	}
	return out
}

func (c *converter) inlineChildren(n gast.Node) []text.Inline {
	var out []text.Inline
	// Adjacent texts are joined in a builder: goldmark gives each "[" or "*" that opens
	// nothing a node of its own, and joining strings one by one costs the square of a run.
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			out = append(out, &text.Text{Text: run.String()})
			run.Reset()
		}
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		for _, in := range c.inlines(ch) {
			if t, ok := in.(*text.Text); ok {
				run.WriteString(t.Text)
			} else {
				flush()
				out = append(out, in)
			}
		}
	}
	flush()
	return spans(out)
}

func (c *converter) inlines(n gast.Node) []text.Inline {
	switch x := n.(type) {
	case *gast.Text:
		var out []text.Inline
		v := x.Value(c.src)
		if !x.IsRaw() {
			v = unescape(v)
		}
		out = appendText(out, string(v))
		if x.HardLineBreak() {
			out = append(out, &text.LineBreak{})
		} else if x.SoftLineBreak() {
			out = appendText(out, " ")
		}
		return out
	case *gast.String:
		return appendText(nil, string(x.Value))
	case *gast.CodeSpan:
		return appendText(nil, plainText(x, c.src))
	case *gast.Emphasis:
		content := c.inlineChildren(x)
		if x.Level >= 2 {
			return []text.Inline{&text.Strong{Content: content}}
		}
		return []text.Inline{&text.Emphasis{Content: content}}
	case *gast.Link:
		return []text.Inline{&text.Link{URL: string(x.Destination), Content: c.inlineChildren(x), Pos: c.markupSpan(x, x.Destination)}}
	case *gast.AutoLink:
		url := string(x.URL(c.src))
		return []text.Inline{&text.Link{URL: url, Content: []text.Inline{&text.Text{Text: string(x.Label(c.src))}}}}
	case *gast.Image:
		// An image inside a paragraph is not a figure: its description is what a reader
		// must not lose, and the document notes the image so that a check can say so.
		content := c.inlineChildren(x)
		if c.positions {
			c.images = append(c.images, &text.Figure{Src: string(x.Destination), Alt: text.Plain(content), Pos: c.markupSpan(x, x.Destination)})
		}
		return content
	case *gast.RawHTML:
		var b strings.Builder
		for i := 0; i < x.Segments.Len(); i++ {
			seg := x.Segments.At(i)
			b.Write(seg.Value(c.src))
		}
		if lineBreakTag.MatchString(b.String()) {
			return []text.Inline{&text.LineBreak{}} // a line break in a table cell
		}
		return appendText(nil, b.String())
	case *script:
		content := spans(appendText(nil, string(x.value)))
		if x.super {
			return []text.Inline{&text.Superscript{Content: content}}
		}
		return []text.Inline{&text.Subscript{Content: content}}
	case *east.FootnoteLink:
		return []text.Inline{&text.NoteRef{Note: c.note(x.Index)}}
	case *east.FootnoteBacklink:
		return nil
	default:
		return c.inlineChildren(n)
	}
}

var lineBreakTag = regexp.MustCompile(`(?i)^<br\s*/?>$`)

var entity = regexp.MustCompile(`^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// unescape reads text as a Markdown renderer does, in one pass: "\*" is an asterisk (and an
// escaped "&" never starts an entity), "&amp;" an ampersand, "&#233;" an é.
func unescape(v []byte) []byte {
	if !bytes.ContainsAny(v, "\\&") {
		return v
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && i+1 < len(v) && (v[i+1] == '[' || v[i+1] == ']'):
			out = utf8.AppendRune(out, map[byte]rune{'[': escapedOpen, ']': escapedClose}[v[i+1]])
			i++
		case c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]):
			out = append(out, v[i+1])
			i++
		case c == '&':
			if m := entity.Find(v[i:]); m != nil {
				out = append(out, util.ResolveEntityNames(util.ResolveNumericReferences(m))...)
				i += len(m) - 1
				continue
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

func plainText(n gast.Node, src []byte) string {
	var b strings.Builder
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if t, ok := ch.(*gast.Text); ok {
			b.Write(t.Value(src))
		} else {
			b.WriteString(plainText(ch, src))
		}
	}
	return b.String()
}

// appendText appends s, merging it into a preceding text run so that the model holds words,
// not goldmark's fragments.
func appendText(out []text.Inline, s string) []text.Inline {
	if s == "" {
		return out
	}
	if len(out) > 0 {
		if t, ok := out[len(out)-1].(*text.Text); ok {
			t.Text += s
			return out
		}
	}
	return append(out, &text.Text{Text: s})
}

// trimSpace removes leading and trailing spaces of inline content.
func trimSpace(content []text.Inline) []text.Inline {
	for len(content) > 0 {
		t, ok := content[0].(*text.Text)
		if !ok {
			break
		}
		t.Text = strings.TrimLeft(t.Text, " \t\n")
		if t.Text != "" {
			break
		}
		content = content[1:]
	}
	for len(content) > 0 {
		t, ok := content[len(content)-1].(*text.Text)
		if ok {
			t.Text = strings.TrimRight(t.Text, " \t\n")
			if t.Text == "" {
				content = content[:len(content)-1]
				continue
			}
		}
		if _, ok := content[len(content)-1].(*text.LineBreak); ok {
			content = content[:len(content)-1]
			continue
		}
		break
	}
	return content
}
