package layout

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology/markdown"
)

// Words are the words a book prints of its own — the furniture's titles and labels, the
// credit lines, the copyright notices — in the book's language. They are decided here, once,
// for the Edition; the back-ends only draw them. A project may override any of them in
// anthology.yaml ("words: {contents: Table}"), by the yaml names below.
type Words struct {
	Contents     string `yaml:"contents"`
	Dedication   string `yaml:"dedication"`
	Copyright    string `yaml:"copyright"`
	Introduction string `yaml:"introduction"`
	Contributors string `yaml:"contributors"`
	Credits      string `yaml:"credits"`
	Notes        string `yaml:"notes"`
	EditedBy     string `yaml:"edited_by"`      // "Edited by" over the editors' names
	TranslatedBy string `yaml:"translated_by"`  // "Translated by" before the translators' names
	InThisBook   string `yaml:"in_this_book"`   // before a contributor's pieces on the Contributors page
	WithEssaysBy string `yaml:"with_essays_by"` // over the authors' names on the back cover
	Page         string `yaml:"page"`           // "p." before a page number
	And          string `yaml:"and"`            // between the last two names of a list
	// AndJoined is set where "and" is a prefix of the next word (Arabic و, Hebrew ו): it stands
	// between the last two names as it is, without spaces around it.
	AndJoined string `yaml:"-"`
	// Comma separates the names of a list ("," in most languages, the Arabic comma "،").
	Comma string `yaml:"-"`
	By    string `yaml:"by"` // "“Title” by Author"
	// Quotes are the language's quotation marks: opening and closing, then the nested pair
	// (“ ” ‘ ’; « » “ ” with the thin no-break spaces French sets inside; „ “ ‚ ‘).
	Quotes [4]string `yaml:"-"`
	// Part is a part's label with %s for its number word ("Part %s"), or with the ordinal
	// first ("%s partie"); PartNumbers are the number words from one.
	Part        string   `yaml:"part"`
	PartNumbers []string `yaml:"-"`
	// LabelSep stands between a label and a title ("Part One: Night"; French spaces it).
	LabelSep string `yaml:"label_separator"`
	// Credit lines.
	FirstPublishedIn   string `yaml:"first_published_in"`   // ", first published in "
	PublishedHereFirst string `yaml:"published_here_first"` // " is published here for the first time."
	ReprintedBy        string `yaml:"reprinted_by"`         // "Reprinted by permission of"
	PublicDomainText   string `yaml:"public_domain_text"`   // "The text is in the public domain."
	NoticePublicDomain string `yaml:"notice_public_domain"` // the copyright page, all texts public domain
	NoticeMixed        string `yaml:"notice_mixed"`         // some public domain, some not
	NoticeCopyright    string `yaml:"notice_copyright"`     // every text in copyright
	FirstPublishedBy   string `yaml:"first_published_by"`   // "First published %s by %s." (year, publisher)
	PublishedBy        string `yaml:"published_by"`         // "Published by %s."
	SetIn              string `yaml:"set_in"`               // "Set in %s by Anthology."
	CoverOf            string `yaml:"cover_of"`             // "Cover of %s" (the cover image's description)
	Cover              string `yaml:"cover"`                // the cover in the EPUB's landmarks
	StartOfText        string `yaml:"start_of_text"`        // the landmark of the first essay
	Landmarks          string `yaml:"landmarks"`            // the EPUB's landmarks list
	PageList           string `yaml:"page_list"`            // the EPUB's list of print pages
	BackToReference    string `yaml:"back_to_reference"`    // "Back to reference %d"
	EditorsHeadnote    string `yaml:"editors_headnote"`     // the headnote's label for screen readers
	ISBNPaperback      string `yaml:"isbn_paperback"`       // "(paperback)"
	ISBNEbook          string `yaml:"isbn_ebook"`           // "(ebook)"
}

