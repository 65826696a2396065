package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
)

const page = `<!DOCTYPE html>
<html lang="en"><head><title>The Winter Ferry | Harbour Notes</title>
<meta property="og:site_name" content="Harbour Notes">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-02-11T08:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/about">About</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article>
<h1>The Winter Ferry</h1>
<p class="byline">By Jane Doe</p>
<p>The ferry left at six, in the dark, as it always did in <em>February</em>. The deck was iced and the
crew moved carefully, the way people move in a house where someone is asleep. I had taken it every
winter for ten years and I still did not know the captain's name.</p>
<p>There were only four of us aboard: a man with a dog, two students going home, and me. We stood
inside the cabin and watched the lights of the town go small. Nobody spoke. The engine did the talking,
a low and steady hum that came up through the soles of our boots.</p>
<blockquote><p>"Every crossing is the same crossing," the captain told me once.</p></blockquote>
<hr>
<p>It was years before I understood what he meant. You can read about it <a href="https://example.org/ferries">here</a>,
if you want the history; I only wanted the crossing, and the dark, and the hum.</p>
<p>Share this:</p>
</article></main>
<aside class="sidebar"><h3>Popular posts</h3><ul><li>Ten ferries to see</li></ul></aside>
<section id="comments"><h3>3 Responses to "The Winter Ferry"</h3><p>Lovely piece!</p></section>
<footer>© 2019 Harbour Notes. All rights reserved.</footer>
</body></html>`

func TestHTML(t *testing.T) {
	r, err := Read("ferry.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "The Winter Ferry" {
		t.Errorf("title = %q", r.Title)
	}
	if len(r.Authors) != 1 || r.Authors[0].Name != "Jane Doe" {
		t.Errorf("authors = %+v", r.Authors)
	}
	if r.Date != "2019-02-11" {
		t.Errorf("date = %q", r.Date)
	}
	for _, want := range []string{"as it always did in *February*.", "the captain’s name", "> “Every crossing is the same crossing,” the captain told me once.",
		"\n* * *\n", "[here](https://example.org/ferries)"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, r.Body)
		}
	}
	for _, junk := range []string{"Home", "Subscribe", "Popular posts", "Lovely piece", "All rights reserved", "Share this", "By Jane Doe", "The Winter Ferry"} {
		if strings.Contains(r.Body, junk) {
			t.Errorf("body keeps %q:\n%s", junk, r.Body)
		}
	}
}

// docx builds a Word file from document.xml body paragraphs and footnotes.
func docx(t testing.TB, body string, footnotes string) []byte {
	t.Helper()
	return docxWith(t, body, footnotes, nil)
}

