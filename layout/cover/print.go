package cover

import (
	"bytes"
	"fmt"
	"github.com/anthology-editor/anthology/anthology/text"
	"hash/fnv"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	layoutpdf "github.com/anthology-editor/anthology/layout/pdf"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// Paper thickness per page, in inches, as print-on-demand vendors give it.
var paperThickness = map[string]float64{anthology.PaperWhite: 0.002252, anthology.PaperCream: 0.0025}

// MinSpinePages is the page count below which the spine is too thin to print on.
const MinSpinePages = 80

// SpineWidth is the width of the spine, in points, of a book of pages pages on the paper.
func SpineWidth(pages int, paper string) float64 {
	t, ok := paperThickness[paper]
	if !ok {
		t = paperThickness[anthology.DefaultPaper]
	}
	return float64(pages) * t * 72
}

// Rect is a rectangle on the cover's sheet, in points from its top left corner.
type Rect struct{ X, Y, W, H float64 }

// Layout is where a print cover's parts lie on its sheet.
type Layout struct {
	Size anthology.Size
	// Back, Spine and Front are the panels: the trim's size on a paperback, the boards' on
	// a hardcover.
	Back, Spine, Front Rect
	// FrontArt is what the front image covers: the front panel and, beyond it, the margin to
	// the sheet's outer edges (a jacket's flap aside).
	FrontArt Rect
	// BackFlap and FrontFlap are a jacket's flaps (zero otherwise).
	BackFlap, FrontFlap Rect
	// Trim is the sheet's trim box: the sheet less its bleed.
	Trim Rect
	// Binding is the print edition's binding.
	Binding string
}

// LayoutFor lays out the cover of a book of pages pages bound as the print settings say:
// from left to right, a paperback's bleed, back, spine, front and bleed; a case's wrap, back
// board, hinge, spine, hinge, front board and wrap; a jacket's bleed, back flap, back, spine,
// front, front flap and bleed. A right-to-left book's sheet is the mirror image: its front is
// on the left.
func LayoutFor(ps anthology.PrintSettings, pages int, rtl bool) Layout {
	g := ps.CoverGeometry()
	trim := ps.TrimSize()
	spine := g.Spine
	if spine == 0 {
		spine = SpineWidth(pages, ps.PaperKind()) + g.Board
	}
	pw, ph := trim.W+g.Overhang, trim.H+2*g.Overhang
	m := g.Margin
	l := Layout{Binding: g.Binding}
	x := m
	if g.Flap > 0 {
		l.BackFlap = Rect{x, m, g.Flap, ph}
		x += g.Flap
	}
	l.Back = Rect{x, m, pw, ph}
	x += pw + g.Hinge
	l.Spine = Rect{x, m, spine, ph}
	x += spine + g.Hinge
	l.Front = Rect{x, m, pw, ph}
	x += pw
	if g.Flap > 0 {
		l.FrontFlap = Rect{x, m, g.Flap, ph}
		x += g.Flap
	}
	l.Size = anthology.Size{W: x + m, H: ph + 2*m}
	l.FrontArt = Rect{l.Front.X, 0, l.Size.W - l.Front.X, l.Size.H}
	if g.Flap > 0 {
		l.FrontArt.W = pw // to the fold: the flap is the jacket's colour, with its text
	}
	bleed := anthology.CoverBleed * 72
	l.Trim = Rect{bleed, bleed, l.Size.W - 2*bleed, l.Size.H - 2*bleed}
	if rtl {
		for _, r := range []*Rect{&l.Back, &l.Spine, &l.Front, &l.FrontArt, &l.BackFlap, &l.FrontFlap} {
			if r.W > 0 {
				r.X = l.Size.W - r.X - r.W
			}
		}
	}
	return l
}

// PrintReport says what a print cover holds.
type PrintReport struct {
	Size      anthology.Size
	Spine     float64
	SpineText bool
	// Layout is where the cover's parts lie.
	Layout Layout
}

// PrintPDF writes the wraparound cover for a book of pages pages, laid out for its binding
// (LayoutFor): back cover (the description, the contributors, the publisher and the barcode),
// spine (title and editors, when the book is thick enough), front cover (the project's image,
// or the generated design with its type as text) and a jacket's flaps (the description, the
// editors' bios). Fonts are embedded.
func PrintPDF(w io.Writer, ed *layout.Edition, pages int) (PrintReport, error) {
	rtl := layout.RightToLeft(ed.Language)
	lay := LayoutFor(ed.Print, pages, rtl)
	size := lay.Size
	spine := lay.Spine.W
	rep := PrintReport{Size: size, Spine: spine, SpineText: pages >= MinSpinePages, Layout: lay}

	fam, ok := assets.LookupFamily(ed.Print.FontFamily())
	if !ok {
		fam = assets.Families[0]
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: size.W, Ht: size.H}})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(ed.Modified.UTC())
	pdf.SetModificationDate(ed.Modified.UTC())
	pdf.SetTitle(ed.Title+" (cover)", true)
	pdf.SetCreator("Anthology", true)
	pdf.SetProducer("Anthology (fpdf)", true)
	pdf.SetXmpMetadata(layoutpdf.XMP(ed, ed.Modified.UTC()))
	// The barcode's digits are set in the book's face; every other text as the pages set theirs.
	data, err := fam.Face(assets.Regular)
	if err != nil {
		return rep, err
	}
	pdf.AddUTF8FontFromBytes("cover", "", data)
	txt := &pdfText{pdf: pdf, family: ed.Print.FontFamily(), fonts: ed.Fonts, lang: ed.Language, rtl: rtl, added: map[*typeset.Face]bool{}}
	pdf.AddPageFormat("P", fpdf.SizeType{Wd: size.W, Ht: size.H})
	pdf.SetPageBox("trim", lay.Trim.X, lay.Trim.Y, lay.Trim.W, lay.Trim.H)
	pdf.SetPageBox("bleed", 0, 0, size.W, size.H)

	h := fnv.New32a()
	h.Write([]byte(ed.Title))
	pal := palettes[h.Sum32()%uint32(len(palettes))]
	pdf.SetFillColor(int(pal.bg.R), int(pal.bg.G), int(pal.bg.B))
	pdf.Rect(0, 0, size.W, size.H, "F")

	// Front: the project's image or the generated design, filling the panel and the margin
	// beyond it; the generated design's type is set over it as text, in the book's fonts.
	art := lay.FrontArt
	front, texts, err := frontImage(ed, art.W/72*300, art.H/72*300)
	if err != nil {
		return rep, err
	}
	crop := cropRect(front.Bounds(), art.W/art.H)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, subImage(front, crop), &jpeg.Options{Quality: 92}); err != nil {
		return rep, err
	}
	pdf.RegisterImageOptionsReader("front", fpdf.ImageOptions{ImageType: "JPG"}, &buf)
	pdf.ImageOptions("front", art.X, art.Y, art.W, art.H, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	k := art.W / float64(crop.Dx()) // points a pixel of the design
	for _, tx := range texts {
		txt.run(tx.face, tx.size*k, art.X+(tx.x-float64(crop.Min.X))*k, art.Y+(tx.y-float64(crop.Min.Y))*k, tx.text, tx.tracking*k, tx.ink)
	}

	ink := pal.ink
	accent := pal.accent
	safe := 0.25 * 72 // text stays this far inside the trim (a panel's edge on a hardcover)

	// Spine: the title and the editors, reading from the top down.
	if rep.SpineText {
		fs := min(spine*0.5, 14.0)
		title, err := txt.line(strings.ToUpper(ed.Title), assets.Bold, fs)
		if err != nil {
			return rep, err
		}
		names, err := txt.line(ed.EditorNames(), assets.Regular, fs*0.8)
		if err != nil {
			return rep, err
		}
		pdf.TransformBegin()
		cx, cy := lay.Spine.X+spine/2, lay.Spine.Y+lay.Spine.H/2
		length := lay.Spine.H
		pdf.TransformRotate(-90, cx, cy)
		// After rotation the spine runs left to right along the old vertical centre line.
		pdf.SetTextColor(int(ink.R), int(ink.G), int(ink.B))
		left := cx - length/2 + safe
		txt.draw(title, left, cy+fs*0.35)
		if len(ed.Editors) > 0 && names != nil && title != nil {
			if nw := names.Natural; left+title.Natural+fs*2 < cx+length/2-safe-nw {
				pdf.SetTextColor(int(accent.R), int(accent.G), int(accent.B))
				txt.draw(names, cx+length/2-safe-nw, cy+fs*0.3)
			}
		}
		pdf.TransformEnd()
	}

	// A jacket's flaps: the description on the front flap, the editors' bios on the back.
	inset := safe + 0.3*72
	description := ed.Description
	if lay.Binding == anthology.BindingJacket {
		f := lay.FrontFlap
		pdf.SetTextColor(int(ink.R), int(ink.G), int(ink.B))
		if description != "" {
			if _, err = txt.paragraph(description, assets.Italic, 12, f.X+inset, f.Y+safe+0.6*72, f.W-2*inset, 17); err != nil {
				return rep, err
			}
		}
		description = ""
		if err := editorsFlap(txt, ed, lay.BackFlap, inset, safe, ink, accent); err != nil {
			return rep, err
		}
	}

	// Back: the description, who wrote the essays, the publisher, room for the barcode.
	back := lay.Back
	x := back.X + inset
	width := back.W - 2*inset
	y := back.Y + safe + 0.6*72
	pdf.SetTextColor(int(ink.R), int(ink.G), int(ink.B))
	if description != "" {
		if y, err = txt.paragraph(description, assets.Italic, 13, x, y, width, 18); err != nil {
			return rep, err
		}
		y += 24
	}
	var names []string
	for _, b := range ed.Contributors {
		if len(b.Pieces) > 0 && !isEditor(ed, b.Contributor) {
			names = append(names, b.Contributor.Name)
		}
	}
	if len(names) > 0 {
		pdf.SetTextColor(int(accent.R), int(accent.G), int(accent.B))
		if y, err = txt.paragraph(strings.ToUpper(ed.Words.WithEssaysBy), assets.Regular, 9, x, y, width, 12); err != nil {
			return rep, err
		}
		pdf.SetTextColor(int(ink.R), int(ink.G), int(ink.B))
		if y, err = txt.paragraph(ed.Words.Join(names), assets.Regular, 11.5, x, y+4, width, 16); err != nil {
			return rep, err
		}
		y += 20
	}
	if len(ed.Editors) > 0 {
		if _, err = txt.paragraph(ed.Words.EditedBy+" "+ed.EditorNames(), assets.Italic, 11, x, y, width, 15); err != nil {
			return rep, err
		}
	}
	// The barcode's clear area: white, 2 × 1.2 in, at the foot near the spine, as printers ask.
	bw, bh := 2.0*72, 1.2*72
	bx := back.X + back.W - safe - bw
	if rtl {
		bx = back.X + safe
	}
	by := back.Y + back.H - safe - bh
	pdf.SetFillColor(255, 255, 255)
	pdf.Rect(bx, by, bw, bh, "F")
	if isbn := digitsOf(ed.ISBNPrint); len(isbn) == 13 {
		if err := drawEAN13(pdf, isbn, ed.Print.PriceCode, bx, by, bw, bh); err != nil {
			return rep, fmt.Errorf("the print ISBN's barcode: %w", err)
		}
	}
	if ed.Publisher != "" {
		pdf.SetTextColor(int(accent.R), int(accent.G), int(accent.B))
		pub, err := txt.line(ed.Publisher, assets.Italic, 11)
		if err != nil {
			return rep, err
		}
		px := back.X + inset
		if rtl && pub != nil {
			px = back.X + back.W - inset - pub.Natural
		}
		txt.draw(pub, px, by+bh-8) // its descenders inside the safe zone too
	}
	if err := pdf.Error(); err != nil {
		return rep, err
	}
	var raw bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		return rep, err
	}
	// PDF/X-1a in CMYK, as printers take covers: the PostScript names of the faces drawn
	// with, fpdf's names for them as the keys.
	faces := map[string]string{}
	ps, err := layoutpdf.PostScriptName(data)
	if err != nil {
		return rep, fmt.Errorf("the cover's font: %w", err)
	}
	faces["utf8cover"] = ps
	for f := range txt.added {
		if ps, err = layoutpdf.FaceName(f); err != nil {
			return rep, fmt.Errorf("the cover's font %s: %w", f.Name, err)
		}
		faces["utf8face"+strings.ToLower(f.Family)+styleCode[f.Style]] = ps
	}
	out, err := layoutpdf.FinishCover(raw.Bytes(), faces)
	if err != nil {
		return rep, err
	}
	_, err = w.Write(out)
	return rep, err
}