// english are the words of a book in English, and what every other language falls back to.
var english = Words{
	Contents: "Contents", Dedication: "Dedication", Copyright: "Copyright", Introduction: "Introduction",
	Contributors: "Contributors", Credits: "Credits", Notes: "Notes", EditedBy: "Edited by",
	TranslatedBy: "Translated by", InThisBook: "In this book", WithEssaysBy: "With essays by", Page: "p.", And: "and", By: "by", LabelSep: ": ", Comma: ",",
	Part: "Part %s", PartNumbers: strings.Fields("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve " +
		"Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen Twenty"),
	FirstPublishedIn:   ", first published in ",
	PublishedHereFirst: " is published here for the first time.",
	ReprintedBy:        "Reprinted by permission of",
	PublicDomainText:   "The text is in the public domain.",
	NoticePublicDomain: "The texts of the essays are in the public domain. The Credits at the end of this book list where each first appeared.",
	NoticeMixed:        "Each essay not in the public domain remains the copyright of its author or of the holder the Credits name. The Credits at the end of this book list where each first appeared; they form part of this copyright page.",
	NoticeCopyright:    "Each essay remains the copyright of its author. The Credits at the end of this book list where each first appeared; they form part of this copyright page.",
	FirstPublishedBy:   "First published %s by %s.", PublishedBy: "Published by %s.", SetIn: "Set in %s by Anthology.",
	CoverOf: "Cover of %s", Cover: "Cover", StartOfText: "Start of the book", Landmarks: "Landmarks",
	PageList: "Page list", BackToReference: "Back to reference %d", EditorsHeadnote: "Editor’s headnote",
	ISBNPaperback: "(paperback)", ISBNEbook: "(ebook)",
}

