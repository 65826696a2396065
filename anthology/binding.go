package anthology

import (
	"fmt"
	"slices"
	"strings"
)

// Bindings a print edition may have (print.binding), which decide its cover's layout.
const (
	// BindingPaperback is a perfect-bound paperback: back, spine and front on one sheet with
	// bleed on its outer edges.
	BindingPaperback = "paperback"
	// BindingCase is a case-laminate hardcover: the printed sheet is glued over the boards,
	// its wrap folded over their edges, a hinge each side of the spine.
	BindingCase = "case"
	// BindingJacket is a hardcover in a dust jacket: back, spine and front of the boards'
	// size, and a flap at each end folded inside the boards.
	BindingJacket = "jacket"
)

// Bindings are the print.binding choices, the default first.
var Bindings = []string{BindingPaperback, BindingCase, BindingJacket}

// BindingKind returns the print edition's binding, a paperback when unset.
func (s PrintSettings) BindingKind() string {
	if s.Binding == "" {
		return BindingPaperback
	}
	return strings.ToLower(s.Binding)
}

// The allowances a hardcover's cover is laid out with when the project does not give its
// printer's own, in inches: the wrap KDP's hardcover template shows (15 mm, the bleed
// included), a 10 mm hinge, boards 1/8 in beyond the pages at the head, tail and fore-edge,
// 1/4 in of boards added to the spine, and 3.5 in jacket flaps. Printers' templates differ
// and change: CheckCover says so until print.spine_width is set from the printer's template.
const (
	DefaultCoverWrap  = 0.591
	DefaultCoverHinge = 0.394
	BoardOverhang     = 0.125
	BoardSpine        = 0.25
	DefaultJacketFlap = 3.5
	// CoverBleed is the bleed printers ask for beyond a paperback's or a jacket's trim.
	CoverBleed = 0.125
)

// CoverGeometry is how a print cover is laid out around its panels, in points.
type CoverGeometry struct {
	Binding string
	// Margin is what lies beyond the panels at the sheet's outer edges: the bleed of a
	// paperback or a jacket, the wrap of a case (which includes its bleed).
	Margin float64
	// Hinge is the groove each side of a case's spine (0 for the others).
	Hinge float64
	// Overhang is how far a hardcover's boards stand beyond the pages: its panels are this
	// much taller at the head and the tail, and wider at the fore-edge.
	Overhang float64
	// Flap is each of a jacket's flaps (0 for the others).
	Flap float64
	// Spine is the spine's width when the project gives it (print.spine_width), else 0 (the
	// width comes from the page count and the paper).
	Spine float64
	// Board is what a hardcover's boards add to the spine (0 for a paperback).
	Board float64
}

// CoverGeometry returns the cover layout of the print edition's binding, with the project's
// own allowances where it gives them.
func (s PrintSettings) CoverGeometry() CoverGeometry {
	or := func(v, def float64) float64 {
		if v > 0 {
			return v * 72
		}
		return def * 72
	}
	g := CoverGeometry{Binding: s.BindingKind(), Margin: CoverBleed * 72, Spine: s.SpineWidth * 72}
	switch g.Binding {
	case BindingCase:
		g.Margin, g.Hinge = or(s.CoverWrap, DefaultCoverWrap), or(s.CoverHinge, DefaultCoverHinge)
		g.Overhang, g.Board = BoardOverhang*72, BoardSpine*72
	case BindingJacket:
		g.Flap = or(s.JacketFlap, DefaultJacketFlap)
		g.Overhang, g.Board = BoardOverhang*72, BoardSpine*72
	}
	return g
}

// CheckCover says what is wrong with the print cover's settings: an unknown binding, or an
// allowance outside what any printer uses (inches).
func (s PrintSettings) CheckCover() []FieldError {
	var errs []FieldError
	if !slices.Contains(Bindings, s.BindingKind()) {
		errs = append(errs, FieldError{"binding", fmt.Sprintf("binding %q: choose %s", s.Binding, strings.Join(Bindings, ", "))})
	}
	for _, r := range []struct {
		field    string
		v        float64
		min, max float64
	}{
		{"cover_wrap", s.CoverWrap, 0.25, 1.5},
		{"cover_hinge", s.CoverHinge, 0.1, 1},
		{"jacket_flap", s.JacketFlap, 2, 5},
		{"spine_width", s.SpineWidth, 0.01, 4},
	} {
		if r.v != 0 && (r.v < r.min || r.v > r.max) {
			errs = append(errs, FieldError{r.field, fmt.Sprintf("%s %g in is outside %g–%g in", r.field, r.v, r.min, r.max)})
		}
	}
	return errs
}

// FieldError is a problem with one field of a settings block.
type FieldError struct {
	Field, Msg string
}

// CoverTemplateWarning says, for a hardcover whose spine width the project does not give,
// that the cover is laid out with Anthology's allowances and not the printer's; "" otherwise.
func (s PrintSettings) CoverTemplateWarning() string {
	g := s.CoverGeometry()
	if g.Binding == BindingPaperback || g.Spine > 0 {
		return ""
	}
	return fmt.Sprintf("the %s cover is laid out with Anthology's allowances (wrap, hinge, boards); compare it with your printer's template for this page count and set print.spine_width (and print.cover_wrap, print.cover_hinge or print.jacket_flap) from it", g.Binding)
}
