package gui

import (
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	model "github.com/anthology-editor/anthology/anthology/text"
)

// renderedEssay shows an essay's text as the book reads it: the text model the project's own
// Markdown reader made of it (tables, figures, epigraphs, letters, notes and all), laid out as
// rich text. The GUI never re-reads Markdown by another parser's rules.
func renderedEssay(doc *model.Document, projectDir string) []widget.RichTextSegment {
	r := richRenderer{dir: projectDir}
	segs := r.blocks(doc.Blocks, false)
	if len(doc.Notes) > 0 {
		segs = append(segs, &widget.SeparatorSegment{},
			&widget.TextSegment{Text: "Notes", Style: widget.RichTextStyleSubHeading})
		for _, n := range doc.Notes {
			first := true
			for _, b := range n.Blocks {
				ss := r.block(b, false)
				if first && len(ss) > 0 {
					if p, ok := ss[0].(*widget.ParagraphSegment); ok {
						p.Texts = append([]widget.RichTextSegment{&widget.TextSegment{Text: strconv.Itoa(n.Number) + ". ", Style: widget.RichTextStyleStrong}}, p.Texts...)
					}
					first = false
				}
				segs = append(segs, ss...)
			}
		}
	}
	return segs
}

type richRenderer struct{ dir string }

func (r richRenderer) blocks(bs []model.Block, quoted bool) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, b := range bs {
		out = append(out, r.block(b, quoted)...)
	}
	return out
}

// para is a paragraph: its text runs inline, then an empty segment of the paragraph's own
// style, which ends the line (without it Fyne runs the next paragraph on after the last word,
// "about it.I write", as its own Markdown renderer avoids the same way).
func (r richRenderer) para(content []model.Inline, style widget.RichTextStyle) *widget.ParagraphSegment {
	inline := style
	inline.Inline = true
	texts := r.inlines(content, inline)
	return &widget.ParagraphSegment{Texts: append(texts, &widget.TextSegment{Style: style})}
}

func (r richRenderer) block(b model.Block, quoted bool) []widget.RichTextSegment {
	base := widget.RichTextStyleParagraph
	if quoted {
		base = widget.RichTextStyleBlockquote
	}
	switch x := b.(type) {
	case *model.Paragraph:
		return []widget.RichTextSegment{r.para(x.Content, base)}
	case *model.Heading:
		style := widget.RichTextStyleSubHeading
		if x.Level <= 1 {
			style = widget.RichTextStyleHeading
		}
		return []widget.RichTextSegment{&widget.TextSegment{Text: model.Plain(x.Content), Style: style}}
	case *model.Quote:
		return r.blocks(x.Blocks, true)
	case *model.List:
		l := &widget.ListSegment{Ordered: x.Ordered}
		if x.Ordered && x.Start > 1 {
			l.SetStartNumber(x.Start)
		}
		for _, item := range x.Items {
			var texts []widget.RichTextSegment
			for i, ib := range item {
				if i > 0 {
					texts = append(texts, &widget.TextSegment{Text: " ", Style: widget.RichTextStyleInline})
				}
				texts = append(texts, r.inlines(inlinesOf(ib), widget.RichTextStyleInline)...)
			}
			l.Items = append(l.Items, &widget.ParagraphSegment{Texts: texts})
		}
		return []widget.RichTextSegment{l}
	case *model.SceneBreak:
		return []widget.RichTextSegment{&widget.TextSegment{Text: "*   *   *", Style: widget.RichTextStyle{Alignment: fyne.TextAlignCenter, Inline: false}}}
	case *model.Verse:
		var out []widget.RichTextSegment
		for _, st := range x.Stanzas {
			var texts []widget.RichTextSegment
			for i, line := range st {
				if i > 0 {
					texts = append(texts, &widget.TextSegment{Text: "\n", Style: widget.RichTextStyleInline})
				}
				texts = append(texts, r.inlines(line, widget.RichTextStyleInline)...)
			}
			out = append(out, &widget.ParagraphSegment{Texts: texts})
		}
		return out
	case *model.Table:
		t := &widget.TableSegment{}
		cell := func(c model.Cell) []widget.RichTextSegment { return r.inlines(c, widget.RichTextStyleInline) }
		for i := range x.Columns() {
			align := fyne.TextAlignLeading
			if i < len(x.Align) {
				switch x.Align[i] {
				case model.AlignCenter:
					align = fyne.TextAlignCenter
				case model.AlignRight:
					align = fyne.TextAlignTrailing
				}
			}
			t.Alignments = append(t.Alignments, align)
		}
		if x.Header != nil {
			for _, c := range x.Header {
				t.Headers = append(t.Headers, cell(c))
			}
		}
		for _, row := range x.Rows {
			var cells [][]widget.RichTextSegment
			for _, c := range row {
				cells = append(cells, cell(c))
			}
			t.Rows = append(t.Rows, cells)
		}
		var out []widget.RichTextSegment
		if len(x.Caption) > 0 {
			out = append(out, r.para(x.Caption, emphasis(widget.RichTextStyleParagraph)))
		}
		return append(out, t)
	case *model.Figure:
		var out []widget.RichTextSegment
		if r.dir != "" && x.Src != "" && !strings.Contains(x.Src, "..") {
			out = append(out, &widget.ImageSegment{Source: storage.NewFileURI(filepath.Join(r.dir, filepath.FromSlash(x.Src))),
				Title: x.Alt, Alignment: fyne.TextAlignCenter})
		}
		caption := append([]model.Inline{}, x.Caption...)
		if len(x.Credit) > 0 {
			caption = append(append(caption, &model.Text{Text: " — "}), x.Credit...)
		}
		if len(caption) == 0 {
			caption = []model.Inline{&model.Text{Text: x.Alt}}
		}
		return append(out, r.para(caption, emphasis(widget.RichTextStyleParagraph)))
	case *model.Epigraph:
		out := r.blocks(x.Blocks, true)
		if len(x.Attribution) > 0 {
			out = append(out, r.para(append([]model.Inline{&model.Text{Text: "— "}}, x.Attribution...), widget.RichTextStyleBlockquote))
		}
		return out
	case *model.Letter:
		var out []widget.RichTextSegment
		for _, part := range [][]model.Inline{x.Dateline, x.Salutation} {
			if len(part) > 0 {
				out = append(out, r.para(part, widget.RichTextStyleBlockquote))
			}
		}
		out = append(out, r.blocks(x.Blocks, true)...)
		for _, part := range [][]model.Inline{x.Closing, x.Signature} {
			if len(part) > 0 {
				out = append(out, r.para(part, widget.RichTextStyleBlockquote))
			}
		}
		return append(out, r.blocks(x.Postscript, true)...)
	}
	return nil
}

