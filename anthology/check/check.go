// Package check is the editor's lint for an anthology: the problems a book has before it goes to
// a printer or a store — essays without authors, contributors without bios, reprints without a
// source or a cleared permission, characters the print font lacks, duplicate titles, empty or
// very short essays, headnotes longer than their essays, empty parts, broken footnotes and
// links, and for a final build a missing cover or ISBN. Each finding names its file, and the
// line and column where there is one. The command line and the desktop app run the same checks.
package check

import (
	"fmt"
	_ "image/jpeg" // figures may be JPEG
	_ "image/png"  // or PNG
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/assets"
)

// Severity says how much a finding matters.
type Severity int

// Errors stop a final build; warnings are for the editor to judge.
const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText writes the severity as a word in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem.
type Finding struct {
	Severity Severity `json:"severity"`
	// Code names the kind of problem, for scripts: "no-author", "permission", "glyphs"…
	Code  string `json:"code"`
	File  string `json:"file"`
	Line  int    `json:"line,omitempty"`
	Col   int    `json:"col,omitempty"`
	Essay string `json:"essay,omitempty"`
	// Field is where in the file the finding is, for a program that shows it (the app puts
	// the cursor there): "body" for the essay's text, at byte Offset of its Markdown, or the
	// YAML path of a setting ("$.title", "$.permission.status", "$.contributors[2]"), with
	// Offset into its value where the finding knows one (a character no font has).
	Field   string `json:"field,omitempty"`
	Offset  int    `json:"offset,omitempty"`
	Message string `json:"message"`
}

// Body is the Field of a finding in an essay's text.
const Body = "body"

func (f Finding) String() string {
	e := anthology.Error{File: f.File, Line: f.Line, Col: f.Col, Msg: f.Message}
	return f.Severity.String() + ": " + e.Error()
}

// Glyphs answers, for a character, whether the print font has it and whether any bundled font
// has it. The typesetter knows the fonts; the caller passes its answer in.
type Glyphs func(r rune) (inFont, inAny bool)

// Options adjust the checks.
type Options struct {
	// Final holds the book to the standard of a build for sale: permissions cleared, a cover
	// and ISBNs present.
	Final bool
	// Glyphs, when set, checks every character against the print font, named FontName.
	Glyphs   Glyphs
	FontName string
}

// ShortEssay is the length under which an essay is reported as very short, in words.
const ShortEssay = 150

// Run checks p and returns its findings in the order of the book: anthology.yaml first, then
// the introduction and the essays in contents order, each file's findings by line.
func Run(p *anthology.Project, o Options) []Finding {
	c := &checker{p: p, o: o}
	c.book()
	if o.Glyphs != nil {
		c.bookGlyphs()
	}
	c.contributors()
	c.parts()
	if p.Introduction != nil {
		c.essay(p.Introduction, true)
	}
	titles := map[string]*anthology.Essay{}
	for _, e := range p.Essays() {
		c.essay(e, false)
		key := strings.ToLower(strings.Join(strings.Fields(e.Meta.Title), " "))
		if key == "" {
			continue
		}
		if first, ok := titles[key]; ok {
			c.setting(Warning, "duplicate-title", e, "$.title",
				fmt.Sprintf("the title %q is also the title of %s", e.Meta.Title, first.Path))
		} else {
			titles[key] = e
		}
	}
	return c.sorted()
}

