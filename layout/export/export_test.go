package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
	"github.com/anthology-editor/anthology/layout/validate"
)

func sampleProject(t testing.TB) *anthology.Project {
	t.Helper()
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The sample is built once and judged by several tests.
var (
	sampleOnce sync.Once
	sampleRes  *export.Result
	sampleErr  error
	sampleDir  string
)

func buildSample(t *testing.T) *export.Result {
	t.Helper()
	sampleOnce.Do(func() {
		var err error
		sampleDir, err = os.MkdirTemp("", "anthology-sample-")
		if err != nil {
			sampleErr = err
			return
		}
		sampleRes, sampleErr = export.Build(context.Background(), sampleProject(t), export.Options{OutDir: sampleDir})
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleRes
}

// notUnderRace skips a test that sets whole books or renders covers when the race detector
// runs: under it they take five to ten times as long (the package's tests took over half an
// hour), and make test runs every test again without the detector. The typesetter's and the
// writers' concurrency is raced by the lighter tests of the same paths (TestFidelity,
// TestEveryKindInEveryBackEnd, TestReproducible, TestSampleFiles).
func notUnderRace(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("a whole book under the race detector: make test runs it without the detector")
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sampleDir != "" {
		os.RemoveAll(sampleDir)
	}
	os.Exit(code)
}

func TestSampleFiles(t *testing.T) {
	res := buildSample(t)
	if len(res.Files) != 2 || filepath.Base(res.Files[0]) != "the-lamp-lighters.epub" || filepath.Base(res.Files[1]) != "the-lamp-lighters.pdf" {
		t.Fatalf("files = %v", res.Files)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	entries, _ := os.ReadDir(sampleDir)
	if len(entries) != 2 {
		t.Errorf("output folder holds %d entries, want just the two books", len(entries))
	}
}

func TestSampleEPUBCheck5(t *testing.T) {
	t.Parallel() // the validators take most of the time: run them side by side
	epubClean(t, buildSample(t).Files[0], "5")
}

func TestSampleEPUBCheck4(t *testing.T) {
	t.Parallel() // the validators take most of the time: run them side by side
	epubClean(t, buildSample(t).Files[0], "4")
}

func epubClean(t *testing.T, book, version string) {
	t.Helper()
	summary, problems := qa.EPUBCheck(t, book, version)
	if !strings.Contains(summary, "0 fatals / 0 errors / 0 warnings") || len(problems) > 0 {
		t.Errorf("EPUBCheck %s: %s\n%s", version, summary, strings.Join(problems, "\n"))
	}
}

// allValidatorsClean judges an EPUB by both EPUBChecks and Ace.
func allValidatorsClean(t *testing.T, book string) {
	t.Helper()
	epubClean(t, book, "5")
	epubClean(t, book, "4")
	if v := qa.Ace(t, book); len(v) > 0 {
		t.Errorf("Ace found %d violations:\n%s", len(v), strings.Join(v, "\n"))
	}
}

func TestSampleAce(t *testing.T) {
	t.Parallel() // the validators take most of the time: run them side by side
	if v := qa.Ace(t, buildSample(t).Files[0]); len(v) > 0 {
		t.Errorf("Ace found %d violations:\n%s", len(v), strings.Join(v, "\n"))
	}
}

func TestSamplePDF(t *testing.T) {
	res := buildSample(t)
	pdf := res.Files[1]
	fonts, err := qa.Tool(t, "pdffonts", pdf)
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, fonts)
	}
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) < 3 {
		t.Fatalf("no fonts:\n%s", fonts)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	// The opening words in Charis's own small capitals, a subset font of their own, read
	// back as written.
	if !regexp.MustCompile(`(?m)^[A-Z]{6}\+CharisSIL-SC +CID TrueType +Identity-H +yes yes yes`).MatchString(fonts) {
		t.Errorf("no embedded subset of Charis's small capitals:\n%s", fonts)
	}
	if txt, _ := qa.Tool(t, "pdftotext", "-raw", pdf, "-"); !strings.Contains(txt, "At a quarter to eight the day staff") {
		t.Error("the small capitals of the first essay's opening do not read as written")
	}
	check, err := qa.Tool(t, "qpdf", "--check", pdf)
	if err != nil || !strings.Contains(check, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check: %v\n%s", err, check)
	}
	info, _ := qa.Tool(t, "pdfinfo", "-f", "1", "-l", "1000", pdf)
	sizes := regexp.MustCompile(`(?m)^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`).FindAllStringSubmatch(info, -1)
	if len(sizes) != len(res.Book.Pages) {
		t.Fatalf("pdfinfo lists %d page sizes for %d pages", len(sizes), len(res.Book.Pages))
	}
	for _, s := range sizes {
		if s[1] != "396" || s[2] != "612" {
			t.Errorf("page size %s x %s pt, want the 5.5 x 8.5 in trim (396 x 612)", s[1], s[2])
			break
		}
	}
	r := res.Book.Report
	if r.Overfull != 0 || r.Widows != 0 || r.Orphans != 0 || r.MaxHyphenRun > 2 || r.HeadsOnOpeners != 0 {
		t.Errorf("typesetting report: %+v", r)
	}
}

// TestContentsNumbersMatchPages reads the contents page of the sample PDF and checks, from the
// PDF's own text, that every entry's number is the page its piece begins on.
func TestContentsNumbersMatchPages(t *testing.T) {
	res := buildSample(t)
	pdf := res.Files[1]
	n := len(res.Book.Pages)
	pages := make([]string, n+1)
	folio := map[string]int{} // printed folio → physical page (1-based)
	for i := 1; i <= n; i++ {
		out, err := qa.Tool(t, "pdftotext", "-layout", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), pdf, "-")
		if err != nil {
			t.Fatalf("pdftotext page %d: %v", i, err)
		}
		pages[i] = out
		if f := printedFolio(out); f != "" {
			folio[f] = i
		}
	}
	contents := 0
	for i := 1; i <= n; i++ {
		if strings.Contains(pages[i], "Contents") && strings.Contains(pages[i], "Credits") {
			contents = i
			break
		}
	}
	if contents == 0 {
		t.Fatal("no contents page found in the PDF")
	}
	entry := regexp.MustCompile(`^\s*(.+?)\s*(?:\.\s?)+\s*([0-9]+|[ivxlc]+)\s*$`)
	checked := 0
	for _, line := range strings.Split(pages[contents], "\n") {
		m := entry.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		title, label := strings.TrimSpace(m[1]), m[2]
		isPart := strings.HasPrefix(strings.ToUpper(nospace(title)), "PART")
		var page int
		if isPart {
			// Part openers print no folio, nor does the blank page behind one; the first
			// page after them that does tells where the opener is.
			next, _ := strconv.Atoi(label)
			for k := 1; k <= 3 && page <= 0; k++ {
				if f, ok := folio[strconv.Itoa(next+k)]; ok {
					page = f - k
				}
			}
			_, title, _ = strings.Cut(title, ": ")
		} else {
			page = folio[label]
		}
		if page <= 0 {
			t.Errorf("contents: %q on page %s, but no page prints that number", title, label)
			continue
		}
		// Small capitals extract with stray spaces ("P ART O NE"); compare without spaces.
		if !strings.Contains(strings.ToLower(nospace(pages[page])), strings.ToLower(nospace(title))) {
			t.Errorf("contents: %q on page %s, but PDF page %d does not begin it:\n%s", title, label, page, pages[page])
		}
		checked++
	}
	if checked != 11 { // introduction, 2 parts, 6 essays, contributors, credits
		t.Errorf("checked %d contents entries, want 11:\n%s", checked, pages[contents])
	}
}

// printedFolio finds the page number printed on a page: at an end of the running head's line,
// or alone on the last line.
func printedFolio(page string) string {
	var lines []string
	for _, l := range strings.Split(page, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	num := regexp.MustCompile(`^([0-9]+|[ivxlc]+)$`)
	if last := lines[len(lines)-1]; num.MatchString(last) {
		return last
	}
	f := strings.Fields(lines[0])
	for _, cand := range []string{f[0], f[len(f)-1]} {
		if num.MatchString(cand) && len(f) > 1 {
			return cand
		}
	}
	return ""
}

func nospace(s string) string { return strings.Join(strings.Fields(s), "") }

// TestReproducible builds the sample twice and compares the bytes.
func TestReproducible(t *testing.T) {
	when := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	var books [2][][]byte
	for i := range books {
		dir := t.TempDir()
		res, err := export.Build(context.Background(), sampleProject(t), export.Options{OutDir: dir, Modified: when})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			books[i] = append(books[i], b)
		}
	}
	for j := range books[0] {
		if !bytes.Equal(books[0][j], books[1][j]) {
			t.Errorf("file %d differs between two builds", j)
		}
	}
	if !bytes.Contains(readZip(t, books[0][0], "EPUB/package.opf"), []byte("<meta property=\"dcterms:modified\">2026-06-01T12:00:00Z</meta>")) {
		t.Error("dcterms:modified does not follow the build time")
	}
}

func readZip(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return b
		}
	}
	t.Fatalf("%s not in the zip", name)
	return nil
}

