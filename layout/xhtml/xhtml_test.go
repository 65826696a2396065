package xhtml

import (
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/markdown"
)

func TestText(t *testing.T) {
	in := "a & b < c > d \" e \x07 f \uFFFE g \U0001F600 h \xff"
	if got := Text(in); got != "a &amp; b &lt; c &gt; d &quot; e  f  g \U0001F600 h " {
		t.Errorf("Text = %q", got)
	}
}

// TestRenderer writes a document's blocks and notes as XHTML, outside any EPUB.
func TestRenderer(t *testing.T) {
	doc := markdown.Parse([]byte("A *fine* night.[^1]\n\n| one\n| two\n\n[^1]: The note.\n"))
	r := &Renderer{Dir: "ltr"}
	r.PrepareHeadings(doc.Blocks)
	r.Blocks(doc.Blocks)
	r.Notes(doc, "notes")
	got := r.String()
	for _, want := range []string{"<em>fine</em>", `href="#fn-1"`, "one", "two", "The note."} {
		if !contains(got, want) {
			t.Errorf("the XHTML lacks %q:\n%s", want, got)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
