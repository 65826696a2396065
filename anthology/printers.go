package anthology

import (
	"fmt"
	"slices"
	"strings"
)

// Printer is a print-on-demand service's rules for a black-and-white paperback interior at
// the usual trims (5×8 to 6×9): the page counts it binds. Larger trims and colour interiors
// have other limits; the printer's own table has the last word.
type Printer struct {
	Key, Name string
	MinPages  int
	// SafeZone is how far from the trim everything printed must stay, in inches: the
	// running heads and folios too.
	SafeZone float64
	// MaxPages by paper ("white", "cream"): cream is thicker, so fewer pages make the widest
	// spine the binding holds.
	MaxPages map[string]int
}

// Printers are the services print.printer may name. KDP: 24–828 pages on white, 24–776 on
// cream (KDP's print options). IngramSpark: 18–1,200 on white, 18–1,050 on cream (its file
// creation guide, perfect-bound paperback).
var Printers = []Printer{
	{Key: "kdp", Name: "KDP paperback", MinPages: 24, SafeZone: 0.25, MaxPages: map[string]int{PaperWhite: 828, PaperCream: 776}},
	{Key: "ingramspark", Name: "IngramSpark paperback", MinPages: 18, SafeZone: 0.5, MaxPages: map[string]int{PaperWhite: 1200, PaperCream: 1050}},
}

// SafeZone is how far from the trim the print edition keeps its running heads and folios, in
// inches: the printer's, or when none is named the stricter of the two (IngramSpark's half
// inch), so that the same file passes either.
func (s PrintSettings) SafeZone() float64 {
	if strings.ToLower(s.Printer) == "kdp" {
		return 0.25
	}
	return 0.5
}

// DefaultPrinter is the one whose limits hold when print.printer is not set: KDP's, the
// stricter of the two.
const DefaultPrinter = "kdp"

// PrinterFor returns the printer a project prints with; ok is false for "none" (no limits).
func (s PrintSettings) PrinterFor() (Printer, bool) {
	key := strings.ToLower(s.Printer)
	if key == "" {
		key = DefaultPrinter
	}
	i := slices.IndexFunc(Printers, func(p Printer) bool { return p.Key == key })
	if i < 0 {
		return Printer{}, false
	}
	return Printers[i], true
}

// PageCountProblem says why a printer would refuse an interior of pages on paper, or "".
func (p Printer) PageCountProblem(pages int, paper string) string {
	if pages < p.MinPages {
		return fmt.Sprintf("the print edition has %d pages; %s binds %d at the least (add front or back matter, or choose a smaller trim)", pages, p.Name, p.MinPages)
	}
	if max := p.MaxPages[paper]; max > 0 && pages > max {
		return fmt.Sprintf("the print edition has %d pages; %s binds at most %d on %s paper (choose a larger trim or a smaller font, or split the book into volumes)", pages, p.Name, max, paper)
	}
	return ""
}

func knownPrinter(key string) bool {
	key = strings.ToLower(key)
	return key == "" || key == "none" || slices.ContainsFunc(Printers, func(p Printer) bool { return p.Key == key })
}