// bookWords are the words of the languages books are made in, beyond English. What a table
// leaves empty is English.
var bookWords = map[string]Words{
	"fr": {WithEssaysBy: "Avec des textes de", Contents: "Table des matières", Dedication: "Dédicace", Copyright: "Droits", Introduction: "Introduction",
		Contributors: "Les auteurs", Credits: "Sources", Notes: "Notes", EditedBy: "Textes réunis par",
		TranslatedBy: "Traduit par", InThisBook: "Dans ce livre", Page: "p.", And: "et", By: "de", LabelSep: "\u00a0: ",
		Part: "%s partie", PartNumbers: strings.Fields("Première Deuxième Troisième Quatrième Cinquième Sixième Septième Huitième Neuvième Dixième"),
		FirstPublishedIn: ", paru d’abord dans ", PublishedHereFirst: " paraît ici pour la première fois.",
		ReprintedBy: "Reproduit avec l’autorisation de", PublicDomainText: "Le texte est dans le domaine public.",
		NoticePublicDomain: "Les textes de ce recueil sont dans le domaine public. Les Sources, en fin de volume, indiquent où chacun a paru d’abord.",
		NoticeMixed:        "Chaque texte qui n’est pas dans le domaine public reste la propriété de son auteur ou de l’ayant droit que nomment les Sources. Les Sources, en fin de volume, indiquent où chacun a paru d’abord ; elles font partie de cette page.",
		NoticeCopyright:    "Chaque texte reste la propriété de son auteur. Les Sources, en fin de volume, indiquent où chacun a paru d’abord ; elles font partie de cette page.",
		FirstPublishedBy:   "Première publication en %s par %s.", PublishedBy: "Publié par %s.", SetIn: "Composé en %s par Anthology.",
		CoverOf: "Couverture de %s", Cover: "Couverture", StartOfText: "Début du livre", Landmarks: "Repères",
		PageList: "Liste des pages", BackToReference: "Retour à l’appel de note %d", EditorsHeadnote: "Note de l’éditeur",
		ISBNPaperback: "(broché)", ISBNEbook: "(livre numérique)"},
	"de": {WithEssaysBy: "Mit Beiträgen von", Contents: "Inhalt", Dedication: "Widmung", Copyright: "Impressum", Introduction: "Einleitung",
		Contributors: "Die Autorinnen und Autoren", Credits: "Quellen", Notes: "Anmerkungen", EditedBy: "Herausgegeben von",
		TranslatedBy: "Übersetzt von", InThisBook: "In diesem Buch", Page: "S.", And: "und", By: "von",
		Part: "%s Teil", PartNumbers: strings.Fields("Erster Zweiter Dritter Vierter Fünfter Sechster Siebter Achter Neunter Zehnter"),
		FirstPublishedIn: ", zuerst erschienen in ", PublishedHereFirst: " erscheint hier zum ersten Mal.",
		ReprintedBy: "Abdruck mit freundlicher Genehmigung von", PublicDomainText: "Der Text ist gemeinfrei.",
		NoticePublicDomain: "Die Texte dieses Bandes sind gemeinfrei. Die Quellen am Ende des Buches nennen, wo jeder zuerst erschien.",
		NoticeMixed:        "Jeder nicht gemeinfreie Text bleibt im Besitz seines Autors oder der in den Quellen genannten Rechteinhaber. Die Quellen am Ende des Buches nennen, wo jeder zuerst erschien; sie sind Teil dieses Impressums.",
		NoticeCopyright:    "Alle Rechte an den Texten liegen bei ihren Autoren. Die Quellen am Ende des Buches nennen, wo jeder zuerst erschien; sie sind Teil dieses Impressums.",
		FirstPublishedBy:   "Erstausgabe %s bei %s.", PublishedBy: "Erschienen bei %s.", SetIn: "Gesetzt aus der %s mit Anthology.",
		CoverOf: "Umschlag von %s", Cover: "Umschlag", StartOfText: "Beginn des Buches", Landmarks: "Orientierungspunkte",
		PageList: "Seitenliste", BackToReference: "Zurück zum Verweis %d", EditorsHeadnote: "Vorbemerkung des Herausgebers",
		ISBNPaperback: "(Paperback)", ISBNEbook: "(E-Book)"},
	"es": {WithEssaysBy: "Con textos de", Contents: "Índice", Dedication: "Dedicatoria", Copyright: "Créditos", Introduction: "Introducción",
		Contributors: "Los autores", Credits: "Procedencia de los textos", Notes: "Notas", EditedBy: "Edición de",
		TranslatedBy: "Traducción de", InThisBook: "En este libro", Page: "p.", And: "y", By: "de",
		Part: "%s parte", PartNumbers: strings.Fields("Primera Segunda Tercera Cuarta Quinta Sexta Séptima Octava Novena Décima"),
		FirstPublishedIn: ", publicado por primera vez en ", PublishedHereFirst: " se publica aquí por primera vez.",
		ReprintedBy: "Reproducido con permiso de", PublicDomainText: "El texto es de dominio público.",
		NoticePublicDomain: "Los textos de este libro son de dominio público. La procedencia de los textos, al final del libro, indica dónde apareció cada uno.",
		NoticeMixed:        "Cada texto que no es de dominio público sigue siendo propiedad de su autor o del titular que se indica al final del libro, donde consta dónde apareció cada uno; esa nota forma parte de esta página.",
		NoticeCopyright:    "Cada texto sigue siendo propiedad de su autor. La procedencia de los textos, al final del libro, indica dónde apareció cada uno y forma parte de esta página.",
		FirstPublishedBy:   "Primera edición: %s, %s.", PublishedBy: "Publicado por %s.", SetIn: "Compuesto en %s con Anthology.",
		CoverOf: "Cubierta de %s", Cover: "Cubierta", StartOfText: "Comienzo del libro", Landmarks: "Puntos de referencia",
		PageList: "Lista de páginas", BackToReference: "Volver a la llamada %d", EditorsHeadnote: "Nota del editor",
		ISBNPaperback: "(rústica)", ISBNEbook: "(libro electrónico)"},
	"it": {WithEssaysBy: "Con testi di", Contents: "Indice", Dedication: "Dedica", Copyright: "Copyright", Introduction: "Introduzione",
		Contributors: "Gli autori", Credits: "Fonti", Notes: "Note", EditedBy: "A cura di",
		TranslatedBy: "Traduzione di", InThisBook: "In questo libro", Page: "p.", And: "e", By: "di",
		Part: "%s parte", PartNumbers: strings.Fields("Prima Seconda Terza Quarta Quinta Sesta Settima Ottava Nona Decima"),
		FirstPublishedIn: ", apparso per la prima volta in ", PublishedHereFirst: " appare qui per la prima volta.",
		ReprintedBy: "Riprodotto per gentile concessione di", PublicDomainText: "Il testo è di pubblico dominio.",
		NoticePublicDomain: "I testi di questo libro sono di pubblico dominio. Le Fonti, in fondo al volume, indicano dove ciascuno è apparso.",
		NoticeMixed:        "Ogni testo non di pubblico dominio resta di proprietà del suo autore o dell’avente diritto indicato nelle Fonti. Le Fonti, in fondo al volume, indicano dove ciascuno è apparso e fanno parte di questa pagina.",
		NoticeCopyright:    "Ogni testo resta di proprietà del suo autore. Le Fonti, in fondo al volume, indicano dove ciascuno è apparso e fanno parte di questa pagina.",
		FirstPublishedBy:   "Prima edizione %s, %s.", PublishedBy: "Pubblicato da %s.", SetIn: "Composto in %s con Anthology.",
		CoverOf: "Copertina di %s", Cover: "Copertina", StartOfText: "Inizio del libro", Landmarks: "Punti di riferimento",
		PageList: "Elenco delle pagine", BackToReference: "Torna al richiamo %d", EditorsHeadnote: "Nota del curatore",
		ISBNPaperback: "(brossura)", ISBNEbook: "(ebook)"},
	"pt": {WithEssaysBy: "Com textos de", Contents: "Sumário", Dedication: "Dedicatória", Copyright: "Direitos", Introduction: "Introdução",
		Contributors: "Os autores", Credits: "Fontes", Notes: "Notas", EditedBy: "Organização de",
		TranslatedBy: "Tradução de", InThisBook: "Neste livro", Page: "p.", And: "e", By: "de",
		Part: "%s parte", PartNumbers: strings.Fields("Primeira Segunda Terceira Quarta Quinta Sexta Sétima Oitava Nona Décima"),
		FirstPublishedIn: ", publicado pela primeira vez em ", PublishedHereFirst: " é publicado aqui pela primeira vez.",
		ReprintedBy: "Reproduzido com autorização de", PublicDomainText: "O texto está em domínio público.",
		NoticePublicDomain: "Os textos deste livro estão em domínio público. As Fontes, no fim do livro, indicam onde cada um apareceu.",
		NoticeMixed:        "Cada texto que não está em domínio público continua a pertencer ao seu autor ou ao titular indicado nas Fontes, no fim do livro, que indicam onde cada um apareceu e fazem parte desta página.",
		NoticeCopyright:    "Cada texto continua a pertencer ao seu autor. As Fontes, no fim do livro, indicam onde cada um apareceu e fazem parte desta página.",
		FirstPublishedBy:   "Primeira edição %s, %s.", PublishedBy: "Publicado por %s.", SetIn: "Composto em %s com Anthology.",
		CoverOf: "Capa de %s", Cover: "Capa", StartOfText: "Início do livro", Landmarks: "Marcos",
		PageList: "Lista de páginas", BackToReference: "Voltar à chamada %d", EditorsHeadnote: "Nota do editor",
		ISBNPaperback: "(brochura)", ISBNEbook: "(e-book)"},
	"nl": {WithEssaysBy: "Met bijdragen van", Contents: "Inhoud", Dedication: "Opdracht", Copyright: "Colofon", Introduction: "Inleiding",
		Contributors: "De auteurs", Credits: "Verantwoording", Notes: "Noten", EditedBy: "Samengesteld door",
		TranslatedBy: "Vertaald door", InThisBook: "In dit boek", Page: "p.", And: "en", By: "door",
		Part: "Deel %s", PartNumbers: strings.Fields("een twee drie vier vijf zes zeven acht negen tien"),
		FirstPublishedIn: ", eerder verschenen in ", PublishedHereFirst: " verschijnt hier voor het eerst.",
		ReprintedBy: "Overgenomen met toestemming van", PublicDomainText: "De tekst is vrij van rechten.",
		NoticePublicDomain: "De teksten in dit boek zijn vrij van rechten. De verantwoording achterin vermeldt waar elke tekst eerder verscheen.",
		NoticeMixed:        "Elke tekst die niet vrij van rechten is, blijft eigendom van de auteur of van de rechthebbende die de verantwoording noemt. De verantwoording achterin vermeldt waar elke tekst eerder verscheen en hoort bij dit colofon.",
		NoticeCopyright:    "Het auteursrecht op elke tekst blijft bij de auteur. De verantwoording achterin vermeldt waar elke tekst eerder verscheen en hoort bij dit colofon.",
		FirstPublishedBy:   "Eerste druk %s, %s.", PublishedBy: "Uitgegeven door %s.", SetIn: "Gezet uit de %s met Anthology.",
		CoverOf: "Omslag van %s", Cover: "Omslag", StartOfText: "Begin van het boek", Landmarks: "Oriëntatiepunten",
		PageList: "Paginalijst", BackToReference: "Terug naar verwijzing %d", EditorsHeadnote: "Noot van de samensteller",
		ISBNPaperback: "(paperback)", ISBNEbook: "(e-book)"},
	"sv": {WithEssaysBy: "Med texter av", Contents: "Innehåll", Dedication: "Tillägnan", Copyright: "Upphovsrätt", Introduction: "Inledning",
		Contributors: "Författarna", Credits: "Källor", Notes: "Noter", EditedBy: "Redigerad av",
		TranslatedBy: "Översättning", InThisBook: "I denna bok", Page: "s.", And: "och", By: "av",
		Part: "Del %s", PartNumbers: strings.Fields("ett två tre fyra fem sex sju åtta nio tio"),
		FirstPublishedIn: ", först publicerad i ", PublishedHereFirst: " publiceras här för första gången.",
		ReprintedBy: "Återgiven med tillstånd av", PublicDomainText: "Texten är fri från upphovsrätt.",
		NoticePublicDomain: "Texterna i denna bok är fria från upphovsrätt. Källorna i slutet av boken anger var var och en först publicerades.",
		NoticeMixed:        "Varje text som inte är fri från upphovsrätt tillhör sin författare eller den rättighetsinnehavare som källorna anger. Källorna i slutet av boken anger var varje text först publicerades och hör till denna sida.",
		NoticeCopyright:    "Upphovsrätten till varje text tillhör dess författare. Källorna i slutet av boken anger var varje text först publicerades och hör till denna sida.",
		FirstPublishedBy:   "Första utgåva %s, %s.", PublishedBy: "Utgiven av %s.", SetIn: "Satt med %s av Anthology.",
		CoverOf: "Omslag till %s", Cover: "Omslag", StartOfText: "Bokens början", Landmarks: "Landmärken",
		PageList: "Sidlista", BackToReference: "Tillbaka till hänvisning %d", EditorsHeadnote: "Redaktörens förord",
		ISBNPaperback: "(häftad)", ISBNEbook: "(e-bok)"},
	"pl": {WithEssaysBy: "Teksty", Contents: "Spis treści", Dedication: "Dedykacja", Copyright: "Prawa autorskie", Introduction: "Wstęp",
		Contributors: "Autorzy", Credits: "Źródła", Notes: "Przypisy", EditedBy: "Wybór i redakcja",
		TranslatedBy: "Przełożył(a)", InThisBook: "W tej książce", Page: "s.", And: "i", By: "—",
		Part: "Część %s", PartNumbers: strings.Fields("pierwsza druga trzecia czwarta piąta szósta siódma ósma dziewiąta dziesiąta"),
		FirstPublishedIn: ", pierwodruk: ", PublishedHereFirst: " ukazuje się tu po raz pierwszy.",
		ReprintedBy: "Przedruk za zgodą", PublicDomainText: "Tekst należy do domeny publicznej.",
		NoticePublicDomain: "Teksty w tej książce należą do domeny publicznej. Źródła na końcu książki podają, gdzie każdy z nich ukazał się po raz pierwszy.",
		NoticeMixed:        "Prawa do każdego tekstu spoza domeny publicznej należą do autora lub do właściciela wskazanego w Źródłach na końcu książki, które podają też pierwodruki i są częścią tej strony.",
		NoticeCopyright:    "Prawa do każdego tekstu należą do jego autora. Źródła na końcu książki podają pierwodruki i są częścią tej strony.",
		FirstPublishedBy:   "Wydanie pierwsze, %s, %s.", PublishedBy: "Wydawca: %s.", SetIn: "Złożono krojem %s w programie Anthology.",
		CoverOf: "Okładka książki %s", Cover: "Okładka", StartOfText: "Początek książki", Landmarks: "Punkty orientacyjne",
		PageList: "Lista stron", BackToReference: "Powrót do odsyłacza %d", EditorsHeadnote: "Nota redakcyjna",
		ISBNPaperback: "(wydanie broszurowe)", ISBNEbook: "(e-book)"},
}

