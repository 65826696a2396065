// Package pdf writes a typeset book as a PDF with its own writer (interior.go), and finishes
// covers drawn with fpdf (pdfx.go). It decides nothing about layout: every glyph run arrives
// positioned from package typeset. It embeds (and subsets) the fonts, sets the trim and
// bleed boxes, stamps reproducible metadata, and for screen PDFs adds the outline of parts and
// essays, linked contents entries and live hyperlinks. Print PDFs carry none of those, as
// printers ask.
package pdf

import (
	"fmt"
	"image"
	"image/draw"
	"strings"

	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
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
