package pdf

import (
	"bytes"
	"image"
	"image/png"
	"regexp"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestPageResources: after finishing, each page's resource dictionary names the fonts and
// images that page draws and no other (fpdf gave every page all of them), and pages that
// draw the same share one dictionary.
func TestPageResources(t *testing.T) {
	pdf := fpdf.New("P", "pt", "A5", "")
	pdf.SetCompression(false)
	var pic bytes.Buffer
	png.Encode(&pic, image.NewGray(image.Rect(0, 0, 4, 4)))
	pdf.RegisterImageOptionsReader("pic", fpdf.ImageOptions{ImageType: "PNG"}, &pic)
	for _, font := range []string{"Helvetica", "Times", "Helvetica", "Courier"} {
		pdf.AddPage()
		pdf.SetFont(font, "", 12)
		pdf.Text(50, 50, "a page set in "+font)
		if font == "Courier" {
			pdf.ImageOptions("pic", 50, 100, 20, 20, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		}
	}
	var raw, out bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		t.Fatal(err)
	}
	if err := finishTo(&out, raw.Bytes(), nil, plainPDF); err != nil {
		t.Fatal(err)
	}
	file := out.String()
	object := func(num string) string {
		i := strings.Index(file, "\n"+num+" 0 obj\n")
		if i < 0 {
			t.Fatalf("no object %s", num)
		}
		return file[i : i+strings.Index(file[i:], "endobj")]
	}
	// The names each font's and image's object carries, by its key in the resources.
	fonts := map[string]string{}
	for _, m := range regexp.MustCompile(`\n/(\S+) (\d+) 0 R`).FindAllStringSubmatch(object("2"), -1) {
		fonts[m[1]] = object(m[2])
	}
	var dicts []string
	for _, m := range regexp.MustCompile(`/Type /Page\n(?s:.*?)/Resources (\d+) 0 R`).FindAllStringSubmatch(file, -1) {
		dicts = append(dicts, m[1])
	}
	if len(dicts) != 4 {
		t.Fatalf("%d pages with resources, want 4", len(dicts))
	}
	// (fpdf selects the last page's font again at the top of a new page: that page names it.)
	want := [][]string{{"Helvetica"}, {"Helvetica", "Times-Roman"}, {"Helvetica", "Times-Roman"}, {"/Image", "Courier", "Helvetica"}} // sorted
	for i, num := range dicts {
		if num == "2" {
			t.Errorf("page %d keeps fpdf's shared dictionary", i+1)
			continue
		}
		var got []string
		for _, m := range regexp.MustCompile(`\n/(\S+) \d+ 0 R`).FindAllStringSubmatch(object(num), -1) {
			for _, w := range []string{"Helvetica", "Times-Roman", "Courier", "/Image"} {
				if strings.Contains(fonts[m[1]], w) {
					got = append(got, w)
				}
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want[i]) {
			t.Errorf("page %d's resources hold %v, want %v:\n%s", i+1, got, want[i], object(num))
		}
	}
	if dicts[1] != dicts[2] {
		t.Errorf("pages 2 and 3 draw the same but have dictionaries %s and %s", dicts[1], dicts[2])
	}
	if strings.Count(file, "xref") != 2 || !strings.Contains(file, "startxref") { // "xref" and "startxref"
		t.Error("no cross-reference table")
	}
}