// editorsFlap sets the editors' bios on a jacket's back flap, each under the editor's name.
func editorsFlap(txt *pdfText, ed *layout.Edition, f Rect, inset, safe float64, ink, accent color.RGBA) error {
	x, y, width := f.X+inset, f.Y+safe+0.6*72, f.W-2*inset
	var err error
	for _, b := range ed.Contributors {
		if !isEditor(ed, b.Contributor) {
			continue
		}
		var paras []string
		for _, bl := range b.Bio {
			if p, ok := bl.(*text.Paragraph); ok {
				paras = append(paras, text.Plain(p.Content))
			}
		}
		bio := strings.TrimSpace(strings.Join(paras, " "))
		if bio == "" {
			continue
		}
		e := b.Contributor
		txt.pdf.SetTextColor(int(accent.R), int(accent.G), int(accent.B))
		if y, err = txt.paragraph(strings.ToUpper(e.Name), assets.Regular, 9.5, x, y, width, 13); err != nil {
			return err
		}
		txt.pdf.SetTextColor(int(ink.R), int(ink.G), int(ink.B))
		if y, err = txt.paragraph(bio, assets.Regular, 10.5, x, y+3, width, 14.5); err != nil {
			return err
		}
		y += 18
	}
	return nil
}

// pdfText draws text on the cover as the typesetter sets it: each run in its own face (added
// to the PDF the first time it is used), right-to-left lines flush right.
type pdfText struct {
	pdf          *fpdf.Fpdf
	family, lang string
	fonts        []*anthology.FontFile
	rtl          bool
	added        map[*typeset.Face]bool
}

