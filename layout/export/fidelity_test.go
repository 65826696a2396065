package export_test

import (
	"archive/zip"
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/importer"
	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
)

// The fidelity oracle: real public-domain books (chapters of five Standard Ebooks productions
// under testdata/se, CC0 markup) are imported by their package documents and built. For every
// chapter, the words of the source, in order, must be the words of the imported essay (title,
// subtitle, body), of its page in the EPUB and, in order, of the PDF; every note the chapter
// references must be a note of the essay with the same words; and each file's tally must hold:
// words in = words out + the words of the reported cuts.

func TestFidelity(t *testing.T) {
	t.Parallel()
	books, err := filepath.Glob("testdata/se/*/content.opf")
	if err != nil || len(books) < 5 {
		t.Fatalf("want the five test books under testdata/se, have %v (%v)", books, err)
	}
	for _, opf := range books {
		name := filepath.Base(filepath.Dir(opf))
		t.Run(name, func(t *testing.T) { bookFidelity(t, opf, name == "hazlitt" || name == "emerson" || name == "thoreau") })
	}
}

// TestFidelityCorpus runs the same oracle over whole books, Markdown and EPUB (the PDF is the
// typesetter's, judged above): ANTHOLOGY_FIDELITY_CORPUS names a folder of book folders, each
// with its content.opf (../shared/corpus on a team machine). Without it the test is skipped:
// the books are not in the repository.
func TestFidelityCorpus(t *testing.T) {
	dir := os.Getenv("ANTHOLOGY_FIDELITY_CORPUS")
	if dir == "" {
		t.Skip("ANTHOLOGY_FIDELITY_CORPUS is not set")
	}
	books, err := filepath.Glob(filepath.Join(dir, "*", "content.opf"))
	if err != nil || len(books) == 0 {
		t.Fatalf("no books under %s: %v", dir, err)
	}
	for _, opf := range books {
		t.Run(filepath.Base(filepath.Dir(opf)), func(t *testing.T) { bookFidelity(t, opf, false) })
	}
}

