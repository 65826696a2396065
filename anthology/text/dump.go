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
		}
	}
}

// DumpInlines writes inline content with its markup made visible: _emphasis_, *strong*,
// {small caps}, [link](url), [^n] and ⏎ for a line break.
func DumpInlines(content []Inline) string {
	var b strings.Builder
	for _, in := range content {
		switch x := in.(type) {
		case *Text:
			b.WriteString(fmt.Sprintf("%q", x.Text))
		case *Emphasis:
			b.WriteString("_" + DumpInlines(x.Content) + "_")
		case *Strong:
			b.WriteString("*" + DumpInlines(x.Content) + "*")
		case *SmallCaps:
			b.WriteString("{" + DumpInlines(x.Content) + "}")
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
