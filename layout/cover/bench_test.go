package cover

import (
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
)

func BenchmarkPNG(b *testing.B) {
	ed := &layout.Edition{Title: "The Lamp-Lighters", Subtitle: "Essays on Working Through the Night",
		Editors: []*anthology.Contributor{{Name: "Marguerite Hale"}}, Publisher: "Lantern Press"}
	for i := 0; i < b.N; i++ {
		if _, err := PNG(ed); err != nil {
			b.Fatal(err)
		}
	}
}
