package epub

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/internal/faulty"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func sampleEdition(t testing.TB) *layout.Edition {
	t.Helper()
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	ed, err := layout.Assemble(p, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

func build(t testing.TB, ed *layout.Edition, o Options) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, ed, o); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for i, f := range zr.File {
		if i == 0 {
			if f.Name != "mimetype" || f.Method != zip.Store || len(f.Extra) != 0 {
				t.Errorf("first entry %q (method %d, %d extra bytes); want mimetype, stored, no extra field", f.Name, f.Method, len(f.Extra))
			}
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = b
	}
	return files
}

func TestPackage(t *testing.T) {
	files := build(t, sampleEdition(t), Options{})
	if string(files["mimetype"]) != "application/epub+zip" {
		t.Error("mimetype content")
	}
	opf := string(files["EPUB/package.opf"])
	for _, want := range []string{
		`xml:lang="en"`,
		`<dc:identifier id="book-id">urn:isbn:9781950000012</dc:identifier>`,
		`<meta refines="#subtitle" property="title-type">subtitle</meta>`,
		`<dc:creator id="editor-1">Marguerite Hale</dc:creator>`,
		`<meta refines="#editor-1" property="role" scheme="marc:relators">edt</meta>`,
		`<dc:contributor id="author-1">Ruth Okafor</dc:contributor>`,
		`<meta refines="#author-1" property="role" scheme="marc:relators">aut</meta>`,
		`<meta refines="#author-1" property="file-as">Okafor, Ruth</meta>`,
		`<dc:publisher>Lantern Press</dc:publisher>`,
		`<meta property="dcterms:modified">2026-03-02T00:00:00Z</meta>`,
		`<meta property="schema:accessMode">textual</meta>`,
		`<meta property="schema:accessModeSufficient">textual</meta>`,
		`<meta property="schema:accessibilityFeature">tableOfContents</meta>`,
		`<meta property="schema:accessibilityHazard">none</meta>`,
		`<meta property="schema:accessibilitySummary">`,
		`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>`,
		`properties="nav"`, `properties="cover-image"`, `<spine toc="ncx">`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s", want)
		}
	}
	// Every essay author is a contributor once, in order of appearance.
	if n := strings.Count(opf, "<dc:contributor "); n != 6 {
		t.Errorf("%d dc:contributor, want 6 (every essay author once)", n)
	}
	ncx := string(files["EPUB/toc.ncx"])
	if !strings.Contains(ncx, `<meta name="dtb:uid" content="urn:isbn:9781950000012"/>`) {
		t.Error("NCX dtb:uid does not equal the identifier")
	}
	nav := string(files["EPUB/text/nav.xhtml"])
	for _, want := range []string{`epub:type="toc" role="doc-toc"`, `epub:type="landmarks"`, `epub:type="bodymatter"`,
		`epub:type="contributors"`, `The Night Nurse <span class="toc-author">Ruth Okafor</span>`} {
		if !strings.Contains(nav, want) {
			t.Errorf("nav lacks %s", want)
		}
	}
	for name, data := range files {
		if !strings.HasSuffix(name, ".xhtml") {
			continue
		}
		wellFormed(t, name, data)
		if !bytes.Contains(data, []byte(`lang="en" xml:lang="en"`)) {
			t.Errorf("%s has no language", name)
		}
		// Every epub:type that DPUB-ARIA maps has its role beside it.
		for _, m := range regexp.MustCompile(`<(\w+)[^>]*epub:type="(chapter|part|dedication|credits|introduction|footnote|noteref|toc|subtitle)"[^>]*>`).FindAllSubmatch(data, -1) {
			if string(m[1]) == "a" && string(m[2]) == "toc" {
				continue // a landmarks entry: links there carry the type without a role
			}
			if !bytes.Contains(m[0], []byte(`role="doc-`)) {
				t.Errorf("%s: %s without its ARIA role", name, m[0])
			}
		}
	}
}

func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s is not well-formed: %v", name, err)
			return
		}
	}
}

