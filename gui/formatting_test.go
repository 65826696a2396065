//go:build !nogui

package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/anthology/markdown"
)

// TestFormatCommands: in the essay's text, Ctrl+I (the Format menu) puts the selected word in
// emphasis, a note goes in with its reference at the cursor and its text at the end, each is
// one step of Undo; in a field that is not Markdown (the title) Ctrl+I does nothing.
func TestFormatCommands(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.SelectEssay("bread-before-dawn")
	body := h.essayText()
	h.e.win.Canvas().Focus(body)
	es := p.Essay("bread-before-dawn")
	// Select the first word of the first paragraph with the keyboard: Shift and Right.
	first := strings.Index(body.Text(), "I have never once woken")
	if first < 0 {
		t.Fatalf("no sentence in %q", body.Text()[:200])
	}
	body.moveCursorTo(first + len("I "))
	body.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for range len("have") {
		body.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	body.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if body.SelectedText() != "have" {
		t.Fatalf("selected %q", body.SelectedText())
	}
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault})
	if !strings.Contains(es.Body, "I *have* never once woken") {
		t.Fatalf("after Ctrl+I: %q", es.Body[:300])
	}
	h.e.formatFocused(markdown.Note)
	if !strings.Contains(es.Body, "[^1]") || !strings.HasSuffix(es.Body, "[^1]: ") {
		t.Errorf("after a note: …%q", es.Body[len(es.Body)-80:])
	}
	h.e.sess.Undo()
	if strings.Contains(es.Body, "[^1]") || !strings.Contains(es.Body, "I *have* never once woken") {
		t.Error("one undo did not take back the note alone")
	}
	h.e.sess.Undo()
	if strings.Contains(es.Body, "*have*") {
		t.Error("a second undo did not take back the emphasis")
	}
	// Outside a Markdown field the Format commands do nothing.
	h.e.win.Canvas().Focus(h.entryWithPlaceholder("Title"))
	before := es.Meta.Title
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault})
	if es.Meta.Title != before {
		t.Errorf("Ctrl+I changed the title to %q", es.Meta.Title)
	}
}
