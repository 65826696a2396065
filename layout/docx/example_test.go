package docx_test

import (
	"archive/zip"
	"bytes"
	"fmt"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout/docx"
)

// Example writes one essay of the bundled sample as a Word manuscript, with a query on a
// passage of it, and lists the parts of the file.
func Example() {
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		panic(err)
	}
	es := p.Essay("the-night-nurse")
	es.Meta.Queries = []anthology.Query{{ID: "q1", By: "Editor", Passage: "Bed nine has not eaten.", Text: "Which night was this?"}}
	var buf bytes.Buffer
	if err := docx.Write(&buf, p, []*anthology.Essay{es}, docx.Options{}); err != nil {
		panic(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		panic(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	// Output:
	// [Content_Types].xml
	// _rels/.rels
	// docProps/core.xml
	// word/document.xml
	// word/_rels/document.xml.rels
	// word/styles.xml
	// word/settings.xml
	// word/numbering.xml
	// word/footnotes.xml
	// word/comments.xml
	// word/commentsExtended.xml
}
