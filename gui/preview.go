//go:build !nogui

package gui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/net/html"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/epub"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// previewDPI is the resolution pages are painted at: sharp on a normal screen at the size the
// pane shows them, quick to paint.
const previewDPI = 110

// preview shows the book as it will be: the print pages, painted from the same typeset pages the
// PDF draws, and the EPUB's file for the selected essay. It is set again, off the UI
// goroutine and on a copy of the project, a moment after each edit.
type preview struct {
	e *Editor

	img       *canvas.Image
	pageLabel *widget.Label
	bar       *fyne.Container // holds pageLabel: laid out again when its text changes
	message   *widget.Label
	spread    *widget.Check
	epubText  *widget.RichText
	epubSrc   *widget.RichText
	showSrc   *widget.Check
	tabs      *container.AppTabs

	ed      *layout.Edition
	book    *typeset.Book
	page    int
	painter *typeset.Painter
	// cache keeps the essays' pages between settings: after an edit only the edited essay
	// is set again.
	cache   *typeset.PageCache
	essayID string // the essay the EPUB view shows
	// jumpTo is an essay to show once the book is set (a selection made while setting).
	jumpTo string
	// restored is set once the page the project was last read at has been shown again;
	// keptPage is the page last written to the preferences.
	restored bool
	keptPage int

	mu      sync.Mutex // guards cancel and gen, touched by the timer
	gen     int
	cancel  context.CancelFunc
	timer   *time.Timer
	stopped bool
	// sets counts the settings finished (tests wait for the next).
	sets int
}

func newPreview(e *Editor) *preview {
	pv := &preview{e: e, painter: typeset.NewPainter(previewDPI), cache: typeset.NewPageCache()}
	pv.img = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	pv.img.FillMode = canvas.ImageFillContain
	pv.img.ScaleMode = canvas.ImageScaleSmooth
	pv.img.SetMinSize(fyne.NewSize(240, 360))
	pv.pageLabel = widget.NewLabel("")
	pv.message = widget.NewLabel("Setting the book…")
	pv.message.Wrapping = fyne.TextWrapWord
	pv.spread = widget.NewCheck("Spread", func(bool) { pv.paint() })
	pv.epubText = widget.NewRichText()
	pv.epubText.Wrapping = fyne.TextWrapWord
	pv.epubSrc = widget.NewRichText()
	pv.epubSrc.Wrapping = fyne.TextWrapBreak
	pv.showSrc = widget.NewCheck("Show XHTML", func(bool) { pv.showEPUB() })
	return pv
}

func (pv *preview) view() fyne.CanvasObject {
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { pv.turn(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { pv.turn(1) })
	jump := widget.NewButtonWithIcon("", theme.SearchIcon(), func() {
		if id := pv.e.selected.id; id != "" {
			pv.showEssay(id)
		}
	})
	pv.bar = container.NewHBox(prev, pv.pageLabel, next, jump, pv.spread)
	bar := pv.bar
	printView := container.NewBorder(bar, pv.message, nil, nil, pv.img)
	epubView := container.NewBorder(pv.showSrc, nil, nil, nil,
		container.NewVScroll(container.NewPadded(container.NewStack(pv.epubText, pv.epubSrc))))
	pv.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Print", theme.DocumentPrintIcon(), printView),
		container.NewTabItemWithIcon("EPUB", theme.DocumentIcon(), epubView),
	)
	return pv.tabs
}

// schedule sets the book again after the editor pauses.
func (pv *preview) schedule() {
	pv.mu.Lock()
	defer pv.mu.Unlock()
	if pv.stopped {
		return
	}
	if pv.timer != nil {
		pv.timer.Stop()
	}
	pv.timer = time.AfterFunc(pv.e.cfg.PreviewDelay, func() { pv.e.do(pv.start) })
}

