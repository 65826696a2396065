package typeset

import (
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/text"
)

// visualLine sets src as one ragged line in a paragraph of the given direction and returns its
// runs' text in drawing order (left to right), with a space wherever the runs are apart.
func visualLine(t *testing.T, src string, rtl bool) string {
	t.Helper()
	fs := testFonts(t)
	for _, key := range []string{"naskh", "hebrew"} {
		fam, err := LoadFamily(key)
		if err != nil {
			t.Fatal(err)
		}
		fs.fallbacks = append(fs.fallbacks, fam)
	}
	fs.rtl = rtl
	pb := &paraBuilder{fs: fs}
	pb.inlines([]text.Inline{&text.Text{Text: src}}, inlineStyle{size: 11})
	lines := greedyLines(pb.finish(), func(int) float64 { return 10000 })
	if len(lines) != 1 {
		t.Fatalf("%q set in %d lines", src, len(lines))
	}
	return lineText(lines[0])
}

func TestBidiLines(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		rtl       bool
		want      string
	}{
		{"Latin alone is untouched", "one two three", false, "one two three"},
		// Hebrew letters are drawn right to left: the last word (logically) is drawn first.
		{"Hebrew in a right-to-left paragraph", "אחת שתיים שלוש", true, "שולש םייתש תחא"},
		// An English phrase inside keeps its own order, as a block placed right to left.
		{"English inside Hebrew", "ספר על Florence Nightingale בהפסקות", true, "תוקספהב Florence Nightingale לע רפס"},
		// Digits stay left to right inside right-to-left text.
		{"a year inside Hebrew", "בשנת 2021 היא", true, "איה 2021 תנשב"},
		// A Hebrew phrase inside English is reversed as one run; the English around it is not.
		{"Hebrew inside English", "he said שלום עולם and left", false, "he said םלוע םולש and left"},
		// Brackets are mirrored in right-to-left text, so that they still open on the right.
		{"brackets", "(כן)", true, "(ןכ)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := visualLine(t, tt.src, tt.rtl); got != tt.want {
				t.Errorf("drawn %q, want %q", got, tt.want)
			}
		})
	}
}

// Arabic letters take their joined forms and are drawn right to left.
func TestArabicLine(t *testing.T) {
	got := visualLine(t, "كتاب", true)
	want := "\uFE8F\uFE8E\uFE98\uFEDB" // beh, alef, teh, kaf: the word's forms, drawn from the left
	if got != want {
		t.Errorf("drawn %+q, want %+q", got, want)
	}
	if strings.ContainsAny(got, "كتاب") {
		t.Error("letters left in their nominal form")
	}
}

func TestMirroredGeometry(t *testing.T) {
	g := Geometry{Inner: 60, Outer: 40}
	if g.Left(true) != 60 || g.Left(false) != 40 {
		t.Errorf("left-to-right: recto left %v, verso left %v", g.Left(true), g.Left(false))
	}
	g.RTL = true
	// A right-to-left book's recto is a left-hand page: its spine, and its gutter, on the right.
	if g.Left(true) != 40 || g.Left(false) != 60 || g.RightHand(true) {
		t.Errorf("right-to-left: recto left %v, verso left %v", g.Left(true), g.Left(false))
	}
}
