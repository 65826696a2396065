//go:build !nogui

package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// What the app's own widgets tell a screen reader (fyne.Accessible, Fyne 2.8). Fyne passes
// them on to VoiceOver on macOS and to Narrator and other UI Automation readers on Windows
// when the app is built with -tags accessibility; its Linux driver has no AT-SPI bridge yet,
// so there they are not read. Fyne's own widgets (buttons, labels, links) describe
// themselves.

// AccessibilityLabel names the toolbar button by what it does (it shows only an icon).
func (b *tipButton) AccessibilityLabel() string { return b.tip }

// AccessibilityRole is a button's.
func (b *tipButton) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleButton }

// AccessibilityLabel reads the outline row as it shows: the title, the author, the words.
func (w *rowWidget) AccessibilityLabel() string {
	s := w.title.Text
	if w.info != nil && w.info.Text != "" {
		s += ", " + w.info.Text
	}
	return s
}

// AccessibilityRole is a button's: a row is chosen by a click or the keys.
func (w *rowWidget) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleButton }

// AccessibilityLabel says what the text is and where the cursor stands in it.
func (t *longText) AccessibilityLabel() string {
	label := t.PlaceHolder
	if label == "" {
		label = "Text"
	}
	return fmt.Sprintf("%s, line %d of %d", label, t.cur.line+1, len(t.lines))
}

// AccessibilityRole is text.
func (t *longText) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleText }
