package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/zlib"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// The book's own PDF writer. A book of 6,500 pages is 13 million glyphs: a general PDF library
// formats each drawing operation through fmt, holds every page's content until the file is
// written, and then the whole file; this writer draws each page's content on one of the cores
// into a compressed stream as soon as the page is set (about 4 KB a page, kept until the file
// is written), and writes the file's objects straight to the output. The fonts, whose subsets
// are known only when the last page is drawn, come after the pages.

// producer is what the Info dictionary and the XMP metadata name as the PDF's maker.
const producer = "Anthology"

// Drawing is a book's pages drawn as PDF content, each page compressed as soon as it is given
// (Page), on every core. A PDF of the book (Write) then writes them. Given the pages as the
// typesetter finishes them (typeset.Options.PageDone), the drawing goes on while the rest of
// the book is set, and each page can drop its texts once drawn: the book is never held both
// as set pages and as page contents.
type Drawing struct {
	ed      *layout.Edition
	release bool

	mu     sync.Mutex
	fonts  map[*typeset.Face]*embeddedFont
	images map[*layout.Image]string // each figure's resource name
	drawn  map[*typeset.Page]*pageOut
	err    error

	jobs    chan drawJob
	pending sync.WaitGroup
	workers sync.WaitGroup
	closed  bool
}

// pageOut is one page drawn: its compressed content and what the content names.
type pageOut struct {
	content []byte
	fonts   []*embeddedFont
	images  []*layout.Image
}

// drawJob is a page to draw, with what it needs of the book's geometry, read when it was
// given (the typesetter may renumber the page later).
type drawJob struct {
	page         *typeset.Page
	texts        []typeset.Text
	rules        []typeset.Rule
	pictures     []typeset.Picture
	ox, oy, high float64
}

// NewDrawing starts drawing pages of ed. With release set, a page's texts, rules and pictures
// are dropped once it is drawn (its numbers, sections, anchors and links stay).
func NewDrawing(ed *layout.Edition, release bool) *Drawing {
	d := &Drawing{ed: ed, release: release,
		fonts: map[*typeset.Face]*embeddedFont{}, images: map[*layout.Image]string{}, drawn: map[*typeset.Page]*pageOut{},
		jobs: make(chan drawJob, 32)}
	for i, im := range ed.Images {
		d.images[im] = "Im" + strconv.Itoa(i+1)
	}
	for range runtime.GOMAXPROCS(0) {
		d.workers.Add(1)
		go func() {
			defer d.workers.Done()
			var pd pageDrawer
			for job := range d.jobs {
				out, err := pd.safeDraw(d, job)
				d.mu.Lock()
				d.drawn[job.page] = out
				if err != nil && d.err == nil {
					d.err = err
				}
				d.mu.Unlock()
				if d.release {
					job.page.Texts, job.page.Rules, job.page.Pictures = nil, nil, nil
				}
				d.pending.Done()
			}
		}()
	}
	return d
}

// Page draws p, a page of b; it waits while many pages wait to be drawn. Its signature is
// typeset.Options.PageDone's.
func (d *Drawing) Page(p *typeset.Page, b *typeset.Book) {
	d.pending.Add(1)
	d.jobs <- drawJob{page: p, texts: p.Texts, rules: p.Rules, pictures: p.Pictures, ox: trimX(b, p), oy: b.Bleed, high: b.Geometry.Height + 2*b.Bleed}
}

// trimX is where a page's trim box begins across it: on a right-hand page the spine is on the
// left, so the bleed is on the right (and top and bottom); on a left-hand page it is on the
// left. (A right-to-left book's rectos are its left-hand pages.)
func trimX(b *typeset.Book, p *typeset.Page) float64 {
	if !b.Geometry.RightHand(p.Recto) {
		return b.Bleed
	}
	return 0
}

// Close stops the drawing's workers once every page given is drawn.
func (d *Drawing) Close() {
	d.mu.Lock()
	closed := d.closed
	d.closed = true
	d.mu.Unlock()
	if !closed {
		close(d.jobs)
		d.workers.Wait()
	}
}

