// Package pdf draws a typeset book with fpdf. It decides nothing about layout: every glyph run
// arrives positioned from package typeset. It embeds (and subsets) the fonts, sets the trim and
// bleed boxes, stamps reproducible metadata, and for screen PDFs adds the outline of parts and
// essays, linked contents entries and live hyperlinks. Print PDFs carry none of those, as
// printers ask.
package pdf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// Flavour is what the PDF is for.
type Flavour int

const (
	// Print is what printers want: no outline, no links, fonts embedded, the trim box set.
	Print Flavour = iota
	// Screen adds bookmarks, a linked contents and live links, for reading on a screen.
	Screen
)

// ParseFlavour reads "print" or "screen".
func ParseFlavour(s string) (Flavour, error) {
	switch strings.ToLower(s) {
	case "", "print":
		return Print, nil
	case "screen":
		return Screen, nil
	}
	return Print, fmt.Errorf("unknown PDF flavour %q (print or screen)", s)
}

func (f Flavour) String() string {
	if f == Screen {
		return "screen"
	}
	return "print"
}

var styleCodes = map[assets.Style]string{assets.Regular: "", assets.Italic: "I", assets.Bold: "B", assets.BoldItalic: "BI"}

// Write draws book (typeset from ed) as a PDF to w.
func Write(ctx context.Context, w io.Writer, ed *layout.Edition, book *typeset.Book, flavour Flavour) error {
	return write(ctx, w, ed, book, flavour, false)
}

// WriteAndRelease is Write that drops each page's drawing (texts, rules, pictures, links) once
// the page is in the PDF, so that a long book is not held in memory twice, as set pages and
// as the PDF's page streams. The pages keep their numbers, sections and positions: what the
// EPUB's page list and the cover need.
func WriteAndRelease(ctx context.Context, w io.Writer, ed *layout.Edition, book *typeset.Book, flavour Flavour) error {
	return write(ctx, w, ed, book, flavour, true)
}

func write(ctx context.Context, w io.Writer, ed *layout.Edition, book *typeset.Book, flavour Flavour, release bool) error {
	g := book.Geometry
	bleed := book.Bleed
	pageW, pageH := g.Width+bleed, g.Height+2*bleed
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: pageW, Ht: pageH}})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	// The page contents are compressed when the file is finished (finishAs), with one zlib
	// writer instead of fpdf's new one for every page.
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	stamp := ed.Modified.UTC()
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetTitle(ed.Title, true)
	if len(ed.Editors) > 0 {
		pdf.SetAuthor(ed.EditorNames(), true)
	}
	if ed.Subtitle != "" {
		pdf.SetSubject(ed.Subtitle, true)
	}
	if len(ed.Subjects) > 0 {
		pdf.SetKeywords(strings.Join(ed.Subjects, ", "), true)
	}
	pdf.SetCreator("Anthology", true)
	pdf.SetProducer("Anthology (fpdf)", true)
	pdf.SetLang(ed.Language)
	standard := ed.Print.PDFXStandard()
	pdfx := flavour == Print && standard != anthology.PDFXNone
	if pdfx {
		pdf.SetXmpMetadata(xmpFor(ed, stamp, standard))
	}
	if flavour == Screen {
		pdf.SetDisplayMode("fullpage", "TwoPageRight")
	}

	for _, f := range book.Faces {
		pdf.AddUTF8FontFromBytes(f.Family, styleCodes[f.Style], f.Data)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("embedding fonts: %w", err)
	}

	// Internal link destinations are known before drawing: every anchor's page and height.
	links := map[string]int{}
	if flavour == Screen {
		for _, p := range book.Pages {
			for _, a := range p.Anchors {
				id := pdf.AddLink()
				pdf.SetLink(id, a.Y+bleed, p.Index+1)
				links[a.ID] = id
			}
		}
	}
	outline := outlineEntries(ed)

	var curFace *typeset.Face
	curSize := 0.0
	registered := map[*layout.Image]string{}
	for _, p := range book.Pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		pdf.AddPage()
		// The trim box: on a right-hand page the spine is on the left, so the bleed is on the
		// right, top and bottom; on a left-hand page it is on the left. (A right-to-left book's
		// rectos are its left-hand pages.)
		ox := 0.0
		if !g.RightHand(p.Recto) {
			ox = bleed
		}
		oy := bleed
		pdf.SetPageBox("trim", ox, oy, g.Width, g.Height)
		if bleed > 0 {
			pdf.SetPageBox("bleed", 0, 0, pageW, pageH)
		}
		if flavour == Screen {
			for _, a := range p.Anchors {
				if e, ok := outline[a.ID]; ok {
					pdf.Bookmark(e.title, e.level, a.Y+oy)
				}
			}
		}
		curFace, curSize = nil, 0
		// Text in another language than the book's is marked content with its language
		// (/Span <</Lang (fr)>> BDC … EMC), runs of one language marked together.
		lang := ""
		for _, t := range p.Texts {
			if face, size := t.Face(), t.Size(); face != curFace || size != curSize {
				pdf.SetFont(face.Family, styleCodes[face.Style], size)
				curFace, curSize = face, size
			}
			want := t.Lang()
			if strings.EqualFold(want, ed.Language) {
				want = ""
			}
			if want != lang {
				if lang != "" {
					pdf.RawWriteStr("EMC\n")
				}
				if lang = want; lang != "" {
					pdf.RawWriteStr("/Span <</Lang " + pdfString(lang) + ">> BDC\n")
				}
			}
			pdf.Text(t.X+ox, t.Y+oy, t.Text)
		}
		if lang != "" {
			pdf.RawWriteStr("EMC\n")
		}
		for _, pic := range p.Pictures {
			name, err := registerImage(pdf, pic.Image, registered, pdfx)
			if err != nil {
				return fmt.Errorf("page %d: figure %s: %w", p.Index+1, pic.Image.Src, err)
			}
			pdf.ImageOptions(name, pic.X+ox, pic.Y+oy, pic.W, pic.H, false, fpdf.ImageOptions{ImageType: pic.Image.MediaType[len("image/"):]}, 0, "")
		}
		for _, r := range p.Rules {
			pdf.SetLineWidth(r.Width)
			pdf.Line(r.X1+ox, r.Y1+oy, r.X2+ox, r.Y2+oy)
		}
		if flavour == Screen {
			for _, l := range p.Links {
				switch {
				case l.URL != "":
					pdf.LinkString(l.X+ox, l.Y+oy, l.W, l.H, l.URL)
				case l.Target != "":
					if id, ok := links[l.Target]; ok {
						pdf.Link(l.X+ox, l.Y+oy, l.W, l.H, id)
					}
				}
			}
		}
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("page %d: %w", p.Index+1, err)
		}
		if release {
			p.Texts, p.Rules, p.Pictures, p.Links = nil, nil, nil, nil
		}
	}
	var faces map[string]string
	if pdfx {
		var err error
		if faces, err = postScriptNames(book.Faces); err != nil {
			return err
		}
	}
	kind := plainPDF
	switch {
	case pdfx && standard == anthology.PDFX4:
		kind = grayX4
	case pdfx:
		kind = grayX1a
	}
	fw := &finishingWriter{w: w, faces: faces, kind: kind}
	if err := pdf.Output(fw); err != nil {
		return err
	}
	return fw.Close()
}

