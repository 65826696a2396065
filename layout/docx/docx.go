// Package docx writes essays as a Word manuscript (.docx) for authors who work in Word: the
// text with its emphasis, small capitals, notes (as Word footnotes), headings, quotations,
// verse, lists, tables and figures, and the editor's open queries as Word comments anchored to
// their passages, replies threaded under them. Each essay is marked by a bookmark, so that the
// author's answers, read back by the importer, find their essay and their query again.
//
// It is a manuscript, not an edition: no front matter, no contents, no running heads.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/layout/internal/zipstamp"
)

// Options are what a manuscript is made with.
type Options struct {
	// Title heads a manuscript of several essays (the book's title); a manuscript of one
	// essay is headed by the essay's.
	Title string
	// Modified stamps the file's entries and properties; the zero time stamps 1980-01-01, so
	// that the bytes never depend on the clock.
	Modified time.Time
	// Lang is the book's language (BCP 47), for essays that do not name their own.
	Lang string
	// Resolved includes resolved queries too (marked done); by default only open queries
	// travel to the authors.
	Resolved bool
}

// Write writes essays of p as one manuscript to w.
func Write(w io.Writer, p *anthology.Project, essays []*anthology.Essay, o Options) error {
	if len(essays) == 0 {
		return fmt.Errorf("no essay to write")
	}
	d := &doc{p: p, opts: o, rels: []rel{
		{"rId1", relStyles, "styles.xml", false},
		{"rId2", relSettings, "settings.xml", false},
		{"rId3", relFootnotes, "footnotes.xml", false},
		{"rId4", relComments, "comments.xml", false},
		{"rId5", relCommentsEx, "commentsExtended.xml", false},
		{"rId6", relNumbering, "numbering.xml", false},
	}}
	// A manuscript of several essays is headed by the book's title; of one, by the essay's.
	book := len(essays) > 1
	title := essays[0].Meta.Title
	if book {
		if title = o.Title; title == "" {
			title = p.Book.Title
		}
		d.items = append(d.items, &para{style: "Title", runs: []run{{text: title}}})
	}
	for _, e := range essays {
		d.essay(e, book)
	}
	var creators []string
	for _, e := range essays {
		for _, id := range e.Meta.Authors {
			if c := p.Contributor(id); c != nil && !slices.Contains(creators, c.Name) {
				creators = append(creators, c.Name)
			}
		}
	}
	files := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", d.contentTypes()},
		{"_rels/.rels", []byte(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`</Relationships>`)},
		{"docProps/core.xml", coreXML(title, strings.Join(creators, "; "), o)},
		{"word/document.xml", d.documentXML()},
		{"word/_rels/document.xml.rels", d.relsXML()},
		{"word/styles.xml", []byte(stylesXML)},
		{"word/settings.xml", []byte(settingsXML)},
		{"word/numbering.xml", d.numberingXML()},
		{"word/footnotes.xml", d.footnotesXML()},
		{"word/comments.xml", d.commentsXML()},
		{"word/commentsExtended.xml", d.commentsExXML()},
	}
	for _, m := range d.media {
		files = append(files, struct {
			name string
			data []byte
		}{"word/" + m.name, m.data})
	}
	zw := zip.NewWriter(w)
	date, clock := zipstamp.DOS(o.Modified)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, ModifiedDate: date, ModifiedTime: clock}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// run is a stretch of text with one formatting, a footnote reference or a line break.
type run struct {
	text                   string
	italic, bold, smallCap bool
	vert                   string // "superscript", "subscript" or ""
	lang                   string
	link                   string // the relationship id of a hyperlink
	note                   int    // a footnote's id (> 0): the run is its reference
	brk                    bool
	footRef                bool // Word's mark at the head of a footnote's own text
	image                  *image
	off                    int // where the run starts in its essay's plain text
}

// para is a paragraph: its style, runs and list numbering.
type para struct {
	style    string
	align    string
	numID    int
	runs     []run
	bookmark string
	// marks are the comments of the essay whose body the paragraph is in (nil elsewhere).
	marks *essayMarks
	// anchor: the paragraph the queries without a passage (or whose passage is gone) hang on.
	anchor *essayMarks
}

// table is a table of paragraphs.
type table struct {
	header []cell
	rows   [][]cell
}

type cell []*para

// listKind is a list as numbering.xml numbers it: bullets, or numbers from start.
type listKind struct {
	ordered bool
	start   int
}

// item is a *para or a *table.
type item any

type rel struct {
	id, typ, target string
	external        bool
}

type image struct {
	rel           string
	name          string
	data          []byte
	cx, cy        int64 // EMU
	id            int
	alt, fileName string
}

type footnote struct {
	id    int
	paras []*para
}

// comment is one Word comment: a query or a reply, with the span of text it hangs on.
type comment struct {
	id             int
	author, date   string
	text           string
	paraID, parent string
	done           bool
}

// essayMarks are the comments of one essay and where they start and end in its plain text.
type essayMarks struct {
	spans    []span
	whole    []int // comments on the whole essay (no passage, or a passage not found)
	bookmark string
	bmID     int
}

type span struct {
	start, end int
	comments   []int
}