// start copies the project (on the UI goroutine) and sets the copy in the background.
func (pv *preview) start() {
	pv.mu.Lock()
	if pv.stopped {
		pv.mu.Unlock()
		return
	}
	if pv.cancel != nil {
		pv.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	pv.cancel = cancel
	pv.gen++
	gen := pv.gen
	pv.mu.Unlock()

	clone := pv.e.project().Clone()
	go func() {
		type set struct {
			ed   *layout.Edition
			book *typeset.Book
		}
		s, err := safely("setting the preview", func() (set, error) {
			ed, book, err := export.TypesetCached(ctx, clone, pv.cache)
			return set{ed, book}, err
		})
		ed, book := s.ed, s.book
		if ctx.Err() != nil {
			return
		}
		_, fresh := pv.cache.Counts()
		pv.e.do(func() { pv.done(gen, ed, book, err, fresh) })
	}()
}

// releaseAfter is how many essays a setting sets afresh before the memory it used is given
// back to the system at once: setting a 1,000-essay book makes about 400 MB of garbage, which
// Go keeps (and the system counts as the app's) for minutes otherwise. After a one-word edit
// one essay is set again, and nothing is forced.
const releaseAfter = 50

func (pv *preview) done(gen int, ed *layout.Edition, book *typeset.Book, err error, fresh int) {
	pv.mu.Lock()
	current := gen == pv.gen && !pv.stopped
	pv.mu.Unlock()
	if !current {
		return
	}
	pv.sets++
	if fresh >= releaseAfter {
		// After this function the previous book is garbage too. (A forced collection off the
		// UI goroutine: it runs beside the app, which only slows a little while it does.)
		defer func() { go debug.FreeOSMemory() }()
	}
	if err != nil {
		// The pages of an earlier setting are not this book's: show none rather than those.
		pv.clear()
		pv.message.SetText("The book cannot be set: " + err.Error())
		if ed != nil {
			pv.ed = ed
		}
		return
	}
	// Keep the reader where they were: on the same page of the same piece, wherever an edit
	// moved that piece in the book.
	anchor, offset := "", pv.page
	if pv.book != nil && pv.page < len(pv.book.Pages) {
		if sec := pv.book.Pages[pv.page].Section; sec != nil {
			anchor, offset = sec.ID, pv.page-pv.book.Starts[sec.ID]
		}
	}
	pv.ed, pv.book = ed, book
	pv.page = offset
	if start, ok := book.Starts[anchor]; ok {
		pv.page = start + offset
	}
	pv.message.SetText("")
	if paper := pv.e.project().Print.PaperKind(); paper == anthology.PaperCream {
		pv.painter.Paper = color.NRGBA{0xfb, 0xf6, 0xe9, 0xff}
	} else {
		pv.painter.Paper = color.White
	}
	if !pv.restored {
		// The first setting of a project opens at the page it was last read at.
		pv.restored = true
		if key := pv.pageKey(); key != "" && pv.jumpTo == "" {
			if last := pv.e.app.Preferences().IntWithFallback(key, -1); last >= 0 {
				pv.page = last
			}
			pv.keptPage = pv.page
		}
	}
	pv.page = max(0, min(pv.page, len(book.Pages)-1))
	if pv.jumpTo != "" {
		id := pv.jumpTo
		pv.jumpTo = ""
		pv.showEssay(id)
	} else {
		pv.paint()
		pv.showEPUB()
	}
	pv.e.refreshChrome()
	if f := pv.e.form; f != nil && f.afterTypeset != nil {
		f.afterTypeset()
	}
}

// stop cancels any setting under way; the preview does nothing more.
func (pv *preview) stop() {
	pv.mu.Lock()
	defer pv.mu.Unlock()
	pv.stopped = true
	if pv.timer != nil {
		pv.timer.Stop()
	}
	if pv.cancel != nil {
		pv.cancel()
	}
}

// clear forgets the set book and blanks the page (a new project, or one that cannot be set):
// File → New once kept showing the previous book's page and its page count.
func (pv *preview) clear() {
	pv.book, pv.page = nil, 0
	pv.restored = false
	pv.img.Image = nil
	pv.img.Refresh()
	pv.pageLabel.SetText("")
}

// pageCount is the number of pages of the last setting, 0 before the first.
func (pv *preview) pageCount() int {
	if pv.book == nil {
		return 0
	}
	return len(pv.book.Pages)
}

func (pv *preview) edition() *layout.Edition { return pv.ed }

func (pv *preview) typeset() *typeset.Book { return pv.book }

// Page is the index of the page shown.
func (pv *preview) Page() int { return pv.page }

// turn shows the page (or spread) delta steps on.
func (pv *preview) turn(delta int) {
	if pv.book == nil {
		return
	}
	step := 1
	if pv.spread.Checked {
		step = 2
	}
	pv.page = max(0, min(len(pv.book.Pages)-1, pv.page+delta*step))
	pv.paint()
}

// showEssay shows the first page of essay id, and its EPUB file.
func (pv *preview) showEssay(id string) {
	pv.essayID = id
	if pv.book == nil || pv.ed == nil {
		pv.jumpTo = id
		return
	}
	if sec := pv.section(id); sec != nil {
		if i, ok := pv.book.Starts[sec.ID]; ok {
			pv.page = i
		}
	}
	pv.paint()
	pv.showEPUB()
}

// pageKey is the preference that keeps the page the project was last read at ("" for a
// project not on disk, such as the sample).
func (pv *preview) pageKey() string {
	if dir := pv.e.project().Dir; dir != "" {
		return "preview-page:" + dir
	}
	return ""
}

// section is the edition's section of essay id.
func (pv *preview) section(id string) *layout.Section {
	if pv.ed == nil {
		return nil
	}
	for _, s := range pv.ed.Sections {
		if s.Essay != nil && s.Essay.ID == id {
			return s
		}
	}
	return nil
}

// paint draws the current page (and its facing page) into the image.
func (pv *preview) paint() {
	if pv.book == nil || len(pv.book.Pages) == 0 {
		return
	}
	if key := pv.pageKey(); key != "" && pv.restored && pv.page != pv.keptPage {
		// Only a new page is written: the preview paints after every edit, and preferences
		// go to disk.
		pv.e.app.Preferences().SetInt(key, pv.page)
		pv.keptPage = pv.page
	}
	b := pv.book
	pg := b.Pages[pv.page]
	pages := []*typeset.Page{pg}
	if pv.spread.Checked {
		// A spread is a left-hand (verso) page and the right-hand (recto) page after it.
		if pg.Recto && pv.page > 0 {
			pages = []*typeset.Page{b.Pages[pv.page-1], pg}
		} else if !pg.Recto && pv.page+1 < len(b.Pages) {
			pages = []*typeset.Page{pg, b.Pages[pv.page+1]}
		}
	}
	var imgs []*image.RGBA
	for _, p := range pages {
		imgs = append(imgs, pv.painter.Paint(b, p))
	}
	if b.Geometry.RTL {
		slices.Reverse(imgs) // a right-to-left book's recto is its left-hand page
	}
	pv.img.Image = sideBySide(imgs)
	pv.img.Refresh()
	var labels []string
	for _, p := range pages {
		labels = append(labels, p.Label)
	}
	pv.pageLabel.SetText(fmt.Sprintf("p. %s (%d/%d)", strings.Join(labels, "–"), pv.page+1, len(b.Pages)))
	if pv.bar != nil {
		pv.bar.Refresh()
	}
}

// sideBySide joins page images left to right with a gutter shadow between them.
func sideBySide(imgs []*image.RGBA) image.Image {
	if len(imgs) == 1 {
		return imgs[0]
	}
	w, h := 0, 0
	for _, im := range imgs {
		w += im.Bounds().Dx()
		h = max(h, im.Bounds().Dy())
	}
	gap := 6
	out := image.NewRGBA(image.Rect(0, 0, w+gap*(len(imgs)-1), h))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.NRGBA{0x80, 0x80, 0x80, 0xff}), image.Point{}, draw.Src)
	x := 0
	for _, im := range imgs {
		draw.Draw(out, im.Bounds().Add(image.Pt(x, 0)), im, image.Point{}, draw.Src)
		x += im.Bounds().Dx() + gap
	}
	return out
}