// The right-to-left languages: Arabic and Hebrew.
func init() {
	bookWords["ar"] = Words{WithEssaysBy: "بأقلام", Contents: "المحتويات", Dedication: "إهداء", Copyright: "حقوق النشر", Introduction: "مقدمة",
		Contributors: "المساهمون", Credits: "المصادر", Notes: "الحواشي", EditedBy: "تحرير",
		TranslatedBy: "ترجمة", InThisBook: "في هذا الكتاب", Page: "ص.", And: "و", AndJoined: " و", Comma: "،", By: "بقلم",
		Part: "الجزء %s", PartNumbers: strings.Fields("الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر"),
		FirstPublishedIn: "، نُشر أولاً في ", PublishedHereFirst: " يُنشر هنا للمرة الأولى.",
		ReprintedBy: "أعيد نشره بإذن من", PublicDomainText: "النص في الملك العام.",
		NoticePublicDomain: "نصوص هذا الكتاب في الملك العام. تذكر المصادر في آخر الكتاب أين نُشر كل منها أولاً.",
		NoticeMixed:        "يبقى كل نص ليس في الملك العام ملكاً لمؤلفه أو لصاحب الحق الذي تذكره المصادر. تذكر المصادر في آخر الكتاب أين نُشر كل نص أولاً، وهي جزء من صفحة الحقوق هذه.",
		NoticeCopyright:    "يبقى كل نص ملكاً لمؤلفه. تذكر المصادر في آخر الكتاب أين نُشر كل نص أولاً، وهي جزء من صفحة الحقوق هذه.",
		FirstPublishedBy:   "نُشر أولاً عام %s لدى %s.", PublishedBy: "الناشر: %s.", SetIn: "جُمع بخط %s في برنامج Anthology.",
		CoverOf: "غلاف كتاب %s", Cover: "الغلاف", StartOfText: "بداية الكتاب", Landmarks: "معالم الكتاب",
		PageList: "قائمة الصفحات", BackToReference: "العودة إلى الإحالة %d", EditorsHeadnote: "تقديم المحرر",
		ISBNPaperback: "(غلاف ورقي)", ISBNEbook: "(كتاب إلكتروني)"}
	bookWords["he"] = Words{WithEssaysBy: "כותבים", Contents: "תוכן העניינים", Dedication: "הקדשה", Copyright: "זכויות יוצרים", Introduction: "מבוא",
		Contributors: "הכותבים", Credits: "מקורות", Notes: "הערות", EditedBy: "בעריכת",
		TranslatedBy: "תרגום", InThisBook: "בספר זה", Page: "עמ׳", And: "ו", AndJoined: " ו", By: "מאת",
		Part: "חלק %s", PartNumbers: strings.Fields("ראשון שני שלישי רביעי חמישי שישי שביעי שמיני תשיעי עשירי"),
		FirstPublishedIn: ", פורסם לראשונה ב־", PublishedHereFirst: " מתפרסם כאן לראשונה.",
		ReprintedBy: "מודפס ברשות", PublicDomainText: "הטקסט נמצא בנחלת הכלל.",
		NoticePublicDomain: "הטקסטים בספר זה נמצאים בנחלת הכלל. רשימת המקורות בסוף הספר מציינת היכן פורסם כל אחד מהם לראשונה.",
		NoticeMixed:        "כל טקסט שאינו בנחלת הכלל נשאר בבעלות מחברו או בעל הזכויות הנזכר במקורות. רשימת המקורות בסוף הספר מציינת היכן פורסם כל טקסט לראשונה, והיא חלק מעמוד זכויות זה.",
		NoticeCopyright:    "כל טקסט נשאר בבעלות מחברו. רשימת המקורות בסוף הספר מציינת היכן פורסם כל טקסט לראשונה, והיא חלק מעמוד זכויות זה.",
		FirstPublishedBy:   "פורסם לראשונה ב־%s בהוצאת %s.", PublishedBy: "בהוצאת %s.", SetIn: "סודר באות %s בתוכנת Anthology.",
		CoverOf: "עטיפת הספר %s", Cover: "עטיפה", StartOfText: "תחילת הספר", Landmarks: "ציוני דרך",
		PageList: "רשימת עמודים", BackToReference: "חזרה להפניה %d", EditorsHeadnote: "הקדמת העורך",
		ISBNPaperback: "(כריכה רכה)", ISBNEbook: "(ספר אלקטרוני)"}
}

