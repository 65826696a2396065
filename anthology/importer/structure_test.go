package importer

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
)

// pngOf returns a blank PNG of the given size.
func pngOf(t testing.TB, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const structuresPage = `<!DOCTYPE html>
<html lang="en"><head><title>The Ferry Log</title></head><body><article>
<h1>The Ferry Log</h1>
<blockquote class="epigraph"><p>All rivers run to the sea.</p><cite>Ecclesiastes</cite></blockquote>
<p>The ferry ran at dawn; H<sub>2</sub>O was all around, the 1<sup>st</sup> crossing, <i lang="la">carpe diem</i>,
<abbr title="Doctor">Dr.</abbr> Moss and <span class="small-caps">the captain</span>.</p>
<figure><img src="log_files/ferry.png" alt="The ferry at the quay"/><figcaption>The ferry in 1910. <span class="credit">Photo: Harbour Museum</span></figcaption></figure>
<p><img src="log_files/wide.png" alt="A wide view of the river"/></p>
<p><img src="log_files/icon.png" alt=""/> A line with an icon.</p>
<figure><img src="https://example.com/remote.jpg" alt="Remote"/><figcaption>A caption that stays.</figcaption></figure>
<table><caption>Crossings</caption><thead><tr><th>Year</th><th colspan="2">Passengers | cars</th></tr></thead>
<tbody><tr><td>1910</td><td>12</td><td>0</td></tr><tr><td>1920</td><td><p>40</p><p>more</p></td><td>3</td></tr></tbody></table>
<blockquote epub:type="z3998:letter"><header><p epub:type="z3998:salutation">Dear Sir,</p></header>
<p>The boat is late.</p><footer><p epub:type="z3998:valediction">Yours,</p><p class="signature">J. Moss</p></footer></blockquote>
<p>The end.</p>
</article></body></html>`

func TestStructures(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "log_files"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"ferry.png": pngOf(t, 1200, 800), "wide.png": pngOf(t, 1500, 500), "icon.png": pngOf(t, 16, 16)} {
		if err := os.WriteFile(filepath.Join(dir, "log_files", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := filepath.Join(dir, "log.html")
	if err := os.WriteFile(page, []byte(structuresPage), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"::: epigraph\nAll rivers run to the sea.\n\n— Ecclesiastes\n:::",
		"H~2~O", "1^st^", "[*carpe diem*]{lang=la}", `[Dr.]{.abbr title="Doctor"}`, "[the captain]{.smallcaps}",
		"::: figure\n![The ferry at the quay](images/ferry.png)\n\nThe ferry in 1910.\n\n— Photo: Harbour Museum\n:::",
		"![A wide view of the river](images/wide.png)",
		"| Year | Passengers \\| cars |  |\n|---|---|---|\n| 1910 | 12 | 0 |\n| 1920 | 40<br>more | 3 |\n\nTable: Crossings",
		"::: letter\n::: salutation\nDear Sir,\n:::\n\nThe boat is late.\n\n::: closing\nYours,\n:::\n\n::: signature\nJ. Moss\n:::\n:::",
		"A caption that stays.", "A line with an icon.",
	} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, r.Body)
		}
	}
	if len(r.Images) != 2 || r.Images[0].To != "images/ferry.png" || r.Images[1].To != "images/wide.png" {
		t.Errorf("images: %+v", r.Images)
	}
	var reasons []string
	cut := 0
	for _, rm := range r.Removed {
		reasons = append(reasons, rm.Reason)
		cut += rm.Words
	}
	for _, want := range []string{"an icon or an emoji", "image on the web"} {
		if !strings.Contains(strings.Join(reasons, "\n"), want) {
			t.Errorf("no cut saying %q: %q", want, reasons)
		}
	}
	if r.WordsIn != r.WordsOut+cut {
		t.Errorf("words in %d ≠ out %d + cut %d", r.WordsIn, r.WordsOut, cut)
	}
	doc := markdown.Parse([]byte(r.Body))
	if got := text.Words(doc); got != r.WordsOut {
		t.Errorf("the Markdown holds %d words, the import counted %d", got, r.WordsOut)
	}
	kinds := map[string]int{}
	for _, b := range doc.Blocks {
		kinds[strings.TrimPrefix(strings.Split(text.Dump(&text.Document{Blocks: []text.Block{b}}), " ")[0], "")]++
	}
	for _, k := range []string{"epigraph\n", "figure", "table", "letter\n"} {
		if kinds[k] == 0 {
			t.Errorf("no %q block in %v", k, kinds)
		}
	}

	// Added to a project, the images are copied beside its essays, and a name already taken by
	// another image gets a number.
	p, err := anthology.Create(filepath.Join(dir, "book"), "Book")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(p.Dir, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p.Dir, "images", "ferry.png"), pngOf(t, 300, 300), 0o644); err != nil {
		t.Fatal(err)
	}
	e := Add(p, r)
	if _, err := CopyImages(p, e, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Body, "](images/ferry-2.png)") || !strings.Contains(e.Body, "](images/wide.png)") {
		t.Errorf("body's images after copying:\n%s", e.Body)
	}
	for _, name := range []string{"ferry-2.png", "wide.png"} {
		if _, err := os.Stat(filepath.Join(p.Dir, "images", name)); err != nil {
			t.Error(err)
		}
	}
}

