package markdown

import (
	"strings"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/anthology-editor/anthology/anthology/text"
)

// onlyImage returns the image a paragraph consists of, or nil: such a paragraph is a figure.
func (c *converter) onlyImage(p gast.Node) *gast.Image {
	var img *gast.Image
	for ch := p.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch x := ch.(type) {
		case *gast.Image:
			if img != nil {
				return nil
			}
			img = x
		case *gast.Text:
			if strings.TrimSpace(string(x.Segment.Value(c.src))) != "" && !x.SoftLineBreak() {
				return nil
			}
		default:
			return nil
		}
	}
	return img
}

// figure makes a figure of an image: its description is the alt text; its title, if any, the
// caption.
func (c *converter) figure(img *gast.Image) *text.Figure {
	f := &text.Figure{Src: string(img.Destination), Alt: text.Plain(trimSpace(c.inlineChildren(img)))}
	if t := strings.TrimSpace(string(img.Title)); t != "" {
		f.Caption = ParseInline(t)
	}
	return f
}

// table converts a pipe table. A header row of empty cells is no header: it is how a table
// without one is written.
func (c *converter) table(t *east.Table) *text.Table {
	out := &text.Table{}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignLeft:
			out.Align = append(out.Align, text.AlignLeft)
		case east.AlignCenter:
			out.Align = append(out.Align, text.AlignCenter)
		case east.AlignRight:
			out.Align = append(out.Align, text.AlignRight)
		default:
			out.Align = append(out.Align, text.AlignDefault)
		}
	}
	row := func(n gast.Node) []text.Cell {
		var cells []text.Cell
		for cell := n.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, text.Cell(trimSpace(c.inlineChildren(cell))))
		}
		return cells
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		switch r.(type) {
		case *east.TableHeader:
			h := row(r)
			for _, cell := range h {
				if len(cell) > 0 {
					out.Header = h
					break
				}
			}
		case *east.TableRow:
			out.Rows = append(out.Rows, row(r))
		}
	}
	return out
}

// captions gives each table the caption of the paragraph after it that opens with "Table:"
// (pandoc's syntax), and removes that paragraph.
func captions(blocks []text.Block) []text.Block {
	var out []text.Block
	for i := 0; i < len(blocks); i++ {
		out = append(out, blocks[i])
		t, ok := blocks[i].(*text.Table)
		if !ok || i+1 >= len(blocks) || len(t.Caption) > 0 {
			continue
		}
		if caption, ok := cutPrefix(blocks[i+1], "Table:"); ok {
			t.Caption = caption
			i++
		}
	}
	return out
}

// cutPrefix returns a paragraph's content without a leading prefix, and whether it had it.
func cutPrefix(b text.Block, prefix string) ([]text.Inline, bool) {
	p, ok := b.(*text.Paragraph)
	if !ok || len(p.Content) == 0 {
		return nil, false
	}
	t, ok := p.Content[0].(*text.Text)
	if !ok || !strings.HasPrefix(t.Text, prefix) {
		return nil, false
	}
	rest := strings.TrimLeft(t.Text[len(prefix):], " \u00a0")
	content := append([]text.Inline{}, p.Content[1:]...)
	if rest != "" {
		content = append([]text.Inline{&text.Text{Text: rest}}, content...)
	}
	return content, true
}

// attribution splits off the last block when it is a paragraph opening with an em dash (the
// source of an epigraph, the credit of a figure).
func attribution(blocks []text.Block) ([]text.Block, []text.Inline) {
	if len(blocks) < 2 {
		return blocks, nil
	}
	if content, ok := cutPrefix(blocks[len(blocks)-1], "\u2014"); ok {
		return blocks[:len(blocks)-1], content
	}
	return blocks, nil
}

// div converts a fenced div by its class.
func (c *converter) div(d *fencedDiv) []text.Block {
	blocks := c.children(d)
	switch strings.ToLower(d.class) {
	case "epigraph":
		e := &text.Epigraph{}
		e.Blocks, e.Attribution = attribution(blocks)
		return []text.Block{e}
	case "figure":
		var fig *text.Figure
		var caption []text.Block
		for _, b := range blocks {
			if f, ok := b.(*text.Figure); ok && fig == nil {
				fig = f
				continue
			}
			caption = append(caption, b)
		}
		if fig == nil {
			return blocks // a figure without an image: its words stay as they are
		}
		if len(caption) > 0 {
			if credit, ok := cutPrefix(caption[len(caption)-1], "\u2014"); ok {
				fig.Credit = credit
				caption = caption[:len(caption)-1]
			}
		}
		fig.Caption = joinParagraphs(fig.Caption, caption)
		return []text.Block{fig}
	case "letter":
		l := &text.Letter{}
		for ch := d.FirstChild(); ch != nil; ch = ch.NextSibling() {
			part, ok := ch.(*fencedDiv)
			if !ok {
				l.Blocks = append(l.Blocks, c.blocks(ch)...)
				continue
			}
			inner := c.children(part)
			switch strings.ToLower(part.class) {
			case "dateline":
				l.Dateline = joinParagraphs(l.Dateline, inner)
			case "salutation":
				l.Salutation = joinParagraphs(l.Salutation, inner)
			case "closing", "valediction":
				l.Closing = joinParagraphs(l.Closing, inner)
			case "signature":
				l.Signature = joinParagraphs(l.Signature, inner)
			case "postscript", "ps":
				l.Postscript = append(l.Postscript, inner...)
			default:
				l.Blocks = append(l.Blocks, c.div(part)...)
			}
		}
		l.Blocks = captions(l.Blocks)
		return []text.Block{l}
	}
	return blocks
}

// joinParagraphs appends the content of paragraphs to content, a line break between each. A
// block that is not a paragraph gives its words, so none is lost.
func joinParagraphs(content []text.Inline, blocks []text.Block) []text.Inline {
	for _, b := range blocks {
		var in []text.Inline
		if p, ok := b.(*text.Paragraph); ok {
			in = p.Content
		} else {
			in = text.Plainify(blockInlines(b))
		}
		if len(in) == 0 {
			continue
		}
		if len(content) > 0 {
			content = append(content, &text.LineBreak{})
		}
		content = append(content, in...)
	}
	return content
}

// blockInlines lists the inlines of a block, its top-level ones in reading order.
func blockInlines(b text.Block) []text.Inline {
	var out []text.Inline
	text.WalkBlock(b, func(text.Block) {}, func(in text.Inline) {
		if _, ok := in.(*text.Text); ok {
			out = append(out, &text.Text{Text: in.(*text.Text).Text + " "})
		}
	})
	return out
}
