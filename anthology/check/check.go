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
	"unicode"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/markdown"
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
	Code    string `json:"code"`
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Essay   string `json:"essay,omitempty"`
	Message string `json:"message"`
}

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
			c.add(Warning, "duplicate-title", e, e.Locate(p.Dir, "$.title",
				fmt.Sprintf("the title %q is also the title of %s", e.Meta.Title, first.Path)))
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

func (c *checker) add(s Severity, code string, e *anthology.Essay, at *anthology.Error) {
	f := Finding{Severity: s, Code: code, File: at.File, Line: at.Line, Col: at.Col, Message: at.Msg}
	if e != nil {
		f.Essay = e.ID
	}
	if !slices.Contains(c.order, f.File) {
		c.order = append(c.order, f.File)
	}
	c.out = append(c.out, f)
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
		c.add(Error, "no-title", nil, p.Locate("$.title", "the book has no title"))
	}
	if len(p.Essays()) == 0 {
		c.add(Error, "empty-book", nil, p.Locate("$.contents", "the contents list no essays"))
	}
	for _, isbn := range []struct{ key, value string }{{"isbn_epub", p.Book.Identifiers.ISBNEPUB}, {"isbn_print", p.Book.Identifiers.ISBNPrint}} {
		if _, err := anthology.NormalizeISBN(isbn.value); isbn.value != "" && err != nil {
			c.add(Error, "isbn", nil, p.Locate("$.identifiers."+isbn.key, err.Error()+"; the EPUB and the cover leave it out"))
		}
	}
	if !c.o.Final {
		return
	}
	if p.Book.Cover == "" {
		c.add(Error, "no-cover", nil, p.Locate("$.title", "a final build needs a cover image (cover: images/…); the generated cover is for drafts"))
	}
	if p.Book.Identifiers.ISBNEPUB == "" {
		c.add(Error, "no-isbn", nil, p.Locate("$.identifiers", "a final build needs the EPUB's ISBN (identifiers: isbn_epub)"))
	}
	if p.Book.Identifiers.ISBNPrint == "" {
		c.add(Error, "no-isbn", nil, p.Locate("$.identifiers", "a final build needs the print edition's ISBN (identifiers: isbn_print)"))
	}
}

func (c *checker) contributors() {
	p := c.p
	for i, ct := range p.Contributors {
		at := fmt.Sprintf("$.contributors[%d]", i)
		if strings.TrimSpace(ct.Bio) == "" {
			c.add(Warning, "no-bio", nil, p.Locate(at, fmt.Sprintf("contributor %s has no bio; the Contributors page will show only the name", ct.Name)))
		}
		if len(p.EssaysBy(ct.ID)) == 0 && !slices.Contains(p.Book.Editors, ct.ID) &&
			(p.Introduction == nil || !slices.Contains(p.Introduction.Meta.Authors, ct.ID)) {
			c.add(Warning, "unused-contributor", nil, p.Locate(at, fmt.Sprintf("contributor %s wrote no essay in the contents and edits nothing; they are left out of the book", ct.Name)))
		}
	}
}

