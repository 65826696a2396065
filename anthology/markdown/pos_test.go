package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/text"
)

// posBody has one block of every kind, a link, an image inside a paragraph, a note, a note
// nobody refers to and a reference to a note nobody wrote.
const posBody = `Opening paragraph with a [link](#top) and a note.[^a]

## A heading here

> A quoted line.

- first item
- second item

* * *

| The first line of verse
| the second line

| Year | Crossings |
|---|--:|
| 1910 | 12 |

![The quay](images/quay.png)

::: epigraph
All rivers run to the sea.

— Ecclesiastes
:::

::: letter
The boat is late.

::: signature
J. Moss
:::
:::

An image ![a gull](images/gull.png) inside, and a stray [^zz] reference.

[^a]: The note's text.

[^lonely]: Nobody refers to me.
`

// TestPositions: every block, the link, the note's definition, the unused note, the
// unresolved reference and the inline image know where in the body they were read from.
func TestPositions(t *testing.T) {
	doc := Parse([]byte(posBody))
	at := func(p text.Pos) string {
		if !p.Known() {
			return "(unknown)"
		}
		return posBody[p.Offset:p.End]
	}
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, fmt.Sprintf("%T %q", b, at(b.Source())))
	}
	want := []string{
		`*text.Paragraph "Opening paragraph with a [link](#top) and a note.[^a]"`,
		`*text.Heading "## A heading here"`,
		`*text.Quote "> A quoted line."`,
		"*text.List \"- first item\\n- second item\"",
		`*text.SceneBreak "* * *"`,
		"*text.Verse \"| The first line of verse\\n| the second line\"",
		"*text.Table \"| Year | Crossings |\\n|---|--:|\\n| 1910 | 12 |\"",
		`*text.Figure "![The quay](images/quay.png)"`,
		"*text.Epigraph \"::: epigraph\\nAll rivers run to the sea.\\n\\n— Ecclesiastes\"",
		"*text.Letter \"::: letter\\nThe boat is late.\\n\\n::: signature\\nJ. Moss\"",
		`*text.Paragraph "An image ![a gull](images/gull.png) inside, and a stray [^zz] reference."`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("block positions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var links []string
	text.Walk(doc.Blocks, func(in text.Inline) {
		if l, ok := in.(*text.Link); ok {
			links = append(links, at(l.Pos))
		}
	})
	if len(links) != 1 || links[0] != "[link](#top)" {
		t.Errorf("link positions %q", links)
	}
	if len(doc.Notes) != 1 || doc.Notes[0].Label != "a" || at(doc.Notes[0].Pos) != "[^a]: The note's text." {
		t.Errorf("notes %+v", doc.Notes)
	}
	if len(doc.Unused) != 1 || doc.Unused[0].Label != "lonely" || at(doc.Unused[0].Pos) != "[^lonely]: Nobody refers to me." {
		t.Errorf("unused notes %+v", doc.Unused)
	}
	if len(doc.Unresolved) != 1 || doc.Unresolved[0].Label != "zz" || at(doc.Unresolved[0].Pos) != "[^zz]" {
		t.Errorf("unresolved references %+v", doc.Unresolved)
	}
	if len(doc.InlineImages) != 1 || doc.InlineImages[0].Src != "images/gull.png" || doc.InlineImages[0].Alt != "a gull" ||
		at(doc.InlineImages[0].Pos) != "![a gull](images/gull.png)" {
		t.Errorf("inline images %+v", doc.InlineImages)
	}
}

// TestPositionsOfPlainLines: a text too deeply nested for Markdown is read as lines, each
// knowing its place.
func TestPositionsOfPlainLines(t *testing.T) {
	src := strings.Repeat(">", MaxNesting+1) + " deep\n\n  second line  \n"
	doc := Parse([]byte(src))
	if len(doc.Blocks) != 2 {
		t.Fatalf("%d blocks", len(doc.Blocks))
	}
	if p := doc.Blocks[1].Source(); src[p.Offset:p.End] != "second line" {
		t.Errorf("second line at %+v: %q", p, src[p.Offset:p.End])
	}
}
