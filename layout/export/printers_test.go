package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
	"github.com/anthology-editor/anthology/layout/validate"
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
	notUnderRace(t)
	t.Parallel()
	files := map[string]string{
		"anthology.yaml": "title: Priced\nidentifiers: {isbn_print: 978-1-950000-02-9}\ncontributors: [{id: a, name: Ann Lee, bio: Ann writes.}]\ncontents: [e]\nprint: {price_code: \"51995\"}\n",
		"essays/e.md":    "---\ntitle: Night\nauthors: [a]\noriginal: true\n---\n\nSome words.\n",
	}
	res, err := export.Build(context.Background(), edittest.WriteProject(t, files), export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.Cover}, CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	// The add-on's narrow bars want 300 ppi to read (the EAN-13 alone reads at 150).
	code := coverBarcodes(t, res.Files[0], "-Sean5.enable")
	for _, want := range []string{"EAN-13:9781950000029", "EAN-5:51995"} {
		if !strings.Contains(code, want) {
			t.Errorf("the cover's barcode does not read %s: %q", want, code)
		}
	}
}

// TestCoverBindings builds the cover of one book as a paperback, a case-laminate hardcover
// and a jacketed hardcover, with Anthology's allowances and with the printer's own: each
// sheet is the size its binding's template makes it (computed here from the parts, not by
// the program), its barcode reads back, the printer's preflight passes it, a jacket's flaps
// carry the description and the editor's bio, and the warning to compare with the
// printer's template comes exactly when a hardcover's spine width is not given.
func TestCoverBindings(t *testing.T) {
	notUnderRace(t)
	t.Parallel()
	const (
		trimW, trimH = 5.5, 8.5 // the default trim
		bleed        = 0.125
	)
	for _, tt := range []struct {
		name, print string
		// width and height of the sheet beyond the two panels' trim and the pages' spine
		extraW, extraH float64
		spine          float64 // the spine's width when given (else the pages' thickness)
		warned         bool
	}{
		{"paperback", "{}", 2 * bleed, 2 * bleed, 0, false},
		{"case", "{binding: case}", 2*0.591 + 2*0.125 + 2*0.394 + 0.25, 2*0.591 + 2*0.125, 0, true},
		{"case with the printer's template", "{binding: case, spine_width: 0.75, cover_wrap: 0.75, cover_hinge: 0.375}", 2*0.75 + 2*0.125 + 2*0.375, 2*0.75 + 2*0.125, 0.75, false},
		{"jacket", "{binding: jacket}", 2*bleed + 2*3.5 + 2*0.125 + 0.25, 2*bleed + 2*0.125, 0, true},
		{"jacket with the printer's template", "{binding: jacket, spine_width: 0.8, jacket_flap: 3.25}", 2*bleed + 2*3.25 + 2*0.125, 2*bleed + 2*0.125, 0.8, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && tt.name != "paperback" && tt.name != "case" {
				t.Skip("-short: the paperback and the case binding (make test builds every binding)")
			}
			t.Parallel()
			files := map[string]string{
				"anthology.yaml": "title: Small Hours\ndescription: Essays for the night shift, when the city sleeps.\neditors: [v]\n" +
					"identifiers: {isbn_print: 978-1-950000-02-9}\ncontributors: [{id: v, name: Vera Petrov, bio: Vera Petrov edits a small magazine.}, {id: a, name: Ann Lee, bio: Ann writes.}]\n" +
					"contents: [e]\nprint: " + tt.print + "\n",
				"essays/e.md": "---\ntitle: Night\nauthors: [a]\noriginal: true\n---\n\nSome words.\n",
			}
			p := edittest.WriteProject(t, files)
			res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.Cover}, CacheDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			spine := tt.spine
			if spine == 0 {
				spine = float64(res.PrintPages) * 0.0025 // cream paper
			}
			wantW, wantH := (2*trimW+spine+tt.extraW)*72, (trimH+tt.extraH)*72
			info, _ := qa.Tool(t, "pdfinfo", res.Files[0])
			var w, h float64
			if _, err := fmt.Sscanf(info[strings.Index(info, "Page size:"):], "Page size: %f x %f pts", &w, &h); err != nil {
				t.Fatalf("pdfinfo: %v\n%s", err, info)
			}
			if abs(w-wantW) > 0.05 || abs(h-wantH) > 0.05 {
				t.Errorf("the sheet is %.2f × %.2f pt, want %.2f × %.2f", w, h, wantW, wantH)
			}
			pr, _ := p.Print.PrinterFor()
			vs, err := validate.Preflight(context.Background(), res.Files[0], validate.PreflightOptions{Printer: pr, Paper: p.Print.PaperKind(), SafeZone: pr.SafeZone * 72, MinPPI: 300, Cover: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				t.Errorf("cover preflight: %s", v)
			}
			if code := coverBarcodes(t, res.Files[0]); !strings.Contains(code, "EAN-13:9781950000029") {
				t.Errorf("the barcode reads %q", code)
			}
			txt, _ := qa.Tool(t, "pdftotext", res.Files[0], "-")
			txt = strings.Join(strings.Fields(txt), " ")
			if strings.HasPrefix(tt.name, "jacket") {
				for _, want := range []string{"Vera Petrov edits a small magazine.", "VERA PETROV", "Essays for the night shift"} {
					if !strings.Contains(txt, want) {
						t.Errorf("the jacket does not carry %q:\n%s", want, txt)
					}
				}
			}
			warned := false
			for _, w := range res.Warnings {
				warned = warned || strings.Contains(w.Error(), "compare it with your printer's template")
			}
			if warned != tt.warned {
				t.Errorf("warned to compare with the printer's template: %v, want %v (%v)", warned, tt.warned, res.Warnings)
			}
		})
	}
}

// coverBarcodes reads the barcodes on a cover with zbarimg (args go before the image): it
// renders at 300 ppi only the lower left quarter of the sheet, where the back cover's barcode
// stands at the foot near the spine (the whole sheet at 300 ppi took three times as long).
func coverBarcodes(t *testing.T, pdf string, args ...string) string {
	t.Helper()
	info, err := qa.Tool(t, "pdfinfo", pdf)
	if err != nil {
		t.Fatalf("pdfinfo: %v %s", err, info)
	}
	var w, h float64
	if i := strings.Index(info, "Page size:"); i < 0 {
		t.Fatalf("pdfinfo gives no page size:\n%s", info)
	} else if _, err := fmt.Sscanf(info[i:], "Page size: %f x %f pts", &w, &h); err != nil {
		t.Fatalf("pdfinfo's page size: %v", err)
	}
	px := func(pt float64) string { return strconv.Itoa(int(pt / 72 * 300)) }
	png := filepath.Join(t.TempDir(), "cover")
	if out, err := qa.Tool(t, "pdftoppm", "-png", "-r", "300", "-x", "0", "-y", px(h/2), "-W", px(w/2), "-H", px(h/2), pdf, png); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	// (zbarimg may also say on its output that it found no D-Bus; only its readings count)
	code, _ := qa.Tool(t, "zbarimg", append(append([]string{"-q"}, args...), png+"-1.png")...)
	return code
}
