package export_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// languageBook is a small anthology in a language, written for the test.
type languageBook struct {
	lang, title string
	essay       string // the essay's Markdown body
	// want are strings the book must hold: in the EPUB's pages, in the PDF's text.
	epubWants, pdfWants []string
	// pdfMarks are the languages the PDF marks its quotations with.
	pdfMarks []string
}

var languageBooks = []languageBook{
	{
		lang: "fr", title: "Les Veilleurs",
		essay: `Il était tard ; la ville dormait. "Tu viens ?" demanda-t-elle, et il répondit : "Pas encore !"

Les infirmières de nuit connaissent l'hôpital mieux que personne. Elles traversent les couloirs silencieux, vérifient les perfusions, écoutent les respirations irrégulières et notent tout dans les registres que personne ne lira avant le matin. C'est un travail de patience et d'attention, une responsabilité considérable qui demande une concentration exceptionnelle et une constitution infatigable.

Au petit jour, la relève arrive ; on échange quelques mots, on transmet les consignes, et l'on rentre chez soi par les rues encore vides.`,
		epubWants: []string{"Table des matières", "Première partie", "«\u202fTu viens\u202f?\u202f»", "tard\u202f;", "répondit\u00a0:", "Textes réunis par", "Les auteurs", "Sources"},
		pdfWants:  []string{"Table des matières", "Première partie", "Textes réunis par"},
	},
	{
		lang: "de", title: "Die Nachtwache",
		essay: `Es war spät. "Kommst du?", fragte sie, und er sagte: "Noch nicht."

Die Nachtschwestern kennen das Krankenhaus besser als irgendjemand sonst. Sie gehen durch die stillen Gänge, prüfen die Infusionen, hören auf unregelmäßige Atemzüge und schreiben alles in die Dienstbücher, die vor dem Morgen niemand lesen wird. Es ist eine Arbeit der Geduld und der Aufmerksamkeit, eine Verantwortung, die außergewöhnliche Konzentration und eine unerschütterliche Widerstandsfähigkeit verlangt.

Im Morgengrauen kommt die Ablösung; man wechselt ein paar Worte, übergibt die Anweisungen und geht durch die noch leeren Straßen nach Hause.`,
		epubWants: []string{"Inhalt", "Erster Teil", "„Kommst du?“", "Herausgegeben von", "Quellen"},
		pdfWants:  []string{"Inhalt", "Erster Teil", "Herausgegeben von"},
	},
	{
		// Czech is hyphenated by the system's LibreOffice patterns (hyphen-cs; the TeX ones are
		// GPL and not bundled); its furniture words are English until someone writes them.
		lang: "cs", title: "Noční služba",
		essay: `Bylo pozdě. "Půjdeš?" zeptala se, a on odpověděl: "Ještě ne."

Noční sestry znají nemocnici lépe než kdokoli jiný. Procházejí tichými chodbami, kontrolují infuze, naslouchají nepravidelnému dýchání a všechno zapisují do knih, které nikdo nepřečte dříve než ráno. Je to práce trpělivosti a pozornosti, zodpovědnost, která vyžaduje mimořádné soustředění a neúnavnou vytrvalost, a nejzkušenější sestry ji vykonávají s klidem, který uklidňuje i ty nejustaranější pacienty.

Za svítání přichází střídání; vymění si pár slov, předají pokyny a jdou domů ještě prázdnými ulicemi.`,
		epubWants: []string{"„Půjdeš?“", "„Ještě ne.“"},
		pdfWants:  []string{"Noční sestry", "nemocnici"},
	},
	{
		lang: "en", title: "Other Tongues",
		essay: `My grandmother kept a Greek proverb over the stove, [Ἡ ἀρχὴ ἥμισυ παντός]{lang=grc}, and my grandfather answered it in Russian, [Тише едешь — дальше будешь]{lang=ru}, every morning of their marriage.

She said the beginning was half of everything; he said that the slower you go, the further you get. Between them they raised four children, a vegetable garden and a quarrel that lasted fifty years. The word she used most was [ελπίδα]{lang=el}; the word he used most was [терпение]{lang=ru}, which means patience, and which he had a great deal of.`,
		epubWants: []string{`xml:lang="grc"`, `xml:lang="ru"`, "Ἡ ἀρχὴ ἥμισυ παντός", "Тише едешь", "ελπίδα"},
		pdfWants:  []string{"ἀρχὴ", "Тише", "ελπίδα", "терпение"},
		pdfMarks:  []string{"el", "grc", "ru"},
	},
}

