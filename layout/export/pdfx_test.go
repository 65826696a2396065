package export_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
	"github.com/anthology-editor/anthology/layout/validate"
)

// pdfxProblems lists what a PDF/X-1a preflight (anthology preflight, which reads the file
// with qpdf and poppler, not with our writer) refuses, page counts and safe zone aside.
func pdfxProblems(t *testing.T, pdf string) []string {
	t.Helper()
	vs, err := validate.Preflight(context.Background(), pdf, validate.PreflightOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range vs {
		out = append(out, v.String())
	}
	return out
}

// buildWith builds the print PDF of the sample with its settings changed.
func buildWith(t *testing.T, change func(p *anthology.Project)) string {
	t.Helper()
	p := sampleProject(t)
	change(p)
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	return res.Files[0]
}

// TestPrintPDFIsPDFX: the sample's print PDF, figure included, is what IngramSpark asks for,
// in its variants too; pdfx: none makes a plain PDF.
func TestPrintPDFIsPDFX(t *testing.T) {
	notUnderRace(t)
	t.Parallel()
	res := buildSample(t)
	// Each variant is built when its turn comes: the quick loop builds only the two it judges.
	with := func(change func(*anthology.Project)) func() string {
		return func() string { return buildWith(t, change) }
	}
	variants := []struct {
		name  string
		build func() string
	}{
		{"sample", func() string { return res.Files[1] }},
		{"6x9", with(func(p *anthology.Project) { p.Print.Trim = "6x9" })},
		{"caladea", with(func(p *anthology.Project) { p.Print.Font = "caladea" })},
		{"recto openers, drop caps, bleed", with(func(p *anthology.Project) {
			p.Print.RectoOpeners, p.Print.DropCaps, p.Print.Bleed = true, true, true
		})},
		{"PDF/X-4", with(func(p *anthology.Project) { p.Print.PDFX = anthology.PDFX4 })},
	}
	if testing.Short() {
		// The quick loop judges the sample and the X-4 file; make test every variant.
		variants = append(variants[:1], variants[len(variants)-1])
	}
	ingram := anthology.Printers[slices.IndexFunc(anthology.Printers, func(p anthology.Printer) bool { return p.Key == "ingramspark" })]
	var x4 string
	for _, v := range variants {
		pdf := v.build()
		x4 = pdf // the last variant
		// The preflight (anthology preflight), with IngramSpark's rules: its PDF/X checks and
		// the printer's, with the stricter safe zone.
		vs, err := validate.Preflight(context.Background(), pdf, validate.PreflightOptions{Printer: ingram, Paper: "cream",
			SafeZone: ingram.SafeZone * 72, MinPPI: 300})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range vs {
			t.Errorf("%s: preflight: %s", v.name, x)
		}
		if check, err := qa.Tool(t, "qpdf", "--check", pdf); err != nil || !strings.Contains(check, "No syntax or stream encoding errors found") {
			t.Errorf("%s: qpdf --check: %v\n%s", v.name, err, check)
		}
	}
	// PDF/X-4: a PDF 1.6 file with the version in its XMP, and its identifiers; the preflight
	// refuses one that claims X-4 in an older file.
	data, err := os.ReadFile(x4)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-1.6")) {
		t.Errorf("the PDF/X-4 file starts %q", data[:8])
	}
	if meta, _ := qa.Tool(t, "pdfinfo", "-meta", x4); !strings.Contains(meta, "<pdfxid:GTS_PDFXVersion>PDF/X-4<") || !strings.Contains(meta, "<xmpMM:RenditionClass>default<") ||
		strings.Contains(meta, "GTS_PDFXConformance") {
		t.Errorf("the PDF/X-4 file's XMP:\n%s", meta)
	}
	old := filepath.Join(t.TempDir(), "old.pdf")
	if err := os.WriteFile(old, bytes.Replace(data, []byte("%PDF-1.6"), []byte("%PDF-1.3"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if vs, err := validate.Preflight(context.Background(), old, validate.PreflightOptions{Printer: ingram, Paper: "cream"}); err != nil ||
		!slices.ContainsFunc(vs, func(v validate.Violation) bool { return strings.Contains(v.Msg, "PDF 1.6") }) {
		t.Errorf("the preflight of a PDF/X-4 claim in a PDF 1.3 file: %v %v", vs, err)
	}
	fonts, _ := qa.Tool(t, "pdffonts", res.Files[1])
	if !strings.Contains(fonts, "+CharisSIL ") || !strings.Contains(fonts, "+CharisSIL-Italic ") {
		t.Errorf("pdffonts does not show the fonts' PostScript names with subset tags:\n%s", fonts)
	}
	plainPDF := buildWith(t, func(p *anthology.Project) { p.Print.PDFX = "none" })
	plain := pdfxProblems(t, plainPDF)
	if !slices.Contains(plain, "pdfx: no PDF/X output intent") {
		t.Errorf("pdfx: none still claims PDF/X: %v", plain)
	}
	// The preflight finds what a plain PDF lacks, as a printer's upload would.
	vs, err := validate.Preflight(context.Background(), plainPDF, validate.PreflightOptions{Printer: ingram, Paper: "cream", MinPPI: 300})
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, x := range vs {
		rules = append(rules, x.Rule)
	}
	// (Its fonts pass: every PDF embeds them as tagged subsets.)
	for _, want := range []string{"pdfx", "colour"} {
		if !slices.Contains(rules, want) {
			t.Errorf("the preflight of a plain PDF finds no %s problem: %v", want, vs)
		}
	}
}