// font is the embedded font of a face, made the first time a page draws with it.
func (d *Drawing) font(face *typeset.Face) *embeddedFont {
	d.mu.Lock()
	defer d.mu.Unlock()
	e := d.fonts[face]
	if e == nil {
		e = &embeddedFont{face: face, name: resourceName(face), used: make([]atomic.Uint32, 0x10000)}
		d.fonts[face] = e
	}
	return e
}

// resourceName is the name a page's resources give a face: from its family key and style, so
// that it is the same whichever page first drew with it.
func resourceName(face *typeset.Face) string {
	return "F" + face.Family + styleCodes[face.Style]
}

// Write draws book (typeset from ed) as a PDF to w.
func Write(ctx context.Context, w io.Writer, ed *layout.Edition, book *typeset.Book, flavour Flavour) error {
	d := NewDrawing(ed, false)
	defer d.Close()
	return d.Write(ctx, w, book, flavour)
}

// Write writes book, whose pages the drawing was given as they were set (or not: those it
// lacks are drawn now), as a PDF to w. A drawing can write the book more than once (a print
// and a screen PDF).
func (d *Drawing) Write(ctx context.Context, w io.Writer, book *typeset.Book, flavour Flavour) error {
	d.mu.Lock()
	var missing []*typeset.Page
	for _, p := range book.Pages {
		if d.drawn[p] == nil {
			missing = append(missing, p)
		}
	}
	d.mu.Unlock()
	for _, p := range missing {
		if err := ctx.Err(); err != nil {
			return err
		}
		d.Page(p, book)
	}
	d.pending.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	// Pages of a setting the typesetter did not keep are no part of the book.
	d.mu.Lock()
	if d.err != nil {
		d.mu.Unlock()
		return d.err
	}
	outs := make([]*pageOut, len(book.Pages))
	for i, p := range book.Pages {
		outs[i] = d.drawn[p]
	}
	clear(d.drawn)
	for i, p := range book.Pages {
		d.drawn[p] = outs[i]
	}
	d.mu.Unlock()

	ed, g := d.ed, book.Geometry
	standard := ed.Print.PDFXStandard()
	pdfx := flavour == Print && standard != anthology.PDFXNone
	version := "1.4"
	switch {
	case pdfx && standard == anthology.PDFX4:
		version = "1.6"
	case pdfx:
		version = "1.3"
	}
	f := newPDFFile(w, version)
	pageW, pageH := g.Width+book.Bleed, g.Height+2*book.Bleed
	catalog, pages, info := f.alloc(), f.alloc(), f.alloc()
	pageNum := make([]int, len(book.Pages))
	for i := range pageNum {
		pageNum[i] = f.alloc()
	}
	anchors := map[string]string{} // each anchor's destination
	for i, p := range book.Pages {
		for _, a := range p.Anchors {
			if _, ok := anchors[a.ID]; !ok {
				anchors[a.ID] = destination(pageNum[i], pageH-(a.Y+book.Bleed))
			}
		}
	}
	fontNum := map[*embeddedFont]int{}
	var fonts []*embeddedFont // in the order pages first draw with them
	imageNum := map[*layout.Image]int{}
	for i, p := range book.Pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		out := outs[i]
		for _, e := range out.fonts {
			if fontNum[e] == 0 {
				fontNum[e] = f.alloc()
				fonts = append(fonts, e)
			}
		}
		for _, im := range out.images {
			if imageNum[im] == 0 {
				imageNum[im] = f.alloc()
				if err := writeImage(f, imageNum[im], im, pdfx); err != nil {
					return fmt.Errorf("page %d: figure %s: %w", i+1, im.Src, err)
				}
			}
		}
		content := f.alloc()
		f.stream(content, " /Filter /FlateDecode", out.content)
		ox := trimX(book, p)
		var annots []string
		if flavour == Screen {
			for _, l := range p.Links {
				rect := "[" + num(l.X+ox) + " " + num(pageH-(l.Y+book.Bleed+l.H)) + " " + num(l.X+ox+l.W) + " " + num(pageH-(l.Y+book.Bleed)) + "]"
				var action string
				switch {
				case l.URL != "":
					action = "/A << /S /URI /URI (" + escapeString(l.URL) + ") >>"
				case anchors[l.Target] != "":
					action = "/Dest " + anchors[l.Target]
				default:
					continue
				}
				n := f.alloc()
				f.object(n, "<< /Type /Annot /Subtype /Link /Rect "+rect+" /Border [0 0 0] "+action+" >>")
				annots = append(annots, ref(n))
			}
		}
		var dict strings.Builder
		dict.WriteString("<< /Type /Page /Parent " + ref(pages) + " /MediaBox [0 0 " + num(pageW) + " " + num(pageH) + "]")
		if book.Bleed > 0 {
			dict.WriteString(" /BleedBox [0 0 " + num(pageW) + " " + num(pageH) + "]")
		}
		dict.WriteString(" /TrimBox [" + num(ox) + " " + num(book.Bleed) + " " + num(ox+g.Width) + " " + num(book.Bleed+g.Height) + "]")
		dict.WriteString(" /Resources << /ProcSet [/PDF /Text /ImageB /ImageC /ImageI]")
		if len(out.fonts) > 0 {
			dict.WriteString(" /Font <<")
			for _, e := range out.fonts {
				dict.WriteString(" /" + e.name + " " + ref(fontNum[e]))
			}
			dict.WriteString(" >>")
		}
		if len(out.images) > 0 {
			dict.WriteString(" /XObject <<")
			for _, im := range out.images {
				dict.WriteString(" /" + d.images[im] + " " + ref(imageNum[im]))
			}
			dict.WriteString(" >>")
		}
		dict.WriteString(" >> /Contents " + ref(content))
		if len(annots) > 0 {
			dict.WriteString(" /Annots [" + strings.Join(annots, " ") + "]")
		}
		f.object(pageNum[i], dict.String()+" >>")
	}
	for _, e := range fonts {
		if err := e.write(f, fontNum[e]); err != nil {
			return err
		}
	}
	kids := make([]string, len(pageNum))
	for i, n := range pageNum {
		kids[i] = ref(n)
	}
	f.object(pages, "<< /Type /Pages /Kids ["+strings.Join(kids, " ")+"] /Count "+strconv.Itoa(len(kids))+" >>")

	stamp := ed.Modified.UTC()
	date := "(D:" + stamp.Format("20060102150405") + "Z)"
	var infoDict strings.Builder
	infoDict.WriteString("<< /Title " + textString(ed.Title))
	if len(ed.Editors) > 0 {
		infoDict.WriteString(" /Author " + textString(ed.EditorNames()))
	}
	if ed.Subtitle != "" {
		infoDict.WriteString(" /Subject " + textString(ed.Subtitle))
	}
	if len(ed.Subjects) > 0 {
		infoDict.WriteString(" /Keywords " + textString(strings.Join(ed.Subjects, ", ")))
	}
	infoDict.WriteString(" /Creator " + textString("Anthology") + " /Producer " + textString(producer) +
		" /CreationDate " + date + " /ModDate " + date)
	switch {
	case pdfx && standard == anthology.PDFX4:
		infoDict.WriteString(" /GTS_PDFXVersion (" + pdfx4Version + ") /Trapped /False")
	case pdfx:
		infoDict.WriteString(" /GTS_PDFXVersion (" + pdfxVersion + ") /GTS_PDFXConformance (" + pdfxConformance + ") /Trapped /False")
	}
	f.object(info, infoDict.String()+" >>")

	cat := "<< /Type /Catalog /Pages " + ref(pages)
	if ed.Language != "" {
		cat += " /Lang " + pdfString(ed.Language)
	}
	if pdfx {
		meta := f.alloc()
		f.stream(meta, " /Type /Metadata /Subtype /XML", xmpFor(ed, stamp, standard, producer))
		profile := f.alloc()
		f.stream(profile, " /N 1", grayOutputProfile())
		cat += " /Metadata " + ref(meta) + " /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (Custom) " +
			"/OutputCondition (" + escapeString(grayProfileName) + ") /Info (" + escapeString(grayProfileName) + ") /DestOutputProfile " + ref(profile) + " >>]"
	}
	if flavour == Screen {
		if outline := writeOutline(f, ed, book, pageNum, pageH); outline != 0 {
			cat += " /Outlines " + ref(outline) + " /PageMode /UseOutlines"
		}
		if len(pageNum) > 0 {
			cat += " /PageLayout /TwoPageRight /OpenAction [" + ref(pageNum[0]) + " /Fit]"
		}
	}
	f.object(catalog, cat+" >>")
	return f.finish(catalog, info)
}