func bookFidelity(t *testing.T, opf string, withPDF bool) {
	results, err := importer.ReadFiles([]string{opf})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(opf)
	notesSrc := readFileOr(t, filepath.Join(dir, "endnotes.xhtml"))
	p, err := anthology.Create(filepath.Join(t.TempDir(), "book"), "Fidelity")
	if err != nil {
		t.Fatal(err)
	}
	type chapter struct {
		essay  *anthology.Essay
		source []string
	}
	var chapters []chapter
	in, out := 0, 0
	for _, r := range results {
		cut := 0
		for _, rm := range r.Removed {
			cut += rm.Words
		}
		if r.WordsIn != r.WordsOut+cut {
			t.Errorf("%s: words in %d ≠ words out %d + cut %d", r.File, r.WordsIn, r.WordsOut, cut)
		}
		in += r.WordsIn
		out += r.WordsOut
		e := importer.Add(p, r)
		if r.Kind != importer.KindEssay && r.Kind != importer.KindFront || e == nil {
			continue
		}
		for _, rm := range r.Removed {
			if rm.Words > 0 && !strings.Contains(rm.Reason, "(now ") {
				t.Errorf("%s: a book chapter lost %d words: %s: %.80q", r.File, rm.Words, rm.Reason, rm.Text)
			}
		}
		if len(r.Authors) == 0 {
			t.Errorf("%s: no author from the package document", r.File)
		}
		src := string(readFileOr(t, r.File))
		want := subtitleAfterTitle(tokens(sourceText(src)), tokens(r.Title), tokens(r.Subtitle))
		got := tokens(r.Title + " " + r.Subtitle + " " + plainBlocks(markdown.Parse([]byte(r.Body)).Blocks))
		if msg := firstMismatch(want, got); msg != "" {
			t.Errorf("%s → Markdown: %d words in the source, %d imported; %s", filepath.Base(r.File), len(want), len(got), msg)
		}
		// Every note the chapter references, with its words, in order.
		doc := markdown.Parse([]byte(r.Body))
		ids := noteIDs(src, string(notesSrc))
		if len(doc.Notes) != len(ids) {
			t.Errorf("%s: %d note references in the source, %d notes imported", filepath.Base(r.File), len(ids), len(doc.Notes))
		}
		for i, id := range ids {
			if i >= len(doc.Notes) {
				break
			}
			want := tokens(sourceText(noteSource(string(notesSrc), id)))
			got := tokens(plainBlocks(doc.Notes[i].Blocks))
			if msg := firstMismatch(want, got); msg != "" {
				t.Errorf("%s note %d (%s): %s", filepath.Base(r.File), i+1, id, msg)
			}
		}
		chapters = append(chapters, chapter{essay: e, source: want})
	}
	t.Logf("%s: %d words in, %d out, %d chapters", opf, in, out, len(chapters))
	if len(chapters) == 0 {
		t.Fatal("no chapter imported")
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	formats := []export.Format{export.EPUB}
	if withPDF {
		formats = append(formats, export.PDF)
	}
	outDir := t.TempDir()
	res, err := export.Build(context.Background(), p, export.Options{OutDir: outDir, Formats: formats})
	if err != nil {
		t.Fatal(err)
	}
	epubFile, pdfFile := builtFiles(res)
	zr, err := zip.OpenReader(epubFile)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	pages := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		pages[f.Name] = string(data)
	}
	for _, ch := range chapters {
		name := "EPUB/text/essay-" + ch.essay.ID + ".xhtml"
		if ch.essay == p.Introduction {
			name = "EPUB/text/introduction.xhtml" // the source's preface, now the book's introduction
		}
		page, ok := pages[name]
		if !ok {
			t.Errorf("%s: no page in the EPUB", ch.essay.ID)
			continue
		}
		main, notes, _ := strings.Cut(page, `<section class="notes"`)
		main = byline.ReplaceAllString(main, " ")
		if msg := firstMismatch(ch.source, tokens(sourceText(main))); msg != "" {
			t.Errorf("%s → EPUB: %s", ch.essay.ID, msg)
		}
		if n, want := strings.Count(notes, `epub:type="footnote"`), len(ch.essay.Doc.Notes); n != want {
			t.Errorf("%s → EPUB: %d notes, want %d", ch.essay.ID, n, want)
		}
	}
	if pdfFile == "" {
		return
	}
	txt, err := qa.Tool(t, "pdftotext", "-raw", "-enc", "UTF-8", pdfFile, "-")
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	printed := tokens(dehyphenate(txt))
	at := 0
	for _, ch := range chapters {
		var msg string
		at, msg = inOrder(ch.source, printed, at)
		if msg != "" {
			t.Errorf("%s → PDF: %s", ch.essay.ID, msg)
		}
	}
}

func readFileOr(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return data
}

var (
	headRe     = regexp.MustCompile(`(?s)<head.*?</head>`)
	noterefRe  = regexp.MustCompile(`(?s)<a\b[^>]*epub:type="[^"]*noteref[^"]*"[^>]*>.*?</a>`)
	backlinkRe = regexp.MustCompile(`(?s)<a\b[^>]*(?:role="doc-(?:noteref|backlink)"|epub:type="[^"]*backlink)[^>]*>.*?</a>`)
	inlineRe   = regexp.MustCompile(`(?is)</?(?:i|em|b|strong|abbr|span|a|cite|q|sup|sub|small|code|var|dfn|time|u|s|mark|bdi|bdo|ruby|rt|rp|wbr)\b[^>]*>`)
	tagRe      = regexp.MustCompile(`(?s)<[^>]+>`)
	byline     = regexp.MustCompile(`(?s)<p class="byline">.*?</p>`)
	dashes     = regexp.MustCompile(`[\x{2014}\x{2013}\x{2012}\x{2015}]`)
	noteHref   = regexp.MustCompile(`href="(?:endnotes\.xhtml)?#([^"]+)"[^>]*epub:type="noteref"`)
)

