package export_test

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/layout/internal/qa"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// TestFiguresInEveryBackEnd: the sample's figure is a picture on its print page, in the PDF
// (an image at print resolution) and in the GUI's preview (the painted page shows it), with its
// caption on the page.
func TestFiguresInEveryBackEnd(t *testing.T) {
	res := buildSample(t)
	var page *typeset.Page
	for _, p := range res.Book.Pages {
		if len(p.Pictures) > 0 {
			page = p
			break
		}
	}
	if page == nil {
		t.Fatal("no page of the sample shows its figure")
	}
	pic := page.Pictures[0]
	g := res.Book.Geometry
	if pic.W > g.Measure()+0.01 || pic.X < 0 || pic.Y < 0 || pic.X+pic.W > g.Width || pic.Y+pic.H > g.Height {
		t.Errorf("picture %+v outside the page", pic)
	}
	img := typeset.NewPainter(72).Paint(res.Book, page)
	c := color.RGBAModel.Convert(img.At(int(pic.X+pic.W/2), int(pic.Y+pic.H/4))).(color.RGBA)
	if c.R > 200 && c.G > 200 && c.B > 200 {
		t.Errorf("the preview paints paper (%v) where the figure is", c)
	}
	if dir := os.Getenv("ANTHOLOGY_FIGURE_PNG"); dir != "" {
		f, err := os.Create(filepath.Join(dir, "figure-page.png"))
		if err == nil {
			png.Encode(f, typeset.NewPainter(110).Paint(res.Book, page))
			f.Close()
		}
	}
	var pdf string
	for _, f := range res.Files {
		if strings.HasSuffix(f, ".pdf") {
			pdf = f
		}
	}
	list, err := qa.Tool(t, "pdfimages", "-f", strconv.Itoa(page.Index+1), "-l", strconv.Itoa(page.Index+1), "-list", pdf)
	if err != nil {
		t.Fatalf("pdfimages: %v", err)
	}
	// page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
	rows := regexp.MustCompile(`(?m)^\s*\d+\s+\d+\s+image\s+(\d+)\s+(\d+)\s+\S+\s+\d+\s+\d+\s+\S+\s+\S+\s+\d+\s+\d+\s+(\d+)\s+(\d+)`).FindAllStringSubmatch(list, -1)
	if len(rows) != 1 {
		t.Fatalf("pdfimages lists %d images on page %d:\n%s", len(rows), page.Index+1, list)
	}
	if ppi, _ := strconv.Atoi(rows[0][3]); ppi < 300 {
		t.Errorf("the figure prints at %d ppi, under 300", ppi)
	}
	txt, err := qa.Tool(t, "pdftotext", "-f", strconv.Itoa(page.Index+1), "-l", strconv.Itoa(page.Index+1), pdf, "-")
	if err != nil || !strings.Contains(strings.Join(strings.Fields(txt), " "), "The Hestskjær light as my father described it") {
		t.Errorf("the caption is not on the figure's page: %v\n%s", err, txt)
	}

	// The other kinds of the same essay read in order in the PDF's text: the epigraph and its
	// attribution, the table row by row, the letter from dateline to signature.
	all, err := qa.Tool(t, "pdftotext", "-raw", pdf, "-")
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(all), " ")
	for _, want := range []string{
		"while it burns. — Instructions to Keepers of Lights, 1921",
		"The log as a historian reads it, counted by decade. Decade Nights logged Gales Nights of fog 1960s 2,862 311 402 1970s 3,652 354 377",
		"Kristiansund, 4 March 2020 Dear Ms Solvang, Thank you for your letter",
		"With our thanks and our sympathy, Astrid Lunde, Curator",
	} {
		if !strings.Contains(strings.ToLower(flat), strings.ToLower(want)) { // small capitals read as capitals
			t.Errorf("the PDF's text lacks, in order: %q", want)
		}
	}
}
