package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
)

// TestPrinterPageLimits: a book shorter or longer than the printer binds is said so by check
// (from an estimate) and by export (from the set pages), and a final export refuses it.
func TestPrinterPageLimits(t *testing.T) {
	files := map[string]string{
		"anthology.yaml": "title: Thin\ncontributors: [{id: a, name: Ann Lee, bio: Ann writes.}]\ncontents: [n]\nprint:\n  printer: kdp\n",
		"essays/n.md":    "---\ntitle: Night\nauthors: [a]\noriginal: true\n---\n\nA short essay of a few words.\n",
	}
	p := edittest.WriteProject(t, files)
	findings, err := export.Check(p, false)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range findings {
		if f.Code == "page-count" && strings.Contains(f.Message, "KDP paperback binds 24 at the least") {
			found = true
		}
	}
	if !found {
		t.Errorf("check says nothing of a book under KDP's 24 pages: %v", findings)
	}
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, w := range res.Warnings {
		warned = append(warned, w.Error())
	}
	want := "has " + strconv.Itoa(len(res.Book.Pages)) + " pages; KDP paperback binds 24 at the least"
	if !strings.Contains(strings.Join(warned, "\n"), want) {
		t.Errorf("export does not warn %q:\n%s", want, strings.Join(warned, "\n"))
	}
	_, err = export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.PDF}, Final: true})
	if !errors.Is(err, export.ErrNotFinal) {
		t.Errorf("a final export of a book KDP would refuse: %v", err)
	}
	// With no printer named there are no limits to hold.
	files["anthology.yaml"] = strings.Replace(files["anthology.yaml"], "printer: kdp", "printer: none", 1)
	findings, _ = export.Check(edittest.WriteProject(t, files), false)
	for _, f := range findings {
		if f.Code == "page-count" {
			t.Errorf("printer: none still holds the book to a page count: %s", f)
		}
	}
}

// TestEPUBAloneHasThePageList: an EPUB built alone is the same file as one built with the
// PDF (it once lacked the page list): the first time the book is set for it, after that the
// set pages come from the cache.
func TestEPUBAloneHasThePageList(t *testing.T) {
	cache := t.TempDir()
	build := func(formats ...export.Format) []byte {
		t.Helper()
		res, err := export.Build(context.Background(), sampleProject(t), export.Options{OutDir: t.TempDir(), Formats: formats, CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(res.Files[0])
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	alone := build(export.EPUB) // the cache is empty: the book is set
	if entries, _ := os.ReadDir(cache); len(entries) != 1 {
		t.Errorf("the set pages were not kept: %d cache files", len(entries))
	}
	withPDF := build(export.EPUB, export.PDF)
	again := build(export.EPUB) // from the cache
	zr, err := zip.NewReader(bytes.NewReader(alone), int64(len(alone)))
	if err != nil {
		t.Fatal(err)
	}
	nav := ""
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "nav.xhtml") {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			nav = string(b)
		}
	}
	if !strings.Contains(nav, `epub:type="page-list"`) {
		t.Errorf("the EPUB built alone has no page list:\n%s", nav)
	}
	if !bytes.Equal(alone, withPDF) || !bytes.Equal(again, withPDF) {
		t.Errorf("the EPUB differs with the formats built beside it: alone %d bytes, with the PDF %d, alone again %d", len(alone), len(withPDF), len(again))
	}
}

// TestLigatures: the print edition sets the standard ligatures (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ) where the font
// has them, and its text still reads as letters ("office", not "oﬃce"), in the print and the
// screen PDF; small capitals keep their letters apart.
func TestLigatures(t *testing.T) {
	files := map[string]string{
		"anthology.yaml": "title: Lig\ncontributors: [{id: a, name: Ann Lee, bio: Ann writes.}]\ncontents: [e]\n",
		"essays/e.md":    "---\ntitle: Night\nauthors: [a]\noriginal: true\n---\n\nThe first floor office was fine, and the fluffy official waffled on.\n",
	}
	res, err := export.Build(context.Background(), edittest.WriteProject(t, files), export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.PDF, export.ScreenPDF}})
	if err != nil {
		t.Fatal(err)
	}
	drawn := ""
	for _, p := range res.Book.Pages {
		for _, tx := range p.Texts {
			drawn += tx.Text + " "
		}
	}
	for _, lig := range []string{"ﬁ", "ﬂ", "ﬀ"} {
		if !strings.Contains(drawn, lig) {
			t.Errorf("no %s drawn: %s", lig, drawn)
		}
	}
	for _, pdf := range res.Files {
		txt, err := qa.Tool(t, "pdftotext", "-raw", pdf, "-")
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(dehyphenate(txt)), " ")
		if !strings.Contains(flat, "office was fine, and the fluffy official waffled on.") || strings.ContainsAny(flat, "ﬀﬁﬂﬃﬄ") {
			t.Errorf("%s does not read as letters: %s", filepath.Base(pdf), flat)
		}
	}
}

// TestCoverPriceAddOn: with print.price_code the cover's barcode carries the EAN-5 price
// add-on, and an independent decoder reads both.
func TestCoverPriceAddOn(t *testing.T) {
	files := map[string]string{
		"anthology.yaml": "title: Priced\nidentifiers: {isbn_print: 978-1-950000-02-9}\ncontributors: [{id: a, name: Ann Lee, bio: Ann writes.}]\ncontents: [e]\nprint: {price_code: \"51995\"}\n",
		"essays/e.md":    "---\ntitle: Night\nauthors: [a]\noriginal: true\n---\n\nSome words.\n",
	}
	res, err := export.Build(context.Background(), edittest.WriteProject(t, files), export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.Cover}, CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(t.TempDir(), "cover")
	if out, err := qa.Tool(t, "pdftoppm", "-png", "-r", "300", res.Files[0], png); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	code, _ := qa.Tool(t, "zbarimg", "-q", "-Sean5.enable", png+"-1.png")
	for _, want := range []string{"EAN-13:9781950000029", "EAN-5:51995"} {
		if !strings.Contains(code, want) {
			t.Errorf("the cover's barcode does not read %s: %q", want, code)
		}
	}
}
