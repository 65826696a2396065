// Package anthology is the model of an anthology project and its files on disk: the book's
// metadata, the contributors with their bios, the contents (parts of essays) and each essay with
// its front matter and its body parsed once into the text model.
//
// A project is a folder:
//
//	my-anthology/
//	  anthology.yaml      book metadata, contributors, contents, print and EPUB settings
//	  essays/<id>.md      YAML front matter + Markdown body, one file per essay
//	  front/…md           optional introduction
//	  images/…            optional cover image
//
// Open reads a project (every problem reported with file, line and column), Save writes it back
// atomically, keeping keys and comments it does not know. Paths never leave the project folder.
package anthology

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
)

// ProjectFile is the name of the file that makes a folder a project.
const ProjectFile = "anthology.yaml"

// EssayDir is the folder, inside a project, that holds one Markdown file per essay.
const EssayDir = "essays"

// Project is an anthology as the editor keeps it: metadata, contributors, contents and essays.
type Project struct {
	// Dir is the project folder as the user named it ("" for a project held in memory only).
	Dir string

	Book         Book
	Contributors []*Contributor
	// Parts is the contents in reading order. Essays that belong to no part sit in parts with an
	// empty Title (there is at most one between two titled parts).
	Parts []*Part
	// Introduction is the editor's introduction, when the book has one.
	Introduction *Essay

	Print PrintSettings
	EPUB  EPUBSettings

	// Warnings are problems found on loading that do not stop a build.
	Warnings []*Warning

	// Fonts are the faces in the project's fonts/ folder, read on loading.
	Fonts []*FontFile

	// Problems are the settings a build would refuse, kept when the project was opened for
	// editing (OpenForEditing): the app shows them until they are fixed. Open refuses them.
	Problems Errors

	fsys   projectFS
	source *yamlDoc // anthology.yaml as read, for a save that keeps what it does not know
}

// Book is the book-level metadata of anthology.yaml.
type Book struct {
	Title    string `yaml:"title"`
	Subtitle string `yaml:"subtitle,omitempty"`
	// Editors are contributor ids; an editor has a bio like any contributor.
	Editors   []string `yaml:"editors,omitempty"`
	Language  string   `yaml:"language,omitempty"`
	Publisher string   `yaml:"publisher,omitempty"`
	// Identifiers holds ISBNs and the book's stable UUID.
	Identifiers Identifiers `yaml:"identifiers,omitempty"`
	Rights      string      `yaml:"rights,omitempty"`
	// Date is the publication date, YYYY or YYYY-MM-DD.
	Date string `yaml:"date,omitempty"`
	// Modified is when the book's text last changed (RFC 3339 or YYYY-MM-DD); builds stamp it
	// into the EPUB, so it is the editor's to set. SOURCE_DATE_EPOCH overrides it.
	Modified    string   `yaml:"modified,omitempty"`
	Description string   `yaml:"description,omitempty"`
	Subjects    []string `yaml:"subjects,omitempty"`
	Series      *Series  `yaml:"series,omitempty"`
	// Dedication is inline Markdown; a blank line separates its lines.
	Dedication string `yaml:"dedication,omitempty"`
	// Cover is the path of the cover image inside the project; a cover is generated when empty.
	Cover string `yaml:"cover,omitempty"`
	// IntroductionFile is the path of the introduction's Markdown file inside the project.
	IntroductionFile string `yaml:"introduction,omitempty"`
	// Words override the words the book prints of its own ("contents: Table"), by the names
	// layout.Words gives them; the book's language gives the rest.
	Words map[string]string `yaml:"words,omitempty"`
}

// Identifiers are the book's identifiers. An EPUB without an ISBN is identified by UUID, which is
// derived from the title and editors when not given, never random.
type Identifiers struct {
	ISBNEPUB  string `yaml:"isbn_epub,omitempty"`
	ISBNPrint string `yaml:"isbn_print,omitempty"`
	UUID      string `yaml:"uuid,omitempty"`
}

// Series places the book in a series.
type Series struct {
	Name     string `yaml:"name"`
	Position int    `yaml:"position,omitempty"`
}

// Contributor is a person who wrote, edited or introduced something in the book.
type Contributor struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// SortName orders the Contributors page ("Okafor, Ruth"); the name when empty.
	SortName string `yaml:"sort_name,omitempty"`
	// Bio is Markdown.
	Bio string `yaml:"bio,omitempty"`
}

