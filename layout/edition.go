// Package layout decides what a book contains, once, for every medium: from a Project it
// assembles an Edition — half-title, title page, copyright page, dedication, contents,
// introduction, part openers, essays with byline and headnote, Contributors and Credits — as a
// list of Sections holding the text model. The EPUB writer and the typesetter each decide only
// how those sections look.
package layout

import (
	"errors"
	"fmt"
	_ "image/jpeg" // cover images
	_ "image/png"  // cover images
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
)

// Kind is what a section is.
type Kind int

// The kinds of section, in the order a book has them.
const (
	HalfTitle Kind = iota
	TitlePage
	Copyright
	Dedication
	Contents
	Introduction
	PartOpener
	Essay
	// EndNotes holds the notes of every essay at the end of the book (print.notes: book-end).
	EndNotes
	Contributors
	Credits
)

var kindNames = [...]string{"half-title", "title page", "copyright page", "dedication", "contents",
	"introduction", "part", "essay", "notes", "contributors", "credits"}

func (k Kind) String() string { return kindNames[k] }

// Kinds lists every kind of section, in the order a book has them (for tests that walk each
// kind through each back-end).
func Kinds() []Kind {
	ks := make([]Kind, len(kindNames))
	for i := range ks {
		ks[i] = Kind(i)
	}
	return ks
}

// Matter is the division of the book a section belongs to.
type Matter int

// Front matter has roman folios in print; body matter starts arabic numbering at 1.
const (
	FrontMatter Matter = iota
	BodyMatter
	BackMatter
)

// Edition is a book ready to be rendered: metadata and sections in reading order.
type Edition struct {
	// endNotes is the section holding every essay's notes at the end of the book, nil when
	// each essay keeps its own (see EndNotes).
	endNotes *Section
	Title    string
	Subtitle string
	// Editors are the book's editors, in the order anthology.yaml lists them.
	Editors   []*anthology.Contributor
	Language  string
	Publisher string
	// Identifier is the book's unique identifier as a URN (urn:isbn:… or urn:uuid:…).
	Identifier string
	// ISBNEPUB and ISBNPrint are 13-digit ISBNs, empty when not assigned.
	ISBNEPUB, ISBNPrint string
	Rights              string
	// Date is the publication date as the project gives it (YYYY or YYYY-MM-DD).
	Date string
	// Modified is the build's timestamp: SOURCE_DATE_EPOCH, else the project's modified or
	// publication date. It never comes from the clock, so builds are reproducible.
	Modified    time.Time
	Description string
	Subjects    []string
	Series      *anthology.Series
	// Cover is the project's cover image (JPEG or PNG), nil when the project has none.
	Cover          []byte
	CoverMediaType string
	// Images are the figures' images, each once, in the order the book first shows them.
	Images []*Image

	Sections []*Section
	// Contributors are everyone with a bio, sorted for the Contributors page.
	Contributors []*Bio

	Print anthology.PrintSettings
	EPUB  anthology.EPUBSettings

	// Warnings are problems that do not stop a build.
	Warnings []*anthology.Warning
	// Words are the words the book prints of its own, in its language.
	Words Words
	// Fonts are the project's own fonts (its fonts/ folder).
	Fonts []*anthology.FontFile
}

// Section is one unit of the book: a page or run of pages in print, one file in the EPUB.
type Section struct {
	Kind   Kind
	Matter Matter
	// ID is unique in the edition and safe as an XML id and a file name.
	ID       string
	Title    []text.Inline
	Subtitle []text.Inline
	// ShortTitle, when set, is the title of the running heads.
	ShortTitle string
	// Authors are the essay's (or introduction's) authors, in byline order.
	Authors []*anthology.Contributor
	// Translators are the essay's translators: "Translated by …" under the byline.
	Translators []*anthology.Contributor
	// words are the edition's, for the lines the section prints of itself (its byline).
	words *Words
	// Headnote is the editor's note printed before an essay.
	Headnote []text.Block
	// Body is the text of an essay, introduction, dedication, copyright page or credits.
	Body *text.Document
	// Part is the part opener an essay belongs to, nil for essays outside parts.
	Part *Section
	// Number is a part's number, from 1.
	Number int
	// Essay is the project's essay behind an Essay or Introduction section.
	Essay *anthology.Essay
	// Entries are the lines of the Contents section.
	Entries []*Entry
	// Noted are the sections whose notes an EndNotes section holds, in the book's order.
	Noted []*Section
}

