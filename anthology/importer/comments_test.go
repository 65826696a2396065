package importer

import (
	"strings"
	"testing"
)

// commentsDocx is a Word file whose body is body, with comments.xml and commentsExtended.xml.
func commentsDocx(t testing.TB, body, comments, extended string) []byte {
	t.Helper()
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"`
	more := map[string][]byte{"word/comments.xml": []byte(`<?xml version="1.0"?><w:comments ` + ns + `>` + comments + `</w:comments>`)}
	if extended != "" {
		more["word/commentsExtended.xml"] = []byte(`<?xml version="1.0"?><w15:commentsEx ` + ns + `>` + extended + `</w15:commentsEx>`)
	}
	return docxWith(t, body, "", more)
}

func TestComments(t *testing.T) {
	body := `<w:p><w:bookmarkStart w:id="1" w:name="anth_the_harbor"/><w:r><w:t>The Harbor</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">We walked to </w:t></w:r><w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>` +
		`<w:r><w:t xml:space="preserve">the old </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>harbor</w:t></w:r><w:commentRangeEnd w:id="0"/><w:commentRangeEnd w:id="1"/>` +
		`<w:r><w:commentReference w:id="0"/></w:r><w:r><w:commentReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> at dusk.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>Point.</w:t></w:r><w:r><w:commentReference w:id="2"/></w:r></w:p>`
	comments := `<w:comment w:id="0" w:author="Editor" w:date="2026-12-01T10:00:00Z"><w:p w14:paraId="0000AAAA"><w:r><w:t>Which harbor?</w:t></w:r></w:p></w:comment>` +
		`<w:comment w:id="1" w:author="Ana"><w:p><w:r><w:t>The old one,</w:t></w:r></w:p><w:p w14:paraId="0000BBBB"><w:r><w:t>by the mill.</w:t></w:r></w:p></w:comment>` +
		`<w:comment w:id="2" w:author="Ana"><w:p w14:paraId="0000CCCC"><w:r><w:t>A note on a point.</w:t></w:r></w:p></w:comment>`
	ext := `<w15:commentEx w15:paraId="0000AAAA" w15:done="1"/><w15:commentEx w15:paraId="0000BBBB" w15:paraIdParent="0000AAAA" w15:done="0"/>`
	cs, err := Comments(commentsDocx(t, body, comments, ext))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 3 {
		t.Fatalf("%d comments: %+v", len(cs), cs)
	}
	want := []Comment{
		{ID: "0", Author: "Editor", Date: "2026-12-01T10:00:00Z", Text: "Which harbor?", ParaID: "0000AAAA", Done: true, Passage: "the old harbor", Bookmark: "anth_the_harbor"},
		{ID: "1", Author: "Ana", Text: "The old one,\nby the mill.", ParaID: "0000BBBB", Parent: "0000AAAA", Passage: "the old harbor", Bookmark: "anth_the_harbor"},
		{ID: "2", Author: "Ana", Text: "A note on a point.", ParaID: "0000CCCC", Bookmark: "anth_the_harbor"},
	}
	for i := range want {
		if cs[i] != want[i] {
			t.Errorf("comment %d:\n got %+v\nwant %+v", i, cs[i], want[i])
		}
	}
	// A Word file without comments has none; something else is refused.
	if cs, err := Comments(docx(t, `<w:p><w:r><w:t>x</w:t></w:r></w:p>`, "")); err != nil || len(cs) != 0 {
		t.Errorf("no comments: %v, %v", cs, err)
	}
	if _, err := Comments([]byte("not a zip")); err == nil || !strings.Contains(err.Error(), "not a Word file") {
		t.Errorf("not a zip: %v", err)
	}
}

func FuzzComments(f *testing.F) {
	f.Add(`<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>a</w:t></w:r><w:commentRangeEnd w:id="0"/></w:p>`,
		`<w:comment w:id="0" w:author="A"><w:p w14:paraId="1"><w:r><w:t>q</w:t></w:r></w:p></w:comment>`, `<w15:commentEx w15:paraId="1" w15:paraIdParent="1"/>`)
	f.Add(`<w:p><w:commentRangeEnd w:id="0"/><w:commentRangeStart w:id="0"/></w:p>`, `<w:comment w:id="0"/><w:comment w:id="0"/>`, "")
	f.Fuzz(func(t *testing.T, body, comments, extended string) {
		cs, err := Comments(commentsDocx(t, body, comments, extended))
		if err != nil {
			return
		}
		for _, c := range cs {
			if c.Passage != strings.TrimSpace(c.Passage) {
				t.Fatalf("passage %q not trimmed", c.Passage)
			}
		}
	})
}