type doc struct {
	p         *anthology.Project
	opts      Options
	items     []item
	rels      []rel
	notes     []footnote
	comments  []comment
	media     []*image
	lists     []listKind // each list, numbered in numbering.xml
	bookmarks int
	noteIDs   int
	inNote    bool // writing notes: a reference in them is only its number
	// marks is the essay being written's comments (while items are made), text its plain
	// text so far.
	marks *essayMarks
	text  strings.Builder
	lang  string
}

const (
	relStyles     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
	relSettings   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
	relFootnotes  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
	relComments   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
	relCommentsEx = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
	relNumbering  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
	relHyperlink  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
	relImage      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
)

// essay adds essay e: its title (with its bookmark), subtitle and body, and its queries.
func (d *doc) essay(e *anthology.Essay, inBook bool) {
	lang := e.Meta.Language
	if lang == "" {
		lang = d.opts.Lang
	}
	if lang == "" {
		lang = d.p.Book.Lang()
	}
	d.lang = lang
	d.bookmarks++
	marks := &essayMarks{bookmark: anthology.QueryBookmark(e.ID), bmID: d.bookmarks}
	d.marks = marks
	d.text.Reset()
	titleStyle, shift := "Title", 0
	if inBook {
		titleStyle, shift = "Heading1", 1
	}
	d.items = append(d.items, &para{style: titleStyle, runs: []run{{text: e.Meta.Title}}, bookmark: marks.bookmark, anchor: marks})
	if e.Meta.Subtitle != "" {
		d.items = append(d.items, &para{style: "Subtitle", runs: []run{{text: e.Meta.Subtitle}}})
	}
	doc := e.DocIn(lang)
	notes := map[*text.Note]int{}
	d.items = append(d.items, d.blocks(doc.Blocks, "", shift, notes)...)
	plain := d.text.String()
	// The notes, as Word footnotes, in the order of their first reference. Word has no notes
	// inside notes: a note referred to only from another note keeps its number as a
	// superscript there, and its text follows the essay's last note, under that number.
	d.marks = nil
	d.inNote = true
	var nested []*text.Note
	for _, n := range doc.Notes {
		id, ok := notes[n]
		if !ok {
			nested = append(nested, n)
			continue
		}
		fn := footnote{id: id}
		for _, it := range d.blocks(n.Blocks, "FootnoteText", shift, notes) {
			if p, ok := it.(*para); ok {
				fn.paras = append(fn.paras, p)
			}
		}
		d.notes = append(d.notes, fn)
	}
	if len(d.notes) > 0 && len(nested) > 0 {
		last := &d.notes[len(d.notes)-1]
		for _, n := range nested {
			for i, it := range d.blocks(n.Blocks, "FootnoteText", shift, notes) {
				if p, ok := it.(*para); ok {
					if i == 0 {
						p.runs = append([]run{{text: strconv.Itoa(n.Number), vert: "superscript"}, {text: " "}}, p.runs...)
					}
					last.paras = append(last.paras, p)
				}
			}
		}
	}
	d.inNote = false
	sort.Slice(d.notes, func(i, j int) bool { return d.notes[i].id < d.notes[j].id })
	d.queries(e, marks, plain)
}

// queries turns e's queries into comments hung on their passages in the essay's text.
func (d *doc) queries(e *anthology.Essay, marks *essayMarks, plain string) {
	for _, q := range e.Meta.Queries {
		if q.Resolved && !d.opts.Resolved {
			continue
		}
		ids := []int{d.comment(comment{author: q.By, date: q.Date, text: q.Text, paraID: anthology.QueryParaID(e.ID, q.ID, -1), done: q.Resolved})}
		for i, r := range q.Replies {
			ids = append(ids, d.comment(comment{author: r.By, date: r.Date, text: r.Text, paraID: anthology.QueryParaID(e.ID, q.ID, i), parent: anthology.QueryParaID(e.ID, q.ID, -1), done: q.Resolved}))
		}
		start, end, ok := text.LooseIndex(plain, q.Passage)
		if !ok {
			marks.whole = append(marks.whole, ids...)
			continue
		}
		marks.spans = append(marks.spans, span{start: start, end: end, comments: ids})
	}
}

func (d *doc) comment(c comment) int {
	c.id = len(d.comments)
	if c.author == "" {
		c.author = "Editor"
	}
	d.comments = append(d.comments, c)
	return c.id
}