// line sets s on one line (nil for an empty s).
func (t *pdfText) line(s string, st assets.Style, size float64) (*typeset.Line, error) {
	lines, err := typeset.SetText(s, typeset.TextStyle{Family: t.family, Style: st, Size: size, Lang: t.lang, Fonts: t.fonts})
	if err != nil {
		return nil, fmt.Errorf("the cover: %w", err)
	}
	if len(lines) == 0 {
		return nil, nil
	}
	return lines[0], nil
}

// run draws one run of text in its face at size, its left end at x and its baseline at y,
// letter-spaced by tracking points after each letter, in ink: black type of 18 pt or more in
// rich black (layoutpdf.RichBlack), as printers ask for large type, smaller black type in
// black ink alone, which cannot print out of register.
func (t *pdfText) run(face *typeset.Face, size, x, y float64, s string, tracking float64, ink color.RGBA) {
	switch {
	case ink.R == 0 && ink.G == 0 && ink.B == 0 && size >= RichBlackMinSize:
		r, g, b := layoutpdf.RichBlack()
		t.pdf.SetTextColor(r, g, b)
	default:
		t.pdf.SetTextColor(int(ink.R), int(ink.G), int(ink.B))
	}
	name := t.use(face)
	t.pdf.SetFont(name, styleCode[face.Style], size)
	if tracking != 0 {
		t.pdf.RawWriteStr(fmt.Sprintf("%.3f Tc", tracking))
	}
	t.pdf.Text(x, y, s)
	if tracking != 0 {
		t.pdf.RawWriteStr("0 Tc")
	}
}

