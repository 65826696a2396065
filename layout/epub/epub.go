// Package epub writes an Edition as an EPUB 3.3 package that passes EPUBCheck and Ace by DAISY:
// one XHTML file per section with epub:type semantics and the matching ARIA roles, a navigation
// document that doubles as the Contents page in the spine (Kindle wants one there), an EPUB 2
// NCX for old reading systems, accessibility metadata, and a cover (the project's, or one
// generated from the title). Output is byte-identical for the same edition: fixed file order,
// fixed timestamps, no maps iterated.
//
// We write the package ourselves rather than with go-epub, which cannot express an anthology's
// metadata (editors and many authors with roles, accessibility properties, landmarks, page
// lists), is not reproducible, and swallows write errors.
package epub

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/cover"
	"github.com/anthology-editor/anthology/layout/internal/zipstamp"
	"github.com/anthology-editor/anthology/layout/xhtml"
)

// Options adjust the package.
type Options struct {
	// PageBreaks places print page-break markers: for each section ID, the print pages that
	// begin inside it. Empty when no print layout was made.
	PageBreaks map[string][]PageBreak
	// PrintPages is the number of pages of the print edition that PageBreaks refer to.
	PrintPages int
}

// PageBreak is where a page of the print edition begins inside a section.
type PageBreak struct {
	// Label is the printed folio ("iv", "12").
	Label string
	// Block is the index of the top-level body block before which the page begins (-1 for the
	// start of the section).
	Block int
	// Char, when above 0, places the marker inside a paragraph block: before the character at
	// that rune offset of the paragraph's plain text, where the printed page's first line
	// begins.
	Char int
}

// file is one member of the zip, written in the order of the files slice.
type file struct {
	name string // path inside the container
	data []byte
	// stored members are not deflated again (images are compressed already).
	stored bool
}

type coverResult struct {
	png []byte
	err error
}

// Write writes the EPUB of ed to w. It stops early, returning ctx.Err(), when ctx is cancelled.
func Write(ctx context.Context, w io.Writer, ed *layout.Edition, opts Options) error {
	b := &builder{ed: ed, opts: opts}
	files, err := b.build(ctx)
	if err != nil {
		return err
	}
	return writeZip(ctx, w, files, ed.Modified)
}

// builder holds what the files of one EPUB need to know about each other.
type builder struct {
	ed   *layout.Edition
	opts Options
	// href maps a section ID to its document, relative to the package document.
	href map[string]string
	// bioHref maps a contributor ID to the anchor of their bio.
	bioHref map[string]string
}

const (
	opfDir   = "EPUB/"
	textDir  = "text/"
	coverDoc = "text/cover.xhtml"
)

// SectionXHTML returns the XHTML document the EPUB holds for section id (an essay's ID, say),
// exactly as Write would put it in the book: what the editor's EPUB view shows.
func SectionXHTML(ed *layout.Edition, id string, opts Options) ([]byte, error) {
	b := &builder{ed: ed, opts: opts}
	b.link()
	for _, s := range ed.Sections {
		if s.ID == id {
			return b.section(s), nil
		}
	}
	return nil, fmt.Errorf("the book has no section %q", id)
}

// names writes a line of contributors' names ("A, B and C"), each linked to their bio.
func (b *builder) names(r *xhtml.Renderer, class, lead, epubType string, people []*anthology.Contributor) {
	if len(people) == 0 {
		return
	}
	r.F("<p class=\"%s\">%s", class, xhtml.Text(lead))
	for i, a := range people {
		r.W(xhtml.Text(b.ed.Words.ListSeparator(i, len(people))))
		name := xhtml.Text(a.Name)
		if href, ok := b.bioHref[a.ID]; ok {
			r.F("<a href=\"%s\" epub:type=\"%s\">%s</a>", href, epubType, name)
		} else {
			r.F("<span epub:type=\"%s\">%s</span>", epubType, name)
		}
	}
	r.W("</p>\n")
}

// imageHref is a figure's image as a content document links it.
func (b *builder) imageHref(src string) string {
	if im := b.ed.Image(src); im != nil {
		return "../" + im.Href
	}
	return ""
}

