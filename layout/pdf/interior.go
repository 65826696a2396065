package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/klauspost/compress/zlib"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// The book's own PDF writer. A book of 6,500 pages is 13 million glyphs: a general PDF library
// formats each drawing operation through fmt, holds every page's content until the file is
// written, and then the whole file; this writer draws each page's content on one of the cores
// into a compressed stream, writes it to the output in page order and forgets it. The fonts,
// whose subsets are known only when the last page is drawn, come after the pages.

// producer is what the Info dictionary and the XMP metadata name as the PDF's maker.
const producer = "Anthology"

// interior is the state of one book's PDF as it is written.
type interior struct {
	f       *pdfFile
	ed      *layout.Edition
	book    *typeset.Book
	flavour Flavour
	pageW   float64
	pageH   float64
	fonts   map[*typeset.Face]*embeddedFont
	order   []*embeddedFont // fonts in the book's order of faces
	images  map[*layout.Image]*imageObject
	pageNum []int // the object number of each page
	anchors map[string]anchorPlace
}

// anchorPlace is where an anchor is: its page and its height from the page's foot.
type anchorPlace struct {
	page int
	y    float64
}

// imageObject is a figure's image as an XObject of the file.
type imageObject struct {
	num  int
	name string
}

// pageOut is one page drawn: its compressed content and what the content names.
type pageOut struct {
	content []byte
	fonts   []*embeddedFont
	images  []*imageObject
}

func write(ctx context.Context, w io.Writer, ed *layout.Edition, book *typeset.Book, flavour Flavour, release bool) error {
	g := book.Geometry
	standard := ed.Print.PDFXStandard()
	pdfx := flavour == Print && standard != anthology.PDFXNone
	version := "1.4"
	switch {
	case pdfx && standard == anthology.PDFX4:
		version = "1.6"
	case pdfx:
		version = "1.3"
	}
	in := &interior{
		f: newPDFFile(w, version), ed: ed, book: book, flavour: flavour,
		pageW: g.Width + book.Bleed, pageH: g.Height + 2*book.Bleed,
		fonts: map[*typeset.Face]*embeddedFont{}, images: map[*layout.Image]*imageObject{},
		anchors: map[string]anchorPlace{},
	}
	f := in.f
	catalog, pages, info := f.alloc(), f.alloc(), f.alloc()
	in.pageNum = make([]int, len(book.Pages))
	for i := range in.pageNum {
		in.pageNum[i] = f.alloc()
	}
	for i, face := range book.Faces {
		e := &embeddedFont{face: face, num: f.alloc(), name: "F" + strconv.Itoa(i+1), used: make([]atomic.Uint32, 0x10000)}
		in.fonts[face] = e
		in.order = append(in.order, e)
	}
	for _, p := range book.Pages {
		for _, a := range p.Anchors {
			if _, ok := in.anchors[a.ID]; !ok {
				in.anchors[a.ID] = anchorPlace{page: p.Index, y: in.pageH - (a.Y + book.Bleed)}
			}
		}
	}
	// The figures, each once, before the pages that draw them.
	for _, p := range book.Pages {
		for _, pic := range p.Pictures {
			if in.images[pic.Image] != nil {
				continue
			}
			obj := &imageObject{num: f.alloc(), name: "Im" + strconv.Itoa(len(in.images)+1)}
			if err := writeImage(f, obj.num, pic.Image, pdfx); err != nil {
				return fmt.Errorf("page %d: figure %s: %w", p.Index+1, pic.Image.Src, err)
			}
			in.images[pic.Image] = obj
		}
	}

	if err := in.writePages(ctx, pages, release); err != nil {
		return err
	}
	for _, e := range in.order {
		if err := e.write(f); err != nil {
			return err
		}
	}
	kids := make([]string, len(in.pageNum))
	for i, n := range in.pageNum {
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
		icc := grayOutputProfile()
		f.stream(profile, " /N 1", icc)
		cat += " /Metadata " + ref(meta) + " /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (Custom) " +
			"/OutputCondition (" + escapeString(grayProfileName) + ") /Info (" + escapeString(grayProfileName) + ") /DestOutputProfile " + ref(profile) + " >>]"
	}
	if flavour == Screen {
		if outline := in.writeOutline(); outline != 0 {
			cat += " /Outlines " + ref(outline) + " /PageMode /UseOutlines"
		}
		if len(in.pageNum) > 0 {
			cat += " /PageLayout /TwoPageRight /OpenAction [" + ref(in.pageNum[0]) + " /Fit]"
		}
	}
	f.object(catalog, cat+" >>")
	return f.finish(catalog, info)
}