// Count returns how many errors and warnings findings holds.
func Count(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		if f.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// ExitStatus is the exit status "anthology check" gives: 1 when it found an error, 0 when it
// found none (warnings are printed, and do not fail a script). 2 is kept for bad usage, as in
// every command.
func ExitStatus(fs []Finding) int {
	if e, _ := Count(fs); e > 0 {
		return 1
	}
	return 0
}

type checker struct {
	p     *anthology.Project
	o     Options
	out   []Finding
	order []string // files in book order
}

func (c *checker) add(s Severity, code string, e *anthology.Essay, at *anthology.Error) *Finding {
	f := Finding{Severity: s, Code: code, File: at.File, Line: at.Line, Col: at.Col, Message: at.Msg}
	if e != nil {
		f.Essay = e.ID
	}
	if !slices.Contains(c.order, f.File) {
		c.order = append(c.order, f.File)
	}
	c.out = append(c.out, f)
	return &c.out[len(c.out)-1]
}

// setting reports a finding at a setting of anthology.yaml (e nil) or of an essay's front
// matter, by its YAML path.
func (c *checker) setting(s Severity, code string, e *anthology.Essay, path, msg string) *Finding {
	var at *anthology.Error
	if e == nil {
		at = c.p.Locate(path, msg)
	} else {
		at = e.Locate(c.p.Dir, path, msg)
	}
	f := c.add(s, code, e, at)
	f.Field = path
	return f
}

// body reports a finding at a byte offset of an essay's text.
func (c *checker) body(s Severity, code string, e *anthology.Essay, offset int, msg string) {
	f := c.add(s, code, e, e.LocateBody(c.p.Dir, offset, msg))
	f.Field, f.Offset = Body, min(max(offset, 0), len(e.Body))
}

func (c *checker) sorted() []Finding {
	rank := map[string]int{}
	for i, f := range c.order {
		rank[f] = i
	}
	sort.SliceStable(c.out, func(i, j int) bool {
		a, b := c.out[i], c.out[j]
		if a.File != b.File {
			return rank[a.File] < rank[b.File]
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return c.out
}

func (c *checker) book() {
	p := c.p
	if strings.TrimSpace(p.Book.Title) == "" {
		c.setting(Error, "no-title", nil, "$.title", "the book has no title")
	}
	if len(p.Essays()) == 0 {
		c.setting(Error, "empty-book", nil, "$.contents", "the contents list no essays")
	}
	for _, isbn := range []struct{ key, value string }{{"isbn_epub", p.Book.Identifiers.ISBNEPUB}, {"isbn_print", p.Book.Identifiers.ISBNPrint}} {
		if _, err := anthology.NormalizeISBN(isbn.value); isbn.value != "" && err != nil {
			c.setting(Error, "isbn", nil, "$.identifiers."+isbn.key, err.Error()+"; the EPUB and the cover leave it out")
		}
	}
	if !c.o.Final {
		return
	}
	if p.Book.Cover == "" {
		c.setting(Error, "no-cover", nil, "$.title", "a final build needs a cover image (cover: images/…); the generated cover is for drafts")
	}
	if p.Book.Identifiers.ISBNEPUB == "" {
		c.setting(Error, "no-isbn", nil, "$.identifiers", "a final build needs the EPUB's ISBN (identifiers: isbn_epub)")
	}
	if p.Book.Identifiers.ISBNPrint == "" {
		c.setting(Error, "no-isbn", nil, "$.identifiers", "a final build needs the print edition's ISBN (identifiers: isbn_print)")
	}
}

func (c *checker) contributors() {
	p := c.p
	for i, ct := range p.Contributors {
		at := fmt.Sprintf("$.contributors[%d]", i)
		if strings.TrimSpace(ct.Bio) == "" {
			c.setting(Warning, "no-bio", nil, at, fmt.Sprintf("contributor %s has no bio; the Contributors page will show only the name", ct.Name))
		}
		if len(p.EssaysBy(ct.ID)) == 0 && !slices.Contains(p.Book.Editors, ct.ID) &&
			(p.Introduction == nil || !slices.Contains(p.Introduction.Meta.Authors, ct.ID)) {
			c.setting(Warning, "unused-contributor", nil, at, fmt.Sprintf("contributor %s wrote no essay in the contents and edits nothing; they are left out of the book", ct.Name))
		}
	}
}

func (c *checker) parts() {
	p := c.p
	// The contents index of each part, to point at it.
	for i, part := range p.Parts {
		if part.Title != "" && len(part.Essays) == 0 {
			c.setting(Warning, "empty-part", nil, fmt.Sprintf("$.contents[%d]", contentsIndex(p, i)), fmt.Sprintf("part %q has no essays", part.Title))
		}
	}
}

// contentsIndex maps the index of a part in Project.Parts to its item in the contents list
// (loose essays are items of their own).
func contentsIndex(p *anthology.Project, part int) int {
	n := 0
	for i := 0; i < part; i++ {
		if p.Parts[i].Title == "" {
			n += len(p.Parts[i].Essays)
		} else {
			n++
		}
	}
	return n
}

// looksReprinted reports whether an essay without a source shows signs of having appeared
// elsewhere: a permission record, a permission status, or the editor's words for it.
var reprintWords = regexp.MustCompile(`(?i)\b(first published|originally published|first appeared|reprinted|republished|appeared (first )?in)\b`)

func looksReprinted(e *anthology.Essay) bool {
	m := e.Meta
	if m.Permission != nil && (m.Permission.Holder != "" || m.Permission.Requested != "" || m.Permission.Cleared != "" ||
		m.Permission.Status == anthology.PermissionRequested || m.Permission.Status == anthology.PermissionCleared) {
		return true
	}
	if m.Status == anthology.StatusPermissionRequested || m.Status == anthology.StatusPermissionCleared {
		return true
	}
	return reprintWords.MatchString(m.Headnote) || reprintWords.MatchString(m.Notes)
}

func (c *checker) essay(e *anthology.Essay, intro bool) {
	m := e.Meta
	if !intro && strings.TrimSpace(m.Title) == "" {
		c.setting(Error, "no-title", e, "$", "the essay has no title")
	}
	final := Warning
	if c.o.Final {
		final = Error
	}
	if !intro && len(m.Authors) == 0 {
		c.setting(final, "no-author", e, "$.title", "the essay has no author (authors: [id]); it will print without a byline")
	}
	if !intro && !e.Reprinted() && !m.Original && !looksReprinted(e) {
		c.setting(final, "no-credit", e, "$.title", "the essay has neither a source (where it first appeared) nor original: true (first published in this book); the Credits say nothing of it")
	}
	words := e.Words()
	switch {
	case words == 0:
		c.body(Error, "empty", e, 0, "the essay has no text")
	case words < ShortEssay && !intro:
		c.body(Warning, "short", e, 0, fmt.Sprintf("the essay has only %d words", words))
	}
	if hw := text.Words(e.HeadnoteIn(c.p.Book.Lang())); hw > words && words > 0 {
		c.setting(Warning, "long-headnote", e, "$.headnote", fmt.Sprintf("the headnote (%d words) is longer than the essay (%d)", hw, words))
	}
	if !intro {
		if !e.Reprinted() && looksReprinted(e) {
			c.setting(Warning, "no-source", e, "$.title", "the essay looks reprinted (a permission is recorded or mentioned) but has no source: where did it first appear?")
		}
		switch st := e.PermissionState(); {
		case st == anthology.PermissionDenied:
			c.setting(Error, "permission", e, "$.permission.status", fmt.Sprintf("permission to reprint %q was denied", m.Title))
		case e.Reprinted() && st != anthology.PermissionCleared && st != anthology.PermissionNotNeeded:
			sev := Warning
			if c.o.Final {
				sev = Error
			}
			at := "$.permission.status"
			if m.Permission == nil {
				at = "$.source"
			}
			c.setting(sev, "permission", e, at, fmt.Sprintf("permission to reprint %q is not cleared (%s)", m.Title, st))
		}
	}
	c.footnotes(e)
	c.links(e)
	if c.o.Glyphs != nil {
		c.glyphs(e)
	}
}

// footnotes reports references to notes nobody wrote and notes nobody refers to, where the
// reader found them.
func (c *checker) footnotes(e *anthology.Essay) {
	for _, r := range e.Doc.Unresolved {
		c.body(Error, "footnote", e, r.Offset, fmt.Sprintf("footnote [^%s] has no note ([^%s]: …)", r.Label, r.Label))
	}
	for _, n := range e.Doc.Unused {
		c.body(Warning, "footnote", e, n.Offset, fmt.Sprintf("note [^%s] is referred to nowhere; it will not be printed", n.Label))
	}
}

// walkBody calls fn for every inline of the essay's text and notes with the position of the
// innermost block that holds it (an inline whose own position is unknown, such as a link in a
// line of verse, is at least there), and block for every block.
func walkBody(doc *text.Document, block func(text.Block), fn func(in text.Inline, at text.Pos)) {
	walk := func(blocks []text.Block) {
		for _, b := range blocks {
			at := b.Source()
			text.EachContent(b, func(inner text.Block) {
				if p := inner.Source(); p.Known() {
					at = p
				}
				block(inner)
			}, func(content []text.Inline) {
				text.WalkInlines(content, func(in text.Inline) { fn(in, at) })
			})
		}
	}
	walk(doc.Blocks)
	for _, n := range doc.Notes {
		walk(n.Blocks)
	}
}

// links finds links that lead nowhere in a book (to anchors, to relative paths, to schemes a
// reader cannot follow) and checks the figures' images.
func (c *checker) links(e *anthology.Essay) {
	walkBody(e.Doc, func(b text.Block) {
		if f, ok := b.(*text.Figure); ok {
			c.image(e, f)
		}
	}, func(in text.Inline, at text.Pos) {
		l, ok := in.(*text.Link)
		if !ok {
			return
		}
		lower := strings.ToLower(l.URL)
		if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "mailto:") {
			return
		}
		if l.Known() {
			at = l.Pos
		}
		c.body(Warning, "link", e, at.Offset, fmt.Sprintf("link to %q leads nowhere in a book (only web and mail addresses are kept)", l.URL))
	})
	for _, img := range e.Doc.InlineImages {
		c.body(Warning, "inline-image", e, img.Offset, fmt.Sprintf("the image %q stands inside a paragraph, so only its description is printed; give it a paragraph of its own to print it as a figure", img.Src))
	}
}

// image checks a figure's image: in the project, a JPEG or PNG, with a description. A figure
// nobody can see without one keeps the book from meeting WCAG, and the EPUB says so.
func (c *checker) image(e *anthology.Essay, f *text.Figure) {
	if strings.TrimSpace(f.Alt) == "" {
		c.body(Warning, "alt-text", e, f.Offset, fmt.Sprintf("the image %q has no description (alt text): readers who cannot see it lose it, and the EPUB cannot claim WCAG conformance", f.Src))
	}
	data, err := c.p.ReadFile(f.Src)
	if err == nil {
		_, _, err = anthology.CheckImage(data)
	}
	if err != nil {
		c.body(Error, "image", e, f.Offset, fmt.Sprintf("image %q: %v", f.Src, err))
	}
}

// glyphs finds characters the print font lacks: drawn from another font (a warning),
// or by none (an error: they would be left out of the print edition).
// coverage sorts the characters of texts into those the print font lacks but another bundled
// font draws (fallback) and those no bundled font draws (missing).
func (c *checker) coverage(texts ...string) (fallback, missing []rune) {
	seen := map[rune]bool{}
	var seenASCII [128]bool // most characters of a book: no map for them
	for _, s := range texts {
		for _, r := range s {
			if r < 0x80 {
				if seenASCII[r] || r < 0x20 {
					continue
				}
				seenASCII[r] = true
			} else {
				if seen[r] || r == '\u00a0' || r == '\u00ad' || r == '\u200b' {
					continue
				}
				seen[r] = true
			}
			inFont, inAny := c.o.Glyphs(r)
			inAny = inAny || strings.ContainsRune(assets.DotMarks, r) // set from full stops
			switch {
			case !inAny:
				missing = append(missing, r)
			case !inFont:
				fallback = append(fallback, r)
			}
		}
	}
	return fallback, missing
}

// bookGlyphs holds the book's own words to the fonts: its title, subtitle and description (the
// title pages and the cover print them), publisher, dedication, part titles and the names and
// bios of its contributors. A character no font has would be left out of the print edition
// and the cover; the export refuses such a book, so the check says so first, at the field.
func (c *checker) bookGlyphs() {
	b := c.p.Book
	fields := []struct{ path, value string }{
		{"$.title", b.Title}, {"$.subtitle", b.Subtitle}, {"$.description", b.Description},
		{"$.publisher", b.Publisher}, {"$.dedication", b.Dedication}, {"$.rights", b.Rights},
	}
	for i, part := range c.p.Parts {
		fields = append(fields, struct{ path, value string }{fmt.Sprintf("$.contents[%d].part", i), part.Title + " " + part.Subtitle})
	}
	for i, ct := range c.p.Contributors {
		fields = append(fields, struct{ path, value string }{fmt.Sprintf("$.contributors[%d].name", i), ct.Name},
			struct{ path, value string }{fmt.Sprintf("$.contributors[%d].bio", i), ct.Bio})
	}
	for _, f := range fields {
		if f.value == "" {
			continue
		}
		if _, missing := c.coverage(f.value); len(missing) > 0 {
			c.setting(Error, "glyphs", nil, f.path, fmt.Sprintf("no font (bundled or in fonts/) has %s; the print edition and its cover would leave them out", runeNames(missing)))
		}
	}
}

func (c *checker) glyphs(e *anthology.Essay) {
	m := e.Meta
	// The places the essay's words are read from, in the order a reader meets them; a
	// finding stands at the first place with one of the characters it names.
	type place struct {
		field string // a front matter field, or "" for the text at offset
		text  string
		at    text.Pos
	}
	places := []place{{field: "$.title", text: m.Title}, {field: "$.subtitle", text: m.Subtitle}, {field: "$.headnote", text: m.Headnote}}
	walkBody(e.Doc, func(text.Block) {}, func(in text.Inline, at text.Pos) {
		if t, ok := in.(*text.Text); ok {
			places = append(places, place{text: t.Text, at: at})
		}
	})
	texts := make([]string, len(places))
	for i, pl := range places {
		texts[i] = pl.text
	}
	fallback, missing := c.coverage(texts...)
	report := func(sev Severity, rs []rune, msg string) {
		for _, pl := range places {
			if !strings.ContainsAny(pl.text, string(rs)) {
				continue
			}
			if pl.field != "" {
				// Offset is then within the field's value, where the character stands.
				c.setting(sev, "glyphs", e, pl.field, msg).Offset = strings.IndexAny(pl.text, string(rs))
				return
			}
			// The character's own place in the Markdown, when it is written there as itself
			// (not as an entity) inside the block that holds it.
			off := pl.at.Offset
			if pl.at.Known() && pl.at.End <= len(e.Body) {
				if i := strings.IndexAny(e.Body[off:pl.at.End], string(rs)); i >= 0 {
					off += i
				}
			}
			c.body(sev, "glyphs", e, off, msg)
			return
		}
	}
	if len(missing) > 0 {
		report(Error, missing, fmt.Sprintf("no font (bundled or in fonts/) has %s; the print edition leaves them out", runeNames(missing)))
	}
	if len(fallback) > 0 {
		report(Warning, fallback, fmt.Sprintf("%s lacks %s; they are drawn from another font", c.o.FontName, runeNames(fallback)))
	}
}

func runeNames(rs []rune) string {
	slices.Sort(rs)
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%q (U+%04X)", r, r))
	}
	return strings.Join(parts, ", ")
}
