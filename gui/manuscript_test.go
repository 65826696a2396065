//go:build !nogui

package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
)

// richText is the text of rich text segments.
func richText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		switch x := s.(type) {
		case *widget.TextSegment:
			b.WriteString(x.Text + " ")
		case *widget.ParagraphSegment:
			b.WriteString(richText(x.Texts) + "\n")
		case *widget.ListSegment:
			b.WriteString(richText(x.Items) + "\n")
		}
	}
	return b.String()
}

// TestManuscriptEditor opens an essay's text in the window-filling manuscript view
// (Ctrl+Shift+F): its Markdown beside the text as the book reads it; typing changes the
// essay (one Undo step) and, a moment later, the rendered side; Ctrl+I puts the selection in
// italics there too; Escape goes back to the book with the essay's form.
func TestManuscriptEditor(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	es := p.Essay("bread-before-dawn")
	h.e.SelectEssay(es.ID)
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	mv := h.e.manuscript
	if mv == nil || mv.es != es {
		t.Fatal("Ctrl+Shift+F did not open the manuscript view")
	}
	if mv.source.Text() != es.Body || !strings.Contains(richText(mv.rendered.Segments), "I have never once woken") {
		t.Fatal("the view does not show the essay's text")
	}
	if h.e.win.Canvas().Focused() != mv.source {
		t.Error("the text is not focused")
	}
	mv.source.moveCursorTo(strings.Index(es.Body, "I have never once woken") + len("I have never once"))
	test.Type(mv.source, ", not once,")
	// The session takes the text when typing pauses; an undo before then takes the typing.
	if strings.Contains(es.Body, "not once, woken") {
		t.Log("the session took the text at once")
	}
	h.e.undo()
	if strings.Contains(es.Body, "not once") || strings.Contains(mv.source.Text(), "not once") {
		t.Fatal("undo straight after typing left the typing")
	}
	mv.source.moveCursorTo(strings.Index(es.Body, "I have never once woken") + len("I have never once"))
	test.Type(mv.source, ", not once,")
	h.pump("the typing in the essay", func() bool { return strings.Contains(es.Body, "not once, woken") })
	h.pump("the rendered side", func() bool { return strings.Contains(richText(mv.rendered.Segments), "not once, woken") })
	at := strings.Index(mv.source.Text(), "not once")
	mv.source.moveCursorTo(at)
	mv.source.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for range len("not once") {
		mv.source.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	mv.source.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault})
	if !strings.Contains(es.Body, "*not once*") {
		t.Errorf("Ctrl+I in the manuscript view: %q", es.Body[:200])
	}
	h.e.undo()
	if strings.Contains(mv.source.Text(), "*not once*") {
		t.Error("undo did not reach the manuscript view")
	}
	mv.source.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.e.manuscript != nil || h.e.win.Content() != h.e.root || h.e.shownEssay() != es {
		t.Error("Escape did not go back to the essay's form")
	}
}