// writePages draws the pages on every core and writes them in order, each as it is ready;
// at most a few pages a core wait, drawn, for their turn.
func (in *interior) writePages(ctx context.Context, pagesNum int, release bool) error {
	pages := in.book.Pages
	workers := runtime.GOMAXPROCS(0)
	results := make([]chan pageOut, len(pages))
	for i := range results {
		results[i] = make(chan pageOut, 1)
	}
	jobs := make(chan int)
	window := make(chan struct{}, 4*workers)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(jobs)
		for i := range pages {
			select {
			case window <- struct{}{}:
			case <-done:
				return
			}
			select {
			case jobs <- i:
			case <-done:
				return
			}
		}
	}()
	for range workers {
		go func() {
			var d pageDrawer
			for i := range jobs {
				results[i] <- d.draw(in, pages[i])
			}
		}()
	}
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		out := <-results[i]
		<-window
		in.writePage(p, out, pagesNum)
		if release {
			p.Texts, p.Rules, p.Pictures, p.Links = nil, nil, nil, nil
		}
	}
	return nil
}

// writePage writes a drawn page: its content, its links and its dictionary.
func (in *interior) writePage(p *typeset.Page, out pageOut, pagesNum int) {
	f, g, bleed := in.f, in.book.Geometry, in.book.Bleed
	content := f.alloc()
	f.stream(content, " /Filter /FlateDecode", out.content)
	ox := in.originX(p)
	var annots []string
	if in.flavour == Screen {
		for _, l := range p.Links {
			rect := "[" + num(l.X+ox) + " " + num(in.pageH-(l.Y+bleed+l.H)) + " " + num(l.X+ox+l.W) + " " + num(in.pageH-(l.Y+bleed)) + "]"
			var action string
			switch {
			case l.URL != "":
				action = "/A << /S /URI /URI (" + escapeString(l.URL) + ") >>"
			case l.Target != "":
				a, ok := in.anchors[l.Target]
				if !ok {
					continue
				}
				action = "/Dest [" + ref(in.pageNum[a.page]) + " /XYZ 0 " + num(a.y) + " null]"
			default:
				continue
			}
			n := f.alloc()
			f.object(n, "<< /Type /Annot /Subtype /Link /Rect "+rect+" /Border [0 0 0] "+action+" >>")
			annots = append(annots, ref(n))
		}
	}
	var d strings.Builder
	d.WriteString("<< /Type /Page /Parent " + ref(pagesNum) + " /MediaBox [0 0 " + num(in.pageW) + " " + num(in.pageH) + "]")
	if bleed > 0 {
		d.WriteString(" /BleedBox [0 0 " + num(in.pageW) + " " + num(in.pageH) + "]")
	}
	d.WriteString(" /TrimBox [" + num(ox) + " " + num(bleed) + " " + num(ox+g.Width) + " " + num(bleed+g.Height) + "]")
	d.WriteString(" /Resources << /ProcSet [/PDF /Text /ImageB /ImageC /ImageI]")
	if len(out.fonts) > 0 {
		d.WriteString(" /Font <<")
		for _, e := range out.fonts {
			d.WriteString(" /" + e.name + " " + ref(e.num))
		}
		d.WriteString(" >>")
	}
	if len(out.images) > 0 {
		d.WriteString(" /XObject <<")
		for _, im := range out.images {
			d.WriteString(" /" + im.name + " " + ref(im.num))
		}
		d.WriteString(" >>")
	}
	d.WriteString(" >> /Contents " + ref(content))
	if len(annots) > 0 {
		d.WriteString(" /Annots [" + strings.Join(annots, " ") + "]")
	}
	f.object(in.pageNum[p.Index], d.String()+" >>")
}