// pageDrawer draws pages' contents, one at a time, reusing its buffers.
type pageDrawer struct {
	buf   []byte
	z     bytes.Buffer
	zw    *zlib.Writer
	fonts map[*typeset.Face]*embeddedFont
}

// safeDraw is draw turning a panic (a bug: no page should cause one) into an error naming the
// page, so that the desktop app, which exports on a worker, is not ended by it.
func (pd *pageDrawer) safeDraw(d *Drawing, job drawJob) (out *pageOut, err error) {
	defer func() {
		if r := recover(); r != nil {
			*pd = pageDrawer{} // its buffers may be half written
			out, err = &pageOut{}, fmt.Errorf("%w while drawing page %s into the PDF: %v (please report this as a bug)\n%s", typeset.ErrInternal, job.page.Label, r, debug.Stack())
		}
	}()
	return pd.draw(d, job), nil
}

// draw writes a page's content stream and compresses it.
func (pd *pageDrawer) draw(d *Drawing, job drawJob) *pageOut {
	if pd.fonts == nil {
		pd.fonts = map[*typeset.Face]*embeddedFont{}
	}
	ox, oy, h := job.ox, job.oy, job.high
	b := pd.buf[:0]
	out := &pageOut{}
	var cur *embeddedFont
	curSize := -1.0
	lang, inText := "", false
	for _, t := range job.texts {
		// Text in another language than the book's is marked content with its language
		// (/Span <</Lang (fr)>> BDC … EMC), runs of one language marked together, outside
		// the text objects.
		want := t.Lang()
		if strings.EqualFold(want, d.ed.Language) {
			want = ""
		}
		if want != lang {
			if inText {
				b, inText = append(b, "ET\n"...), false
			}
			if lang != "" {
				b = append(b, "EMC\n"...)
			}
			if lang = want; lang != "" {
				b = append(b, "/Span <</Lang "...)
				b = append(b, pdfString(lang)...)
				b = append(b, ">> BDC\n"...)
			}
		}
		if !inText {
			b, inText = append(b, "BT\n"...), true
		}
		face, size := t.Face(), t.Size()
		e := pd.fonts[face]
		if e == nil {
			e = d.font(face)
			pd.fonts[face] = e
		}
		if e != cur || size != curSize {
			if !slices.Contains(out.fonts, e) {
				out.fonts = append(out.fonts, e)
			}
			b = append(b, '/')
			b = append(b, e.name...)
			b = append(b, ' ')
			b = appendNum(b, size)
			b = append(b, " Tf\n"...)
			cur, curSize = e, size
		}
		b = append(b, "1 0 0 1 "...)
		b = appendNum(b, t.X+ox)
		b = append(b, ' ')
		b = appendNum(b, h-(t.Y+oy))
		b = append(b, " Tm "...)
		b = e.appendText(b, t.Text)
		b = append(b, " Tj\n"...)
	}
	if inText {
		b = append(b, "ET\n"...)
	}
	if lang != "" {
		b = append(b, "EMC\n"...)
	}
	for _, pic := range job.pictures {
		if !slices.Contains(out.images, pic.Image) {
			out.images = append(out.images, pic.Image)
		}
		d.mu.Lock()
		name, ok := d.images[pic.Image]
		if !ok {
			// A figure that is not one of the edition's images (a test's own page).
			name = "Im" + strconv.Itoa(len(d.images)+1)
			d.images[pic.Image] = name
		}
		d.mu.Unlock()
		b = append(b, "q "...)
		b = appendNum(b, pic.W)
		b = append(b, " 0 0 "...)
		b = appendNum(b, pic.H)
		b = append(b, ' ')
		b = appendNum(b, pic.X+ox)
		b = append(b, ' ')
		b = appendNum(b, h-(pic.Y+oy+pic.H))
		b = append(b, " cm /"...)
		b = append(b, name...)
		b = append(b, " Do Q\n"...)
	}
	for _, r := range job.rules {
		b = appendNum(b, r.Width)
		b = append(b, " w "...)
		b = appendNum(b, r.X1+ox)
		b = append(b, ' ')
		b = appendNum(b, h-(r.Y1+oy))
		b = append(b, " m "...)
		b = appendNum(b, r.X2+ox)
		b = append(b, ' ')
		b = appendNum(b, h-(r.Y2+oy))
		b = append(b, " l S\n"...)
	}
	pd.buf = b
	pd.z.Reset()
	if pd.zw == nil {
		pd.zw, _ = zlib.NewWriterLevel(&pd.z, zlib.BestSpeed)
	} else {
		pd.zw.Reset(&pd.z)
	}
	pd.zw.Write(b)
	pd.zw.Close()
	out.content = bytes.Clone(pd.z.Bytes())
	return out
}