func TestDOCXStructures(t *testing.T) {
	cell := func(paras ...string) string { return "<w:tc>" + strings.Join(paras, "") + "</w:tc>" }
	spanned := func(n string, paras ...string) string {
		return `<w:tc><w:tcPr><w:gridSpan w:val="` + n + `"/></w:tcPr>` + strings.Join(paras, "") + "</w:tc>"
	}
	body := wp("", wr("Water is H", false, false)+`<w:r><w:rPr><w:vertAlign w:val="subscript"/></w:rPr><w:t>2</w:t></w:r>`+wr("O, said the ", false, false)+
		`<w:r><w:rPr><w:smallCaps/></w:rPr><w:t>captain</w:t></w:r>`+wr(" on the 1", false, false)+`<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>st</w:t></w:r>`+wr(".", false, false)) +
		`<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>` + cell(wp("", wr("Year", false, true))) + spanned("2", wp("", wr("Crossings | trips", false, true))) + `</w:tr>` +
		`<w:tr>` + cell(wp("", wr("1910", false, false))) + cell(wp("", wr("12", false, false)), wp("", wr("more", false, false))) + cell(wp("", wr("0", false, false))) + `</w:tr></w:tbl>` +
		wp("", wr("After the table.", false, false))
	r, err := Read("t.docx", docx(t, body, ""))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"H~2~O", "[captain]{.smallcaps}", "1^st^.",
		"| **Year** | **Crossings \\| trips** |  |\n|---|---|---|\n| 1910 | 12<br>more | 0 |", "After the table."} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, r.Body)
		}
	}
	doc := markdown.Parse([]byte(r.Body))
	if got := text.Words(doc); got != r.WordsOut || r.WordsIn != r.WordsOut {
		t.Errorf("words: Markdown %d, out %d, in %d", got, r.WordsOut, r.WordsIn)
	}
	found := false
	for _, b := range doc.Blocks {
		if tb, ok := b.(*text.Table); ok && tb.Header != nil && len(tb.Rows) == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("no table with a header and one row in:\n%s", text.Dump(doc))
	}
}

func TestDOCXPictures(t *testing.T) {
	drawing := func(id, descr string) string {
		return `<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="Picture 1" descr="` + descr +
			`"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="` + id +
			`"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
	}
	body := wp("", wr("Before the picture.", false, false)) + wp("", drawing("rId5", "The quay at dawn")) +
		wp("", wr("Text beside an icon", false, false)+drawing("rId6", "")) + wp("", drawing("rId7", "A map"))
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId5" Type="image" Target="media/image1.png"/><Relationship Id="rId6" Type="image" Target="media/image2.png"/>
<Relationship Id="rId7" Type="image" Target="media/image3.emf"/></Relationships>`
	r, err := Read("p.docx", docxWith(t, body, "", map[string][]byte{
		"word/_rels/document.xml.rels": []byte(rels), "word/media/image1.png": pngOf(t, 800, 600),
		"word/media/image2.png": pngOf(t, 20, 20), "word/media/image3.emf": []byte("not an image")}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Body, "Before the picture.\n\n![The quay at dawn](images/image1.png)\n\nText beside an icon") {
		t.Errorf("body:\n%s", r.Body)
	}
	if len(r.Images) != 1 || r.Images[0].To != "images/image1.png" {
		t.Errorf("images: %+v", r.Images)
	}
	var reasons []string
	for _, rm := range r.Removed {
		reasons = append(reasons, rm.Reason)
	}
	for _, want := range []string{"an icon", "not a JPEG or PNG (EMF)"} {
		if !strings.Contains(strings.Join(reasons, "\n"), want) {
			t.Errorf("no cut saying %q: %q", want, reasons)
		}
	}
}

// TestRestore: a cut the editor takes back returns to the body where it stood, with its words
// counted again; the tallies still hold.
func TestRestore(t *testing.T) {
	page := "Tuesday Night\n\nPosted by Jane Doe\n\nThe ferry was late again, and the harbour was full of fog, so we waited on the quay with our coffee going cold in our hands and nobody saying much at all.\n\n" +
		"Share this: Facebook Twitter\n\nWhen it came at last it came out of the fog all at once, lit like a house, and the whole quay cheered as if we had never seen a boat before in our lives.\n\nLeave a comment\n"
	r, err := Read("night.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	share := -1
	for i, rm := range r.Removed {
		if strings.HasPrefix(rm.Text, "Share this") {
			share = i
		}
	}
	if share < 0 || strings.Contains(r.Body, "Share this") {
		t.Fatalf("the share line was not cut: %+v\n%s", r.Removed, r.Body)
	}
	out := r.WordsOut
	if err := r.Restore(share); err != nil {
		t.Fatal(err)
	}
	want := "cold in our hands and nobody saying much at all.\n\nShare this: Facebook Twitter\n\nWhen it came at last"
	if !strings.Contains(r.Body, want) {
		t.Errorf("restored in the wrong place:\n%s", r.Body)
	}
	cut := 0
	for _, rm := range r.Removed {
		cut += rm.Words
	}
	if r.WordsOut <= out || r.WordsIn != r.WordsOut+cut {
		t.Errorf("words in %d, out %d (was %d), cut %d", r.WordsIn, r.WordsOut, out, cut)
	}
	if err := r.Restore(99); err == nil {
		t.Error("restoring a cut that is not there should fail")
	}
}