func (c *checker) parts() {
	p := c.p
	// The contents index of each part, to point at it.
	for i, part := range p.Parts {
		if part.Title != "" && len(part.Essays) == 0 {
			c.add(Warning, "empty-part", nil, p.Locate(fmt.Sprintf("$.contents[%d]", contentsIndex(p, i)), fmt.Sprintf("part %q has no essays", part.Title)))
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
	dir := c.p.Dir
	m := e.Meta
	name := e.Path
	if !intro && strings.TrimSpace(m.Title) == "" {
		c.add(Error, "no-title", e, e.Locate(dir, "$", "the essay has no title"))
	}
	final := Warning
	if c.o.Final {
		final = Error
	}
	if !intro && len(m.Authors) == 0 {
		c.add(final, "no-author", e, e.Locate(dir, "$.title", "the essay has no author (authors: [id]); it will print without a byline"))
	}
	if !intro && !e.Reprinted() && !m.Original && !looksReprinted(e) {
		c.add(final, "no-credit", e, e.Locate(dir, "$.title", "the essay has neither a source (where it first appeared) nor original: true (first published in this book); the Credits say nothing of it"))
	}
	words := e.Words()
	switch {
	case words == 0:
		c.add(Error, "empty", e, e.LocateBody(dir, 0, "the essay has no text"))
	case words < ShortEssay && !intro:
		c.add(Warning, "short", e, e.LocateBody(dir, 0, fmt.Sprintf("the essay has only %d words", words)))
	}
	if hw := text.Words(markdown.Parse([]byte(m.Headnote))); hw > words && words > 0 {
		c.add(Warning, "long-headnote", e, e.Locate(dir, "$.headnote", fmt.Sprintf("the headnote (%d words) is longer than the essay (%d)", hw, words)))
	}
	if !intro {
		if !e.Reprinted() && looksReprinted(e) {
			c.add(Warning, "no-source", e, e.Locate(dir, "$.title", "the essay looks reprinted (a permission is recorded or mentioned) but has no source: where did it first appear?"))
		}
		switch st := e.PermissionState(); {
		case st == anthology.PermissionDenied:
			c.add(Error, "permission", e, e.Locate(dir, "$.permission.status", fmt.Sprintf("permission to reprint %q was denied", m.Title)))
		case e.Reprinted() && st != anthology.PermissionCleared && st != anthology.PermissionNotNeeded:
			sev := Warning
			if c.o.Final {
				sev = Error
			}
			at := "$.permission.status"
			if m.Permission == nil {
				at = "$.source"
			}
			c.add(sev, "permission", e, e.Locate(dir, at, fmt.Sprintf("permission to reprint %q is not cleared (%s)", m.Title, st)))
		}
	}
	c.footnotes(e)
	c.links(e)
	if c.o.Glyphs != nil {
		c.glyphs(e, name)
	}
}

var (
	mdLink = regexp.MustCompile(`\]\(([^)\s]*)\)`)
	// mdImage is an image: its description, then its path (the same place mdLink finds).
	mdImage = regexp.MustCompile(`!\[((?:[^\]\\]|\\.)*)\]\(([^)\s]*)`)
)

// footnotes finds references without a note and notes nobody refers to.
func (c *checker) footnotes(e *anthology.Essay) {
	body := e.Body
	marks := noteMarks(body)
	defs := map[string]bool{}
	for _, m := range marks {
		if m.def {
			defs[m.label] = true
		}
	}
	used := map[string]bool{}
	for _, m := range marks {
		if m.def || m.escaped {
			continue
		}
		used[m.label] = true
		if !defs[m.label] {
			c.add(Error, "footnote", e, e.LocateBody(c.p.Dir, m.at, fmt.Sprintf("footnote [^%s] has no note ([^%s]: …)", m.label, m.label)))
		}
	}
	for _, m := range marks {
		if m.def && !used[m.label] {
			c.add(Warning, "footnote", e, e.LocateBody(c.p.Dir, m.lineStart, fmt.Sprintf("note [^%s] is referred to nowhere; it will not be printed", m.label)))
		}
	}
}

// noteMark is a "[^label]" in a Markdown body: a reference, or a definition when it starts a
// line (after at most three spaces) and a colon follows.
type noteMark struct {
	label         string
	at, lineStart int // byte offsets of the "[" and of its line
	def, escaped  bool
}

// noteMarks finds every "[^label]" of body in one pass (a regular expression anchored at line
// starts took a quarter of a second on a 13 MB corpus).
func noteMarks(body string) []noteMark {
	var out []noteMark
	for i := 0; ; {
		j := strings.Index(body[i:], "[^")
		if j < 0 {
			return out
		}
		at := i + j
		i = at + 2
		end := at + 2
		for end < len(body) && body[end] != ']' {
			r, size := utf8.DecodeRuneInString(body[end:])
			if unicode.IsSpace(r) {
				break
			}
			end += size
		}
		if end == at+2 || end >= len(body) || body[end] != ']' {
			continue
		}
		m := noteMark{label: body[at+2 : end], at: at, escaped: at > 0 && body[at-1] == '\\'}
		m.lineStart = strings.LastIndexByte(body[:at], '\n') + 1
		if end+1 < len(body) && body[end+1] == ':' {
			if indent := body[m.lineStart:at]; len(indent) <= 3 && strings.Trim(indent, " ") == "" {
				m.def = true
			} else {
				continue // "[^x]:" inside a line is neither a note nor a reference
			}
		}
		out = append(out, m)
		i = end + 1
	}
}

// links finds links that lead nowhere in a book: to anchors, to relative paths, to schemes a
// reader cannot follow.
func (c *checker) links(e *anthology.Essay) {
	images := map[int]bool{}
	for _, m := range mdImage.FindAllStringSubmatchIndex(e.Body, -1) {
		images[m[4]] = true
		c.image(e, m)
	}
	for _, m := range mdLink.FindAllStringSubmatchIndex(e.Body, -1) {
		if images[m[2]] {
			continue
		}
		target := e.Body[m[2]:m[3]]
		lower := strings.ToLower(target)
		if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "mailto:") {
			continue
		}
		c.add(Warning, "link", e, e.LocateBody(c.p.Dir, m[2], fmt.Sprintf("link to %q leads nowhere in a book (only web and mail addresses are kept)", target)))
	}
}

// image checks a figure's image: in the project, a JPEG or PNG, with a description. A figure
// nobody can see without one keeps the book from meeting WCAG, and the EPUB says so.
func (c *checker) image(e *anthology.Essay, m []int) {
	alt, target := e.Body[m[2]:m[3]], e.Body[m[4]:m[5]]
	if strings.TrimSpace(alt) == "" {
		c.add(Warning, "alt-text", e, e.LocateBody(c.p.Dir, m[0], fmt.Sprintf("the image %q has no description (alt text): readers who cannot see it lose it, and the EPUB cannot claim WCAG conformance", target)))
	}
	data, err := c.p.ReadFile(target)
	if err != nil {
		c.add(Error, "image", e, e.LocateBody(c.p.Dir, m[4], fmt.Sprintf("image %q: %v", target, err)))
		return
	}
	if _, _, err := anthology.CheckImage(data); err != nil {
		c.add(Error, "image", e, e.LocateBody(c.p.Dir, m[4], fmt.Sprintf("image %q: %v", target, err)))
	}
}

// glyphs finds characters the print font lacks: drawn from another font (a warning),
// or by none (an error: they would be left out of the print edition).
// coverage sorts the characters of texts into those the print font lacks but another bundled
// font draws (fallback) and those no bundled font draws (missing).
func (c *checker) coverage(texts ...string) (fallback, missing []rune) {
	seen := map[rune]bool{}
	for _, s := range texts {
		for _, r := range s {
			if seen[r] || r < 0x20 || r == '\u00a0' || r == '\u00ad' || r == '\u200b' {
				continue
			}
			seen[r] = true
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
			c.add(Error, "glyphs", nil, c.p.Locate(f.path, fmt.Sprintf("no font (bundled or in fonts/) has %s; the print edition and its cover would leave them out", runeNames(missing))))
		}
	}
}

func (c *checker) glyphs(e *anthology.Essay, name string) {
	var all []string
	text.Walk(e.Doc.Blocks, func(in text.Inline) {
		if t, ok := in.(*text.Text); ok {
			all = append(all, t.Text)
		}
	})
	for _, n := range e.Doc.Notes {
		text.Walk(n.Blocks, func(in text.Inline) {
			if t, ok := in.(*text.Text); ok {
				all = append(all, t.Text)
			}
		})
	}
	all = append(all, e.Meta.Title, e.Meta.Subtitle, e.Meta.Headnote)
	fallback, missing := c.coverage(all...)
	if len(missing) > 0 {
		c.add(Error, "glyphs", e, e.Locate(c.p.Dir, "$.title", fmt.Sprintf("no font (bundled or in fonts/) has %s; the print edition leaves them out", runeNames(missing))))
	}
	if len(fallback) > 0 {
		c.add(Warning, "glyphs", e, e.Locate(c.p.Dir, "$.title", fmt.Sprintf("%s lacks %s; they are drawn from another font", c.o.FontName, runeNames(fallback))))
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