// link names each section's and each bio's place in the package, for cross-references.
func (b *builder) link() {
	b.href = map[string]string{}
	for _, s := range b.ed.Sections {
		b.href[s.ID] = textDir + s.ID + ".xhtml"
		if s.Kind == layout.Contents {
			// The contents page is the navigation document, named as reading systems and
			// checking tools expect it.
			b.href[s.ID] = textDir + "nav.xhtml"
		}
	}
	b.bioHref = map[string]string{}
	for _, bio := range b.ed.Contributors {
		b.bioHref[bio.Contributor.ID] = "contributors.xhtml#" + bio.ID
	}
}

func (b *builder) build(ctx context.Context) ([]file, error) {
	ed := b.ed
	b.link()

	// A generated cover is drawn while the text files are written.
	coverData, coverType := ed.Cover, ed.CoverMediaType
	var generated chan coverResult
	if coverData == nil {
		coverType = "image/png"
		generated = make(chan coverResult, 1)
		go func() {
			png, err := cover.PNG(ed)
			generated <- coverResult{png, err}
		}()
	}
	coverName := "images/cover.png"
	if coverType == "image/jpeg" {
		coverName = "images/cover.jpg"
	}

	files := []file{
		{name: "mimetype", data: []byte("application/epub+zip")},
		{name: "META-INF/container.xml", data: []byte(containerXML)},
		{name: opfDir + "css/book.css", data: assets.Stylesheet()},
	}
	var fontItems []manifestItem
	if ed.EPUB.EmbedFonts {
		faces, famName, famKey, err := embeddedFaces(ed)
		if err != nil {
			return nil, err
		}
		var css strings.Builder
		for _, st := range assets.Styles {
			data := faces[st]
			if data == nil {
				continue // a project family without this style: reading systems synthesize it
			}
			name := fmt.Sprintf("fonts/%s-%s.ttf", famKey, strings.ToLower(st.String()))
			files = append(files, file{name: opfDir + name, data: data})
			fontItems = append(fontItems, manifestItem{id: fmt.Sprintf("font-%s", strings.ToLower(st.String())), href: name, mediaType: "font/ttf"})
			weight, style := "normal", "normal"
			if st == assets.Bold || st == assets.BoldItalic {
				weight = "bold"
			}
			if st == assets.Italic || st == assets.BoldItalic {
				style = "italic"
			}
			fmt.Fprintf(&css, "@font-face {\n  font-family: \"%s\";\n  font-weight: %s;\n  font-style: %s;\n  src: url(\"../%s\");\n}\n", famName, weight, style, name)
		}
		fmt.Fprintf(&css, "body { font-family: \"%s\", serif; }\n", famName)
		files = append(files, file{name: opfDir + "css/fonts.css", data: []byte(css.String())})
	}
	coverAt := len(files)
	files = append(files,
		file{name: opfDir + coverName, stored: true},
		file{name: opfDir + coverDoc, data: b.coverPage(coverName)},
	)
	for _, im := range ed.Images {
		files = append(files, file{name: opfDir + im.Href, data: im.Data, stored: true})
	}
	// The sections are written on every core (each with a renderer of its own; the builder's
	// maps are only read), into their places in order.
	first := len(files)
	for _, s := range ed.Sections {
		files = append(files, file{name: opfDir + b.href[s.ID]})
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ed.Sections)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(ed.Sections) && ctx.Err() == nil; i = int(next.Add(1)) - 1 {
				files[first+i].data = b.section(ed.Sections[i])
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		if generated != nil {
			<-generated
		}
		return nil, err
	}
	if generated != nil {
		res := <-generated
		if res.err != nil {
			return nil, fmt.Errorf("generating the cover: %w", res.err)
		}
		coverData = res.png
	}
	files[coverAt].data = coverData
	files = append(files,
		file{name: opfDir + "toc.ncx", data: b.ncx()},
		file{name: opfDir + "package.opf", data: b.opf(coverName, coverType, fontItems)},
	)
	return files, nil
}