// Byline returns the authors' names as a byline: "A", "A and B", "A, B and C".
func (s *Section) Byline() string { return s.W().Join(names(s.Authors)) }

// TranslatorLine is "Translated by A and B", or "" for a piece in its own language.
func (s *Section) TranslatorLine() string {
	if len(s.Translators) == 0 {
		return ""
	}
	return s.W().TranslatedBy + " " + s.W().Join(names(s.Translators))
}

// Lang returns the section's language: an essay's own, else the book's (bookLang).
func (s *Section) Lang(bookLang string) string {
	if s.Essay != nil && s.Essay.Meta.Language != "" {
		return s.Essay.Meta.Language
	}
	return bookLang
}

// Dir is the HTML direction of text in a language: "rtl" or "ltr".
func Dir(lang string) string {
	if RightToLeft(lang) {
		return "rtl"
	}
	return "ltr"
}

// W returns the words of the section's edition (English for a section made by hand).
func (s *Section) W() *Words {
	if s.words == nil {
		return &english
	}
	return s.words
}

func names(cs []*anthology.Contributor) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

// PlainTitle is the title without markup.
func (s *Section) PlainTitle() string { return text.Plain(s.Title) }

// HeadTitle is the title the running heads print: the short title when the essay has one.
func (s *Section) HeadTitle() string {
	if s.ShortTitle != "" {
		return s.ShortTitle
	}
	return s.PlainTitle()
}

// Entry is one line of the contents: a part, an essay, or a front- or back-matter section.
type Entry struct {
	// Level is 0 for parts and sections outside parts, 1 for essays inside a part.
	Level  int
	Target *Section
}

// Bio is one contributor on the Contributors page.
type Bio struct {
	Contributor *anthology.Contributor
	// ID is the anchor of the bio, unique in the edition.
	ID  string
	Bio []text.Block
	// Pieces are the sections this contributor wrote, in reading order.
	Pieces []*Section
}

// Options adjust assembly.
type Options struct {
	// Modified overrides the build timestamp (the CLI passes SOURCE_DATE_EPOCH here).
	Modified time.Time
}

// ErrEmpty is returned for a book whose contents list no essays.
var ErrEmpty = errors.New("the contents list no essays yet; write essays in essays/<id>.md and list their ids under contents: in anthology.yaml")