// originX is where the trim box begins across the page: on a right-hand page the spine is on
// the left, so the bleed is on the right (and top and bottom); on a left-hand page it is on
// the left. (A right-to-left book's rectos are its left-hand pages.)
func (in *interior) originX(p *typeset.Page) float64 {
	if !in.book.Geometry.RightHand(p.Recto) {
		return in.book.Bleed
	}
	return 0
}

// pageDrawer draws pages' contents, one at a time, reusing its buffers.
type pageDrawer struct {
	buf []byte
	z   bytes.Buffer
	zw  *zlib.Writer
}

// draw writes a page's content stream and compresses it.
func (d *pageDrawer) draw(in *interior, p *typeset.Page) pageOut {
	ox, oy, h := in.originX(p), in.book.Bleed, in.pageH
	b := d.buf[:0]
	var out pageOut
	var cur *embeddedFont
	curSize := -1.0
	lang, inText := "", false
	for _, t := range p.Texts {
		// Text in another language than the book's is marked content with its language
		// (/Span <</Lang (fr)>> BDC … EMC), runs of one language marked together, outside
		// the text objects.
		want := t.Lang()
		if strings.EqualFold(want, in.ed.Language) {
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
			cur, curSize = nil, -1 // a reader starts each text object afresh
		}
		face, size := t.Face(), t.Size()
		e := in.fonts[face]
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
	for _, pic := range p.Pictures {
		im := in.images[pic.Image]
		if !slices.Contains(out.images, im) {
			out.images = append(out.images, im)
		}
		b = append(b, "q "...)
		b = appendNum(b, pic.W)
		b = append(b, " 0 0 "...)
		b = appendNum(b, pic.H)
		b = append(b, ' ')
		b = appendNum(b, pic.X+ox)
		b = append(b, ' ')
		b = appendNum(b, h-(pic.Y+oy+pic.H))
		b = append(b, " cm /"...)
		b = append(b, im.name...)
		b = append(b, " Do Q\n"...)
	}
	for _, r := range p.Rules {
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
	d.buf = b
	d.z.Reset()
	if d.zw == nil {
		d.zw, _ = zlib.NewWriterLevel(&d.z, zlib.BestSpeed)
	} else {
		d.zw.Reset(&d.z)
	}
	d.zw.Write(b)
	d.zw.Close()
	out.content = bytes.Clone(d.z.Bytes())
	return out
}

// writeOutline writes the screen PDF's bookmarks: front and back matter and parts at the top
// level, essays under their parts, each at its anchor. It returns the outline's object number
// (0 when the book has no bookmark).
func (in *interior) writeOutline() int {
	entries := outlineEntries(in.ed)
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
	for _, p := range in.book.Pages {
		for _, a := range p.Anchors {
			e, ok := entries[a.ID]
			if !ok {
				continue
			}
			for len(stack) > 1 && stack[len(stack)-1].level >= e.level {
				stack = stack[:len(stack)-1]
			}
			parent := stack[len(stack)-1]
			it := &item{title: e.title, level: e.level, dest: "[" + ref(in.pageNum[p.Index]) + " /XYZ 0 " + num(in.pageH-(a.Y+in.book.Bleed)) + " null]"}
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
		it.num = in.f.alloc()
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
		in.f.object(it.num, d.String()+" >>")
		for _, k := range it.kids {
			write(k)
		}
	}
	write(root)
	return root.num
}