// WordsFor returns the words of a book in a language (a BCP 47 tag), English where the
// language has none, with the project's overrides (yaml names as keys) on top. Unknown keys
// are reported.
func WordsFor(lang string, overrides map[string]string) (Words, []string) {
	w := english
	tag := strings.ToLower(lang)
	if i := strings.IndexByte(tag, '-'); i > 0 {
		tag = tag[:i]
	}
	if local, ok := bookWords[tag]; ok {
		merge(&w, local)
	}
	w.Quotes = markdown.Quotes(lang) // one table of quotation marks, the smart typography's
	var unknown []string
	if _, ok := overrides["and"]; ok {
		w.AndJoined = "" // the project's own "and" stands between spaces
	}
	if len(overrides) > 0 {
		v := reflect.ValueOf(&w).Elem()
		t := v.Type()
		for key, value := range overrides {
			found := false
			for i := 0; i < t.NumField(); i++ {
				if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name == key && t.Field(i).Type.Kind() == reflect.String {
					v.Field(i).SetString(value)
					found = true
				}
			}
			if !found {
				unknown = append(unknown, key)
			}
		}
	}
	return w, unknown
}

// merge copies the fields a language sets over the English ones.
func merge(dst *Words, src Words) {
	dv, sv := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src)
	for i := 0; i < sv.NumField(); i++ {
		f := sv.Field(i)
		if !f.IsZero() {
			dv.Field(i).Set(f)
		}
	}
}