// docxWith is docx with more parts inside the file (pictures, relationships).
func docxWith(t testing.TB, body string, footnotes string, more map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, content string) {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	for _, name := range slices.Sorted(maps.Keys(more)) {
		add(name, string(more[name]))
	}
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document `+ns+`><w:body>`+body+`</w:body></w:document>`)
	add("word/styles.xml", `<?xml version="1.0"?><w:styles `+ns+`>
<w:style w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:styleId="Subtitle"><w:name w:val="Subtitle"/></w:style>
<w:style w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:styleId="Quote"><w:name w:val="Quote"/></w:style></w:styles>`)
	if footnotes != "" {
		add("word/footnotes.xml", `<?xml version="1.0"?><w:footnotes `+ns+`>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>`+footnotes+`</w:footnotes>`)
	}
	add("docProps/core.xml", `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Document1</dc:title><dc:creator>Office User</dc:creator></cp:coreProperties>`)
	zw.Close()
	return buf.Bytes()
}

func wp(style, runs string) string {
	ppr := ""
	if style != "" {
		ppr = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
	}
	return `<w:p>` + ppr + runs + `</w:p>`
}

func wr(text string, italic, bold bool) string {
	rpr := ""
	if italic || bold {
		rpr = "<w:rPr>"
		if italic {
			rpr += "<w:i/>"
		}
		if bold {
			rpr += "<w:b/>"
		}
		rpr += "</w:rPr>"
	}
	return `<w:r>` + rpr + `<w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

func TestDOCX(t *testing.T) {
	body := wp("Title", wr("Salt and Iron", false, false)) +
		wp("Subtitle", wr("Notes from a Foundry", false, false)) +
		wp("", wr("The foundry opens at ", false, false)+wr("five", true, false)+wr(", and the first thing you notice is the ", false, false)+wr("heat", false, true)+wr(".", false, false)+
			`<w:r><w:footnoteReference w:id="1"/></w:r>`) +
		wp("Heading2", wr("The Pour", false, false)) +
		wp("", wr("Nobody speaks during the pour. It is not a rule; it is a habit, and older than any rule.", false, false)) +
		wp("", wr("* * *", false, false)) +
		wp("Quote", wr("\"Iron remembers,\" my father said.", false, false)) +
		wp("", wr("Line one", false, false)+`<w:r><w:br/></w:r>`+wr("line two", false, false))
	notes := `<w:footnote w:id="1"><w:p><w:r><w:t>The foundry closed in 2011.</w:t></w:r></w:p></w:footnote>`
	r, err := Read("salt.docx", docx(t, body, notes))
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "Salt and Iron" || r.Subtitle != "Notes from a Foundry" {
		t.Errorf("title %q subtitle %q", r.Title, r.Subtitle)
	}
	for _, want := range []string{"The foundry opens at *five*, and the first thing you notice is the **heat**.[^1]",
		"## The Pour", "\n* * *\n", "> “Iron remembers,” my father said.", "Line one\\\nline two", "[^1]: The foundry closed in 2011."} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, r.Body)
		}
	}
	doc := markdown.Parse([]byte(r.Body))
	if len(doc.Notes) != 1 {
		t.Errorf("%d notes after parsing, want 1", len(doc.Notes))
	}
}

func TestMarkdownInput(t *testing.T) {
	withFront := "---\ntitle: Night Bus\nauthor: Priya Raman\ndate: 2023-06-01\nsource: Commute\n---\n\nThe N29 leaves at *midnight*.\n\nIt is always late.\n"
	r, err := Read("bus.md", []byte(withFront))
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "Night Bus" || len(r.Authors) != 1 || r.Authors[0].Name != "Priya Raman" || r.Date != "2023-06-01" || r.Source != "Commute" {
		t.Errorf("got %+v", r)
	}
	if !strings.Contains(r.Body, "The N29 leaves at *midnight*.") {
		t.Errorf("body: %q", r.Body)
	}
	plainMD := "# A Heading Title\n\nFirst paragraph\nwrapped over lines.\n\n* * *\n\nSecond.\n"
	r, err = Read("x.md", []byte(plainMD))
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "A Heading Title" || !strings.Contains(r.Body, "First paragraph wrapped over lines.") {
		t.Errorf("got title %q body %q", r.Title, r.Body)
	}
}

func TestWrappedText(t *testing.T) {
	in := "A Short Title\n\nThis paragraph was written in an e-mail program that breaks\nlines at a fixed width, so each line stops in the middle of\na sentence and the next one carries on where it left off.\n\nShort lines\nof a list\n\n" +
		"And a last paragraph, written the same way, which closes the letter and says that the list above\nwas all there was to say about the matter.\n"
	r, err := Read("mail.txt", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Body, "that breaks lines at a fixed width, so each line stops in the middle of a sentence") {
		t.Errorf("wrapped lines not joined:\n%s", r.Body)
	}
	if !strings.Contains(r.Body, "Short lines\n\nof a list") {
		t.Errorf("short lines joined:\n%s", r.Body)
	}
}