// inlinesOf is a block's inline content, for a list item's line.
func inlinesOf(b model.Block) []model.Inline {
	var out []model.Inline
	model.EachContent(b, func(model.Block) {}, func(c []model.Inline) {
		if len(out) > 0 {
			out = append(out, &model.Text{Text: " "})
		}
		out = append(out, c...)
	})
	return out
}

func emphasis(s widget.RichTextStyle) widget.RichTextStyle {
	s.TextStyle.Italic = !s.TextStyle.Italic
	return s
}

// inlines turns inline content into text segments, emphasis and strong text as styles, note
// references as their numbers in brackets.
func (r richRenderer) inlines(content []model.Inline, style widget.RichTextStyle) []widget.RichTextSegment {
	style.Inline = true
	var out []widget.RichTextSegment
	for _, in := range content {
		switch x := in.(type) {
		case *model.Text:
			out = append(out, &widget.TextSegment{Text: x.Text, Style: style})
		case *model.Emphasis:
			out = append(out, r.inlines(x.Content, emphasis(style))...)
		case *model.Strong:
			s := style
			s.TextStyle.Bold = true
			out = append(out, r.inlines(x.Content, s)...)
		case *model.SmallCaps:
			out = append(out, &widget.TextSegment{Text: strings.ToUpper(model.Plain(x.Content)), Style: style})
		case *model.Link:
			u, err := url.Parse(strings.TrimSpace(x.URL))
			if err != nil || u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto" {
				out = append(out, r.inlines(x.Content, style)...) // a link a book does not follow: its words
				continue
			}
			out = append(out, &widget.HyperlinkSegment{Text: model.Plain(x.Content), URL: u})
		case *model.NoteRef:
			out = append(out, &widget.TextSegment{Text: "[" + strconv.Itoa(x.Note.Number) + "]", Style: style})
		case *model.LineBreak:
			out = append(out, &widget.TextSegment{Text: "\n", Style: style})
		default:
			out = append(out, r.inlines(model.Children(in), style)...)
		}
	}
	return out
}
