//go:build !nogui

package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
)

// TestAccessibleWidgets: the app's own widgets describe themselves to a screen reader — the
// toolbar's icon buttons by what they do, outline rows by their essay, the manuscript text by
// its name and the cursor's line.
func TestAccessibleWidgets(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	var rows, tips int
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		a, ok := o.(fyne.Accessible)
		if !ok {
			return
		}
		switch o.(type) {
		case *rowWidget:
			rows++
			if strings.Contains(a.AccessibilityLabel(), "The Night Nurse") && !strings.Contains(a.AccessibilityLabel(), "Ruth Okafor") {
				t.Errorf("row label %q", a.AccessibilityLabel())
			}
		case *tipButton:
			tips++
			if a.AccessibilityLabel() == "" || a.AccessibilityRole() != fyne.AccessibleRoleButton {
				t.Errorf("a toolbar button says %q, %q", a.AccessibilityLabel(), a.AccessibilityRole())
			}
		}
	})
	if rows < 6 || tips < 6 {
		t.Errorf("%d accessible outline rows, %d toolbar buttons", rows, tips)
	}
	b := newTipButton(theme.SearchIcon(), "Find (Ctrl+F)", nil)
	if b.AccessibilityLabel() != "Find (Ctrl+F)" {
		t.Errorf("tip button: %q", b.AccessibilityLabel())
	}
	h.e.SelectEssay("bread-before-dawn")
	h.e.openManuscript(p.Essay("bread-before-dawn"))
	if l := h.e.manuscript.source.AccessibilityLabel(); !strings.HasPrefix(l, "The essay, in Markdown, line 1 of ") {
		t.Errorf("manuscript text: %q", l)
	}
}
