//go:build !nogui

package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
)

// TestClickSelectsOutlineRow: a click on an outline row (the row widget, which takes the
// mouse because it can be dragged) selects its essay, as the window delivers the click, and
// gives the outline the keyboard: Down and Up then move the selection, past the headings.
func TestClickSelectsOutlineRow(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	var target *rowWidget
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if w, ok := o.(*rowWidget); ok && w.row >= 0 && w.row < len(h.e.outline.rows) && h.e.outline.rows[w.row].id == "the-lighthouse-log" {
			target = w
		}
	})
	if target == nil {
		t.Fatal("no outline row for the-lighthouse-log on screen")
	}
	// What the window does with a click: the innermost object that takes the mouse gets it.
	test.Tap(target)
	if h.e.selected.id != "the-lighthouse-log" || h.e.shownEssay() != p.Essay("the-lighthouse-log") {
		t.Errorf("after a click on its row the selection is %q", h.e.selected.id)
	}
	if h.e.win.Canvas().Focused() != h.e.outline.keys {
		t.Fatalf("after the click the keyboard is with %T", h.e.win.Canvas().Focused())
	}
	h.e.outline.keys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if h.e.selected.id != "notes-from-the-night-desk" {
		t.Errorf("Down selects %q", h.e.selected.id)
	}
	h.e.outline.keys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // the next part (a part can be chosen)
	h.e.outline.keys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if h.e.selected.id != "notes-from-the-night-desk" {
		t.Errorf("Down then Up selects %q", h.e.selected.id)
	}
}

// TestMoveToPartFromTheKeyboard: Move to Part… (Ctrl+M) opens with the essay's part chosen;
// Down chooses the next part and Return moves the essay there.
func TestMoveToPartFromTheKeyboard(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.SelectEssay("the-night-nurse")
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierShortcutDefault})
	r, ok := h.e.win.Canvas().Focused().(*keyRadio)
	if !ok {
		t.Fatalf("the keyboard is with %T, not the choice of parts", h.e.win.Canvas().Focused())
	}
	if r.Selected != r.Options[0] {
		t.Fatalf("the dialog opens on %q", r.Selected)
	}
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if i, _ := p.Position("the-night-nurse"); i != 1 {
		t.Errorf("after Down and Return the essay is in part %d", i)
	}
}

// TestPreviewPageRemembered: a project opens at the preview page it was last read at.
func TestPreviewPageRemembered(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.settle()
	h.e.preview.turn(7)
	if h.e.preview.Page() != 7 {
		t.Fatalf("turned to page %d", h.e.preview.Page())
	}
	// The project opened again in another window of the same app (its preferences).
	q, err := anthology.Open(p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	h2 := &harness{t: t, queue: make(chan func(), 4096)}
	h2.cfg = Config{RecoveryDir: t.TempDir(), WatchEvery: -1, PreviewDelay: time.Millisecond, Do: func(f func()) { h2.queue <- f }}
	h2.e = NewEditor(h.e.app, q, h2.cfg)
	t.Cleanup(func() { h2.e.preview.stop(); h2.e.sess.Flush() })
	h2.settle()
	if got := h2.e.preview.Page(); got != 7 {
		t.Errorf("the project opened again shows page %d, not 7", got)
	}
}

// TestWheelOverFieldScrollsTheForm: the wheel over a one-line field of a form scrolls the form
// (the field's own scroller used to take it and do nothing).
func TestWheelOverFieldScrollsTheForm(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.SelectEssay("bread-before-dawn")
	var pass *wheelPass
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if w, ok := o.(*wheelPass); ok && pass == nil {
			pass = w
		}
	})
	if pass == nil {
		t.Fatal("no field of the essay's form hands the wheel on")
	}
	// Lay the form out in its scroller as the window draws it.
	test.WidgetRenderer(h.e.detailScroll).Layout(h.e.detailScroll.Size())
	before := h.e.detailScroll.Offset.Y
	pass.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -60}})
	if h.e.detailScroll.Offset.Y <= before {
		t.Errorf("the form did not scroll: offset %v → %v", before, h.e.detailScroll.Offset.Y)
	}
}

// TestWheelOverAreaScrollsTheForm: over a multi-line field (the headnote) the wheel scrolls the
// form, until the field is being edited: then it scrolls the field's text.
func TestWheelOverAreaScrollsTheForm(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.SelectEssay("bread-before-dawn")
	headnote := h.entryWithPlaceholder("The editor's note printed before the essay (Markdown)")
	if headnote.pass == nil || !headnote.pass.Visible() {
		t.Fatal("the headnote does not hand the wheel to the form")
	}
	h.e.win.Canvas().Focus(headnote)
	if headnote.pass.Visible() {
		t.Error("the headnote, being edited, still hands the wheel to the form")
	}
	h.e.win.Canvas().Focus(nil)
	if !headnote.pass.Visible() {
		t.Error("the headnote, left, keeps the wheel")
	}
}