// destination is a link's or a bookmark's target: the top of the view at height y (from the
// page's foot) on the page that is object page.
func destination(page int, y float64) string {
	return "[" + ref(page) + " /XYZ 0 " + num(y) + " null]"
}

// writeOutline writes the screen PDF's bookmarks: front and back matter and parts at the top
// level, essays under their parts, each at its anchor. It returns the outline's object number
// (0 when the book has no bookmark).
func writeOutline(f *pdfFile, ed *layout.Edition, book *typeset.Book, pageNum []int, pageH float64) int {
	entries := outlineEntries(ed)
	type item struct {
		num, parent    int
		title          string
		dest           string
		kids           []*item
		prev, next     *item
		level, descend int
	}
	root := &item{level: -1}
	stack := []*item{root}
	for _, p := range book.Pages {
		for _, a := range p.Anchors {
			e, ok := entries[a.ID]
			if !ok {
				continue
			}
			for len(stack) > 1 && stack[len(stack)-1].level >= e.level {
				stack = stack[:len(stack)-1]
			}
			parent := stack[len(stack)-1]
			it := &item{title: e.title, level: e.level, dest: destination(pageNum[p.Index], pageH-(a.Y+book.Bleed))}
			if n := len(parent.kids); n > 0 {
				parent.kids[n-1].next, it.prev = it, parent.kids[n-1]
			}
			parent.kids = append(parent.kids, it)
			stack = append(stack, it)
		}
	}
	if len(root.kids) == 0 {
		return 0
	}
	var number func(it *item) int
	number = func(it *item) int {
		it.num = f.alloc()
		total := 0
		for _, k := range it.kids {
			k.parent = it.num
			total += 1 + number(k)
		}
		it.descend = total
		return total
	}
	number(root)
	var write func(it *item)
	write = func(it *item) {
		var d strings.Builder
		d.WriteString("<<")
		if it == root {
			d.WriteString(" /Type /Outlines")
		} else {
			d.WriteString(" /Title " + textString(it.title) + " /Parent " + ref(it.parent) + " /Dest " + it.dest)
			if it.prev != nil {
				d.WriteString(" /Prev " + ref(it.prev.num))
			}
			if it.next != nil {
				d.WriteString(" /Next " + ref(it.next.num))
			}
		}
		if len(it.kids) > 0 {
			d.WriteString(" /First " + ref(it.kids[0].num) + " /Last " + ref(it.kids[len(it.kids)-1].num))
			// Every item is open: the count is all that shows beneath it.
			d.WriteString(" /Count " + strconv.Itoa(it.descend))
		}
		f.object(it.num, d.String()+" >>")
		for _, k := range it.kids {
			write(k)
		}
	}
	write(root)
	return root.num
}
