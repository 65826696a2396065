//go:build !nogui

package gui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
)

// TestOutlineMultiSelect: Ctrl+click and Shift+click select several essays in the outline;
// Status… sets the status of those selected and Move to Part… moves them, each as one step of
// Undo; a plain click selects one again.
func TestOutlineMultiSelect(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	o := h.e.outline
	// click presses on the essay's row with the modifier keys, as the pointer does: the row
	// notes them, then the list selects it.
	click := func(id string, mods fyne.KeyModifier) {
		t.Helper()
		i := o.find("essay:" + id)
		if i < 0 {
			t.Fatalf("no row for %s", id)
		}
		o.list.ScrollTo(i)
		o.list.Refresh()
		var w *rowWidget
		for rw, row := range o.visible {
			if row == i {
				w = rw
			}
		}
		if w == nil {
			t.Fatalf("the row of %s is not on screen", id)
		}
		w.MouseDown(&desktop.MouseEvent{Modifier: mods})
		o.list.Unselect(i)
		o.list.Select(i)
	}
	marked := func() string {
		var ids []string
		for _, es := range o.markedEssays() {
			ids = append(ids, es.ID)
		}
		return strings.Join(ids, " ")
	}
	click("the-night-nurse", 0)
	click("notes-from-the-night-desk", fyne.KeyModifierControl)
	if got := marked(); got != "the-night-nurse notes-from-the-night-desk" {
		t.Fatalf("Ctrl+click selected %q", got)
	}
	if h.e.batchStatus.Disabled() {
		t.Error("Status… is off with two essays selected")
	}
	click("two-voices-on-the-last-bus", fyne.KeyModifierShift)
	if got := marked(); got != "notes-from-the-night-desk bread-before-dawn two-voices-on-the-last-bus" {
		t.Fatalf("Shift+click selected %q", got)
	}
	click("bread-before-dawn", fyne.KeyModifierControl)
	want := []string{"notes-from-the-night-desk", "two-voices-on-the-last-bus"}
	if got := marked(); got != strings.Join(want, " ") {
		t.Fatalf("Ctrl+click on a selected essay left %q", got)
	}

	before := map[string]anthology.Status{}
	for _, es := range p.Essays() {
		before[es.ID] = es.Meta.Status
	}
	h.e.SetStatusOfShown(anthology.StatusEdited)
	for _, es := range p.Essays() {
		if slices.Contains(want, es.ID) != (es.Meta.Status == anthology.StatusEdited && before[es.ID] != anthology.StatusEdited) {
			t.Errorf("%s is %s after setting the selected essays' status", es.ID, es.Meta.Status)
		}
	}
	h.shortcut(&fyne.ShortcutUndo{})
	for _, es := range p.Essays() {
		if es.Meta.Status != before[es.ID] {
			t.Errorf("%s is %s after one undo, was %s", es.ID, es.Meta.Status, before[es.ID])
		}
	}

	h.e.MoveSelectedToPart(0)
	first := p.Parts[0].Essays
	if n := len(first); n < 2 || first[n-2].ID != want[0] || first[n-1].ID != want[1] {
		t.Fatalf("part one after the move: %v", ids(first))
	}
	h.shortcut(&fyne.ShortcutUndo{})
	if i, _ := p.Position(want[1]); i != 1 {
		t.Errorf("one undo left %s in part %d", want[1], i+1)
	}
	click("the-night-nurse", 0)
	if got := marked(); got != "" {
		t.Errorf("a plain click left %q selected together", got)
	}
}

func ids(es []*anthology.Essay) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