// SortKey is the key the Contributors page sorts by.
func (c *Contributor) SortKey() string {
	if c.SortName != "" {
		return c.SortName
	}
	return c.Name
}

// Part is a titled group of essays, or an untitled run of essays outside any part.
type Part struct {
	Title string
	// Subtitle is optional, for parts that carry a line under their title.
	Subtitle string
	Essays   []*Essay
}

// Status is where an essay stands in the editorial process. It is never printed.
type Status string

// The statuses an essay moves through.
const (
	StatusDraft               Status = "draft"
	StatusEdited              Status = "edited"
	StatusPermissionRequested Status = "permission-requested"
	StatusPermissionCleared   Status = "permission-cleared"
	StatusFinal               Status = "final"
)

// Statuses lists the statuses in the order an essay moves through them.
var Statuses = []Status{StatusDraft, StatusEdited, StatusPermissionRequested, StatusPermissionCleared, StatusFinal}

// Valid reports whether s is one of Statuses (the empty status counts as draft).
func (s Status) Valid() bool { return s == "" || slices.Contains(Statuses, s) }

// Essay is one piece of the book with its front matter and body.
type Essay struct {
	// ID names the essay in the contents; its file is essays/<ID>.md.
	ID string
	// Path is the file inside the project, slash-separated.
	Path string

	Meta EssayMeta
	// Body is the Markdown source of the essay, front matter removed.
	Body string
	// Doc is Body parsed into the text model.
	Doc *text.Document
	// wordCount is the number of words of wordsOf, the Doc it was counted for.
	wordCount int
	wordsOf   *text.Document
	// BodyLine is the line of the file where Body starts, for positioned messages.
	BodyLine int

	source *yamlDoc // front matter as read
	// saved and savedBody are Meta and Body as last read or written (saved is nil when the
	// file must be written whatever it holds): a save skips essays that still match them.
	saved     *EssayMeta
	savedBody string

	// inLang caches Body read in a language with its own typography (see DocIn); a clone
	// shares it, harmlessly: an entry holds the body it was read from.
	inLang *langDoc
	// headnote caches the headnote as last read (see HeadnoteIn), the same way.
	headnote *langDoc
}

// langDoc is an essay's body as read in a language.
type langDoc struct {
	lang, body string
	doc        *text.Document
}

// docInMu guards the essays' language caches (builds run beside the editor).
var docInMu sync.Mutex

// DocIn returns the body as a language sets it: Doc itself for a language whose typography is
// English's, else Body read with that language's quotation marks and spacing — read once, and
// again only when the body or the language changes (assembly asks on every build, and the
// GUI's preview builds on every edit).
func (e *Essay) DocIn(lang string) *text.Document {
	if markdown.EnglishTypography(lang) {
		return e.Doc
	}
	docInMu.Lock()
	c := e.inLang
	docInMu.Unlock()
	if c != nil && c.lang == lang && c.body == e.Body {
		return c.doc
	}
	c = &langDoc{lang: lang, body: e.Body, doc: markdown.ParseLang([]byte(e.Body), lang)}
	docInMu.Lock()
	e.inLang = c
	docInMu.Unlock()
	return c.doc
}

// HeadnoteIn returns the headnote read in a language: read once, and again only when the
// headnote or the language changes (the checks and the book both ask for it).
func (e *Essay) HeadnoteIn(lang string) *text.Document {
	docInMu.Lock()
	c := e.headnote
	docInMu.Unlock()
	if c != nil && c.lang == lang && c.body == e.Meta.Headnote {
		return c.doc
	}
	c = &langDoc{lang: lang, body: e.Meta.Headnote, doc: markdown.ParseLang([]byte(e.Meta.Headnote), lang)}
	docInMu.Lock()
	e.headnote = c
	docInMu.Unlock()
	return c.doc
}

// Clone copies m deeply: changing the copy's lists or records leaves m as it is.
func (m EssayMeta) Clone() EssayMeta {
	m.Authors = slices.Clone(m.Authors)
	m.Translators = slices.Clone(m.Translators)
	if m.Permission != nil {
		p := *m.Permission
		m.Permission = &p
	}
	m.Queries = CloneQueries(m.Queries)
	return m
}

