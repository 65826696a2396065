//go:build !nogui

package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
)

// TestClickSelectsOutlineRow: a click on an outline row (the row widget, which takes the
// mouse because it can be dragged) selects its essay, as the window delivers the click.
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
}
