//go:build !nogui

package gui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/anthology/importer"
)

// noteField finds a dialog's query or reply field by its placeholder.
func (h *harness) noteField(ph string) *noteEntry {
	h.t.Helper()
	var found *noteEntry
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if en, ok := o.(*noteEntry); ok && en.PlaceHolder == ph {
			found = en
		}
	})
	if found == nil {
		h.t.Fatalf("no field %q on screen", ph)
	}
	return found
}

// essayText finds the essay's text field on screen.
func (h *harness) essayText() *essayText {
	h.t.Helper()
	var found *essayText
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if b, ok := o.(*essayText); ok {
			found = b
		}
	})
	if found == nil {
		h.t.Fatal("no essay text on screen")
	}
	return found
}

// selectInBody selects the words of the essay's Markdown field from the first occurrence of
// what, with the keyboard (Shift and Right), as an editor would.
func (h *harness) selectInBody(what string) *essayText {
	h.t.Helper()
	body := h.essayText()
	h.e.win.Canvas().Focus(body)
	at := strings.Index(body.Text(), what)
	if at < 0 {
		h.t.Fatalf("no %q in the text", what)
	}
	body.moveCursorTo(at)
	body.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for range len([]rune(what)) {
		body.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	body.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if body.SelectedText() != what {
		h.t.Fatalf("selected %q, want %q", body.SelectedText(), what)
	}
	return body
}

// TestQueriesTab asks a query about words selected in an essay's text (Ctrl+Shift+M), replies
// to it and resolves it in the essay's Queries tab (each one step of Undo), lists it among the
// book's queries (Ctrl+Shift+Q), exports the essay as a Word manuscript with the query as a
// comment on its words, and reads an author's answer back from Word.
func TestQueriesTab(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.SelectEssay("the-night-nurse")
	es := p.Essay("the-night-nurse")
	h.selectInBody(`Bed twelve is "pleasantly confused,"`)
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	h.noteField("Your question or note for the author").SetText("Is this the same ward as in the opening?")
	h.button("Add").Tapped(&fyne.PointEvent{})
	if len(es.Meta.Queries) != 1 {
		t.Fatalf("queries: %+v", es.Meta.Queries)
	}
	q := es.Meta.Queries[0]
	if q.Passage != "Bed twelve is “pleasantly confused,”" || q.Text != "Is this the same ward as in the opening?" || q.By != "Editor" || q.ID != "q1" {
		t.Errorf("the query is %+v", q)
	}
	h.tab("Queries (1)")
	h.button("Reply…").Tapped(&fyne.PointEvent{})
	h.noteField("Your reply").SetText("Checked with the author: yes.")
	h.button("Reply").Tapped(&fyne.PointEvent{})
	if got := es.Meta.Queries[0].Replies; len(got) != 1 || got[0].Text != "Checked with the author: yes." {
		t.Fatalf("replies: %+v", got)
	}
	h.button("Resolve").Tapped(&fyne.PointEvent{})
	if !es.Meta.Queries[0].Resolved || h.e.sess.UndoLabel() != "Undo Resolve query" && !strings.Contains(h.e.sess.UndoLabel(), "Resolve query") {
		t.Errorf("resolved %v, undo %q", es.Meta.Queries[0].Resolved, h.e.sess.UndoLabel())
	}
	h.tab("Queries") // no open query: the count is gone
	h.e.sess.Undo()
	if es.Meta.Queries[0].Resolved || len(es.Meta.Queries[0].Replies) != 1 {
		t.Errorf("undo: %+v", es.Meta.Queries[0])
	}
	h.tab("Queries (1)")

	// The book's queries: choosing one shows its essay.
	h.e.SelectEssay("bread-before-dawn")
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	var list *widget.List
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok && l.Length() == 1 {
			list = l
		}
	})
	if list == nil {
		t.Fatal("the book's queries are not listed")
	}
	list.Select(0)
	if h.e.selected.id != "the-night-nurse" || h.e.shownEssay() != es {
		t.Errorf("choosing the query shows %q", h.e.selected.id)
	}

	// To Word and back: the manuscript holds the query on its words and the reply under it;
	// an answer the author adds in Word comes back as a reply.
	dir := t.TempDir()
	name, err := h.e.ExportManuscript(dir, []string{es.ID})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := importer.Comments(data)
	if err != nil || len(cs) != 2 || cs[0].Passage != "Bed twelve is “pleasantly confused" || cs[1].Parent != cs[0].ParaID {
		t.Fatalf("the manuscript's comments: %+v (%v)", cs, err)
	}
	h.e.sess.Undo() // the reply: it comes back from the manuscript
	if len(es.Meta.Queries[0].Replies) != 0 {
		t.Fatal("undo did not take the reply back")
	}
	a, err := h.e.ReadAnswers(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Summary() != "1 reply, 0 new queries, 0 resolved in 1 essay" || len(es.Meta.Queries[0].Replies) != 1 {
		t.Errorf("answers: %s; replies %+v", a.Summary(), es.Meta.Queries[0].Replies)
	}
	if !strings.HasPrefix(h.e.sess.UndoLabel(), "Undo Import answers") && !strings.HasPrefix(h.e.sess.UndoLabel(), "Import answers") {
		t.Errorf("the undo step is %q", h.e.sess.UndoLabel())
	}
}