// Same reports whether m and o would be written alike: an empty list or record is no list
// or record.
func (m EssayMeta) Same(o EssayMeta) bool {
	norm := func(x EssayMeta) EssayMeta {
		if len(x.Authors) == 0 {
			x.Authors = nil
		}
		if len(x.Translators) == 0 {
			x.Translators = nil
		}
		if x.Permission != nil && *x.Permission == (Permission{}) {
			x.Permission = nil
		}
		if len(x.Queries) == 0 {
			x.Queries = nil
		}
		return x
	}
	return reflect.DeepEqual(norm(m), norm(o))
}

// markSaved records Meta and Body as what the essay's file holds.
func (e *Essay) markSaved() {
	m := e.Meta.Clone()
	e.saved = &m
	e.savedBody = e.Body
}

// unsaved reports whether the essay differs from its file as last read or written.
func (e *Essay) unsaved() bool {
	return e.saved == nil || !e.saved.Same(e.Meta) || e.Body != e.savedBody
}

// EssayMeta is an essay's YAML front matter.
type EssayMeta struct {
	Title    string `yaml:"title"`
	Subtitle string `yaml:"subtitle,omitempty"`
	// ShortTitle stands for the title in the running heads of the print edition, where a long
	// title would otherwise be cut short with an ellipsis.
	ShortTitle string `yaml:"short_title,omitempty"`
	// Authors are contributor ids, in byline order.
	Authors []string `yaml:"authors,omitempty"`
	// Translators are contributor ids: the byline adds "Translated by …".
	Translators []string `yaml:"translators,omitempty"`
	// Language is the essay's language (BCP 47) when it differs from the book's.
	Language string `yaml:"language,omitempty"`
	// Date is when the essay was written or first published, as the editor writes it.
	Date string `yaml:"date,omitempty"`
	// Source is where the essay first appeared ("The Harbor Review, Spring 2019").
	Source string `yaml:"source,omitempty"`
	// Original is set for a piece first published in this book: only then do the Credits say so.
	Original bool `yaml:"original,omitempty"`
	// Rights says who owns the essay: "public domain", a licence ("CC BY 4.0"), or empty for
	// the author's (or the permission's holder's) copyright. The copyright page follows it.
	Rights string `yaml:"rights,omitempty"`
	// Headnote is the editor's published note printed before the essay, in Markdown.
	Headnote string `yaml:"headnote,omitempty"`
	Status   Status `yaml:"status,omitempty"`
	// Notes are the editor's private notes. Never printed.
	Notes string `yaml:"notes,omitempty"`
	// Permission records the rights to reprint an essay that appeared elsewhere first.
	Permission *Permission `yaml:"permission,omitempty"`
	// Queries are the editorial queries and notes on passages of the text: never printed.
	Queries []Query `yaml:"queries,omitempty"`
}

// PermissionStatus is where a request to reprint stands.
type PermissionStatus string

// The states of a permission.
const (
	PermissionNeeded    PermissionStatus = "needed"
	PermissionRequested PermissionStatus = "requested"
	PermissionCleared   PermissionStatus = "cleared"
	PermissionDenied    PermissionStatus = "denied"
	PermissionNotNeeded PermissionStatus = "not-needed"
)

// PermissionStatuses lists the states in the order a request moves through them.
var PermissionStatuses = []PermissionStatus{PermissionNeeded, PermissionRequested, PermissionCleared, PermissionDenied, PermissionNotNeeded}

// Permission is the record of the rights to reprint an essay: who holds them, when they were
// asked and granted, and the fee.
type Permission struct {
	Status PermissionStatus `yaml:"status,omitempty"`
	// Holder is whoever grants the rights: the author, a publisher, an agent, an estate.
	Holder string `yaml:"holder,omitempty"`
	// Requested and Cleared are dates, YYYY-MM-DD.
	Requested string `yaml:"requested,omitempty"`
	Cleared   string `yaml:"cleared,omitempty"`
	// Fee is as the editor writes it ("$150", "none", "2 copies").
	Fee  string `yaml:"fee,omitempty"`
	Note string `yaml:"note,omitempty"`
}

// Reprinted reports whether an essay appeared elsewhere before this book.
func (e *Essay) Reprinted() bool { return strings.TrimSpace(e.Meta.Source) != "" }

// PublicDomain reports whether the essay's rights say it is in the public domain.
func (e *Essay) PublicDomain() bool {
	r := strings.ToLower(strings.TrimSpace(e.Meta.Rights))
	return r == "public domain" || r == "public-domain"
}

