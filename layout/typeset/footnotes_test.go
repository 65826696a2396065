package typeset

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
)

// footBody is an essay with a note on nearly every paragraph, one of them long enough that
// it cannot stand whole under its reference.
func footBody() string {
	var b, notes strings.Builder
	for i := 1; i <= 14; i++ {
		fmt.Fprintf(&b, "Paragraph %d of the essay goes on about the harbour and the boats that come in at dusk, the men who unload them and the gulls.[^%d] %s\n\n",
			i, i, strings.Repeat("The water is grey and the light is going. ", 5))
		note := fmt.Sprintf("Note%d says where this came from.", i)
		if i == 9 {
			note = "Note9 begins a long digression. " + strings.Repeat("It runs on about the ships and the tides and the dues the harbour master took. ", 30) + "Note9ends."
		}
		fmt.Fprintf(&notes, "[^%d]: %s\n", i, note)
	}
	return b.String() + "\n" + notes.String()
}

// TestFootNotes: with print.notes: foot each note stands at the foot of the page of its
// reference, below a rule, its last line on the page's last baseline; a long note starts there
// and goes on at the foot of the next page; every word of every note is printed, and no
// "Notes" follow the essay.
func TestFootNotes(t *testing.T) {
	files := fstest.MapFS{
		"anthology.yaml": {Data: []byte("title: T\nprint: {notes: foot}\ncontributors: [{id: a, name: Ann Lee}]\ncontents: [e]\n")},
		"essays/e.md":    {Data: []byte("---\ntitle: E\nauthors: [a]\n---\n\n" + footBody())},
	}
	ed := editionOf(t, files, nil)
	o := OptionsFor(ed)
	if !o.FootNotes {
		t.Fatal("print.notes: foot does not ask for foot notes")
	}
	book, err := Typeset(context.Background(), ed, o)
	if err != nil {
		t.Fatal(err)
	}
	g := book.Geometry
	body := ed.Print.BodySize()
	notePage := map[int]int{} // note number → page its first line is on
	refPage := map[int]int{}  // note number → page of its reference mark
	var all strings.Builder
	essayPages := 0
	noteSize := 0.0 // the size of a note's number, "1.", is the notes' size
	for _, pg := range book.Pages {
		for _, tx := range pg.Texts {
			if n, err := strconv.Atoi(strings.TrimSuffix(tx.Text, ".")); err == nil && n > 0 && strings.HasSuffix(tx.Text, ".") {
				noteSize = tx.Size()
			}
		}
	}
	if noteSize == 0 || noteSize >= body {
		t.Fatalf("notes set at %g pt", noteSize)
	}
	for i, pg := range book.Pages {
		if pg.Section == nil || pg.Section.Kind != layout.Essay {
			continue
		}
		essayPages++
		for _, a := range pg.Anchors {
			if k := strings.LastIndex(a.ID, "-fn-"); k >= 0 {
				n, _ := strconv.Atoi(a.ID[k+4:])
				notePage[n] = i
			}
		}
		bodyFoot, noteTop, noteFoot := 0.0, math.Inf(1), 0.0
		for _, tx := range pg.Texts {
			all.WriteString(tx.Text + " ")
			switch {
			case tx.Y > g.LastBaseline()+1 || tx.Y < g.FirstBaseline()-g.Leading:
				// the running head and the folio
			case tx.Size() < body*0.7 && tx.Size() > body*0.6:
				if n, err := strconv.Atoi(tx.Text); err == nil {
					if _, ok := refPage[n]; !ok {
						refPage[n] = i
					}
				}
			case tx.Size() == noteSize:
				noteTop, noteFoot = min(noteTop, tx.Y), max(noteFoot, tx.Y)
			case tx.Size() == body:
				bodyFoot = max(bodyFoot, tx.Y)
			}
		}
		if noteFoot > 0 {
			if noteTop <= bodyFoot {
				t.Errorf("page %s: notes from %.1f, above the body's last line at %.1f", pg.Label, noteTop, bodyFoot)
			}
			if math.Abs(noteFoot-g.LastBaseline()) > 0.01 {
				t.Errorf("page %s: the notes end at %.1f, not on the last baseline %.1f", pg.Label, noteFoot, g.LastBaseline())
			}
			if len(pg.Rules) == 0 {
				t.Errorf("page %s: notes without a rule above them", pg.Label)
			}
		}
	}
	for n := 1; n <= 14; n++ {
		if notePage[n] != refPage[n] {
			t.Errorf("note %d starts on page index %d, its reference is on %d", n, notePage[n], refPage[n])
		}
		if !strings.Contains(all.String(), fmt.Sprintf("Note%d", n)) {
			t.Errorf("note %d's words are not printed", n)
		}
	}
	text := all.String()
	if !strings.Contains(text, "Note9ends.") {
		t.Error("the end of the long note is lost")
	}
	// The long note goes on on the next page.
	end := -1
	for i, pg := range book.Pages {
		for _, tx := range pg.Texts {
			if strings.Contains(tx.Text, "Note9ends") {
				end = i
			}
		}
	}
	if end <= notePage[9] {
		t.Errorf("the long note starts on page index %d and ends on %d: it was not split", notePage[9], end)
	}
	if strings.Contains(text, ed.Words.Notes+" ") && strings.Count(text, "Note1 ") > 1 {
		t.Error("the notes are printed after the essay as well")
	}
	if essayPages < 3 {
		t.Fatalf("%d pages: the test proves little", essayPages)
	}
	// The default is unchanged: notes after the essay.
	files["anthology.yaml"] = &fstest.MapFile{Data: []byte("title: T\ncontributors: [{id: a, name: Ann Lee}]\ncontents: [e]\n")}
	ed = editionOf(t, files, func(p *anthology.Project) {})
	if OptionsFor(ed).FootNotes {
		t.Error("foot notes without print.notes: foot")
	}
}