// TestHostileEssay builds a book from an essay that tries to break XML and the typesetter.
func TestHostileEssay(t *testing.T) {
	// The validators take most of the time: run them side by side.
	t.Parallel()
	long := strings.Repeat("Supercalifragilistic", 10) // 200 letters, no break in sight
	files := map[string]string{
		"anthology.yaml": "title: Hostile & <Odd> ]]> Title\ncontributors:\n  - {id: x, name: \"X & Y <z>\"}\ncontents:\n  - part: \"A & B\"\n    essays: [bad]\n",
		"essays/bad.md": "---\ntitle: \"<script>alert(1)</script> & ]]>\"\nauthors: [x]\nheadnote: \"Tom & Jerry <b>bold</b>\"\n---\n\n" +
			"<script>alert(\"executed\")</script>\n\nAmpersands & angles <i>raw</i> and a ]]> end, a bell\x07 and an escape\x1b.\n\n" +
			long + " is a very long word.\n\n[a link](javascript:alert(1)) and [a good one](https://example.org/?a=1&b=2).\n\nAn astral emoji 😀 and a rare letter ꙮ.\n",
	}
	// Characters no bundled font has fail the print edition, naming the essay and the
	// characters, and nothing is written.
	out := t.TempDir()
	_, err := export.Build(context.Background(), edittest.WriteProject(t, files), export.Options{OutDir: out})
	if !errors.Is(err, export.ErrMissingGlyphs) || !strings.Contains(err.Error(), "bad.md") ||
		!strings.Contains(err.Error(), "U+1F600") || !strings.Contains(err.Error(), "U+A66E") {
		t.Fatalf("export with characters no font has: err = %v, want one naming bad.md, U+1F600 and U+A66E", err)
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("a failed export left %d files", len(left))
	}
	files["essays/bad.md"] = strings.Replace(files["essays/bad.md"], "An astral emoji 😀 and a rare letter ꙮ.\n", "", 1)
	p := edittest.WriteProject(t, files)
	res, err := export.Build(context.Background(), p, export.Options{OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, w := range res.Warnings {
		warned = append(warned, w.Error())
	}
	all := strings.Join(warned, "\n")
	if !strings.Contains(all, "bad.md: dropped 2 control character(s)") {
		t.Errorf("no warning naming the essay's control characters:\n%s", all)
	}
	data, _ := os.ReadFile(res.Files[0])
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, ".opf") && !strings.HasSuffix(f.Name, ".ncx") {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		dec := xml.NewDecoder(bytes.NewReader(b))
		dec.Strict = true
		dec.Entity = xml.HTMLEntity
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "script" {
				t.Errorf("%s contains a script element", f.Name)
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "a" {
				for _, a := range se.Attr {
					if a.Name.Local == "href" && strings.HasPrefix(a.Value, "javascript:") {
						t.Errorf("%s links to %s", f.Name, a.Value)
					}
				}
			}
		}
		if f.Name == "EPUB/text/essay-bad.xhtml" && !bytes.Contains(b, []byte("&lt;script&gt;alert(&quot;executed&quot;)&lt;/script&gt;")) {
			t.Errorf("the script is not shown as text:\n%s", b)
		}
	}
	epubClean(t, res.Files[0], "5")
	epubClean(t, res.Files[0], "4")
	if r := res.Book.Report; r.Overfull != 0 {
		t.Errorf("overfull lines: %+v", r)
	}
	if check, err := qa.Tool(t, "qpdf", "--check", res.Files[1]); err != nil {
		t.Errorf("qpdf: %v\n%s", err, check)
	}
}

// TestOtherTrim sets the sample at 6 x 9 in: every page has that size.
func TestOtherTrim(t *testing.T) {
	p := sampleProject(t)
	p.Print.Trim = "6x9"
	out := t.TempDir()
	res, err := export.Build(context.Background(), p, export.Options{OutDir: out, Formats: []export.Format{export.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	info, _ := qa.Tool(t, "pdfinfo", res.Files[0])
	if !regexp.MustCompile(`Page size:\s+432 x 648 pts`).MatchString(info) {
		t.Errorf("pdfinfo:\n%s", info)
	}
	if r := res.Book.Report; r.Overfull+r.Widows+r.Orphans != 0 {
		t.Errorf("report at 6x9: %+v", r)
	}
}

func TestUnwritableOutput(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	os.WriteFile(file, []byte("x"), 0o644)
	_, err := export.Build(context.Background(), sampleProject(t), export.Options{OutDir: filepath.Join(file, "books")})
	if err == nil || !strings.Contains(err.Error(), "cannot create the output folder") {
		t.Fatalf("err = %v", err)
	}
}

func TestCancelledExportWritesNothing(t *testing.T) {
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := export.Build(ctx, sampleProject(t), export.Options{OutDir: out})
	if err == nil {
		t.Fatal("a cancelled export succeeded")
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 0 {
		t.Errorf("a cancelled export left %d files", len(entries))
	}
}

func TestParseFormats(t *testing.T) {
	if f, err := export.ParseFormats("pdf, EPUB,pdf"); err != nil || len(f) != 2 || f[0] != export.PDF {
		t.Errorf("got %v %v", f, err)
	}
	if _, err := export.ParseFormats("mobi"); err == nil {
		t.Error("accepted mobi")
	}
}

// TestPrintCover checks the wraparound cover's size from the PDF itself for two page counts:
// two trim widths, the spine for the paper, bleed on the outer edges; spine text only on a book
// thick enough to print it.
func TestPrintCover(t *testing.T) {
	notUnderRace(t)
	t.Parallel()
	files, err := synth.Files(synth.Options{Essays: 12, Words: 2500, Seed: 3, Title: "Thick Enough"}, synth.SampleText(assets.Sample()))
	if err != nil {
		t.Fatal(err)
	}
	thick, err := anthology.LoadFS(files, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name      string
		p         *anthology.Project
		spineText string
	}{
		{"sample", sampleProject(t), ""},
		{"thick", thick, "THICK ENOUGH"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			res, err := export.Build(context.Background(), tt.p, export.Options{OutDir: out, Formats: []export.Format{export.Cover}})
			if err != nil {
				t.Fatal(err)
			}
			pages := res.PrintPages
			if tt.spineText != "" && pages < 80 || tt.spineText == "" && pages >= 80 {
				t.Fatalf("%d pages: pick a book on the right side of 80", pages)
			}
			trim := tt.p.Print.TrimSize()
			wantW := 2*trim.W + float64(pages)*0.0025*72 + 2*0.125*72 // cream paper by default
			wantH := trim.H + 2*0.125*72
			info, _ := qa.Tool(t, "pdfinfo", res.Files[0])
			m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(info)
			if m == nil {
				t.Fatalf("pdfinfo:\n%s", info)
			}
			w, _ := strconv.ParseFloat(m[1], 64)
			h, _ := strconv.ParseFloat(m[2], 64)
			if abs(w-wantW) > 0.02 || abs(h-wantH) > 0.02 {
				t.Errorf("%d pages: cover is %.2f x %.2f pt, want %.2f x %.2f", pages, w, h, wantW, wantH)
			}
			fonts, _ := qa.Tool(t, "pdffonts", res.Files[0])
			for _, l := range strings.Split(strings.TrimSpace(fonts), "\n")[2:] {
				if f := strings.Fields(l); f[len(f)-5] != "yes" {
					t.Errorf("font not embedded: %s", l)
				}
			}
			// A printer's preflight of the cover: PDF/X-1a in CMYK, fonts subset and named,
			// text inside the safe zone, the generated front at 300 ppi. (The sample brings its
			// own picture, 1,600 pixels wide: 284 ppi on this trim, which it is told.)
			pr, _ := tt.p.Print.PrinterFor()
			vs, err := validate.Preflight(context.Background(), res.Files[0], validate.PreflightOptions{Printer: pr, Paper: tt.p.Print.PaperKind(),
				SafeZone: pr.SafeZone * 72, MinPPI: 300, Cover: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if v.Rule != "images" || tt.name != "sample" {
					t.Errorf("cover preflight: %s", v)
				}
			}
			txt, _ := qa.Tool(t, "pdftotext", res.Files[0], "-")
			if tt.spineText != "" && !strings.Contains(txt, tt.spineText) {
				t.Errorf("no spine text on a %d-page book:\n%s", pages, txt)
			}
			if tt.spineText == "" && strings.Contains(txt, strings.ToUpper(tt.p.Book.Title)) {
				t.Errorf("spine text on a %d-page book", pages)
			}
			// The generated front's type is text in the book's fonts, not pixels in its picture;
			// "Thick Enough" draws the black-ink design, whose large type is in rich black.
			if tt.p.Book.Cover == "" {
				for _, w := range []string{"THICK", "ENOUGH", tt.p.Book.Subtitle, "EDITED BY"} {
					if !strings.Contains(txt, w) {
						t.Errorf("the generated front's %q is not text in the PDF:\n%s", w, txt)
					}
				}
				qdf := filepath.Join(t.TempDir(), "qdf.pdf")
				if out, err := qa.Tool(t, "qpdf", "--qdf", "--object-streams=disable", res.Files[0], qdf); err != nil {
					t.Fatalf("qpdf: %v %s", err, out)
				}
				raw, _ := os.ReadFile(qdf)
				if !bytes.Contains(raw, []byte("0.6000 0.4000 0.4000 1.0000 k")) {
					t.Error("the front's black title is not in rich black (60/40/40/100)")
				}
			}
			// A cover image under 300 ppi at the printed size is named with its resolution.
			if tt.p.Book.Cover != "" {
				var warned []string
				for _, w := range res.Warnings {
					warned = append(warned, w.Error())
				}
				if all := strings.Join(warned, "\n"); !strings.Contains(all, "the cover image images/cover.jpg is 1600 × 2560 pixels: 284 ppi") {
					t.Errorf("no warning for the sample's 284-ppi cover image:\n%s", all)
				}
			}
			// The print ISBN's Bookland EAN-13, read back by an independent decoder.
			if isbn := tt.p.Book.Identifiers.ISBNPrint; isbn != "" {
				code := coverBarcodes(t, res.Files[0])
				want := "EAN-13:" + strings.ReplaceAll(isbn, "-", "")
				if !slices.Contains(strings.Split(code, "\n"), want) {
					t.Errorf("the cover's barcode reads %q, want %q", code, want)
				}
			}
		})
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// TestTenThousandEssays builds the EPUB of a book of 10,000 short essays.
func TestTenThousandEssays(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	files, err := synth.Files(synth.Options{Essays: 10000, Words: 60, Seed: 9}, synth.SampleText(assets.Sample()))
	if err != nil {
		t.Fatal(err)
	}
	p, err := anthology.LoadFS(files, "big")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := export.Build(context.Background(), p, export.Options{OutDir: out, Formats: []export.Format{export.EPUB}})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(res.Files[0])
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "EPUB/text/essay-") {
			n++
		}
	}
	if n != 10000 {
		t.Errorf("%d essay documents, want 10000", n)
	}
}

// TestPageBreakMarkersMatchPrint checks, for every print page that begins inside a paragraph,
// that the EPUB's marker for it stands before the very words the PDF page begins with.
func TestPageBreakMarkersMatchPrint(t *testing.T) {
	res := buildSample(t)
	data, err := os.ReadFile(res.Files[0])
	if err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	// A marker inside a paragraph follows its text directly (a marker before a block stands
	// alone in a div).
	marker := regexp.MustCompile(`[^>\n]<span id="page-([0-9ivxlc]+)" epub:type="pagebreak"[^>]*></span>([^<]*(?:<[^>]+>[^<]*){0,3})`)
	tags := regexp.MustCompile(`<[^>]+>`)
	checked := 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "EPUB/text/essay-") {
			continue
		}
		rc, _ := f.Open()
		doc, _ := io.ReadAll(rc)
		rc.Close()
		for _, m := range marker.FindAllSubmatch(doc, -1) {
			after := strings.Fields(html.UnescapeString(tags.ReplaceAllString(string(m[2]), "")))
			if len(after) < 3 {
				continue // a marker before a block, not inside one
			}
			label := string(m[1])
			page := -1
			for i, p := range res.Book.Pages {
				if p.Label == label && !p.Blank {
					page = i + 1
				}
			}
			out, err := qa.Tool(t, "pdftotext", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), res.Files[1], "-")
			if err != nil {
				t.Fatal(err)
			}
			// The page's first line of text is among its first lines (after the running head and
			// folio, whose order pdftotext chooses).
			var lines []string
			for _, l := range strings.Split(out, "\n") {
				if strings.TrimSpace(l) != "" {
					lines = append(lines, strings.Join(strings.Fields(l), " "))
				}
				if len(lines) == 4 {
					break
				}
			}
			want := strings.Join(after[:3], " ")
			found := false
			for _, l := range lines {
				if strings.HasPrefix(l, want) {
					found = true
				}
			}
			if !found {
				t.Errorf("page %s: EPUB marker before %q, PDF page begins %q", label, want, lines)
			}
			checked++
		}
	}
	if checked < 5 {
		t.Errorf("only %d markers inside paragraphs checked", checked)
	}
}

// TestFiftyEssayEPUB judges a fifty-essay book, with its page list from the print layout, by
// the same three validators as the sample, and reads it back with pandoc as a reader would:
// every essay, in order, with its byline.
func TestFiftyEssayEPUB(t *testing.T) {
	t.Parallel() // the validators take most of the time: run them side by side
	files, err := synth.Files(synth.Options{Essays: 50, Words: 1500, Seed: 5}, synth.SampleText(assets.Sample()))
	if err != nil {
		t.Fatal(err)
	}
	p, err := anthology.LoadFS(files, "fifty")
	if err != nil {
		t.Fatal(err)
	}
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	book := res.Files[0]
	allValidatorsClean(t, book)
	plain, err := qa.Tool(t, "pandoc", book, "-t", "plain")
	if err != nil {
		t.Fatalf("pandoc: %v", err)
	}
	// Compare words, quotes made alike: the book sets typographic quotes.
	norm := strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"")
	plain = norm.Replace(strings.Join(strings.Fields(plain), " "))
	at := 0
	for _, e := range p.Essays() {
		title := norm.Replace(strings.Join(strings.Fields(e.Meta.Title), " "))
		// The title, then (after a subtitle, perhaps) the byline.
		re := regexp.MustCompile(regexp.QuoteMeta(title) + ` .{0,160}?` + regexp.QuoteMeta(norm.Replace(p.Contributor(e.Meta.Authors[0]).Name)))
		loc := re.FindStringIndex(plain[at:])
		i := -1
		if loc != nil {
			i = loc[0]
		}
		if i < 0 {
			t.Errorf("pandoc's reading lacks %q with its byline after position %d", title, at)
			continue
		}
		at += i + len(title)
	}
}

// TestEmbeddedFontsEPUBClean builds the sample with its print font embedded, for the reading
// systems that honour it, and judges it like the plain one: the fonts, their @font-face rules
// and manifest entries must satisfy both EPUBChecks and Ace.
func TestEmbeddedFontsEPUBClean(t *testing.T) {
	t.Parallel() // the validators take most of the time: run them side by side
	p := sampleProject(t)
	p.EPUB.EmbedFonts = true
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.EPUB}})
	if err != nil {
		t.Fatal(err)
	}
	book := res.Files[0]
	allValidatorsClean(t, book)
}

// TestScreenPDFBesideThePrintPDF builds both PDFs in one export: the screen one has its own
// name, and both are the same pages.
func TestScreenPDFBesideThePrintPDF(t *testing.T) {
	res, err := export.Build(context.Background(), sampleProject(t), export.Options{OutDir: t.TempDir(),
		Formats: []export.Format{export.PDF, export.ScreenPDF}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 || filepath.Base(res.Files[1]) != "the-lamp-lighters-screen.pdf" {
		t.Fatalf("files = %v", res.Files)
	}
	pages := func(f string) string {
		info, _ := qa.Tool(t, "pdfinfo", f)
		return regexp.MustCompile(`Pages:\s+\d+`).FindString(info)
	}
	if a, b := pages(res.Files[0]), pages(res.Files[1]); a == "" || a != b {
		t.Errorf("print %q, screen %q", a, b)
	}
	if out, err := qa.Tool(t, "qpdf", "--check", res.Files[1]); err != nil {
		t.Errorf("qpdf on the screen PDF: %v\n%s", err, out)
	}
}
