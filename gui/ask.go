//go:build !nogui

package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// answer is one button of a question.
type answer struct {
	label string
	do    func()
}

// ask shows a question whose buttons answer it from the keyboard too: the last answer is the
// default (focused, so Return or Space takes it) and Escape takes the first. Every answer
// closes the dialog first.
func (e *Editor) ask(title, message string, answers ...answer) dialog.Dialog {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	row := container.NewHBox()
	var buttons []*keyButton
	for _, a := range answers {
		a := a
		b := newKeyButton(a.label, func() {
			d.Hide()
			if a.do != nil {
				a.do()
			}
		})
		buttons = append(buttons, b)
		row.Add(b)
	}
	first, last := buttons[0], buttons[len(buttons)-1]
	last.Importance = widget.HighImportance
	for _, b := range buttons {
		b.escape = first.OnTapped
	}
	d = dialog.NewCustomWithoutButtons(title, container.NewVBox(msg, container.NewCenter(row)), e.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	e.win.Canvas().Focus(last)
	return d
}

// keyButton is a button that Return and Enter press too, and Escape answers with escape.
type keyButton struct {
	widget.Button
	escape func()
}

func newKeyButton(label string, tapped func()) *keyButton {
	b := &keyButton{}
	b.Text = label
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Return or Enter and escapes on Escape.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeyEscape:
		if b.escape != nil {
			b.escape()
		}
	default:
		b.Button.TypedKey(ev)
	}
}
