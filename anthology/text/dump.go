package text

import (
	"fmt"
	"strings"
)

// Dump writes a document as an indented outline, one node a line. Tests compare it against
// golden files, and it is the quickest way to see what a reader made of its input.
func Dump(doc *Document) string {
	var b strings.Builder
	dumpBlocks(&b, doc.Blocks, 0)
	for _, n := range doc.Notes {
		fmt.Fprintf(&b, "note %d\n", n.Number)
		dumpBlocks(&b, n.Blocks, 1)
	}
	return b.String()
}

func dumpBlocks(b *strings.Builder, blocks []Block, depth int) {
	pad := strings.Repeat("  ", depth)
	for _, bl := range blocks {
		switch x := bl.(type) {
		case *Paragraph:
			fmt.Fprintf(b, "%spara %s\n", pad, DumpInlines(x.Content))
		case *Heading:
			fmt.Fprintf(b, "%sheading%d %s\n", pad, x.Level, DumpInlines(x.Content))
		case *Quote:
			fmt.Fprintf(b, "%squote\n", pad)
			dumpBlocks(b, x.Blocks, depth+1)
		case *List:
			kind := "bullets"
			if x.Ordered {
				kind = fmt.Sprintf("numbers from %d", x.Start)
			}
			fmt.Fprintf(b, "%slist %s\n", pad, kind)
			for _, item := range x.Items {
				fmt.Fprintf(b, "%s  item\n", pad)
				dumpBlocks(b, item, depth+2)
			}
		case *SceneBreak:
			fmt.Fprintf(b, "%sscene-break\n", pad)
		case *Verse:
			fmt.Fprintf(b, "%sverse\n", pad)
			for i, st := range x.Stanzas {
				if i > 0 {
					fmt.Fprintf(b, "%s  --\n", pad)
				}
				for _, l := range st {
					fmt.Fprintf(b, "%s  line %s\n", pad, DumpInlines(l))
				}
			}
		case *Table:
			fmt.Fprintf(b, "%stable %d columns\n", pad, x.Columns())
			if len(x.Caption) > 0 {
				fmt.Fprintf(b, "%s  caption %s\n", pad, DumpInlines(x.Caption))
			}
			if x.Header != nil {
				fmt.Fprintf(b, "%s  header %s\n", pad, dumpCells(x.Header))
			}
			for _, r := range x.Rows {
				fmt.Fprintf(b, "%s  row %s\n", pad, dumpCells(r))
			}
		case *Figure:
			fmt.Fprintf(b, "%sfigure %s alt=%q\n", pad, x.Src, x.Alt)
			if len(x.Caption) > 0 {
				fmt.Fprintf(b, "%s  caption %s\n", pad, DumpInlines(x.Caption))
			}
			if len(x.Credit) > 0 {
				fmt.Fprintf(b, "%s  credit %s\n", pad, DumpInlines(x.Credit))
			}
		case *Epigraph:
			fmt.Fprintf(b, "%sepigraph\n", pad)
			dumpBlocks(b, x.Blocks, depth+1)
			if len(x.Attribution) > 0 {
				fmt.Fprintf(b, "%s  attribution %s\n", pad, DumpInlines(x.Attribution))
			}
		case *Letter:
			fmt.Fprintf(b, "%sletter\n", pad)
			dumpParts(b, pad, "dateline", x.Dateline, "salutation", x.Salutation)
			dumpBlocks(b, x.Blocks, depth+1)
			dumpParts(b, pad, "closing", x.Closing, "signature", x.Signature)
			if len(x.Postscript) > 0 {
				fmt.Fprintf(b, "%s  postscript\n", pad)
				dumpBlocks(b, x.Postscript, depth+2)
			}
		}
	}
}

// dumpParts writes named pieces of a block (a letter's salutation), those that are not empty.
func dumpParts(b *strings.Builder, pad string, parts ...any) {
	for i := 0; i+1 < len(parts); i += 2 {
		if content := parts[i+1].([]Inline); len(content) > 0 {
			fmt.Fprintf(b, "%s  %s %s\n", pad, parts[i].(string), DumpInlines(content))
		}
	}
}

func dumpCells(cells []Cell) string {
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = DumpInlines(c)
	}
	return "| " + strings.Join(parts, " | ") + " |"
}

// DumpInlines writes inline content with its markup made visible: _emphasis_, *strong*,
// {small caps}, ~sub~, ^sup^, <lang:…>, <abbr …>, [link](url), [^n] and ⏎ for a line break.
func DumpInlines(content []Inline) string {
	var b strings.Builder
	for _, in := range content {
		switch x := in.(type) {
		case *Text:
			fmt.Fprintf(&b, "%q", x.Text)
		case *Emphasis:
			b.WriteString("_" + DumpInlines(x.Content) + "_")
		case *Strong:
			b.WriteString("*" + DumpInlines(x.Content) + "*")
		case *SmallCaps:
			b.WriteString("{" + DumpInlines(x.Content) + "}")
		case *Subscript:
			b.WriteString("~" + DumpInlines(x.Content) + "~")
		case *Superscript:
			b.WriteString("^" + DumpInlines(x.Content) + "^")
		case *Span:
			b.WriteString("<" + x.Lang + ":" + DumpInlines(x.Content) + ">")
		case *Abbr:
			fmt.Fprintf(&b, "<abbr %q:%s>", x.Title, DumpInlines(x.Content))
		case *Link:
			b.WriteString("[" + DumpInlines(x.Content) + "](" + x.URL + ")")
		case *NoteRef:
			fmt.Fprintf(&b, "[^%d]", x.Note.Number)
		case *LineBreak:
			b.WriteString("⏎")
		}
	}
	return b.String()
}