// PartLabel is the label of part n: "Part One", "Première partie", "Erster Teil"; past the
// number words, the digits ("Part 21").
func (w Words) PartLabel(n int) string {
	word := strconv.Itoa(n)
	if n >= 1 && n <= len(w.PartNumbers) {
		word = w.PartNumbers[n-1]
	}
	return fmt.Sprintf(w.Part, word)
}

// Join joins names as the language lists them: "A", "A and B", "A, B and C".
func (w Words) Join(names []string) string {
	var b strings.Builder
	for i, n := range names {
		b.WriteString(w.ListSeparator(i, len(names)))
		b.WriteString(n)
	}
	return b.String()
}

// ListSeparator is what stands before the i-th of n names in a list: nothing before the first,
// "and" before the last (or the language's joined "and"), a comma before the others.
func (w Words) ListSeparator(i, n int) string {
	switch {
	case i == 0:
		return ""
	case i < n-1:
		return w.Comma + " "
	case w.AndJoined != "":
		return w.AndJoined
	}
	return " " + w.And + " "
}

// Lower is s with its first letter in lower case ("Edited by" → "edited by"), for a phrase
// set inside a sentence.
func Lower(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// rtlLanguages are the languages written right to left, by primary subtag.
var rtlLanguages = map[string]bool{
	"ar": true, "he": true, "iw": true, "fa": true, "ur": true, "yi": true, "ps": true,
	"sd": true, "ug": true, "dv": true, "ckb": true, "syr": true,
}

// RightToLeft reports whether a language (a BCP 47 tag) is written right to left: Arabic,
// Hebrew, Persian, Urdu, Yiddish and the rest, or any language written in the Arabic or
// Hebrew script ("az-Arab"). Every back-end asks here: the EPUB's dir attributes and page
// progression, the typesetter's paragraphs and mirrored pages.
func RightToLeft(lang string) bool {
	parts := strings.Split(strings.ToLower(lang), "-")
	if rtlLanguages[parts[0]] {
		return true
	}
	for _, p := range parts[1:] {
		if p == "arab" || p == "hebr" || p == "syrc" || p == "thaa" {
			return true
		}
	}
	return false
}