// blocks turns blocks into paragraphs and tables; style is the paragraph style of their
// container ("Quote"), shift how much deeper headings go.
func (d *doc) blocks(bs []text.Block, style string, shift int, notes map[*text.Note]int) []item {
	var out []item
	pstyle := func(s string) string {
		if style != "" {
			return style
		}
		return s
	}
	for _, b := range bs {
		switch x := b.(type) {
		case *text.Paragraph:
			out = append(out, d.para(pstyle(""), x.Content, notes))
		case *text.Heading:
			out = append(out, d.para("Heading"+strconv.Itoa(min(x.Level+shift, 6)), x.Content, notes))
		case *text.Quote:
			out = append(out, d.blocks(x.Blocks, "Quote", shift, notes)...)
		case *text.Epigraph:
			out = append(out, d.blocks(x.Blocks, "Epigraph", shift, notes)...)
			if len(x.Attribution) > 0 {
				p := d.para("Attribution", x.Attribution, notes)
				out = append(out, p)
			}
		case *text.Letter:
			for _, c := range [][]text.Inline{x.Dateline, x.Salutation} {
				if len(c) > 0 {
					out = append(out, d.para(pstyle("Letter"), c, notes))
				}
			}
			out = append(out, d.blocks(x.Blocks, pstyle("Letter"), shift, notes)...)
			for _, c := range [][]text.Inline{x.Closing, x.Signature} {
				if len(c) > 0 {
					out = append(out, d.para(pstyle("Letter"), c, notes))
				}
			}
			out = append(out, d.blocks(x.Postscript, pstyle("Letter"), shift, notes)...)
		case *text.List:
			d.lists = append(d.lists, listKind{x.Ordered, max(x.Start, 1)})
			num := len(d.lists)
			for _, item := range x.Items {
				for i, ib := range d.blocks(item, "ListParagraph", shift, notes) {
					if p, ok := ib.(*para); ok && i == 0 {
						p.numID = num
					}
					out = append(out, ib)
				}
			}
		case *text.SceneBreak:
			out = append(out, &para{style: "SceneBreak", align: "center", runs: []run{{text: "* * *"}}})
		case *text.Verse:
			for _, stanza := range x.Stanzas {
				var content []text.Inline
				for i, line := range stanza {
					if i > 0 {
						content = append(content, &text.LineBreak{})
					}
					content = append(content, line...)
				}
				out = append(out, d.para(pstyle("Verse"), content, notes))
			}
		case *text.Table:
			if len(x.Caption) > 0 {
				out = append(out, d.para("Caption", x.Caption, notes))
			}
			t := &table{}
			row := func(cells []text.Cell) []cell {
				var r []cell
				for _, c := range cells {
					r = append(r, cell{d.para("TableText", c, notes)})
				}
				return r
			}
			t.header = row(x.Header)
			for _, r := range x.Rows {
				t.rows = append(t.rows, row(r))
			}
			out = append(out, t)
		case *text.Figure:
			out = append(out, d.figure(x, notes)...)
		}
	}
	return out
}

// para makes a paragraph of content, its runs placed in the essay's plain text.
func (d *doc) para(style string, content []text.Inline, notes map[*text.Note]int) *para {
	p := &para{style: style, marks: d.marks}
	d.inlines(p, content, run{lang: ""}, notes)
	d.text.WriteByte('\n')
	return p
}

func (d *doc) inlines(p *para, content []text.Inline, f run, notes map[*text.Note]int) {
	for _, in := range content {
		switch x := in.(type) {
		case *text.Text:
			r := f
			r.text, r.off = x.Text, d.text.Len()
			d.text.WriteString(x.Text)
			p.runs = append(p.runs, r)
		case *text.Emphasis:
			g := f
			g.italic = !f.italic
			d.inlines(p, x.Content, g, notes)
		case *text.Strong:
			g := f
			g.bold = true
			d.inlines(p, x.Content, g, notes)
		case *text.SmallCaps:
			g := f
			g.smallCap = true
			d.inlines(p, x.Content, g, notes)
		case *text.Superscript:
			g := f
			g.vert = "superscript"
			d.inlines(p, x.Content, g, notes)
		case *text.Subscript:
			g := f
			g.vert = "subscript"
			d.inlines(p, x.Content, g, notes)
		case *text.Span:
			g := f
			g.lang = x.Lang
			d.inlines(p, x.Content, g, notes)
		case *text.Abbr:
			d.inlines(p, x.Content, f, notes)
		case *text.Link:
			g := f
			g.link = d.hyperlink(x.URL)
			d.inlines(p, x.Content, g, notes)
		case *text.NoteRef:
			if d.inNote {
				p.runs = append(p.runs, run{text: strconv.Itoa(x.Note.Number), vert: "superscript"})
				continue
			}
			id, ok := notes[x.Note]
			if !ok {
				id = d.noteIDs + 1
				d.noteIDs++
				notes[x.Note] = id
			}
			p.runs = append(p.runs, run{note: id, off: d.text.Len()})
		case *text.LineBreak:
			p.runs = append(p.runs, run{brk: true, off: d.text.Len()})
			d.text.WriteByte('\n')
		}
	}
}

func (d *doc) hyperlink(url string) string {
	for _, r := range d.rels {
		if r.external && r.target == url {
			return r.id
		}
	}
	id := "rId" + strconv.Itoa(len(d.rels)+1)
	d.rels = append(d.rels, rel{id, relHyperlink, url, true})
	return id
}

// esc escapes s for XML text and attributes.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// cuts returns the places inside (from, to) where a comment's passage starts or ends, in order.
func cuts(m *essayMarks, from, to int) []int {
	var out []int
	for _, s := range m.spans {
		for _, o := range []int{s.start, s.end} {
			if o > from && o < to {
				out = append(out, o)
			}
		}
	}
	sort.Ints(out)
	return out
}
