//go:build !nogui

package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// form binds widgets to values of the project. Each widget writes through a setter (which goes
// through the session, so it can be undone) and is refreshed from its getter after every
// change, so that an undo shows at once in the form. A widget whose text already matches is
// left alone, so the field being typed in keeps its cursor.
type form struct {
	e          *Editor
	refreshers []func()
	// afterTypeset, when set, runs each time the preview has set the book again (for numbers
	// that come from the real pages).
	afterTypeset func()
	// places are the form's fields by the name a check's finding gives its place
	// (check.Finding.Field: a YAML path, or check.Body), each a function that shows the
	// field with the cursor at a byte offset of its text.
	places map[string]func(offset int)
}

func newForm(e *Editor) *form { return &form{e: e, places: map[string]func(int){}} }

// place names a field of the form by the YAML path of the value it edits ("$.title"), so that
// a finding about that value leads to it.
func (f *form) place(path string, en *sealingEntry) {
	f.places[path] = func(offset int) { f.e.focusField(en, offset) }
}

// reveal shows the field a finding is about with the cursor at offset; false when the form has
// no such field.
func (f *form) reveal(field string, offset int) bool {
	show, ok := f.places[field]
	if ok {
		show(offset)
	}
	return ok
}

func (f *form) refresh() {
	for _, r := range f.refreshers {
		r()
	}
}

// text binds a text field to a value: get reads it, set changes it (through the session).
type text struct {
	get func() string
	set func(string)
}

// entry is a one-line text field.
func (f *form) entry(placeholder string, t text) *sealingEntry {
	en := newSealingEntry(f.e, false)
	f.bindEntry(en, placeholder, t.get, t.set)
	return en
}

// area is a multi-line text field (Markdown).
func (f *form) area(placeholder string, rows int, t text) *sealingEntry {
	en := newSealingEntry(f.e, true)
	en.markdown = true
	en.Wrapping = fyne.TextWrapWord
	en.SetMinRowsVisible(rows)
	f.bindEntry(en, placeholder, t.get, t.set)
	return en
}

func (f *form) bindEntry(en *sealingEntry, placeholder string, get func() string, set func(string)) {
	en.SetPlaceHolder(placeholder)
	en.SetText(get())
	en.OnChanged = func(s string) {
		if s != get() {
			set(s)
		}
	}
	f.refreshers = append(f.refreshers, func() {
		if v := get(); en.Text != v {
			en.SetText(v)
		}
	})
}

// choice is a drop-down of options.
func (f *form) choice(options []string, get func() string, set func(string)) *widget.Select {
	s := widget.NewSelect(options, nil)
	s.SetSelected(get())
	s.OnChanged = func(v string) {
		if v != get() {
			set(v)
		}
	}
	f.refreshers = append(f.refreshers, func() {
		if v := get(); s.Selected != v {
			if v == "" {
				s.ClearSelected() // SetSelected ignores a value that is not an option
			} else {
				s.SetSelected(v)
			}
		}
	})
	return s
}

// check is a check box.
func (f *form) check(label string, get func() bool, set func(bool)) *widget.Check {
	c := widget.NewCheck(label, nil)
	c.SetChecked(get())
	c.OnChanged = func(v bool) {
		if v != get() {
			set(v)
		}
	}
	f.refreshers = append(f.refreshers, func() {
		if v := get(); c.Checked != v {
			c.SetChecked(v)
		}
	})
	return c
}

// label is text that follows the project (a word count, say).
func (f *form) label(get func() string) *widget.Label {
	l := widget.NewLabel(get())
	l.Wrapping = fyne.TextWrapWord
	f.refreshers = append(f.refreshers, func() {
		if v := get(); l.Text != v {
			l.SetText(v)
		}
	})
	return l
}

// onRefresh adds a refresher of the caller's own.
func (f *form) onRefresh(r func()) { f.refreshers = append(f.refreshers, r) }

// sealingEntry is an entry that ends the current undo step when the editor leaves it, so that
// typing in one field and then the same field again later are two steps.
type sealingEntry struct {
	widget.Entry
	e *Editor
	// markdown is set for a field of Markdown (an essay's text, a headnote, a bio): the
	// Format menu's commands act on it.
	markdown bool
	// pass hands the wheel over a multi-line field to the form while the field is not being
	// edited; editing it, the wheel scrolls its text.
	pass *wheelPass
}

// AcceptsTab is false even for multi-line fields: Tab leaves the headnote or the notes for
// the next field, as in every form, instead of typing a tab into the text (issue 16).
func (en *sealingEntry) AcceptsTab() bool { return false }

func newSealingEntry(e *Editor, multi bool) *sealingEntry {
	en := &sealingEntry{e: e}
	en.MultiLine = multi
	en.ExtendBaseWidget(en)
	return en
}

// FocusLost seals the undo step; the wheel goes to the form again.
func (en *sealingEntry) FocusLost() {
	en.e.sess.Seal()
	en.Entry.FocusLost()
	if en.pass != nil {
		en.pass.Show()
	}
}

// FocusGained lets the wheel scroll a multi-line field's own text while it is edited.
func (en *sealingEntry) FocusGained() {
	en.Entry.FocusGained()
	if en.pass != nil {
		en.pass.Hide()
	}
}

// wheelPass lies over a one-line field and hands the mouse wheel to the form's scroller: a
// field's own scroller (Fyne gives every entry one) would take the wheel and do nothing with
// it, so that the form did not scroll while the pointer was over a field. Clicks, hover and
// the cursor still reach the field below.
type wheelPass struct {
	widget.BaseWidget
	to fyne.Scrollable
}

func (w *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// Scrolled scrolls the form.
func (w *wheelPass) Scrolled(ev *fyne.ScrollEvent) { w.to.Scrolled(ev) }

// MinSize is nothing: the field sets the size.
func (w *wheelPass) MinSize() fyne.Size { return fyne.Size{} }

// passWheel lays a wheelPass over every one-line field of the forms among objs (and in the
// containers holding them), and over the multi-line fields among objs themselves (while they
// are not being edited), handing the wheel to scroller.
func passWheel(scroller fyne.Scrollable, objs ...fyne.CanvasObject) {
	for i, o := range objs {
		switch x := o.(type) {
		case *sealingEntry:
			if x.MultiLine && x.pass == nil {
				objs[i], x.pass = passing(x, scroller)
			}
		case *widget.Form:
			for _, it := range x.Items {
				if en, ok := it.Widget.(*sealingEntry); ok && !en.MultiLine {
					it.Widget, _ = passing(en, scroller)
				}
			}
			x.Refresh()
		case *fyne.Container:
			passWheel(scroller, x.Objects...)
		case *widget.Accordion:
			for _, it := range x.Items {
				passWheel(scroller, it.Detail)
			}
		}
	}
}

// passing is obj with a wheelPass over it, handing the wheel to scroller, and the pass.
func passing(obj fyne.CanvasObject, scroller fyne.Scrollable) (fyne.CanvasObject, *wheelPass) {
	pass := &wheelPass{to: scroller}
	pass.ExtendBaseWidget(pass)
	return container.NewStack(obj, pass), pass
}

// wheelThrough is a one-line field of the form (not in a widget.Form of its own) with the
// wheel handed to the form's scroller.
func (e *Editor) wheelThrough(en *sealingEntry) fyne.CanvasObject {
	obj, _ := passing(en, e.detailScroll)
	return obj
}
