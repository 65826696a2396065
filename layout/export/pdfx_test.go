package export_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
)

// pdfxProblems reads a PDF back with qpdf (an outside parser, not our writer) and lists what a
// PDF/X-1a preflight would refuse: no file identifier, output intent, PDF/X version, trapping
// key or XMP metadata; RGB colour or transparency; a font without its subset tag; a page
// without a trim box.
func pdfxProblems(t *testing.T, pdf string) []string {
	t.Helper()
	out, err := qa.Tool(t, "qpdf", "--json=2", "--json-key=qpdf", pdf)
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Qpdf) < 2 {
		t.Fatalf("qpdf JSON: %v", err)
	}
	var objs map[string]struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict map[string]any `json:"dict"`
		} `json:"stream"`
	}
	if err := json.Unmarshal(doc.Qpdf[1], &objs); err != nil {
		t.Fatalf("qpdf JSON objects: %v", err)
	}
	dict := func(v any) map[string]any {
		if ref, ok := v.(string); ok {
			v = objs["obj:"+ref].Value
		}
		m, _ := v.(map[string]any)
		return m
	}
	var problems []string
	trailer := dict(objs["trailer"].Value)
	if trailer["/ID"] == nil {
		problems = append(problems, "no /ID in the trailer")
	}
	root, info := dict(trailer["/Root"]), dict(trailer["/Info"])
	if ois, _ := root["/OutputIntents"].([]any); len(ois) == 0 || dict(ois[0])["/S"] != "/GTS_PDFX" {
		problems = append(problems, "no /GTS_PDFX output intent")
	} else if ref, _ := dict(ois[0])["/DestOutputProfile"].(string); ref == "" {
		problems = append(problems, "the output intent embeds no profile")
	} else {
		// An ICC output profile: its header says printer class ("prtr"), one ink or four.
		icc, err := qa.Tool(t, "qpdf", "--show-object="+strings.Fields(ref)[0], "--filtered-stream-data", pdf)
		if err != nil || len(icc) < 128 || icc[12:16] != "prtr" || (icc[16:20] != "GRAY" && icc[16:20] != "CMYK") || icc[36:40] != "acsp" {
			problems = append(problems, fmt.Sprintf("the output profile is not an ICC printer profile (%v)", err))
		}
	}
	for _, k := range []string{"/GTS_PDFXVersion", "/Trapped", "/Title", "/CreationDate", "/ModDate"} {
		if info[k] == nil {
			problems = append(problems, "no "+k+" in Info")
		}
	}
	if root["/Metadata"] == nil {
		problems = append(problems, "no XMP /Metadata")
	}
	tagged := regexp.MustCompile(`^/[A-Z]{6}\+`)
	for name, o := range objs {
		all, _ := json.Marshal(o)
		if strings.Contains(string(all), `"/DeviceRGB"`) {
			problems = append(problems, name+" uses DeviceRGB")
		}
		if strings.Contains(string(all), `"/SMask"`) {
			problems = append(problems, name+" has a soft mask (transparency)")
		}
		if d := dict(o.Value); d["/Type"] == "/Font" {
			if bf, _ := d["/BaseFont"].(string); !tagged.MatchString(bf) {
				problems = append(problems, fmt.Sprintf("font %s without a subset tag", bf))
			}
		}
	}
	pages := dict(root["/Pages"])
	kids, _ := pages["/Kids"].([]any)
	for i, k := range kids {
		if dict(k)["/TrimBox"] == nil {
			problems = append(problems, fmt.Sprintf("page %d has no /TrimBox", i+1))
			break
		}
	}
	content, err := qa.Tool(t, "qpdf", "--qdf", "--object-streams=disable", pdf, "-")
	if err != nil {
		t.Fatalf("qpdf --qdf: %v", err)
	}
	if regexp.MustCompile(`[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\b`).MatchString(content) {
		problems = append(problems, "RGB colour operators in the page content")
	}
	return problems
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
	res := buildSample(t)
	variants := []struct {
		name string
		pdf  string
	}{
		{"sample", res.Files[1]},
		{"6x9", buildWith(t, func(p *anthology.Project) { p.Print.Trim = "6x9" })},
		{"caladea", buildWith(t, func(p *anthology.Project) { p.Print.Font = "caladea" })},
		{"recto openers, drop caps, bleed", buildWith(t, func(p *anthology.Project) {
			p.Print.RectoOpeners, p.Print.DropCaps, p.Print.Bleed = true, true, true
		})},
	}
	for _, v := range variants {
		if p := pdfxProblems(t, v.pdf); len(p) > 0 {
			t.Errorf("%s: the print PDF is not PDF/X-1a ready:\n%s", v.name, strings.Join(p, "\n"))
		}
		if check, err := qa.Tool(t, "qpdf", "--check", v.pdf); err != nil || !strings.Contains(check, "No syntax or stream encoding errors found") {
			t.Errorf("%s: qpdf --check: %v\n%s", v.name, err, check)
		}
	}
	fonts, _ := qa.Tool(t, "pdffonts", res.Files[1])
	if !strings.Contains(fonts, "+CharisSIL ") || !strings.Contains(fonts, "+CharisSIL-Italic ") {
		t.Errorf("pdffonts does not show the fonts' PostScript names with subset tags:\n%s", fonts)
	}
	plain := pdfxProblems(t, buildWith(t, func(p *anthology.Project) { p.Print.PDFX = "none" }))
	if !slices.Contains(plain, "no /GTS_PDFX output intent") {
		t.Errorf("pdfx: none still claims PDF/X: %v", plain)
	}
}