// TestBooksInTheirLanguages builds a French and a German anthology and an English one quoting
// Greek and Russian: their furniture in their language, their quotation marks and French
// spacing, hyphenation by their own patterns, the EPUB clean under EPUBCheck 5, 4 and Ace,
// every character in the PDF (drawn from the fallback face where the body face lacks it).
func TestBooksInTheirLanguages(t *testing.T) {
	t.Parallel() // the validators take most of the time: run them side by side
	for _, lb := range languageBooks {
		t.Run(lb.lang, func(t *testing.T) {
			p := edittest.WriteProject(t, map[string]string{
				"anthology.yaml": "title: " + lb.title + "\nlanguage: " + lb.lang + "\neditors: [ed]\ncontributors:\n  - {id: ed, name: Marie Weber, bio: Elle écrit.}\n" +
					"  - {id: au, name: Anna Roux, bio: Elle veille.}\ncontents:\n  - part: Nuit\n    essays: [nuit]\n",
				"essays/nuit.md": "---\ntitle: " + lb.title + "\nauthors: [au]\nsource: La Revue, 2020\n---\n\n" + lb.essay + "\n",
			})
			out := t.TempDir()
			res, err := export.Build(context.Background(), p, export.Options{OutDir: out})
			if err != nil {
				t.Fatal(err)
			}
			epubFile, pdfFile := builtFiles(res)
			data, err := os.ReadFile(epubFile)
			if err != nil {
				t.Fatal(err)
			}
			var pages strings.Builder
			for _, name := range []string{"EPUB/text/nav.xhtml", "EPUB/text/part-1.xhtml", "EPUB/text/essay-nuit.xhtml", "EPUB/text/titlepage.xhtml",
				"EPUB/text/contributors.xhtml", "EPUB/text/credits.xhtml"} {
				pages.Write(readZip(t, data, name))
			}
			for _, want := range lb.epubWants {
				if !strings.Contains(pages.String(), want) {
					t.Errorf("the EPUB lacks %q", want)
				}
			}
			if !strings.Contains(string(readZip(t, data, "EPUB/text/essay-nuit.xhtml")), `xml:lang="`+lb.lang+`"`) {
				t.Error("the essay's page does not say its language")
			}
			allValidatorsClean(t, epubFile)
			txt, err := qa.Tool(t, "pdftotext", "-raw", "-enc", "UTF-8", pdfFile, "-")
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range lb.pdfWants {
				if !strings.Contains(strings.ToLower(txt), strings.ToLower(want)) { // small capitals read as capitals
					t.Errorf("the PDF lacks %q", want)
				}
			}
			if got := markedLanguages(t, pdfFile); !slices.Equal(got, lb.pdfMarks) {
				t.Errorf("the PDF marks text in %v, want %v", got, lb.pdfMarks)
			}
			for _, w := range res.Warnings {
				if strings.Contains(w.Msg, "no font (bundled") {
					t.Errorf("a character is missing from the print edition: %s", w.Msg)
				}
			}
			// Every hyphen the typesetter put at a line's end is one the language's own
			// patterns allow.
			h, _ := typeset.HyphenatorFor(lb.lang)
			broken := 0
			for _, pg := range res.Book.Pages {
				for i, tx := range pg.Texts {
					if !strings.HasSuffix(tx.Text, "-") || i+1 >= len(pg.Texts) {
						continue
					}
					head := lastWord(strings.TrimSuffix(tx.Text, "-"))
					tail := firstWord(pg.Texts[i+1].Text)
					if head == "" || tail == "" || strings.Contains(tx.Text, " -") || strings.Contains(lb.essay, head+"-"+tail) {
						continue // not a hyphenation: the text's own hyphen ("demanda-t-elle")
					}
					word := head + tail
					if !slices.Contains(h.Points(word), len([]rune(head))) {
						t.Errorf("%q broken as %s-%s; the %s patterns give %s", word, head, tail, lb.lang, h.Hyphenate(word))
					}
					broken++
				}
			}
			t.Logf("%s: %d pages, %d hyphenated line ends", lb.lang, len(res.Book.Pages), broken)
		})
	}
}

func lastWord(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !isLetter(r) })
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func firstWord(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !isLetter(r) })
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && r != '\u202f' && r != '\u00a0'
}
