package export_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"image"
	"image/color"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/export"
)

// modelKinds reads package text's source for the types that are blocks (they have isBlock)
// and those that are inlines (isInline), so that a kind added to the model is a kind this
// test demands of every back-end.
func modelKinds(t *testing.T) (blocks, inlines []string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join("..", "..", "anthology", "text", "text.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || len(fn.Recv.List) != 1 {
			continue
		}
		star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
		if !ok {
			continue
		}
		name := star.X.(*ast.Ident).Name
		switch fn.Name.Name {
		case "isBlock":
			blocks = append(blocks, name)
		case "isInline":
			inlines = append(inlines, name)
		}
	}
	slices.Sort(blocks)
	slices.Sort(inlines)
	if len(blocks) < 10 || len(inlines) < 11 {
		t.Fatalf("read %d block kinds and %d inline kinds from text.go", len(blocks), len(inlines))
	}
	return blocks, inlines
}

// markers are the words of testdata/everykind.md that each kind holds; every one must come
// out of every back-end (a kind a back-end does not handle loses its words).
var markers = regexp.MustCompile(`qx[a-z]+`)

// TestEveryKindInEveryBackEnd walks every block, inline and section kind through every
// back-end: testdata/everykind.md holds each kind of the model (checked against the model's
// own source), an essay of it goes into the sample, and the EPUB's pages and the typesetter's
// (the PDF and the preview) must hold every marker word, the scene break and the line break;
// every kind of section must be made and written.
func TestEveryKindInEveryBackEnd(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "everykind.md"))
	if err != nil {
		t.Fatal(err)
	}
	blockKinds, inlineKinds := modelKinds(t)
	doc := markdown.Parse(src)
	var gotBlocks, gotInlines []string
	seen := map[string]bool{}
	note := func(list *[]string, v any) {
		name := reflect.TypeOf(v).Elem().Name()
		if !seen[name] {
			seen[name] = true
			*list = append(*list, name)
		}
	}
	walk := func(blocks []text.Block) {
		for _, b := range blocks {
			text.WalkBlock(b, func(b text.Block) { note(&gotBlocks, b) }, func(in text.Inline) { note(&gotInlines, in) })
		}
	}
	walk(doc.Blocks)
	for _, n := range doc.Notes {
		walk(n.Blocks)
	}
	slices.Sort(gotBlocks)
	slices.Sort(gotInlines)
	if !slices.Equal(gotBlocks, blockKinds) || !slices.Equal(gotInlines, inlineKinds) {
		t.Fatalf("testdata/everykind.md has the blocks %v and inlines %v; the model has %v and %v: add the missing kinds to it",
			gotBlocks, gotInlines, blockKinds, inlineKinds)
	}
	words := markers.FindAllString(string(src), -1)

	// Every kind of section is made in one of the book's note places (the book's Notes
	// section only where the notes are kept at its end).
	made := map[layout.Kind]bool{}
	for _, place := range anthology.NotePlaces {
		t.Run(place, func(t *testing.T) {
			for _, k := range everyKindIn(t, src, words, place) {
				made[k] = true
			}
		})
	}
	for _, k := range layout.Kinds() {
		if !made[k] {
			t.Errorf("the sample with the kinds essay has no %s section, whatever its notes' place", k)
		}
	}
}

// everyKindIn builds the sample with the kinds essay, its notes where place says, checks every
// back-end for every marker and every section made for its pages, and returns the kinds of
// section made.
func everyKindIn(t *testing.T, src []byte, words []string, place string) []layout.Kind {
	p := edittest.SampleCopy(t)
	p.Print.Notes = place
	es := p.Essay("the-lighthouse-log")
	es.SetBody(string(src))
	img := image.NewRGBA(image.Rect(0, 0, 600, 300))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	img.Set(0, 0, color.Black)
	f, err := os.Create(filepath.Join(p.Dir, "images", "kinds.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()

	ed, book, err := export.Typeset(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	made := map[layout.Kind]*layout.Section{}
	for _, s := range ed.Sections {
		made[s.Kind] = s
	}

	// The typesetter: every marker on the essay's pages, the ornament, the line break.
	var set strings.Builder
	var before, after *float64
	sectionPages := map[*layout.Section]bool{}
	for _, pg := range book.Pages {
		sectionPages[pg.Section] = true
		// The essay's notes are on its pages, or in the book's Notes.
		if pg.Section == nil || (pg.Section.Essay != es && pg.Section.Kind != layout.EndNotes) {
			continue
		}
		for _, tx := range pg.Texts {
			set.WriteString(tx.Text)
			y := tx.Y
			switch {
			case strings.Contains(tx.Text, "qxbefore"):
				before = &y
			case strings.Contains(tx.Text, "qxbreak"):
				after = &y
			}
		}
	}
	// Ligatures (ﬁ) read as their letters, hyphens at line ends go; an image's description is
	// for those who cannot see it, not printed beside it.
	printed := strings.ToLower(nospace(strings.ReplaceAll(norm.NFKC.String(set.String()), "-", "")))
	for _, w := range words {
		if !strings.Contains(printed, w) && w != "qxalt" {
			t.Errorf("the typesetter lost %q", w)
		}
	}
	if !strings.Contains(printed, "⁂") && !strings.Contains(printed, "***") {
		t.Error("the typesetter drew no scene break")
	}
	if before == nil || after == nil || *before == *after {
		t.Errorf("the line break did not break the line (qxbefore at %v, qxbreak at %v)", before, after)
	}
	for k, s := range made {
		if !sectionPages[s] {
			t.Errorf("the typesetter set no page of the %s section", k)
		}
	}

	// The EPUB: every marker in the essay's page, the scene break and line break as XHTML,
	// a page for every section.
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.EPUB}})
	if err != nil {
		t.Fatal(err)
	}
	epubFile, _ := builtFiles(res)
	data, err := os.ReadFile(epubFile)
	if err != nil {
		t.Fatal(err)
	}
	page := string(readZip(t, data, "EPUB/text/essay-the-lighthouse-log.xhtml"))
	withNotes := page
	if s := made[layout.EndNotes]; s != nil {
		withNotes += string(readZip(t, data, "EPUB/text/"+s.ID+".xhtml"))
	}
	for _, w := range words {
		if !strings.Contains(withNotes, w) {
			t.Errorf("the EPUB lost %q", w)
		}
	}
	for _, tag := range []string{`<hr class="scene-break"/>`, "qxbefore<br/>", `<table`, `<img `, `lang="la"`, `<abbr title="Abbreviation"`, `<sub>qxsub</sub>`, `<sup>qxsuper</sup>`, `href="https://example.org/"`} {
		if !strings.Contains(page, tag) {
			t.Errorf("the EPUB's page lacks %s", tag)
		}
	}
	for k, s := range made {
		name := "EPUB/text/" + s.ID + ".xhtml"
		if k == layout.Contents {
			name = "EPUB/text/nav.xhtml"
		}
		if len(readZip(t, data, name)) == 0 {
			t.Errorf("the EPUB has no page %s for the %s section", name, k)
		}
	}
	return slices.Collect(maps.Keys(made))
}
