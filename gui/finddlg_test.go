//go:build !nogui

package gui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/anthology/find"
)

// TestFindAndReplaceAcrossTheBook opens Find and Replace with Ctrl+H, searches the whole sample
// as the editor types, replaces every match in one step, shows the replaced text in the essay's
// form, and takes it all back with one undo.
func TestFindAndReplaceAcrossTheBook(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.SelectEssay("bread-before-dawn")
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault})
	f := h.e.finder
	if f == nil {
		t.Fatal("Ctrl+H opened no Find and Replace")
	}
	if h.e.win.Canvas().Focused() != f.with {
		t.Errorf("the focus is on %T, not the replacement field", h.e.win.Canvas().Focused())
	}
	test.Type(f.what, "night")
	f.word.SetChecked(true)
	want, err := find.All(p, find.Query{Pattern: "night", WholeWord: true})
	if err != nil || len(want) < 10 {
		t.Fatalf("the sample has %d whole-word matches of night (%v)", len(want), err)
	}
	if len(f.matches) != len(want) || !strings.HasPrefix(f.status.Text, strconv.Itoa(len(want))+" match(es) in ") {
		t.Fatalf("the dialog lists %d matches (%q); the book has %d", len(f.matches), f.status.Text, len(want))
	}
	essays := map[string]bool{}
	for _, m := range want {
		essays[m.Essay.ID] = true
	}
	if len(essays) < 3 {
		t.Fatalf("matches in only %d essays", len(essays))
	}
	// Choosing a match selects its essay.
	f.list.Select(len(f.matches) - 1)
	if h.e.selected.id != f.matches[len(f.matches)-1].Essay.ID {
		t.Errorf("the selected essay is %q, the match is in %q", h.e.selected.id, f.matches[len(f.matches)-1].Essay.ID)
	}
	h.e.SelectEssay("bread-before-dawn")

	test.Type(f.with, "nighttime")
	h.button("Replace All").Tapped(&fyne.PointEvent{})
	if !strings.HasPrefix(f.status.Text, "Replaced "+strconv.Itoa(len(want))+" match(es).") || len(f.matches) != 0 {
		t.Errorf("after Replace All: %q, %d still found", f.status.Text, len(f.matches))
	}
	bread := p.Essay("bread-before-dawn")
	if !strings.Contains(bread.Body, "all nighttime for people like me") || strings.Contains(bread.Body, " night ") {
		t.Errorf("the essay was not replaced: %q", bread.Body[:200])
	}
	if !strings.Contains(h.e.sess.UndoLabel(), "Replace "+strconv.Itoa(len(want))+" × “night”") {
		t.Errorf("the undo step is %q", h.e.sess.UndoLabel())
	}
	// The form shows the essay's new text.
	body := h.essayText()
	if !strings.Contains(body.Text(), "all nighttime for people like me") {
		t.Error("the essay's form still shows the old text")
	}
	// One undo takes back every essay.
	h.e.sess.Undo()
	if got, _ := find.All(p, find.Query{Pattern: "night", WholeWord: true}); len(got) != len(want) {
		t.Errorf("after one undo %d matches, before the replacement %d", len(got), len(want))
	}
	// A bad regular expression is said, not applied.
	f.regexp.SetChecked(true)
	f.what.SetText("night(")
	if !strings.Contains(f.status.Text, "not a regular expression") || !f.replaceAll.Disabled() {
		t.Errorf("a bad expression: %q, Replace All enabled: %v", f.status.Text, !f.replaceAll.Disabled())
	}
}
