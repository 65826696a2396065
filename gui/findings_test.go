//go:build !nogui

package gui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
)

// TestFindingLeadsToItsPlace: a finding's Show button opens its essay, or the book's
// settings, with the cursor where the finding is — in the essay's text at the character no
// font has (deep in a long, wrapped text), in the headnote, at the print ISBN's field.
func TestFindingLeadsToItsPlace(t *testing.T) {
	p := edittest.SampleCopy(t)
	es := p.Essay("the-lighthouse-log")
	body := es.Body + "\n\nA clef 𝄞 in the last paragraph.\n"
	es.SetBody(body)
	p.Essay("bread-before-dawn").Meta.Headnote = "The baker's mark and a clef 𝄞."
	p.Book.Identifiers.ISBNPrint = "978-1-950000-02-8"
	h := newHarness(t, p)

	// show taps the Show button of the finding whose line holds what.
	show := func(what string) {
		t.Helper()
		h.e.outline.selectKey(row{kind: rowCredits, label: "Credits & permissions"}.key())
		h.tab("Checks")
		var tap fyne.Tappable
		h.pump("the finding "+what, func() bool {
			walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
				c, ok := o.(*fyne.Container)
				if !ok || len(c.Objects) != 2 {
					return
				}
				l, ok1 := c.Objects[0].(*widget.Label)
				b, ok2 := c.Objects[1].(*widget.Button)
				if ok1 && ok2 && b.Text == "Show" && strings.Contains(l.Text, what) {
					tap = b
				}
			})
			return tap != nil
		})
		test.Tap(tap)
	}
	focused := func() *sealingEntry {
		t.Helper()
		en, ok := h.e.win.Canvas().Focused().(*sealingEntry)
		if !ok {
			t.Fatalf("the focus is on %T, not a text field", h.e.win.Canvas().Focused())
		}
		return en
	}

	show("The Lighthouse Log — error: no font")
	bt, ok := h.e.win.Canvas().Focused().(*essayText)
	if !ok {
		t.Fatalf("the focus is on %T, not the essay's text", h.e.win.Canvas().Focused())
	}
	want := strings.Index(body, "𝄞")
	row, _ := bt.rowOf(bt.cur)
	if got := bt.offset(bt.cur); got != want {
		t.Errorf("the cursor is at byte %d of the text, want %d (the clef; %d rows down)", got, want, row)
	}
	if lines := strings.Count(body[:want], "\n"); row <= lines {
		t.Errorf("the cursor is on row %d, the clef's line is %d: the text did not wrap, so the test proves nothing of wrapped rows", row, lines)
	}

	show("Bread Before Dawn — error: no font")
	headnote := p.Essay("bread-before-dawn").Meta.Headnote
	if en := focused(); en.Text != headnote || en.CursorTextOffset() != utf8.RuneCountInString(headnote[:strings.Index(headnote, "𝄞")]) {
		t.Errorf("the focus is on %q at %d, not the headnote", en.Text, en.CursorTextOffset())
	}

	show("anthology.yaml — error: ")
	if en := focused(); en.PlaceHolder != "ISBN of the print edition" {
		t.Errorf("the focus is on the field %q, not the print ISBN", en.PlaceHolder)
	}
}

// TestChecksTabShowsTheLoadersWarnings: the app's Checks tab lists what anthology check
// prints, the loader's warnings included, and Show leads to the essay one is about.
func TestChecksTabShowsTheLoadersWarnings(t *testing.T) {
	p := edittest.WriteProject(t, map[string]string{
		"anthology.yaml":  "title: Bell Book\ncontributors:\n  - {id: au, name: Ann Author, bio: Ann writes.}\ncontents: [bell]\n",
		"essays/bell.md":  "---\ntitle: The Bell\nauthors: [au]\noriginal: true\n---\n\n" + strings.Repeat("The bell rang\x07 over the water. ", 20) + "\n",
		"essays/other.md": "---\ntitle: Other\n---\n\nNot in the contents.\n",
	})
	if len(p.Warnings) == 0 {
		t.Fatal("the loader gave no warning for the control characters")
	}
	h := newHarness(t, p)
	h.e.outline.selectKey(row{kind: rowCredits, label: "Credits & permissions"}.key())
	h.tab("Checks")
	var tap fyne.Tappable
	h.pump("the loader's warning", func() bool {
		walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
			if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 2 {
				l, ok1 := c.Objects[0].(*widget.Label)
				b, ok2 := c.Objects[1].(*widget.Button)
				if ok1 && ok2 && strings.Contains(l.Text, "control character") && strings.HasPrefix(l.Text, "The Bell — ") {
					tap = b
				}
			}
		})
		return tap != nil
	})
	test.Tap(tap)
	o := h.e.outline
	if o.selected < 0 || o.rows[o.selected].id != "bell" {
		t.Errorf("Show selected row %d, not the essay the warning is about", o.selected)
	}
}
