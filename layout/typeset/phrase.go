package typeset

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
)

// TextStyle is how SetText sets a phrase outside a book's pages: a cover's title, its blurb,
// a spine.
type TextStyle struct {
	Family string       // the body family's key ("charis"); unknown keys fall back to the default
	Style  assets.Style // roman, italic, bold
	Size   float64      // points (or pixels: the unit is the caller's)
	Lang   string       // the text's language: its direction and, for Arabic, its joining
	// Width is the measure to wrap to; 0 sets one line, however long.
	Width float64
	// Fonts are the project's own fonts (Family may name one of them).
	Fonts []*anthology.FontFile
}

// SetText sets s in ragged lines the way the book's pages set text: each character in the
// first face that has it (the body family, the other book families, then the Arabic and Hebrew
// faces), Arabic letters joined, right-to-left runs in visual order. Each line's runs are
// positioned from its left edge. A character no bundled face has is an error naming it, not a
// gap.
func SetText(s string, st TextStyle) ([]*Line, error) {
	body, fallbacks, err := families(st.Family, ProjectFamilies(st.Fonts))
	if err != nil {
		body, fallbacks, err = families(assets.Families[0].Key, ProjectFamilies(st.Fonts))
	}
	if err != nil {
		return nil, err
	}
	fs := &fontSet{body: body, fallbacks: fallbacks, styles: map[styleKey]*textStyle{}, rtl: layout.RightToLeft(st.Lang)}
	var missing []rune
	fs.missing = func(r rune) {
		if !slices.Contains(missing, r) {
			missing = append(missing, r)
		}
	}
	pb := &paraBuilder{fs: fs}
	in := inlineStyle{size: st.Size, italic: st.Style == assets.Italic || st.Style == assets.BoldItalic,
		bold: st.Style == assets.Bold || st.Style == assets.BoldItalic}
	pb.inlines([]text.Inline{&text.Text{Text: s}}, in)
	items := pb.finish()
	if len(missing) > 0 {
		var names []string
		for _, r := range missing {
			names = append(names, fmt.Sprintf("%q (U+%04X)", r, r))
		}
		return nil, fmt.Errorf("no font (bundled or in fonts/) has %s", strings.Join(names, ", "))
	}
	width := st.Width
	if width <= 0 {
		width = math.Inf(1)
	}
	return greedyLines(items, func(int) float64 { return width }), nil
}

// Faces returns the faces a line draws with, each once, in the order first used.
func (l *Line) Faces() []*Face {
	var out []*Face
	for _, r := range l.Runs {
		if !slices.Contains(out, r.Face) {
			out = append(out, r.Face)
		}
	}
	return out
}