// PermissionState is the essay's permission status as it stands: the record's, "not-needed"
// for a piece published here first, "needed" for a reprint with no record.
func (e *Essay) PermissionState() PermissionStatus {
	if e.Meta.Permission != nil && e.Meta.Permission.Status != "" {
		return e.Meta.Permission.Status
	}
	if !e.Reprinted() || e.PublicDomain() {
		return PermissionNotNeeded
	}
	return PermissionNeeded
}

// Words is the essay's word count (body and notes).
func (e *Essay) Words() int {
	if e.wordsOf == e.Doc && e.Doc != nil {
		return e.wordCount
	}
	return text.Words(e.Doc)
}

// countWords counts the words of the essay's text once, when it is read or changed: the
// checks, the stats and the app ask for them often (2.2 million words took 0.1 s a time).
func (e *Essay) countWords() { e.wordCount, e.wordsOf = text.Words(e.Doc), e.Doc }

// PrintSettings are the settings of the print edition.
type PrintSettings struct {
	// Trim is the trim size: a preset ("5x8", "5.25x8", "5.5x8.5", "6x9", "a5") or "WxH" with
	// units (in, mm, pt), such as "140x216mm".
	Trim string `yaml:"trim,omitempty"`
	// Font is the body font family: "charis", "caladea" or "gentium".
	Font string `yaml:"font,omitempty"`
	// FontSize is the body text size in points.
	FontSize float64 `yaml:"font_size,omitempty"`
	// RectoOpeners starts every part and essay on a right-hand page.
	RectoOpeners bool `yaml:"recto_openers,omitempty"`
	// DropCaps sets the first letter of each essay as a two-line initial.
	DropCaps bool `yaml:"drop_caps,omitempty"`
	// Notes is where the print edition sets an essay's notes: "essay-end" (the default,
	// after its text), "foot" (at the foot of the page of each reference) or "book-end" (all
	// of them at the end of the book, under each essay's title: in the EPUB too). The EPUB's
	// notes are pop-up asides in every case.
	Notes string `yaml:"notes,omitempty"`
	// Bleed adds 0.125 in of bleed on the outer edges.
	Bleed bool `yaml:"bleed,omitempty"`
	// Paper is the interior paper, "white" or "cream": it decides the spine's width.
	Paper string `yaml:"paper,omitempty"`
	// PDFX is the PDF/X standard the print edition meets: "x1a" (PDF/X-1a:2001, the default:
	// grey ink only, no transparency) or "none" (a plain PDF, figures in colour).
	PDFX string `yaml:"pdfx,omitempty"`
	// PriceCode is the five-digit EAN-5 add-on printed beside the cover's barcode: a currency
	// digit and the price ("51995": 5 for US dollars, $19.95; "90000": no price).
	PriceCode string `yaml:"price_code,omitempty"`
	// Printer is the print-on-demand service whose page-count limits the book is held to:
	// "kdp" (the default), "ingramspark" or "none".
	Printer string `yaml:"printer,omitempty"`
	// Binding is "paperback" (the default), "case" (a case-laminate hardcover) or "jacket"
	// (a hardcover in a dust jacket): it decides the cover's layout (CoverGeometry).
	Binding string `yaml:"binding,omitempty"`
	// SpineWidth is the spine's width in inches as the printer's template gives it; when
	// unset it is computed from the page count and the paper (and, for a hardcover, the boards).
	SpineWidth float64 `yaml:"spine_width,omitempty"`
	// CoverWrap is a case cover's wrap, in inches (the sheet folded over the boards' edges).
	CoverWrap float64 `yaml:"cover_wrap,omitempty"`
	// CoverHinge is a case cover's hinge each side of the spine, in inches.
	CoverHinge float64 `yaml:"cover_hinge,omitempty"`
	// JacketFlap is each of a dust jacket's flaps, in inches.
	JacketFlap float64 `yaml:"jacket_flap,omitempty"`
}

// EPUBSettings are the settings of the EPUB edition.
type EPUBSettings struct {
	// EmbedFonts puts the print font into the EPUB; reading systems otherwise use their own.
	EmbedFonts bool `yaml:"embed_fonts,omitempty"`
}