func TestEncodingsAndErrors(t *testing.T) {
	r, err := Read("latin.txt", []byte("Title Here\n\nCaf\xe9 society \x93quoted\x94 text, long enough to be a paragraph of its own.\n"))
	if err != nil || !strings.Contains(r.Body, "Café society “quoted” text") {
		t.Errorf("Windows-1252: %v %q", err, r.Body)
	}
	utf16 := []byte{0xFF, 0xFE}
	for _, c := range "Hello there, a sentence.\n" {
		utf16 = append(utf16, byte(c), 0)
	}
	if r, err := Read("u16.txt", utf16); err != nil || !strings.Contains(r.Body, "Hello there") {
		t.Errorf("UTF-16: %v %+v", err, r)
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"scan.pdf", []byte("%PDF-1.4"), `scan.pdf: unknown format ".pdf"`},
		{"photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), "photo.txt: is a binary file"},
		{"fake.docx", []byte("not a zip"), "fake.docx: is not a Word file"},
	} {
		_, err := Read(tt.name, tt.data)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := Read("x.pdf", nil); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("err = %v, want ErrUnknownFormat", err)
	}
}

func TestEscapeMarkdown(t *testing.T) {
	tests := []string{"# not a heading", "- not a list", "1984. A year.", "*not emphasis*", "a_b_c", "[^1] not a note",
		"<script>x</script>", "&amp; stays literal", "> not a quote", "| not verse", "    not code", "+ plus", "=== not setext", "`code`"}
	for _, in := range tests {
		doc := markdown.Parse([]byte(escapeMarkdown(in)))
		if len(doc.Blocks) != 1 {
			t.Errorf("%q: %d blocks", in, len(doc.Blocks))
			continue
		}
		p, ok := doc.Blocks[0].(*text.Paragraph)
		if !ok {
			t.Errorf("%q became %T", in, doc.Blocks[0])
			continue
		}
		if got := text.Plain(p.Content); got != strings.TrimSpace(in) {
			t.Errorf("%q reads back as %q", in, got)
		}
	}
}

func TestSmartQuotes(t *testing.T) {
	for in, want := range map[string]string{
		`"Hello," she said.`:       "“Hello,” she said.",
		`It's the '90s, isn't it?`: "It’s the ’90s, isn’t it?",
		`'quoted' word`:            "‘quoted’ word",
		`“already” curly`:          "“already” curly",
		"``TeX'' quotes":           "“TeX” quotes",
	} {
		if got := smartQuotes(in); got != want {
			t.Errorf("smartQuotes(%q) = %q, want %q", in, got, want)
		}
	}
}

// bodyIsText checks the invariant every reader keeps: the body parses as Markdown, and text
// that came in as text does not come out as markup.
func bodyIsText(t *testing.T, r *Result) {
	doc := markdown.Parse([]byte(r.Body))
	text.Walk(doc.Blocks, func(in text.Inline) {
		switch in.(type) {
		case *text.Link:
			t.Fatalf("plain text became a link: %q", r.Body)
		}
	})
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"", "Title\n\nBody text here.", "date 2021-01-01 Hi.", "5 Responses to “x”\n\nhi", "# * _ [a](b) <i>", "…\n—\n* * *"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Read("f.txt", []byte(s))
		if err != nil {
			return
		}
		bodyIsText(t, r)
	})
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\nbody", "# T\n\n```\ncode\n\nmore\n```", "> q\n\n- a\n- b", "[^1]\n\n[^1]: n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Read("f.md", []byte(s))
		if err == nil {
			markdown.Parse([]byte(r.Body))
		}
	})
}

func FuzzHTML(f *testing.F) {
	f.Add(page)
	for _, s := range []string{"<p>x</p>", "<html><body><em><strong>a</em></strong>", "<a href='javascript:x'>y</a>", "<pre>a\n\nb</pre>",
		`<p>Alpha <i>beta</i> gamma<a href="#fn1"><sup>1</sup></a>.</p><ol class="footnotes"><li id="fn1">A note.</li></ol>`,
		`<html xmlns:epub="x"><body><h2>T<a href="#n" epub:type="noteref">1</a></h2><p>x</p><blockquote epub:type="z3998:verse"><p><span>a</span><br/><span class="i1">b</span></p></blockquote><aside id="n">N.</aside></body></html>`} {
		f.Add(s)
	}
	f.Add(structuresPage)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Read("f.html", []byte(s))
		if err != nil {
			return
		}
		checkTallies(t, r)
	})
}

