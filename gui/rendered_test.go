package gui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology/markdown"
)

// TestRenderedEssay: the rendered view shows what the book holds — a table as a table, a
// figure's image and caption, an epigraph's attribution, a letter's signature, the notes —
// in the essay's language's quotation marks.
func TestRenderedEssay(t *testing.T) {
	body := "::: epigraph\nAll rivers run to the sea.\n\n— Ecclesiastes\n:::\n\n\"Bonjour\", dit-il.[^1]\n\n" +
		"| Year | Crossings |\n|---|--:|\n| 1910 | 12 |\n\nTable: The ferry.\n\n" +
		"::: figure\n![The quay](images/quay.png)\n\nThe quay at dawn.\n:::\n\n" +
		"::: letter\nThe boat is late.\n\n::: signature\nJ. Moss\n:::\n:::\n\n[^1]: A note.\n"
	segs := renderedEssay(markdown.ParseLang([]byte(body), "fr"), "/book")
	var table, image bool
	var all strings.Builder
	for _, s := range segs {
		switch x := s.(type) {
		case *widget.TableSegment:
			table = len(x.Headers) == 2 && len(x.Rows) == 1
		case *widget.ImageSegment:
			image = strings.HasSuffix(x.Source.Path(), "/book/images/quay.png") && x.Title == "The quay"
		}
		if p, ok := s.(*widget.ParagraphSegment); ok {
			for _, tx := range p.Texts {
				all.WriteString(tx.Textual())
			}
		} else {
			all.WriteString(s.Textual())
		}
		all.WriteString("\n")
	}
	if !table || !image {
		t.Errorf("table %v, image %v in %d segments", table, image, len(segs))
	}
	for _, want := range []string{"Ecclesiastes", "«\u202fBonjour\u202f»", "The quay at dawn.", "J. Moss", "Notes", "A note.", "The ferry."} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the rendered view lacks %q:\n%s", want, all.String())
		}
	}
}

// TestRenderedEveryKind: the rendered view shows the words of every kind of the model — the
// fixture the back-ends' test walks (layout/export's TestEveryKindInEveryBackEnd), which holds
// every block and inline kind.
func TestRenderedEveryKind(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "layout", "export", "testdata", "everykind.md"))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	var collect func(segs []widget.RichTextSegment)
	collect = func(segs []widget.RichTextSegment) {
		for _, s := range segs {
			switch x := s.(type) {
			case *widget.ParagraphSegment:
				collect(x.Texts)
			case *widget.ListSegment:
				collect(x.Items)
			case *widget.TableSegment:
				for _, h := range x.Headers {
					collect(h)
				}
				for _, r := range x.Rows {
					for _, c := range r {
						collect(c)
					}
				}
			case *widget.ImageSegment:
				all.WriteString(x.Title)
			default:
				all.WriteString(s.Textual())
			}
			all.WriteString(" ")
		}
	}
	collect(renderedEssay(markdown.Parse(src), "/book"))
	shown := strings.ToLower(all.String())
	for _, w := range regexp.MustCompile(`qx[a-z]+`).FindAllString(string(src), -1) {
		if !strings.Contains(shown, w) {
			t.Errorf("the rendered view lost %q", w)
		}
	}
}