// RichBlackMinSize is the size from which black type is set in rich black.
const RichBlackMinSize = 18.0

// use adds a face to the PDF the first time it is drawn with, and returns its name there.
func (t *pdfText) use(face *typeset.Face) string {
	name := "face" + face.Family // letters and digits: the PDF/X rewrite reads the names back
	if !t.added[face] {
		t.pdf.AddUTF8FontFromBytes(name, styleCode[face.Style], face.Data)
		t.added[face] = true
	}
	return name
}

// draw draws a set line with its left end at x and its baseline at y.
func (t *pdfText) draw(l *typeset.Line, x, y float64) {
	if l == nil {
		return
	}
	for _, r := range l.Runs {
		name := t.use(r.Face)
		t.pdf.SetFont(name, styleCode[r.Face.Style], r.Size)
		t.pdf.Text(x+r.X, y, r.Text)
	}
}

// paragraph sets s in lines of width from the top y, leading apart, and returns the y below
// its last line.
func (t *pdfText) paragraph(s string, st assets.Style, size, x, y, width, leading float64) (float64, error) {
	lines, err := typeset.SetText(s, typeset.TextStyle{Family: t.family, Style: st, Size: size, Lang: t.lang, Width: width, Fonts: t.fonts})
	if err != nil {
		return y, fmt.Errorf("the cover: %w", err)
	}
	for i, l := range lines {
		lx := x
		if t.rtl {
			lx = x + width - l.Natural
		}
		t.draw(l, lx, y+(float64(i)+0.5)*leading+0.3*size)
	}
	return y + float64(len(lines))*leading, nil
}