// sourceText is the text of XHTML as a reader sees it: note marks and backlinks left out,
// inline markup joined, block markup a space. (The rule of ../shared/qa/fidelity.py.)
func sourceText(x string) string {
	x = headRe.ReplaceAllString(x, " ")
	x = noterefRe.ReplaceAllString(x, "")
	x = backlinkRe.ReplaceAllString(x, "")
	x = inlineRe.ReplaceAllString(x, "")
	x = tagRe.ReplaceAllString(x, " ")
	return html.UnescapeString(x)
}

// tokens splits text into words as the oracle compares them: NFKC, lower case, split at white
// space and dashes, punctuation at the edges dropped.
func tokens(s string) []string {
	s = norm.NFKC.String(s)
	s = strings.NewReplacer("\u2060", "", "\u00ad", "").Replace(strings.ToLower(s))
	s = dashes.ReplaceAllString(s, " ")
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// subtitleAfterTitle moves the subtitle's words, where the chapter's header has them after
// something else (an epigraph before a Standard Ebooks bridgehead), to just after the title:
// the book sets the subtitle with the title.
func subtitleAfterTitle(src, title, subtitle []string) []string {
	if len(subtitle) == 0 || len(src) < len(title)+len(subtitle) {
		return src
	}
	for k := len(title) + 1; k+len(subtitle) <= min(len(src), 400); k++ {
		if slices.Equal(src[k:k+len(subtitle)], subtitle) {
			out := append([]string{}, src[:len(title)]...)
			out = append(out, subtitle...)
			out = append(out, src[len(title):k]...)
			return append(out, src[k+len(subtitle):]...)
		}
	}
	return src
}

// plainBlocks is the text of blocks in reading order, notes left out.
func plainBlocks(blocks []text.Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		switch x := bl.(type) {
		case *text.Paragraph:
			b.WriteString(text.Plain(x.Content))
		case *text.Heading:
			b.WriteString(text.Plain(x.Content))
		case *text.Quote:
			b.WriteString(plainBlocks(x.Blocks))
		case *text.List:
			for _, item := range x.Items {
				b.WriteString(plainBlocks(item) + " ")
			}
		case *text.Verse:
			for _, st := range x.Stanzas {
				for _, l := range st {
					b.WriteString(text.Plain(l) + " ")
				}
			}
		case *text.Table:
			b.WriteString(text.Plain(x.Caption) + " ")
			for _, row := range append([][]text.Cell{x.Header}, x.Rows...) {
				for _, c := range row {
					b.WriteString(text.Plain(c) + " ")
				}
			}
		case *text.Figure:
			b.WriteString(text.Plain(x.Caption) + " " + text.Plain(x.Credit))
		case *text.Epigraph:
			b.WriteString(plainBlocks(x.Blocks) + " " + text.Plain(x.Attribution))
		case *text.Letter:
			b.WriteString(text.Plain(x.Dateline) + " " + text.Plain(x.Salutation) + " " + plainBlocks(x.Blocks) + " " +
				text.Plain(x.Closing) + " " + text.Plain(x.Signature) + " " + plainBlocks(x.Postscript))
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// noteIDs are the ids of the endnotes a chapter references, in order of first reference, then
// those its notes reference.
func noteIDs(src, notes string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(x string) {
		for _, m := range noteHref.FindAllStringSubmatch(x, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				out = append(out, m[1])
			}
		}
	}
	add(src)
	for i := 0; i < len(out); i++ {
		add(noteSource(notes, out[i]))
	}
	return out
}

// noteSource is the markup of one endnote.
func noteSource(notes, id string) string {
	i := strings.Index(notes, `<li id="`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := notes[i:]
	if j := strings.Index(rest[1:], `<li id="note-`); j >= 0 {
		return rest[:j+1]
	}
	// The last note ends with the list of notes (a note may hold a list of its own).
	if j := strings.LastIndex(rest, "</ol>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// firstMismatch compares two word sequences and describes where they part, with context.
func firstMismatch(want, got []string) string {
	for i := 0; i < len(want) || i < len(got); i++ {
		if i < len(want) && i < len(got) && want[i] == got[i] {
			continue
		}
		from := max(0, i-6)
		return fmt.Sprintf("first difference at word %d: source %q, got %q", i,
			strings.Join(want[from:min(len(want), i+6)], " "), strings.Join(got[from:min(len(got), i+6)], " "))
	}
	return ""
}

// inOrder finds want's words in printed, in order, from at: first where its opening words
// stand together, then each next word within a few words of the last (running heads, folios
// and note numbers may stand between them). A word broken at a line end prints as two, or
// without its hyphen.
func inOrder(want, printed []string, at int) (int, string) {
	if len(want) == 0 {
		return at, ""
	}
	// The opening words stand on the essay's opener; the contents page names the title first.
	k := 1
	fail := fmt.Sprintf("the opening words %q are not printed", strings.Join(want[:k], " "))
	furthest := -1
	for j := at; j+k <= len(printed); j++ {
		if !slices.Equal(printed[j:j+k], want[:k]) {
			continue
		}
		end, got, msg := follow(want, printed, j)
		if msg == "" {
			return end, ""
		}
		if got > furthest {
			furthest, fail = got, msg
		}
	}
	return at, fail
}

// follow checks that want's words are printed in order from at; it returns where they end, or
// how many were found before one was not.
func follow(want, printed []string, at int) (int, int, string) {
	for i, w := range want {
		j, width := at, 0
		for ; j < len(printed) && j-at <= 40; j++ {
			if width = matches(w, printed, j); width > 0 {
				break
			}
		}
		if width == 0 {
			from := max(0, i-6)
			return at, i, fmt.Sprintf("word %d %q not printed next; source %q, print %q", i, w,
				strings.Join(want[from:min(len(want), i+6)], " "), strings.Join(printed[at:min(len(printed), at+12)], " "))
		}
		at = j + width
	}
	return at, len(want), ""
}

// matches reports how many printed words at j make the word w (0 for none).
func matches(w string, printed []string, j int) int {
	p := printed[j]
	if t := strings.TrimRightFunc(p, unicode.IsDigit); t != p && t != "" && !unicode.IsDigit(rune(w[len(w)-1])) {
		p = strings.TrimRight(t, "”’.,;:!?)") // a note mark set after the word (pdftotext joins it)
		w = strings.TrimRight(w, "”’.,;:!?)")
	}
	switch {
	case p == w, p == strings.ReplaceAll(w, "-", ""):
		return 1
	case j+1 < len(printed) && (p+printed[j+1] == w || p+"-"+printed[j+1] == w):
		return 2
	case len(p) < len(w) && strings.HasPrefix(w, p):
		// Broken at the foot of a page: the running head and folio stand between the parts.
		rest := strings.TrimPrefix(strings.TrimPrefix(w, p), "-")
		for k := j + 1; k < len(printed) && k <= j+8; k++ {
			if printed[k] == rest {
				return k - j + 1
			}
		}
	}
	return 0
}

// dehyphenate joins words the typesetter broke at the end of a line.
func dehyphenate(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimRight(l, " ")
		if strings.HasSuffix(l, "-") && i+1 < len(lines) && len(l) > 1 && unicode.IsLetter(rune(l[len(l)-2])) {
			b.WriteString(strings.TrimSuffix(l, "-"))
			continue
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// builtFiles returns the EPUB and the PDF a build wrote ("" for one it did not write).
func builtFiles(res *export.Result) (epubFile, pdfFile string) {
	for _, f := range res.Files {
		switch filepath.Ext(f) {
		case ".epub":
			epubFile = f
		case ".pdf":
			if !strings.HasSuffix(f, "-cover.pdf") {
				pdfFile = f
			}
		}
	}
	return epubFile, pdfFile
}

// coverFile is the wraparound cover a build wrote, or "".
func coverFile(res *export.Result) string {
	for _, f := range res.Files {
		if strings.HasSuffix(f, "-cover.pdf") {
			return f
		}
	}
	return ""
}