// Contributor returns the contributor with the given id, or nil.
func (p *Project) Contributor(id string) *Contributor {
	for _, c := range p.Contributors {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// ContributorName is the name of the contributor with the given id, or the id itself when the
// project has no such contributor (the checks report that; meanwhile the id stands in).
func (p *Project) ContributorName(id string) string {
	if c := p.Contributor(id); c != nil {
		return c.Name
	}
	return id
}

// AuthorNames is the names of the essay's authors, in byline order (see ContributorName); nil
// for an essay without authors.
func (p *Project) AuthorNames(e *Essay) []string {
	var names []string
	for _, id := range e.Meta.Authors {
		names = append(names, p.ContributorName(id))
	}
	return names
}

// Essays returns every essay of the contents in reading order.
func (p *Project) Essays() []*Essay {
	var out []*Essay
	for _, part := range p.Parts {
		out = append(out, part.Essays...)
	}
	return out
}

// Pieces returns every essay of the book with the introduction, in reading order (the
// introduction first): what searches, queries and manuscripts go through.
func (p *Project) Pieces() []*Essay {
	var out []*Essay
	if p.Introduction != nil {
		out = append(out, p.Introduction)
	}
	return append(out, p.Essays()...)
}

// Piece returns the essay or the introduction with the given id, or nil.
func (p *Project) Piece(id string) *Essay {
	if p.Introduction != nil && p.Introduction.ID == id {
		return p.Introduction
	}
	return p.Essay(id)
}

// LangOf is an essay's language: its own, else the book's.
func (p *Project) LangOf(e *Essay) string {
	if e.Meta.Language != "" {
		return e.Meta.Language
	}
	return p.Book.Lang()
}

// Essay returns the essay with the given id in the contents, or nil.
func (p *Project) Essay(id string) *Essay {
	for _, part := range p.Parts {
		for _, e := range part.Essays {
			if e.ID == id {
				return e
			}
		}
	}
	return nil
}

// EssaysBy returns the essays that contributor id wrote, in reading order.
func (p *Project) EssaysBy(id string) []*Essay {
	var out []*Essay
	for _, e := range p.Essays() {
		if slices.Contains(e.Meta.Authors, id) {
			out = append(out, e)
		}
	}
	return out
}

// AddEssay appends e to the contents: at the end of the last part, or after the essays outside
// parts when the book has none.
func (p *Project) AddEssay(e *Essay) {
	if len(p.Parts) == 0 {
		p.Parts = append(p.Parts, &Part{})
	}
	last := p.Parts[len(p.Parts)-1]
	last.Essays = append(last.Essays, e)
}

// UniqueEssayID returns base, or base-2, base-3…: an id that names no essay in the contents
// and no file in the essays folder (an essay left out of the contents keeps its file).
func (p *Project) UniqueEssayID(base string) string {
	if !ValidID(base) {
		base = "essay"
	}
	taken := func(id string) bool {
		if p.Essay(id) != nil {
			return true
		}
		_, err := p.ReadFile(EssayDir + "/" + id + ".md")
		return err == nil
	}
	id := base
	for n := 2; taken(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// ContributorNamed returns the contributor with this name (letter case and spacing aside), or
// nil: the same person is the same contributor, however many of their essays are imported.
func (p *Project) ContributorNamed(name string) *Contributor {
	key := strings.ToLower(strings.Join(strings.Fields(name), " "))
	for _, c := range p.Contributors {
		if strings.ToLower(strings.Join(strings.Fields(c.Name), " ")) == key {
			return c
		}
	}
	return nil
}

// AddContributor adds a contributor with a new id made from the name, a sort name made the
// usual way ("Okafor, Ruth"), and the bio; it returns the existing one when the name is known.
func (p *Project) AddContributor(name, bio string) *Contributor {
	if c := p.ContributorNamed(name); c != nil {
		if c.Bio == "" {
			c.Bio = bio
		}
		return c
	}
	base := ASCIIID(name)
	if !ValidID(base) {
		base = "contributor"
	}
	id := base
	for n := 2; p.Contributor(id) != nil; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	c := &Contributor{ID: id, Name: strings.Join(strings.Fields(name), " "), SortName: sortName(name), Bio: bio}
	p.Contributors = append(p.Contributors, c)
	return c
}

// sortName writes "Ruth Okafor" as "Okafor, Ruth", keeping particles with the surname
// ("Ludwig van Beethoven" → "van Beethoven, Ludwig").
func sortName(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return strings.Join(ws, " ")
	}
	i := len(ws) - 1
	for i > 1 && particles[strings.ToLower(ws[i-1])] {
		i--
	}
	return strings.Join(ws[i:], " ") + ", " + strings.Join(ws[:i], " ")
}

var particles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "del": true,
	"di": true, "du": true, "la": true, "le": true, "bin": true, "al": true, "ter": true, "ten": true}