var styleCode = map[assets.Style]string{assets.Regular: "", assets.Italic: "I", assets.Bold: "B", assets.BoldItalic: "BI"}

func isEditor(ed *layout.Edition, c *anthology.Contributor) bool {
	for _, e := range ed.Editors {
		if e == c {
			return true
		}
	}
	return false
}

// designText is a run of the generated design's type, in the design's pixels (see textSink).
type designText struct {
	face                 *typeset.Face
	size, x, y, tracking float64
	text                 string
	ink                  color.RGBA
}

// frontImage is the front cover as an image: the project's, or the generated design without
// its type, which comes back as texts to set over it.
// A generated design is drawn large enough to fill w × h pixels (the panel at 300 ppi) once
// cropped to the panel's shape.
func frontImage(ed *layout.Edition, w, h float64) (image.Image, []designText, error) {
	if ed.Cover != nil {
		img, _, err := anthology.DecodeImage(ed.Cover)
		if err != nil {
			return nil, nil, fmt.Errorf("cover image: %w", err)
		}
		return flatten(img), nil, nil
	}
	// cropRect keeps as much of the design as has the panel's shape (a = w/h): that part must
	// hold w × h pixels.
	a := w / h
	scale := math.Max(w/math.Min(Width, Height*a), h/math.Min(Height, Width/a))
	var texts []designText
	img, err := drawDesign(ed, math.Ceil(scale*100)/100, func(face *typeset.Face, size, x, y float64, s string, tracking float64, ink color.RGBA) {
		texts = append(texts, designText{face: face, size: size, x: x, y: y, tracking: tracking, text: s, ink: ink})
	})
	return img, texts, err
}

