package export_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
)

// The right-to-left book of the tests: an anthology in Arabic (text written for the test) with
// a Hebrew essay and an English one that quotes Arabic.
const arabicEssay = `كانت المدينة نائمة حين خرجت الممرضة من المستشفى. مشت في الشوارع الهادئة، وفكرت في المرضى الذين تركتهم خلفها. قالت لنفسها: "غداً يوم جديد". كان القمر فوق البيوت، والهواء بارداً، والطريق إلى البيت طويلاً.

في عام 2020 عملت أربعين ليلة متتالية، ولم تشكُ مرة واحدة. قرأت في تلك الليالي كتاباً عن Florence Nightingale، وتعلمت منه أن الصبر جزء من العلاج، وأن الكلمة الطيبة دواء لا يقل أهمية عن الدواء نفسه (كما يقول الأطباء القدامى).

في الليل يتغير المستشفى. تصبح الممرات أطول، والأصوات أخفض، والأضواء أكثر شحوباً. يتكلم الناس همساً، ويسمع المرء صوت الآلات كأنها تتنفس مع المرضى. تعرف الممرضة كل آلة من صوتها، كما تعرف الأم أصوات أطفالها.

وفي الساعة الثالثة صباحاً يأتي أصعب وقت. يستيقظ بعض المرضى خائفين، ويطلبون ماءً أو دواءً أو مجرد كلمة. تجلس الممرضة إلى جانب سرير رجل عجوز، وتسمع منه قصة قريته البعيدة، والبحر الذي كان يصطاد فيه، والمراكب التي لم تعد موجودة.

عندما يطلع الفجر تأتي الممرضات الأخريات. تتبادل معهن بضع كلمات، وتسلمهن الأوراق والتعليمات، ثم تخرج إلى الشارع. المدينة ما زالت هادئة، والمقاهي لم تفتح بعد، والعصافير وحدها تغني فوق الأشجار.

تعود إلى بيتها متعبة، لكنها راضية. تعرف أن الليلة القادمة ستكون مثل هذه الليلة، وأن المرضى سينتظرونها، وأن عملها، مهما كان صعباً، هو أجمل عمل في الدنيا.`

const hebrewEssay = `העיר ישנה כשהאחות יצאה מבית החולים. היא הלכה ברחובות השקטים וחשבה על החולים שהשאירה מאחוריה. "מחר יום חדש", אמרה לעצמה. הירח עמד מעל הבתים, והאוויר היה קר.

בשנת 2021 היא עבדה שלושים לילות ברציפות, וקראה ספר על Florence Nightingale בהפסקות הקצרות.`

const englishEssay = `The city was asleep when the nurse left the hospital. She walked through the quiet streets and thought of the patients she had left behind. "Tomorrow is another day," she told herself, and she said it once more in Arabic, [غداً يوم جديد]{lang=ar}, as her mother used to.`

