//go:build !nogui

package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// tipButton is an icon button that names itself when the pointer rests on it: Fyne 2.8 has no
// tooltips, and an icon alone does not say what it does.
type tipButton struct {
	widget.Button
	tip   string
	popup *widget.PopUp
}

func newTipButton(icon fyne.Resource, tip string, tapped func()) *tipButton {
	b := &tipButton{tip: tip}
	b.Icon, b.OnTapped, b.Importance = icon, tapped, widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn shows the tip under the button.
func (b *tipButton) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil || b.tip == "" {
		return
	}
	if b.popup == nil {
		b.popup = widget.NewPopUp(widget.NewLabel(b.tip), c)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	b.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, b.Size().Height+2)))
}

// MouseOut hides it.
func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	if b.popup != nil {
		b.popup.Hide()
	}
}

// Tapped hides the tip and does what the button does.
func (b *tipButton) Tapped(ev *fyne.PointEvent) {
	if b.popup != nil {
		b.popup.Hide()
	}
	b.Button.Tapped(ev)
}

// toolbarTip is a toolbar item made of a tipButton.
type toolbarTip struct{ b *tipButton }

// ToolbarObject is the button the toolbar shows.
func (t toolbarTip) ToolbarObject() fyne.CanvasObject { return t.b }

func newToolbarTip(icon fyne.Resource, tip string, tapped func()) widget.ToolbarItem {
	return toolbarTip{newTipButton(icon, tip, tapped)}
}

// shortcutName writes a shortcut as a menu shows it: "Ctrl+Shift+S".
func shortcutName(s fyne.Shortcut) string {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		switch s.(type) {
		case *fyne.ShortcutUndo:
			return "Ctrl+Z"
		case *fyne.ShortcutRedo:
			return "Ctrl+Y"
		case *fyne.ShortcutCut:
			return "Ctrl+X"
		case *fyne.ShortcutCopy:
			return "Ctrl+C"
		case *fyne.ShortcutPaste:
			return "Ctrl+V"
		}
		return s.ShortcutName()
	}
	var parts []string
	if cs.Modifier&fyne.KeyModifierControl != 0 || cs.Modifier&fyne.KeyModifierShortcutDefault != 0 && fyne.KeyModifierShortcutDefault == fyne.KeyModifierControl {
		parts = append(parts, "Ctrl")
	}
	if cs.Modifier&fyne.KeyModifierSuper != 0 {
		parts = append(parts, "Cmd")
	}
	if cs.Modifier&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if cs.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	return strings.Join(append(parts, string(cs.KeyName)), "+")
}

// shortcutLines lists every menu item with a shortcut, menu by menu, and the outline's and
// dialogs' own keys: what Help → Keyboard Shortcuts shows, read from the menus themselves so
// that it cannot fall out of step with them.
func (e *Editor) shortcutLines() []string {
	var lines []string
	for _, m := range e.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Label != "" {
				lines = append(lines, fmt.Sprintf("%-18s %s → %s", shortcutName(it.Shortcut), m.Label, it.Label))
			}
		}
	}
	return append(lines,
		"",
		"Up / Down          the outline: the previous or next row",
		"Return             a dialog: its default button (Add, Move, Correct…)",
		"Escape             a dialog: close it (the import review skips the file)",
		"Tab                leave a text field for the next one")
}

// showShortcuts is Help → Keyboard Shortcuts.
func (e *Editor) showShortcuts() {
	text := widget.NewLabel(strings.Join(e.shortcutLines(), "\n"))
	text.TextStyle = fyne.TextStyle{Monospace: true}
	d := dialog.NewCustom("Keyboard Shortcuts", "Close", container.NewVScroll(text), e.win)
	d.Resize(fyne.NewSize(620, 520))
	d.Show()
}

// clipboardAction sends a cut, copy or paste to the focused text field (the menu's Cut, Copy
// and Paste; the keys reach the field directly).
func (e *Editor) clipboardAction(make func(fyne.Clipboard) fyne.Shortcut) func() {
	return func() {
		if f, ok := e.win.Canvas().Focused().(fyne.Shortcutable); ok {
			f.TypedShortcut(make(e.win.Clipboard()))
		}
	}
}