// cropRect is the largest part of b with the aspect ratio w/h about its centre, so that an
// image fills the front panel without being stretched.
func cropRect(b image.Rectangle, aspect float64) image.Rectangle {
	w, h := float64(b.Dx()), float64(b.Dy())
	r := b
	if w/h > aspect {
		nw := int(h * aspect)
		r.Min.X += (b.Dx() - nw) / 2
		r.Max.X = r.Min.X + nw
	} else {
		nh := int(w / aspect)
		r.Min.Y += (b.Dy() - nh) / 2
		r.Max.Y = r.Min.Y + nh
	}
	return r
}

// subImage is the part r of img.
func subImage(img image.Image, r image.Rectangle) image.Image {
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	return img
}

// flatten draws an image onto an opaque canvas (JPEG has no transparency).
func flatten(img image.Image) image.Image {
	b := img.Bounds()
	out := image.NewRGBA(b)
	draw.Draw(out, b, image.White, image.Point{}, draw.Src)
	draw.Draw(out, b, img, b.Min, draw.Over)
	return out
}

// digitsOf keeps the digits of an ISBN ("978-1-950000-02-9" → "9781950000029").
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// drawEAN13 draws the Bookland barcode of an ISBN-13 in the clear area at x, y (w × h): the
// ISBN above it, the bars at 90 % of the nominal 0.33 mm module (printers take 80–100 %), the
// digits under them, the quiet zones white. Bars are solid black.
func drawEAN13(pdf *fpdf.Fpdf, isbn, price string, x, y, w, h float64) error {
	modules, guard, err := EAN13(isbn)
	if err != nil {
		return err
	}
	var addOn string
	if price != "" {
		if addOn, err = EAN5(price); err != nil {
			return err
		}
	}
	module := 0.33 / 25.4 * 72 * 0.9 // points
	width := 95 * module
	if addOn != "" {
		module = 0.33 / 25.4 * 72 * 0.85 // room for the add-on in the same clear area
		width = (95 + 9 + 47) * module
	}
	barH := h * 0.55
	x0 := x + (w-width)/2 + 3*module // room on the left for the first digit, quiet zone kept
	top := y + h*0.18
	pdf.SetFont("cover", "", 7.5)
	pdf.SetTextColor(0, 0, 0)
	label := "ISBN " + isbn // hyphens need the registration agencies' ranges: the digits alone are valid
	pdf.Text(x0+(width-pdf.GetStringWidth(label))/2, top-3, label)
	pdf.SetFillColor(0, 0, 0)
	for i := 0; i < len(modules); {
		if modules[i] != '1' {
			i++
			continue
		}
		j := i
		for j < len(modules) && modules[j] == '1' {
			j++
		}
		bh := barH
		if guard[i] {
			bh += 5 * module
		}
		pdf.Rect(x0+float64(i)*module, top, float64(j-i)*module, bh, "F")
		i = j
	}
	// The digits: the first to the left of the start guard, then six under each half.
	pdf.SetFont("cover", "", 8)
	base := top + barH + 8
	pdf.Text(x0-pdf.GetStringWidth(isbn[:1])-2*module, base, isbn[:1])
	for half, digits := range []string{isbn[1:7], isbn[7:13]} {
		from := x0 + float64(3+half*(42+5))*module
		span := 42 * module
		pdf.Text(from+(span-pdf.GetStringWidth(digits))/2, base, digits)
	}
	// The price add-on, nine modules to the right, its digits above its shorter bars.
	if addOn != "" {
		ax := x0 + (95+9)*module
		aTop := top + 10
		pdf.SetFont("cover", "", 8)
		pdf.Text(ax+(47*module-pdf.GetStringWidth(price))/2, aTop-2, price)
		for i := 0; i < len(addOn); {
			if addOn[i] != '1' {
				i++
				continue
			}
			j := i
			for j < len(addOn) && addOn[j] == '1' {
				j++
			}
			pdf.Rect(ax+float64(i)*module, aTop, float64(j-i)*module, barH+5*module-10, "F")
			i = j
		}
	}
	return pdf.Error()
}