// Assemble builds the edition of a project.
func Assemble(p *anthology.Project, opts Options) (*Edition, error) {
	var errs anthology.Errors
	yamlFile := displayPath(p.Dir, anthology.ProjectFile)
	if strings.TrimSpace(p.Book.Title) == "" {
		errs = append(errs, &anthology.Error{File: yamlFile, Msg: "the book has no title (title: …)"})
	}
	if len(p.Essays()) == 0 {
		errs = append(errs, &anthology.Error{File: yamlFile, Msg: ErrEmpty.Error(), Err: ErrEmpty})
	}
	for _, e := range p.Essays() {
		if strings.TrimSpace(e.Meta.Title) == "" {
			errs = append(errs, &anthology.Error{File: displayPath(p.Dir, e.Path), Msg: "the essay has no title (title: … in its front matter, or a first line # Title)"})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}

	ed := &Edition{
		Fonts:       p.Fonts,
		Title:       p.Book.Title,
		Subtitle:    p.Book.Subtitle,
		Language:    p.Book.Lang(),
		Publisher:   p.Book.Publisher,
		Rights:      p.Book.Rights,
		Date:        p.Book.Date,
		Description: p.Book.Description,
		Subjects:    p.Book.Subjects,
		Series:      p.Book.Series,
		Print:       p.Print,
		EPUB:        p.EPUB,
		Warnings:    slices.Clone(p.Warnings),
	}
	for _, id := range p.Book.Editors {
		ed.Editors = append(ed.Editors, p.Contributor(id))
	}
	ed.ISBNEPUB, _ = normalizeISBN(p.Book.Identifiers.ISBNEPUB)
	ed.ISBNPrint, _ = normalizeISBN(p.Book.Identifiers.ISBNPrint)
	switch {
	case ed.ISBNEPUB != "":
		ed.Identifier = "urn:isbn:" + ed.ISBNEPUB
	case p.Book.Identifiers.UUID != "":
		ed.Identifier = "urn:uuid:" + strings.ToLower(strings.TrimPrefix(strings.ToLower(p.Book.Identifiers.UUID), "urn:uuid:"))
	default:
		ed.Identifier = "urn:uuid:" + p.DerivedUUID()
	}
	ed.Modified = buildTime(p, opts)

	if p.Book.Cover != "" {
		data, err := p.ReadFile(p.Book.Cover)
		if err != nil {
			return nil, err
		}
		_, format, err := anthology.CheckImage(data)
		if errors.Is(err, anthology.ErrImageFormat) {
			return nil, &anthology.Error{File: displayPath(p.Dir, p.Book.Cover), Msg: "the cover must be a JPEG or PNG image"}
		}
		if err != nil {
			return nil, &anthology.Error{File: displayPath(p.Dir, p.Book.Cover), Msg: "cover: " + err.Error()}
		}
		ed.Cover, ed.CoverMediaType = data, "image/"+format
	}

	var unknown []string
	ed.Words, unknown = WordsFor(ed.Language, p.Book.Words)
	for _, k := range unknown {
		ed.Warnings = append(ed.Warnings, &anthology.Warning{File: displayPath(p.Dir, anthology.ProjectFile),
			Msg: fmt.Sprintf("words: %q is not one of the book's words; it is ignored", k)})
	}
	ids := idSet{}
	add := func(s *Section) *Section {
		s.ID = ids.unique(s.ID)
		s.words = &ed.Words
		ed.Sections = append(ed.Sections, s)
		return s
	}

	// Front matter.
	add(&Section{Kind: HalfTitle, Matter: FrontMatter, ID: "halftitle", Title: markdown.ParseInline(p.Book.Title)})
	add(&Section{Kind: TitlePage, Matter: FrontMatter, ID: "titlepage", Title: markdown.ParseInline(p.Book.Title),
		Subtitle: markdown.ParseInline(p.Book.Subtitle)})
	copyright := add(&Section{Kind: Copyright, Matter: FrontMatter, ID: "copyright", Title: []text.Inline{&text.Text{Text: ed.Words.Copyright}}})
	if strings.TrimSpace(p.Book.Dedication) != "" {
		add(&Section{Kind: Dedication, Matter: FrontMatter, ID: "dedication", Title: []text.Inline{&text.Text{Text: ed.Words.Dedication}},
			Body: markdown.Parse([]byte(p.Book.Dedication))})
	}
	contents := add(&Section{Kind: Contents, Matter: FrontMatter, ID: "contents", Title: []text.Inline{&text.Text{Text: ed.Words.Contents}}})
	if intro := p.Introduction; intro != nil {
		title := intro.Meta.Title
		if title == "" {
			title = ed.Words.Introduction
		}
		s := add(&Section{Kind: Introduction, Matter: FrontMatter, ID: "introduction", Title: markdown.ParseInline(title),
			Subtitle: markdown.ParseInline(intro.Meta.Subtitle), Body: tidyBody(intro.DocIn(langOf(intro, ed.Language))), Essay: intro,
			Authors: authorsOf(p, intro.Meta.Authors, p.Book.Editors), Translators: authorsOf(p, intro.Meta.Translators, nil)})
		contents.Entries = append(contents.Entries, &Entry{Level: 0, Target: s})
	}

	// Body matter: parts and essays.
	partNo := 0
	for _, part := range p.Parts {
		var opener *Section
		if part.Title != "" {
			partNo++
			opener = add(&Section{Kind: PartOpener, Matter: BodyMatter, ID: fmt.Sprintf("part-%d", partNo), Number: partNo,
				Title: markdown.ParseInline(part.Title), Subtitle: markdown.ParseInline(part.Subtitle)})
			contents.Entries = append(contents.Entries, &Entry{Level: 0, Target: opener})
		}
		for _, e := range part.Essays {
			s := add(&Section{Kind: Essay, Matter: BodyMatter, ID: "essay-" + anthology.ASCIIID(e.ID), Essay: e, Part: opener,
				Title: markdown.ParseInline(e.Meta.Title), Subtitle: markdown.ParseInline(e.Meta.Subtitle), ShortTitle: strings.TrimSpace(e.Meta.ShortTitle),
				Authors: authorsOf(p, e.Meta.Authors, nil), Translators: authorsOf(p, e.Meta.Translators, nil), Body: tidyBody(e.DocIn(langOf(e, ed.Language)))})
			if strings.TrimSpace(e.Meta.Headnote) != "" {
				s.Headnote = e.HeadnoteIn(ed.Language).Blocks
			}
			level := 0
			if opener != nil {
				level = 1
			}
			contents.Entries = append(contents.Entries, &Entry{Level: level, Target: s})
		}
	}

	// Back matter: the notes, when the book keeps them at its end; the contributors; the credits.
	if p.Print.NotePlace() == anthology.NotesBookEnd {
		var noted []*Section
		for _, s := range ed.Sections {
			if (s.Kind == Essay || s.Kind == Introduction) && s.Body != nil && len(s.Body.Notes) > 0 {
				noted = append(noted, s)
			}
		}
		if len(noted) > 0 {
			s := add(&Section{Kind: EndNotes, Matter: BackMatter, ID: "notes", Title: []text.Inline{&text.Text{Text: ed.Words.Notes}}, Noted: noted})
			ed.endNotes = s
			contents.Entries = append(contents.Entries, &Entry{Level: 0, Target: s})
		}
	}
	ed.Contributors = bios(p, ed.Sections, ids)
	if len(ed.Contributors) > 0 {
		s := add(&Section{Kind: Contributors, Matter: BackMatter, ID: "contributors", Title: []text.Inline{&text.Text{Text: ed.Words.Contributors}}})
		contents.Entries = append(contents.Entries, &Entry{Level: 0, Target: s})
	}
	credits := creditsBody(ed.Sections)
	if len(credits.Blocks) > 0 {
		s := add(&Section{Kind: Credits, Matter: BackMatter, ID: "credits", Title: []text.Inline{&text.Text{Text: ed.Words.Credits}}, Body: credits})
		contents.Entries = append(contents.Entries, &Entry{Level: 0, Target: s})
	}
	copyright.Body = copyrightBody(ed, len(credits.Blocks) > 0)
	if err := readImages(p, ed); err != nil {
		return nil, err
	}
	return ed, nil
}

// langOf is an essay's language: its own, else the book's.
func langOf(e *anthology.Essay, bookLang string) string {
	if e.Meta.Language != "" {
		return e.Meta.Language
	}
	return bookLang
}

// tidyBody returns a body without scene breaks that separate nothing: at its start, at its end,
// or straight after another. A book shows a break between two passages, never beside a title
// or twice. The project's document is left as it is.
func tidyBody(doc *text.Document) *text.Document {
	if doc == nil {
		return nil
	}
	out := &text.Document{Notes: doc.Notes, Blocks: make([]text.Block, 0, len(doc.Blocks))}
	for _, b := range doc.Blocks {
		if _, ok := b.(*text.SceneBreak); ok {
			if n := len(out.Blocks); n == 0 {
				continue
			} else if _, prev := out.Blocks[n-1].(*text.SceneBreak); prev {
				continue
			}
		}
		out.Blocks = append(out.Blocks, b)
	}
	for n := len(out.Blocks); n > 0; n = len(out.Blocks) {
		if _, ok := out.Blocks[n-1].(*text.SceneBreak); !ok {
			break
		}
		out.Blocks = out.Blocks[:n-1]
	}
	return out
}

func displayPath(dir, name string) string {
	if dir == "" {
		return name
	}
	return strings.TrimSuffix(dir, "/") + "/" + name
}

func normalizeISBN(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	return anthology.NormalizeISBN(s)
}

// buildTime decides the edition's timestamp without looking at the clock.
func buildTime(p *anthology.Project, opts Options) time.Time {
	if !opts.Modified.IsZero() {
		return opts.Modified.UTC().Truncate(time.Second)
	}
	for _, s := range []string{p.Book.Modified, p.Book.Date} {
		if t, ok := anthology.ParseDate(s); ok {
			return t
		}
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// ParseSourceDateEpoch reads the SOURCE_DATE_EPOCH convention (seconds since 1970, UTC); empty
// gives the zero time.
func ParseSourceDateEpoch(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
	}
	// EPUB and PDF dates have four-digit years: a later date would make an invalid book.
	if n > time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix() {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is after the year 9999; books cannot carry such a date", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

func authorsOf(p *anthology.Project, ids, fallback []string) []*anthology.Contributor {
	if len(ids) == 0 {
		ids = fallback
	}
	var out []*anthology.Contributor
	for _, id := range ids {
		if c := p.Contributor(id); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// EditorNames are the book's editors as its title page lists them, in its language.
func (ed *Edition) EditorNames() string { return ed.Words.Join(names(ed.Editors)) }

// JoinList joins names with commas and a final "and", in English (a book's own lines use its
// Words.Join).
func JoinList(names []string) string { return english.Join(names) }

// bios lists every contributor who wrote something in the book or edited it, sorted by sort
// name, each with the pieces they wrote.
func bios(p *anthology.Project, sections []*Section, ids idSet) []*Bio {
	var out []*Bio
	for _, c := range p.Contributors {
		b := &Bio{Contributor: c}
		for _, s := range sections {
			if (s.Kind == Essay || s.Kind == Introduction) && slices.Contains(s.Authors, c) {
				b.Pieces = append(b.Pieces, s)
			}
		}
		if len(b.Pieces) == 0 && !slices.Contains(p.Book.Editors, c.ID) {
			continue // listed in anthology.yaml but not (or no longer) in the book
		}
		if strings.TrimSpace(c.Bio) != "" {
			b.Bio = markdown.Parse([]byte(c.Bio)).Blocks
		}
		b.ID = ids.unique("bio-" + anthology.ASCIIID(c.ID))
		out = append(out, b)
	}
	slices.SortStableFunc(out, func(a, b *Bio) int {
		return strings.Compare(anthology.SortKey(a.Contributor.SortKey()), anthology.SortKey(b.Contributor.SortKey()))
	})
	return out
}

// creditsBody writes a first-publication notice for every essay, in reading order.
func creditsBody(sections []*Section) *text.Document {
	doc := &text.Document{}
	for _, s := range sections {
		if s.Kind != Essay {
			continue
		}
		if line := CreditLine(s); line != nil {
			doc.Blocks = append(doc.Blocks, &text.Paragraph{Content: line})
		}
	}
	return doc
}

// CreditLine is the credit of one essay: “Title” by Author, first published in Source, Year.
// Reprinted by permission of Holder (only when the permission is cleared), and the essay's
// rights (public domain, a licence). It states only what the project says: an essay is
// "published here for the first time" only when marked original, and an essay with neither a
// source nor that mark has no credit line (nil; check reports it).
func CreditLine(s *Section) []text.Inline {
	w := s.W()
	line := []text.Inline{&text.Text{Text: w.Quotes[0]}}
	line = append(line, s.Title...)
	line = append(line, &text.Text{Text: w.Quotes[1]})
	if by := s.Byline(); by != "" {
		line = append(line, &text.Text{Text: " " + w.By + " " + by})
	}
	e := s.Essay
	if e == nil {
		return nil
	}
	if strings.TrimSpace(e.Meta.Source) == "" {
		if !e.Meta.Original {
			return nil
		}
		return append(line, &text.Text{Text: w.PublishedHereFirst})
	}
	src := markdown.ParseInline(e.Meta.Source)
	line = append(line, &text.Text{Text: w.FirstPublishedIn})
	line = append(line, src...)
	if year := yearOf(e.Meta.Date); year != "" && !strings.Contains(e.Meta.Source, year) {
		line = append(line, &text.Text{Text: ", " + year})
	}
	line = append(line, &text.Text{Text: "."})
	if pm := e.Meta.Permission; pm != nil && strings.TrimSpace(pm.Holder) != "" && pm.Status == anthology.PermissionCleared {
		line = append(line, &text.Text{Text: " " + w.ReprintedBy + " " + strings.TrimSuffix(strings.TrimSpace(pm.Holder), ".") + "."})
	}
	switch r := strings.TrimSpace(e.Meta.Rights); {
	case e.PublicDomain():
		line = append(line, &text.Text{Text: " " + w.PublicDomainText})
	case r != "":
		line = append(line, &text.Text{Text: " " + strings.TrimSuffix(r, ".") + "."})
	}
	return line
}

func yearOf(date string) string {
	if t, ok := anthology.ParseDate(date); ok {
		return strconv.Itoa(t.Year())
	}
	return ""
}

// copyrightBody writes the copyright page: rights, the credits notice, publisher, ISBNs and
// the edition.
func copyrightBody(ed *Edition, hasCredits bool) *text.Document {
	doc := &text.Document{}
	para := func(s string) { doc.Blocks = append(doc.Blocks, text.Para(s)) }
	title := ed.Title
	if ed.Subtitle != "" {
		title += ": " + ed.Subtitle
	}
	doc.Blocks = append(doc.Blocks, &text.Paragraph{Content: []text.Inline{&text.Emphasis{Content: []text.Inline{&text.Text{Text: title}}}}})
	if ed.Rights != "" {
		para(ed.Rights)
	}
	if hasCredits {
		// The notice follows the essays' rights: nobody's copyright is claimed for a text in
		// the public domain.
		pd, other := 0, 0
		for _, s := range ed.Sections {
			if s.Kind == Essay && s.Essay != nil {
				if s.Essay.PublicDomain() {
					pd++
				} else {
					other++
				}
			}
		}
		switch {
		case other == 0 && pd > 0:
			para(ed.Words.NoticePublicDomain)
		case pd > 0:
			para(ed.Words.NoticeMixed)
		default:
			para(ed.Words.NoticeCopyright)
		}
	}
	if ed.Publisher != "" {
		year := yearOf(ed.Date)
		if year != "" {
			para(fmt.Sprintf(ed.Words.FirstPublishedBy, year, ed.Publisher))
		} else {
			para(fmt.Sprintf(ed.Words.PublishedBy, ed.Publisher))
		}
	}
	var isbns []string
	if ed.ISBNPrint != "" {
		isbns = append(isbns, "ISBN "+HyphenateISBN(ed.ISBNPrint)+" "+ed.Words.ISBNPaperback)
	}
	if ed.ISBNEPUB != "" {
		isbns = append(isbns, "ISBN "+HyphenateISBN(ed.ISBNEPUB)+" "+ed.Words.ISBNEbook)
	}
	if len(isbns) > 0 {
		var content []text.Inline
		for i, s := range isbns {
			if i > 0 {
				content = append(content, &text.LineBreak{})
			}
			content = append(content, &text.Text{Text: s})
		}
		doc.Blocks = append(doc.Blocks, &text.Paragraph{Content: content})
	}
	return doc
}

// HyphenateISBN writes 13 digits as 978-X-XXXXXX-XX-X, the common grouping. (The true grouping
// depends on the registration group; the digits are what matters to every system that reads it.)
func HyphenateISBN(d string) string {
	if len(d) != 13 {
		return d
	}
	return d[0:3] + "-" + d[3:4] + "-" + d[4:10] + "-" + d[10:12] + "-" + d[12:13]
}

// idSet hands out unique ids.
type idSet map[string]bool

func (ids idSet) unique(id string) string {
	if id == "" {
		id = "s"
	}
	out := id
	for n := 2; ids[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	ids[out] = true
	return out
}

// Slug makes a file name from a title: "The Lamp-Lighters" → "the-lamp-lighters".
func Slug(title string) string { return anthology.Slug(title) }

// EndNotes returns the section that holds the book's notes at its end, nil when each essay
// keeps its own.
func (ed *Edition) EndNotes() *Section { return ed.endNotes }