// showEPUB shows the EPUB's file for the essay last selected: read as text, or as its XHTML.
func (pv *preview) showEPUB() {
	if pv.ed == nil || pv.essayID == "" {
		pv.epubText.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: "Select an essay to see it as the EPUB has it.", Style: widget.RichTextStyleParagraph}}
		pv.epubText.Refresh()
		pv.epubSrc.Hide()
		return
	}
	sec := pv.section(pv.essayID)
	if sec == nil {
		return
	}
	opts := epub.Options{}
	if pv.book != nil {
		opts.PageBreaks, opts.PrintPages = export.PageBreaks(pv.book)
	}
	doc, err := epub.SectionXHTML(pv.ed, sec.ID, opts)
	if err != nil {
		pv.epubText.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: err.Error()}}
		pv.epubText.Refresh()
		return
	}
	if pv.showSrc.Checked {
		pv.epubText.Hide()
		pv.epubSrc.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: string(doc), Style: widget.RichTextStyleCodeBlock}}
		pv.epubSrc.Show()
		pv.epubSrc.Refresh()
		return
	}
	pv.epubSrc.Hide()
	pv.epubText.Segments = xhtmlSegments(doc)
	pv.epubText.Show()
	pv.epubText.Refresh()
}

// xhtmlSegments reads an EPUB content document into rich-text segments: headings, paragraphs
// with their italics and bold, block quotes, verse, lists, and page-break markers as small
// labels.
func xhtmlSegments(doc []byte) []widget.RichTextSegment {
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		return []widget.RichTextSegment{&widget.TextSegment{Text: err.Error()}}
	}
	var segs []widget.RichTextSegment
	// endLine closes the line under way, if any: an empty paragraph segment ends a line in
	// fyne's rich text (as its own Markdown renderer does).
	endLine := func() {
		if n := len(segs); n > 0 && segs[n-1].Inline() {
			segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
		}
	}
	inline := func(text string, style widget.RichTextStyle) {
		style.Inline = true
		segs = append(segs, &widget.TextSegment{Text: text, Style: style})
	}
	var walk func(n *html.Node, style widget.RichTextStyle, inText bool)
	walk = func(n *html.Node, style widget.RichTextStyle, inText bool) {
		switch n.Type {
		case html.TextNode:
			t := strings.Join(strings.Fields(n.Data), " ")
			if t == "" {
				if inText && n.Data != "" {
					inline(" ", style)
				}
				return
			}
			if first := n.Data[0]; first == ' ' || first == '\n' {
				t = " " + t
			}
			if last := n.Data[len(n.Data)-1]; last == ' ' || last == '\n' {
				t += " "
			}
			if inText {
				inline(t, style)
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "head", "script", "style":
				return
			case "span":
				if attr(n, "epub:type") == "pagebreak" {
					inline(" [p. "+strings.TrimPrefix(attr(n, "id"), "page-")+"] ",
						widget.RichTextStyle{SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNamePlaceHolder})
					return
				}
			case "em", "i", "cite":
				style.TextStyle.Italic = !style.TextStyle.Italic
			case "strong", "b":
				style.TextStyle.Bold = true
			case "br":
				endLine()
				return
			case "hr":
				endLine()
				segs = append(segs, &widget.SeparatorSegment{})
				return
			case "h1":
				style, inText = widget.RichTextStyleHeading, true
				endLine()
			case "h2", "h3":
				style, inText = widget.RichTextStyleSubHeading, true
				endLine()
			case "blockquote":
				style.QuotingDepth++
			case "p", "li", "dd", "dt", "figcaption", "div":
				endLine()
				inText = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, style, inText)
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "h1", "h2", "h3", "p", "li", "dd", "dt", "figcaption", "div", "blockquote":
				endLine()
			}
		}
	}
	walk(root, widget.RichTextStyleParagraph, false)
	return segs
}

// attr is the value of attribute key of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
