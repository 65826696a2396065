package export_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/export"
)

// Build makes a project's books: here the bundled sample's EPUB and print PDF, written whole or
// not at all into a folder.
func ExampleBuild() {
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := os.MkdirTemp("", "example-build-")
	defer os.RemoveAll(out)
	res, err := export.Build(context.Background(), p, export.Options{OutDir: out})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Files {
		fmt.Println(filepath.Base(f))
	}
	fmt.Println(len(res.Book.Pages), "print pages")
	// Output:
	// the-lamp-lighters.epub
	// the-lamp-lighters.pdf
	// 38 print pages
}

// Typeset sets a project's print pages as an export does (the app's preview shows them):
// where each section begins.
func ExampleTypeset() {
	p, _ := anthology.LoadFS(assets.Sample(), "sample")
	ed, book, err := export.Typeset(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sec := range ed.Sections {
		if sec.Kind == layout.Essay {
			fmt.Printf("%s: page %s\n", sec.PlainTitle(), book.Pages[book.Starts[sec.ID]].Label)
		}
	}
	// Output:
	// The Night Nurse: page 3
	// The Lighthouse Log: page 7
	// Notes from the Night Desk: page 12
	// Bread Before Dawn: page 17
	// Two Voices on the Last Bus: page 20
	// What the Dark Is For: page 23
}