// pdfString is s as a PDF literal string (a language tag: letters, digits and hyphens; any
// other byte is dropped).
func pdfString(s string) string {
	return "(" + strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return -1
	}, s) + ")"
}

type outlineEntry struct {
	title string
	level int
}

// outlineEntries are the bookmarks of a screen PDF: front and back matter and parts at the top
// level, essays under their parts.
func outlineEntries(ed *layout.Edition) map[string]outlineEntry {
	out := map[string]outlineEntry{}
	for _, s := range ed.Sections {
		switch s.Kind {
		case layout.HalfTitle:
		case layout.PartOpener:
			out[s.ID] = outlineEntry{title: ed.Words.PartLabel(s.Number) + ed.Words.LabelSep + s.PlainTitle(), level: 0}
		case layout.Essay:
			level := 0
			if s.Part != nil {
				level = 1
			}
			title := s.PlainTitle()
			if by := s.Byline(); by != "" {
				title += " — " + by
			}
			out[s.ID] = outlineEntry{title: title, level: level}
		default:
			out[s.ID] = outlineEntry{title: s.PlainTitle(), level: 0}
		}
	}
	return out
}

// registerImage adds a figure's image to the PDF once and returns its name. A PNG is written
// again as 8-bit and not interlaced, the forms the PDF writer reads. For print (gray is set),
// every figure is flattened onto white paper and turned to shades of grey: PDF/X-1a allows
// neither RGB colour nor transparency, and the interior is printed in black ink. A JPEG that
// must change is encoded again at quality 95; a grey JPEG goes in as it is.
func registerImage(pdf *fpdf.Fpdf, im *layout.Image, registered map[*layout.Image]string, gray bool) (string, error) {
	if name, ok := registered[im]; ok {
		return name, nil
	}
	data, kind := im.Data, "jpeg"
	if im.MediaType == "image/png" || gray {
		m, format, err := anthology.DecodeImage(im.Data)
		if err != nil {
			return "", err
		}
		var b bytes.Buffer
		switch {
		case gray && format == "jpeg" && isGray(m):
			b.Write(im.Data)
		case gray && format == "jpeg":
			err = jpeg.Encode(&b, toGray(m), &jpeg.Options{Quality: 95})
		case gray:
			kind = "png"
			err = png.Encode(&b, toGray(m))
		default:
			kind = "png"
			n := image.NewNRGBA(m.Bounds())
			draw.Draw(n, n.Bounds(), m, m.Bounds().Min, draw.Src)
			err = png.Encode(&b, n)
		}
		if err != nil {
			return "", err
		}
		data = b.Bytes()
	}
	name := im.Href
	pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: kind}, bytes.NewReader(data))
	if err := pdf.Error(); err != nil {
		return "", err
	}
	registered[im] = name
	return name, nil
}

// isGray reports whether an image is stored as grey levels only.
func isGray(m image.Image) bool {
	switch m.(type) {
	case *image.Gray, *image.Gray16:
		return true
	}
	return false
}

// toGray flattens m onto white and converts it to grey levels.
func toGray(m image.Image) *image.Gray {
	b := m.Bounds()
	white := image.NewRGBA(b)
	draw.Draw(white, b, image.White, image.Point{}, draw.Src)
	draw.Draw(white, b, m, b.Min, draw.Over)
	g := image.NewGray(b)
	draw.Draw(g, b, white, b.Min, draw.Src)
	return g
}