// TestRightToLeftBook builds the Arabic book: its EPUB turns right to left and says each page's
// direction and language, clean under EPUBCheck 5, 4 and Ace; its PDF draws every character
// (the Arabic and Hebrew faces embedded), reads back as the words that went in, in order, and
// sets Arabic paragraphs flush with the right edge of a text block whose gutter is on the
// right of a recto.
func TestRightToLeftBook(t *testing.T) {
	t.Parallel()
	p := edittest.WriteProject(t, map[string]string{
		"anthology.yaml": "title: ليالي المدينة\nlanguage: ar\neditors: [ed]\ncontributors:\n" +
			"  - {id: ed, name: سلمى حداد, bio: تعمل محررة في بيروت.}\n  - {id: au, name: ليلى منصور, bio: ممرضة وكاتبة.}\n" +
			"  - {id: he, name: נועה לוי, bio: כותבת מחיפה.}\n  - {id: en, name: Ruth Baker, bio: She writes in Leeds.}\n" +
			"contents:\n  - part: الليل\n    essays: [layl, laila, night]\nprint: {drop_caps: true}\n",
		"essays/layl.md":  "---\ntitle: الممرضة في الليل\nauthors: [au]\nsource: مجلة المدينة، 2020\n---\n\n" + arabicEssay + "\n",
		"essays/laila.md": "---\ntitle: לילה בבית החולים\nauthors: [he]\nlanguage: he\nsource: כתב העת העיר, 2021\n---\n\n" + hebrewEssay + "\n",
		"essays/night.md": "---\ntitle: The Night Shift\nauthors: [en]\nlanguage: en\nsource: The Leeds Review, 2019\n---\n\n" + englishEssay + "\n",
	})
	out := t.TempDir()
	res, err := export.Build(context.Background(), p, export.Options{OutDir: out, Formats: []export.Format{export.EPUB, export.PDF, export.Cover}})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "no font (bundled") {
			t.Errorf("a character is missing from the print edition: %s", w.Msg)
		}
	}
	epubFile, pdfFile := builtFiles(res)
	data, err := os.ReadFile(epubFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ file, want string }{
		{"EPUB/package.opf", `page-progression-direction="rtl"`},
		{"EPUB/package.opf", `xml:lang="ar" dir="rtl"`},
		{"EPUB/text/essay-layl.xhtml", `lang="ar" xml:lang="ar" dir="rtl"`},
		{"EPUB/text/essay-laila.xhtml", `lang="he" xml:lang="he" dir="rtl"`},
		{"EPUB/text/essay-night.xhtml", `lang="en" xml:lang="en" dir="ltr"`},
		{"EPUB/text/essay-night.xhtml", `<span xml:lang="ar" lang="ar" dir="rtl">غداً يوم جديد</span>`},
		{"EPUB/text/nav.xhtml", "المحتويات"},
		{"EPUB/text/contributors.xhtml", "<h1 id=\"contributors-title\">المساهمون</h1>"},
		{"EPUB/text/contributors.xhtml", "في هذا الكتاب: "},
		{"EPUB/text/credits.xhtml", "المصادر"},
		{"EPUB/text/part-1.xhtml", "الجزء الأول"},
	} {
		if page := string(readZip(t, data, c.file)); !strings.Contains(page, c.want) {
			t.Errorf("%s lacks %q", c.file, c.want)
		}
	}
	allValidatorsClean(t, epubFile)

	fonts, err := qa.Tool(t, "pdffonts", pdfFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, face := range []string{"NotoNaskhArabic-Regular", "NotoSerifHebrew-Regular", "CharisSIL"} {
		if !strings.Contains(fonts, "+"+face) {
			t.Errorf("pdffonts lists no %s subset:\n%s", face, fonts)
		}
	}
	// Every word of every essay, in order, in the PDF's text as pdftotext reads it (it puts
	// right-to-left lines back in reading order), compared letter by letter: poppler reads a
	// combining mark before the letter it is drawn over, puts a space between a word and a
	// full stop in another face, and splits small capitals.
	txt, err := qa.Tool(t, "pdftotext", "-enc", "UTF-8", pdfFile, "-")
	if err != nil {
		t.Fatal(err)
	}
	got := squashed(comparable(txt))
	for name, essay := range map[string]string{"Arabic": arabicEssay, "Hebrew": hebrewEssay, "English": strings.ReplaceAll(englishEssay, "{lang=ar}", "")} {
		at := 0
		for _, w := range strings.Fields(comparable(essay)) {
			w = strings.ReplaceAll(w, " ", "")
			i := strings.Index(got[at:], w)
			if i < 0 {
				t.Errorf("%s essay: the PDF lacks %q after offset %d", name, w, at)
				break
			}
			at += i + len(w)
		}
	}

	// The Hebrew essay and the English one are marked with their languages in the PDF; the
	// Arabic, the book's own, is not.
	if got := markedLanguages(t, pdfFile); !slices.Equal(got, []string{"en", "he"}) {
		t.Errorf("the PDF marks text in %v, want [en he]", got)
	}

	// The wraparound cover's back: its words, the Arabic and Hebrew names, each drawn in a
	// face that has it and read back as its letters. (The front is a picture.)
	coverTxt, err := qa.Tool(t, "pdftotext", "-enc", "UTF-8", coverFile(res), "-")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"بأقلام", "נועה לוי", "سلمى حداد"} {
		if !strings.Contains(squashed(comparable(coverTxt)), squashed(comparable(want))) {
			t.Errorf("the cover lacks %q:\n%s", want, coverTxt)
		}
	}

	// The Arabic essay's lines end flush with the right edge of the text block, and the block
	// of a right-hand page is the verso's mirror: gutter on the right of a recto.
	g := res.Book.Geometry
	if !g.RTL || g.Left(true) != g.Outer {
		t.Fatalf("the book's geometry is not right to left: %+v", g)
	}
	flush, indented, lines := 0, 0, 0
	for _, pg := range res.Book.Pages {
		if pg.Section == nil || pg.Section.ID != "essay-layl" {
			continue
		}
		right := map[float64]float64{} // baseline → the line's right end
		for _, tx := range pg.Texts {
			if tx.Size() != g.Body || tx.Y < g.Top || tx.Y > g.LastBaseline()+1 {
				continue
			}
			right[tx.Y] = math.Max(right[tx.Y], tx.X+tx.Face().Width(tx.Text)*tx.Size())
		}
		edge := g.Left(pg.Recto) + g.Measure()
		for _, r := range right {
			lines++
			switch {
			case math.Abs(r-edge) < 0.6:
				flush++
			case math.Abs(r-(edge-1.2*g.Body)) < 0.6: // a paragraph's indent, on the right
				indented++
			default:
				t.Logf("page %s: a line ends at %.1f, the text block at %.1f", pg.Label, r, edge)
			}
		}
	}
	// Five paragraphs after the first are indented; one line more is the centred byline.
	if lines < 20 || indented != 5 || flush+indented < lines-1 {
		t.Errorf("of the Arabic essay's %d lines at the body size, %d end at the text block's right edge and %d an indent before it", lines, flush, indented)
	}
	t.Logf("%d pages; of %d Arabic lines, %d flush right, %d indented from the right", len(res.Book.Pages), lines, flush, indented)
}

// comparable is text as the PDF comparison reads it: compatibility forms as their letters
// (NFKC), in lower case, letters and digits only, one space between words. The words of the
// book are then found in it with its spaces taken out (squashed).
func comparable(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r), unicode.IsDigit(r):
			return r
		case unicode.IsSpace(r):
			return ' '
		}
		return -1
	}, s)), " ")
}

// markedLanguages lists the languages a PDF's pages mark text with (/Span <</Lang (xx)>>
// BDC), each once, sorted, read from the page streams qpdf uncompresses.
func markedLanguages(t *testing.T, pdfFile string) []string {
	t.Helper()
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	if _, err := qa.Tool(t, "qpdf", "--qdf", "--object-streams=disable", pdfFile, qdf); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, m := range regexp.MustCompile(`/Span <</Lang \(([A-Za-z0-9-]+)\)>> BDC`).FindAllSubmatch(data, -1) {
		if l := string(m[1]); !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	slices.Sort(langs)
	return langs
}

func squashed(s string) string { return strings.ReplaceAll(s, " ", "") }
