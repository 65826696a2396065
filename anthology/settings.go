package anthology

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Fonts are the print font families a project may choose (print.font). The faces themselves are
// bundled in package assets; a test there keeps the two lists in step.
var Fonts = []string{"charis", "caladea", "gentium"}

func knownFont(name string) bool { return slices.Contains(Fonts, strings.ToLower(name)) }

// Defaults for print settings left empty in anthology.yaml.
const (
	DefaultTrim     = "5.5x8.5"
	DefaultFont     = "charis"
	DefaultFontSize = 11.0
	// DefaultPaper is cream, the usual stock of trade books of essays.
	DefaultPaper = PaperCream
)

// The interior papers print-on-demand printers offer for trade books.
const (
	PaperCream = "cream"
	PaperWhite = "white"
)

// PDF/X standards the print edition can meet.
const (
	PDFX1a   = "x1a"
	PDFX4    = "x4"
	PDFXNone = "none"
)

// Where the print edition sets notes (print.notes), the default first.
const (
	NotesEssayEnd = "essay-end"
	NotesFoot     = "foot"
	// NotesBookEnd gathers every essay's notes at the end of the book, under each essay's
	// title, in the EPUB too.
	NotesBookEnd = "book-end"
)

// NotePlaces are the print.notes choices, the default first.
var NotePlaces = []string{NotesEssayEnd, NotesFoot, NotesBookEnd}

// NotePlace returns where the print edition sets notes, after each essay when unset.
func (s PrintSettings) NotePlace() string {
	if s.Notes == "" {
		return NotesEssayEnd
	}
	return strings.ToLower(s.Notes)
}

// PDFXStandards are the print.pdfx choices, the default first.
var PDFXStandards = []string{PDFX1a, PDFX4, PDFXNone}

// PDFXStandard returns the print edition's PDF/X standard, PDF/X-1a when unset.
func (s PrintSettings) PDFXStandard() string {
	if s.PDFX == "" {
		return PDFX1a
	}
	return strings.ToLower(s.PDFX)
}

// Papers are the interior papers a project may choose (print.paper), the default first.
var Papers = []string{PaperCream, PaperWhite}

// CheckPaper says what is wrong with an interior paper's name, nil when it is one of Papers.
func CheckPaper(paper string) error {
	if slices.Contains(Papers, strings.ToLower(paper)) {
		return nil
	}
	return fmt.Errorf("paper %q: choose %s", paper, strings.Join(Papers, " or "))
}

// The body sizes a project may choose (print.font_size), in points.
const (
	MinFontSize = 6.0
	MaxFontSize = 24.0
)

// CheckFontSize says what is wrong with a body size, nil when it is within MinFontSize and
// MaxFontSize.
func CheckFontSize(pt float64) error {
	if pt < MinFontSize || pt > MaxFontSize {
		return fmt.Errorf("font size %g pt is outside %g–%g pt", pt, MinFontSize, MaxFontSize)
	}
	return nil
}

// PaperKind returns the interior paper, the default when unset.
func (s PrintSettings) PaperKind() string {
	if s.Paper == "" {
		return DefaultPaper
	}
	return strings.ToLower(s.Paper)
}

// Size is a page size in PostScript points (1/72 in).
type Size struct {
	W, H float64
}

// String writes the size in inches, "5.5 × 8.5 in".
func (s Size) String() string {
	return strconv.FormatFloat(s.W/72, 'f', -1, 64) + " × " + strconv.FormatFloat(s.H/72, 'f', -1, 64) + " in"
}

// TrimPresets are the trim sizes print-on-demand vendors offer for trade books, by name.
var TrimPresets = map[string]Size{
	"5x8":     {5 * 72, 8 * 72},
	"5.25x8":  {5.25 * 72, 8 * 72},
	"5.5x8.5": {5.5 * 72, 8.5 * 72},
	"6x9":     {6 * 72, 9 * 72},
	"a5":      {148 * 72 / 25.4, 210 * 72 / 25.4},
}

// TrimNames lists the preset names in the order a menu shows them.
var TrimNames = []string{"5x8", "5.25x8", "5.5x8.5", "6x9", "a5"}

// ParseTrim reads a trim size: a preset name or "WxH" with an optional unit (in, mm, cm, pt;
// inches when none), such as "140x216mm".
func ParseTrim(s string) (Size, error) {
	key := strings.ToLower(strings.TrimSpace(s))
	key = strings.TrimSuffix(strings.ReplaceAll(key, " ", ""), "in")
	if sz, ok := TrimPresets[key]; ok {
		return sz, nil
	}
	spec := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	unit := 72.0
	for _, u := range []struct {
		suffix string
		pt     float64
	}{{"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"pt", 1}, {"in", 72}} {
		if strings.HasSuffix(spec, u.suffix) {
			unit = u.pt
			spec = strings.TrimSuffix(spec, u.suffix)
			break
		}
	}
	w, h, ok := strings.Cut(spec, "x")
	if !ok {
		return Size{}, fmt.Errorf("trim %q: use a preset (%s) or WxH with a unit, such as 140x216mm", s, strings.Join(TrimNames, ", "))
	}
	wf, err1 := strconv.ParseFloat(w, 64)
	hf, err2 := strconv.ParseFloat(h, 64)
	if err1 != nil || err2 != nil {
		return Size{}, fmt.Errorf("trim %q: width and height must be numbers", s)
	}
	sz := Size{wf * unit, hf * unit}
	// Books from a pocket 4x6 in to a large 8.5x11 in; anything else is a typo.
	if sz.W < 3*72 || sz.H < 4*72 || sz.W > 9*72 || sz.H > 12*72 {
		return Size{}, fmt.Errorf("trim %q is outside the book sizes printers offer (3×4 in to 9×12 in)", s)
	}
	if sz.W >= sz.H {
		return Size{}, fmt.Errorf("trim %q: width must be less than height (portrait books only)", s)
	}
	return sz, nil
}

// TrimSize returns the print trim size, the default when unset.
func (s PrintSettings) TrimSize() Size {
	if s.Trim == "" {
		return TrimPresets[DefaultTrim]
	}
	sz, err := ParseTrim(s.Trim)
	if err != nil {
		return TrimPresets[DefaultTrim]
	}
	return sz
}

// FontFamily returns the print font family, the default when unset.
func (s PrintSettings) FontFamily() string {
	if s.Font == "" {
		return DefaultFont
	}
	return strings.ToLower(s.Font)
}

// BodySize returns the body font size in points, the default when unset.
func (s PrintSettings) BodySize() float64 {
	if s.FontSize == 0 {
		return DefaultFontSize
	}
	return s.FontSize
}

// Lang returns the book's language tag, English when unset.
func (b Book) Lang() string {
	if b.Language == "" {
		return "en"
	}
	return b.Language
}
