package find_test

import (
	"fmt"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/find"
	"github.com/anthology-editor/anthology/assets"
)

// All finds every whole-word match in the book, in reading order, with its place and context.
func ExampleAll() {
	p, _ := anthology.LoadFS(assets.Sample(), "sample")
	ms, err := find.All(p, find.Query{Pattern: "lighthouse", WholeWord: true, Essay: "the-lighthouse-log"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range ms[:2] {
		fmt.Printf("%s line %d: %s\n", m.Field, m.Line, m.Text)
	}
	// Output:
	// title line 1: Lighthouse
	// body line 11: lighthouse
}
