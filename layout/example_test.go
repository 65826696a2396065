package layout_test

import (
	"fmt"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
)

// Assemble decides what a project's book contains, in reading order: the front matter, the
// parts and their essays, the back matter, with the words the book prints in its language.
func ExampleAssemble() {
	p, _ := anthology.LoadFS(assets.Sample(), "sample")
	ed, err := layout.Assemble(p, layout.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sec := range ed.Sections {
		switch sec.Kind {
		case layout.PartOpener:
			fmt.Println(ed.Words.PartLabel(sec.Number) + ed.Words.LabelSep + sec.PlainTitle())
		case layout.Essay:
			fmt.Println("  " + sec.PlainTitle() + " — " + sec.Byline())
		}
	}
	// Output:
	// Part One: Keeping Watch
	//   The Night Nurse — Ruth Okafor
	//   The Lighthouse Log — Ingrid Solvang
	//   Notes from the Night Desk — Daniel Achterberg
	// Part Two: Making Ready
	//   Bread Before Dawn — Tomás Ferreira
	//   Two Voices on the Last Bus — Priya Raman and Jonah Weiss
	//   What the Dark Is For — Ruth Okafor
}