// checkTallies holds an import to its word tallies: the Markdown holds the words the import
// counted (none lost or made between the reader and the file it writes), and words in are
// words out plus the words of the cuts.
func checkTallies(t *testing.T, r *Result) {
	t.Helper()
	if got := text.Words(markdown.Parse([]byte(r.Body))); got != r.WordsOut {
		t.Errorf("the Markdown holds %d words, the import counted %d:\n%s", got, r.WordsOut, r.Body)
	}
	cut := 0
	for _, rm := range r.Removed {
		cut += rm.Words
	}
	if r.WordsIn != r.WordsOut+cut {
		t.Errorf("words in %d ≠ out %d + cut %d", r.WordsIn, r.WordsOut, cut)
	}
}

func FuzzDOCX(f *testing.F) {
	f.Add(wp("", wr("Hello *world*", true, false)), "")
	f.Add(wp("Heading2", wr("Head", false, false))+wp("", `<w:r><w:footnoteReference w:id="1"/></w:r>`), `<w:footnote w:id="1"><w:p><w:r><w:t>n</w:t></w:r></w:p></w:footnote>`)
	f.Add(`<w:tbl><w:tr><w:tc>`+wp("", wr("a | b", false, true))+`</w:tc><w:tc>`+wp("", `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r>`)+`</w:tc></w:tr></w:tbl>`, "")
	f.Fuzz(func(t *testing.T, body, notes string) {
		r, err := Read("f.docx", docx(t, body, notes))
		if err != nil {
			return
		}
		checkTallies(t, r)
	})
}

func BenchmarkText10MB(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 10<<20; i++ {
		fmt.Fprintf(&sb, "Paragraph %d of a long text copied from somewhere, with \"quotes\" and it's apostrophes, and a few more words to make it a real paragraph of prose.\n\n", i)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := Read("big.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDOCX5000(b *testing.B) {
	var body strings.Builder
	for i := 0; i < 5000; i++ {
		body.WriteString(wp("", wr(fmt.Sprintf("Paragraph %d has ", i), false, false)+wr("italic", true, false)+wr(" words and plain ones, as essays do, going on for a while.", false, false)))
	}
	data := docx(b, body.String(), "")
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := Read("big.docx", data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestInlineSpaces checks HTML's white-space rule across inline markup: collapsed, never removed.
func TestInlineSpaces(t *testing.T) {
	for _, tc := range []struct{ html, want string }{
		{`<p>Alpha <i>beta</i> gamma</p>`, "Alpha *beta* gamma"},
		{`<p>Alpha<em> beta </em>gamma</p>`, "Alpha *beta* gamma"},
		{`<p>Dr.<abbr>Johnson</abbr> and <b>bold</b>, <span>span</span>
		  <a href="https://example.org/a b|c">link</a> end</p>`, "Dr.Johnson and **bold**, span [link](https://example.org/a%20b%7Cc) end"},
		{`<p>He said <q>go <q>now</q></q>.</p>`, "He said “go ‘now’”."},
		{`<p>mischief.<a href="#fn1"><sup>1</sup></a> Then</p><ol><li id="fn1">The note.</li></ol>`, "mischief.[^1] Then"},
	} {
		// A book chapter (EPUB markup): read whole, without the web clean-up.
		r, err := Read("x.xhtml", []byte(`<html xmlns:epub="http://www.idpf.org/2007/ops"><body><p>First.</p>`+tc.html+"</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.Body, tc.want) {
			t.Errorf("%s\n→ %s\nwant %q", tc.html, r.Body, tc.want)
		}
	}
}