// TestEssayGolden pins the XHTML of one essay (byline links, headnote, scene breaks, notes).
func TestEssayGolden(t *testing.T) {
	files := build(t, sampleEdition(t), Options{})
	for _, name := range []string{"essay-notes-from-the-night-desk.xhtml", "essay-the-lighthouse-log.xhtml"} {
		got := files["EPUB/text/"+name]
		golden := filepath.Join("testdata", name)
		if *update {
			os.MkdirAll("testdata", 0o755)
			os.WriteFile(golden, got, 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (go test -update writes it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; run go test -update and review the diff", name, golden)
		}
	}
}

func TestEmbeddedFonts(t *testing.T) {
	ed := sampleEdition(t)
	ed.EPUB.EmbedFonts = true
	files := build(t, ed, Options{})
	for _, st := range []string{"regular", "italic", "bold", "bolditalic"} {
		if _, ok := files["EPUB/fonts/charis-"+st+".ttf"]; !ok {
			t.Errorf("font charis-%s not embedded", st)
		}
	}
	css := string(files["EPUB/css/fonts.css"])
	if !strings.Contains(css, `font-family: "Charis SIL"`) || !strings.Contains(css, `src: url("../fonts/charis-italic.ttf")`) {
		t.Errorf("fonts.css:\n%s", css)
	}
	if !bytes.Contains(files["EPUB/package.opf"], []byte(`media-type="font/ttf"`)) {
		t.Error("fonts not in the manifest")
	}
}

func TestPageBreaks(t *testing.T) {
	ed := sampleEdition(t)
	var essay *layout.Section
	for _, s := range ed.Sections {
		if s.Kind == layout.Essay {
			essay = s
			break
		}
	}
	o := Options{PrintPages: 3, PageBreaks: map[string][]PageBreak{essay.ID: {{Label: "2", Block: -1}, {Label: "3", Block: 4}}}}
	files := build(t, ed, o)
	doc := string(files["EPUB/text/"+essay.ID+".xhtml"])
	i2 := strings.Index(doc, `id="page-2"`)
	i3 := strings.Index(doc, `id="page-3"`)
	if i2 < 0 || i3 < 0 || i2 > strings.Index(doc, "<h1") || i3 < strings.Index(doc, "<h1") {
		t.Errorf("page breaks misplaced: page-2 at %d, page-3 at %d", i2, i3)
	}
	nav := string(files["EPUB/text/nav.xhtml"])
	if !strings.Contains(nav, `epub:type="page-list"`) || !strings.Contains(nav, `#page-3">3</a>`) {
		t.Error("no page list")
	}
	if !bytes.Contains(files["EPUB/package.opf"], []byte(`<meta refines="#print-source" property="source-of">pagination</meta>`)) {
		t.Error("no pagination source")
	}
	if !bytes.Contains(files["EPUB/toc.ncx"], []byte(`<pageTarget id=`)) {
		t.Error("no NCX page list")
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, io.Discard, sampleEdition(t), Options{}); err == nil {
		t.Error("a cancelled write succeeded")
	}
}

func BenchmarkSampleEPUB(b *testing.B) {
	ed := sampleEdition(b)
	for i := 0; i < b.N; i++ {
		if err := Write(context.Background(), io.Discard, ed, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzEssayXHTML sends arbitrary Markdown through the model to the EPUB: every content
// document must stay well-formed XML, whatever the essay holds.
func FuzzEssayXHTML(f *testing.F) {
	for _, s := range []string{"plain", "<script>x</script> & ]]> \x07", "*a* **b** [c](javascript:d) [e](https://f?g&h)",
		"# h\n\n### h3\n\n> q\n\n- l\n\n1. n\n\n| v\n|\n| w", "x[^1]\n\n[^1]: *n* <b>", "\U0001F600 \uFFFE \xff",
		"::: epigraph\nA.\n\n— B\n:::", "| a | b |\n|---|--:|\n| 1<br>2 | [^1] |\n\nTable: c\n\n[^1]: n", "::: letter\n::: salutation\nDear,\n:::\nx\n::: signature\nS\n:::\n::: postscript\np\n:::\n:::", "H~2~O x^2^ [a]{lang=fr} [b]{.smallcaps} [c]{.abbr title=\"d\"} \\[e\\]{lang=x}", "::: figure\n![alt](images/x.png \"t\")\n\ncap\n\n— cr\n:::", ":::\n::: a\n::: b\n:::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		files := fstest.MapFS{
			"anthology.yaml": {Data: []byte("title: Fuzz & <Co>\ncontributors: [{id: a, name: \"A <b> & C\"}]\ncontents: [e]\n")},
			"essays/e.md":    {Data: []byte("---\ntitle: T\nauthors: [a]\nheadnote: \"h & <i>\"\n---\n" + body)},
		}
		p, err := anthology.LoadFS(files, "fuzz")
		if err != nil {
			return // refused input (binary, bad UTF-8) is the loader's business
		}
		ed, err := layout.Assemble(p, layout.Options{})
		if err != nil {
			return
		}
		b := &builder{ed: ed}
		b.href = map[string]string{}
		for _, s := range ed.Sections {
			b.href[s.ID] = textDir + s.ID + ".xhtml"
		}
		b.bioHref = map[string]string{}
		for _, s := range ed.Sections {
			wellFormed(t, s.ID, b.section(s))
		}
	})
}

func TestWriteFailure(t *testing.T) {
	ed := sampleEdition(t)
	for _, n := range []int{0, 100, 50000} {
		if err := Write(context.Background(), &faulty.Writer{N: n}, ed, Options{}); !errors.Is(err, faulty.ErrDiskFull) {
			t.Errorf("after %d bytes: err = %v, want the writer's error", n, err)
		}
	}
}

// TestSectionXHTMLIsTheBooksFile checks that the editor's EPUB view shows the very file the
// EPUB holds, for every section.
func TestSectionXHTMLIsTheBooksFile(t *testing.T) {
	ed := sampleEdition(t)
	files := build(t, ed, Options{})
	for _, s := range ed.Sections {
		got, err := SectionXHTML(ed, s.ID, Options{})
		if err != nil {
			t.Fatal(err)
		}
		name := "EPUB/text/" + s.ID + ".xhtml"
		if s.Kind == layout.Contents {
			name = "EPUB/text/nav.xhtml"
		}
		if want := files[name]; !bytes.Equal(got, want) {
			t.Errorf("%s: SectionXHTML differs from the book's file", s.ID)
		}
	}
	if _, err := SectionXHTML(ed, "no-such-section", Options{}); err == nil {
		t.Error("no error for a section the book lacks")
	}
}