// writeZip writes files as an OCF container: mimetype first and stored, the rest deflated, every
// entry stamped with the edition's time so that the bytes never depend on the clock.
func writeZip(ctx context.Context, w io.Writer, files []file, modified time.Time) error {
	packed := deflateAll(files)
	zw := zip.NewWriter(w)
	date, clock := zipstamp.DOS(modified)
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		// The MS-DOS time fields are set directly: setting Modified would add an extended
		// timestamp field, which the OCF forbids on the mimetype entry.
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, ModifiedDate: date, ModifiedTime: clock}
		if i == 0 || f.stored {
			h.Method = zip.Store
		}
		h.SetMode(0o644)
		if h.Method == zip.Store {
			fw, err := zw.CreateHeader(h)
			if err != nil {
				return err
			}
			if _, err := fw.Write(f.data); err != nil {
				return err
			}
			continue
		}
		h.CRC32, h.UncompressedSize64 = crc32.ChecksumIEEE(f.data), uint64(len(f.data))
		h.CompressedSize64 = uint64(len(packed[i]))
		fw, err := zw.CreateRaw(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(packed[i]); err != nil {
			return err
		}
	}
	return zw.Close()
}

// deflateAll compresses the files that are deflated (all but the first, the mimetype, and the
// stored ones) on every core: deflating 13 MB of XHTML is most of an EPUB's build on one. The
// compressor is klauspost/compress's (the standard library's format, about twice as fast at
// the level archive/zip uses).
func deflateAll(files []file) [][]byte {
	out := make([][]byte, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			fw, _ := flate.NewWriter(&b, 5)
			for i := range next {
				b.Reset()
				fw.Reset(&b)
				fw.Write(files[i].data) // writes to a buffer cannot fail
				fw.Close()
				out[i] = bytes.Clone(b.Bytes())
			}
		}()
	}
	for i, f := range files {
		if i > 0 && !f.stored {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	return out
}

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`

// page wraps body content in an XHTML content document.
// embeddedFaces are the print font's faces the EPUB embeds: a project family's own files
// (only the styles it has), or a bundled family's four.
func embeddedFaces(ed *layout.Edition) (faces map[assets.Style][]byte, name, key string, err error) {
	faces = map[assets.Style][]byte{}
	for _, f := range ed.Fonts {
		if !strings.EqualFold(f.Family, ed.Print.FontFamily()) {
			continue
		}
		faces[f.StyleOf()], name = f.Data, f.Family
	}
	if len(faces) > 0 {
		return faces, name, "project", nil
	}
	fam, ok := assets.LookupFamily(ed.Print.FontFamily())
	if !ok {
		fam = assets.Families[0]
	}
	for _, st := range assets.Styles {
		if faces[st], err = fam.Face(st); err != nil {
			return nil, "", "", err
		}
	}
	return faces, fam.Name, fam.Key, nil
}

// The page is in language lang (an essay's own, or the book's), and says its direction.
func (b *builder) page(title, bodyType, body, lang string, extraCSS bool) []byte {
	var p bytes.Buffer
	dir := layout.Dir(lang)
	lang = xhtml.Text(lang)
	p.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	fmt.Fprintf(&p, "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" epub:prefix=\"z3998: http://www.daisy.org/z3998/2012/vocab/structure/#\" lang=\"%s\" xml:lang=\"%s\" dir=\"%s\">\n", lang, lang, dir)
	fmt.Fprintf(&p, "<head>\n<meta charset=\"utf-8\"/>\n<title>%s</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"../css/book.css\"/>\n", xhtml.Text(title))
	if extraCSS {
		p.WriteString("<link rel=\"stylesheet\" type=\"text/css\" href=\"../css/fonts.css\"/>\n")
	}
	p.WriteString("</head>\n")
	if bodyType != "" {
		fmt.Fprintf(&p, "<body epub:type=\"%s\">\n", bodyType)
	} else {
		p.WriteString("<body>\n")
	}
	p.WriteString(body)
	p.WriteString("</body>\n</html>\n")
	return p.Bytes()
}

func (b *builder) coverPage(coverName string) []byte {
	alt := fmt.Sprintf(b.ed.Words.CoverOf, b.ed.Title)
	if len(b.ed.Editors) > 0 {
		alt += b.ed.Words.Comma + " " + layout.Lower(b.ed.Words.EditedBy) + " " + b.ed.EditorNames()
	}
	body := fmt.Sprintf("<div class=\"cover\">\n<img src=\"../%s\" alt=\"%s\" epub:type=\"cover\" role=\"doc-cover\"/>\n</div>\n", coverName, xhtml.Text(alt))
	return b.page(b.ed.Title, "cover", body, b.ed.Language, false)
}

// matterType is the epub:type of a section's body element.
func matterType(m layout.Matter) string {
	switch m {
	case layout.FrontMatter:
		return "frontmatter"
	case layout.BackMatter:
		return "backmatter"
	}
	return "bodymatter"
}

func (b *builder) section(s *layout.Section) []byte {
	if s.Kind == layout.Contents {
		return b.contentsPage(s)
	}
	r := &xhtml.Renderer{BioLinks: b.bioHref, Image: b.imageHref, Words: &b.ed.Words, Dir: layout.Dir(s.Lang(b.ed.Language))}
	title := s.PlainTitle()
	titleID := s.ID + "-title"
	switch s.Kind {
	case layout.HalfTitle:
		r.F("<section class=\"halftitle\" epub:type=\"halftitlepage\" aria-labelledby=\"%s\">\n<h1 id=\"%s\" epub:type=\"halftitle\">", titleID, titleID)
		r.Inlines(s.Title)
		r.W("</h1>\n</section>\n")
	case layout.TitlePage:
		r.F("<section class=\"titlepage\" epub:type=\"titlepage\" aria-labelledby=\"%s\">\n<h1 id=\"%s\" epub:type=\"fulltitle\">", titleID, titleID)
		r.Inlines(s.Title)
		r.W("</h1>\n")
		r.Subtitle(s.Subtitle)
		if len(b.ed.Editors) > 0 {
			r.F("<p class=\"editors\">%s %s</p>\n", xhtml.Text(b.ed.Words.EditedBy), xhtml.Text(b.ed.EditorNames()))
		}
		if b.ed.Publisher != "" {
			r.F("<p class=\"publisher\">%s</p>\n", xhtml.Text(b.ed.Publisher))
		}
		r.W("</section>\n")
	case layout.Copyright:
		r.F("<section class=\"copyright\" epub:type=\"copyright-page\" aria-label=\"%s\">\n", xhtml.Text(b.ed.Words.Copyright))
		r.Blocks(s.Body.Blocks)
		r.W("</section>\n")
	case layout.Dedication:
		r.F("<section class=\"dedication\" epub:type=\"dedication\" role=\"doc-dedication\" aria-label=\"%s\">\n", xhtml.Text(b.ed.Words.Dedication))
		r.Blocks(s.Body.Blocks)
		r.W("</section>\n")
	case layout.PartOpener:
		r.F("<section class=\"part\" id=\"%s\" epub:type=\"part\" role=\"doc-part\" aria-labelledby=\"%s\">\n", s.ID, titleID)
		r.F("<h1 id=\"%s\"><span class=\"label\">%s</span> ", titleID, xhtml.Text(b.ed.Words.PartLabel(s.Number)))
		r.Inlines(s.Title)
		r.W("</h1>\n")
		r.Subtitle(s.Subtitle)
		r.W("</section>\n")
	case layout.Introduction, layout.Essay:
		kind, role := "chapter", "doc-chapter"
		if s.Kind == layout.Introduction {
			kind, role = "introduction", "doc-introduction"
		}
		r.NotePrefix = ""
		end := b.ed.EndNotes()
		if end != nil {
			// The notes are in the book's Notes document: references link there, under ids
			// unique among every essay's.
			r.NotePrefix, r.NotesHref = s.ID+"-", strings.TrimPrefix(b.href[end.ID], textDir)
		}
		r.F("<section class=\"%s\" id=\"%s\" epub:type=\"%s\" role=\"%s\" aria-labelledby=\"%s\">\n<header>\n<h1 id=\"%s\">", s.Kind.String(), s.ID, kind, role, titleID, titleID)
		r.Inlines(s.Title)
		r.W("</h1>\n")
		r.Subtitle(s.Subtitle)
		b.names(r, "byline", "", "z3998:author", s.Authors)
		b.names(r, "translator", b.ed.Words.TranslatedBy+" ", "z3998:translator", s.Translators)
		r.W("</header>\n")
		if len(s.Headnote) > 0 {
			r.F("<section class=\"headnote\" epub:type=\"preamble\" aria-label=\"%s\">\n", xhtml.Text(b.ed.Words.EditorsHeadnote))
			r.Blocks(s.Headnote)
			r.W("</section>\n")
		}
		if s.Body != nil {
			r.PrepareHeadings(s.Body.Blocks)
			b.bodyWithPageBreaks(r, s)
			if end == nil {
				r.Notes(s.Body, s.ID+"-notes")
			}
		}
		r.W("</section>\n")
	case layout.Contributors:
		r.F("<section class=\"contributors\" id=\"%s\" epub:type=\"contributors\" aria-labelledby=\"%s\">\n<h1 id=\"%s\">%s</h1>\n", s.ID, titleID, titleID, xhtml.Text(b.ed.Words.Contributors))
		for _, bio := range b.ed.Contributors {
			nameID := bio.ID + "-name"
			// Not a landmark (no accessible name): two contributors may share a name.
			r.F("<section class=\"bio\" id=\"%s\">\n<h2 id=\"%s\">%s</h2>\n", bio.ID, nameID, xhtml.Text(bio.Contributor.Name))
			r.Blocks(bio.Bio)
			if len(bio.Pieces) > 0 {
				r.F("<p class=\"essays\">%s: ", xhtml.Text(b.ed.Words.InThisBook))
				for i, piece := range bio.Pieces {
					if i > 0 {
						r.W("; ")
					}
					r.F("<a href=\"%s\">", strings.TrimPrefix(b.href[piece.ID], textDir))
					r.Inlines(piece.Title)
					r.W("</a>")
				}
				r.W("</p>\n")
			}
			r.W("</section>\n")
		}
		r.W("</section>\n")
	case layout.EndNotes:
		b.endNotes(r, s, titleID)
	case layout.Credits:
		r.F("<section class=\"credits\" id=\"%s\" epub:type=\"credits\" role=\"doc-credits\" aria-labelledby=\"%s\">\n<h1 id=\"%s\">%s</h1>\n", s.ID, titleID, titleID, xhtml.Text(b.ed.Words.Credits))
		r.Blocks(s.Body.Blocks)
		r.W("</section>\n")
	}
	b.startPageBreaks(r, s)
	return b.page(title, matterType(s.Matter), r.String(), s.Lang(b.ed.Language), b.ed.EPUB.EmbedFonts)
}

// endNotes writes the book's notes at its end (print.notes: book-end): under each essay's title
// and byline, its notes as the essay numbers them, each linking back to its reference in the
// essay's document; the print edition's page breaks before the essay's group they fall in.
func (b *builder) endNotes(r *xhtml.Renderer, s *layout.Section, titleID string) {
	r.F("<section class=\"endnotes\" id=\"%s\" epub:type=\"endnotes\" role=\"doc-endnotes\" aria-labelledby=\"%s\">\n<h1 id=\"%s\">", s.ID, titleID, titleID)
	r.Inlines(s.Title)
	r.W("</h1>\n")
	breaks := b.opts.PageBreaks[s.ID] // those of Block -1 are startPageBreaks'
	next := 0
	// breaksBefore writes the markers of the pages that begin before group i (all: len(Noted)).
	breaksBefore := func(i int) {
		for ; next < len(breaks) && breaks[next].Block <= i; next++ {
			if breaks[next].Block >= 0 {
				writePageBreak(r, breaks[next].Label)
			}
		}
	}
	for i, noted := range s.Noted {
		breaksBefore(i)
		headID := s.ID + "-" + noted.ID
		r.F("<section class=\"essay-notes\" aria-labelledby=\"%s\">\n<h2 id=\"%s\"><a href=\"%s\">", headID, headID, strings.TrimPrefix(b.href[noted.ID], textDir))
		r.Inlines(text.Plainify(noted.Title))
		r.W("</a>")
		if by := noted.Byline(); by != "" {
			r.F(" <span class=\"toc-author\">%s</span>", xhtml.Text(by))
		}
		r.W("</h2>\n")
		// Each essay's notes are its own: its ids, its document for the backlinks, its language.
		r.NotePrefix, r.NotesHref, r.RefsHref = noted.ID+"-", "", strings.TrimPrefix(b.href[noted.ID], textDir)
		lang := noted.Lang(b.ed.Language)
		if lang != b.ed.Language {
			r.F("<div lang=\"%s\" xml:lang=\"%s\" dir=\"%s\">\n", lang, lang, layout.Dir(lang))
		}
		r.NoteList(noted.Body)
		if lang != b.ed.Language {
			r.W("</div>\n")
		}
		r.W("</section>\n")
	}
	breaksBefore(len(s.Noted))
	r.W("</section>\n")
}

// bodyWithPageBreaks writes a section's body blocks, with the print edition's page-break
// markers between them where pages begin.
func (b *builder) bodyWithPageBreaks(r *xhtml.Renderer, s *layout.Section) {
	breaks := b.opts.PageBreaks[s.ID]
	next := 0
	for i, blk := range s.Body.Blocks {
		var inside []xhtml.Mark
		for next < len(breaks) && breaks[next].Block <= i {
			pb := breaks[next]
			_, para := blk.(*text.Paragraph)
			switch {
			case pb.Block == i && pb.Char > 0 && para:
				inside = append(inside, xhtml.Mark{At: pb.Char, HTML: pageBreakSpan(pb.Label)})
			case pb.Block >= 0:
				writePageBreak(r, pb.Label)
			}
			next++
		}
		r.Marks, r.Pos = inside, 0
		r.Block(blk, i == 0)
		// A mark past the paragraph's end (it cannot be, but a project may change under us)
		// still gets written, after it.
		for _, m := range r.Marks {
			r.W(m.HTML)
		}
		r.Marks = nil
	}
	// Pages that begin in the notes after the text.
	for ; next < len(breaks); next++ {
		writePageBreak(r, breaks[next].Label)
	}
}

// startPageBreaks writes the markers of pages that begin where a section begins (Block -1): they
// go first in the document, so they are written into a fresh buffer ahead of the content.
func (b *builder) startPageBreaks(r *xhtml.Renderer, s *layout.Section) {
	breaks := b.opts.PageBreaks[s.ID]
	var head strings.Builder
	for _, pb := range breaks {
		if pb.Block < 0 {
			fmt.Fprintf(&head, "<span id=\"page-%s\" epub:type=\"pagebreak\" role=\"doc-pagebreak\" aria-label=\"%s\"></span>\n", xhtml.Text(pb.Label), xhtml.Text(pb.Label))
		}
	}
	if head.Len() > 0 {
		rest := r.String()
		r.Reset()
		r.W("<div class=\"pagebreaks\">\n" + head.String() + "</div>\n")
		r.W(rest)
	}
}

func writePageBreak(r *xhtml.Renderer, label string) {
	r.W("<div class=\"pagebreaks\">" + pageBreakSpan(label) + "</div>\n")
}

// pageBreakSpan is the marker of a print page's start.
func pageBreakSpan(label string) string {
	return fmt.Sprintf("<span id=\"page-%s\" epub:type=\"pagebreak\" role=\"doc-pagebreak\" aria-label=\"%s\"></span>", xhtml.Text(label), xhtml.Text(label))
}

// contentsPage is the navigation document: the table of contents (parts, essays with their
// authors, front and back matter), the landmarks, and the page list when there is one. It sits
// in the spine where the printed book has its Contents.
func (b *builder) contentsPage(s *layout.Section) []byte {
	r := &xhtml.Renderer{Dir: layout.Dir(b.ed.Language)}
	r.W("<nav id=\"toc\" class=\"contents\" epub:type=\"toc\" role=\"doc-toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">" + xhtml.Text(b.ed.Words.Contents) + "</h1>\n<ol>\n")
	entries := s.Entries
	for i := 0; i < len(entries); i++ {
		e := entries[i]
		if e.Target.Kind == layout.PartOpener {
			r.F("<li class=\"part\"><a href=\"%s\">%s ", strings.TrimPrefix(b.href[e.Target.ID], textDir), xhtml.Text(b.ed.Words.PartLabel(e.Target.Number)))
			r.Inlines(text.Plainify(e.Target.Title))
			r.W("</a>")
			var kids []*layout.Entry
			for i+1 < len(entries) && entries[i+1].Level == 1 {
				i++
				kids = append(kids, entries[i])
			}
			if len(kids) > 0 {
				r.W("\n<ol>\n")
				for _, k := range kids {
					b.tocEntry(r, k.Target)
				}
				r.W("</ol>\n")
			}
			r.W("</li>\n")
			continue
		}
		b.tocEntry(r, e.Target)
	}
	r.W("</ol>\n</nav>\n")

	// Landmarks: where a reading system's "go to" menu leads.
	r.F("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\" aria-label=\"%s\">\n<ol>\n", xhtml.Text(b.ed.Words.Landmarks))
	r.F("<li><a epub:type=\"cover\" href=\"cover.xhtml\">%s</a></li>\n", xhtml.Text(b.ed.Words.Cover))
	r.F("<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">%s</a></li>\n", xhtml.Text(b.ed.Words.Contents))
	if start := b.bodyStart(); start != nil {
		r.F("<li><a epub:type=\"bodymatter\" href=\"%s\">%s</a></li>\n", strings.TrimPrefix(b.href[start.ID], textDir), xhtml.Text(b.ed.Words.StartOfText))
	}
	for _, sec := range b.ed.Sections {
		if sec.Kind == layout.Contributors {
			r.F("<li><a epub:type=\"contributors\" href=\"%s\">%s</a></li>\n", strings.TrimPrefix(b.href[sec.ID], textDir), xhtml.Text(b.ed.Words.Contributors))
		}
	}
	r.W("</ol>\n</nav>\n")
	if list := b.pageList(); list != "" {
		r.W(list)
	}
	b.startPageBreaks(r, s)
	return b.page(s.PlainTitle(), "frontmatter", r.String(), b.ed.Language, b.ed.EPUB.EmbedFonts)
}

func (b *builder) tocEntry(r *xhtml.Renderer, t *layout.Section) {
	r.F("<li><a href=\"%s\">", strings.TrimPrefix(b.href[t.ID], textDir))
	r.Inlines(text.Plainify(t.Title))
	if t.Kind == layout.Essay && len(t.Authors) > 0 {
		r.F(" <span class=\"toc-author\">%s</span>", xhtml.Text(t.Byline()))
	}
	r.W("</a></li>\n")
}

// bodyStart is the first section of the body matter: where reading starts.
func (b *builder) bodyStart() *layout.Section {
	for _, s := range b.ed.Sections {
		if s.Kind == layout.Introduction || s.Matter == layout.BodyMatter {
			return s
		}
	}
	return nil
}

// pageList is the nav of the print edition's pages, when the build made one.
func (b *builder) pageList() string {
	if len(b.opts.PageBreaks) == 0 {
		return ""
	}
	var r strings.Builder
	r.WriteString("<nav epub:type=\"page-list\" role=\"doc-pagelist\" id=\"page-list\" hidden=\"hidden\" aria-label=\"" + xhtml.Text(b.ed.Words.PageList) + "\">\n<ol>\n")
	for _, s := range b.ed.Sections {
		for _, pb := range b.opts.PageBreaks[s.ID] {
			fmt.Fprintf(&r, "<li><a href=\"%s#page-%s\">%s</a></li>\n", strings.TrimPrefix(b.href[s.ID], textDir), xhtml.Text(pb.Label), xhtml.Text(pb.Label))
		}
	}
	r.WriteString("</ol>\n</nav>\n")
	return r.String()
}
