//go:build !nogui

package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology/find"
)

// finder is the Find and Replace dialog: a search of the whole book (or the selected essay)
// as the editor types, every match listed with its context, Replace All as one undoable step.
// The search and the replacement are package find's, as `anthology find` runs them.
type finder struct {
	e                       *Editor
	what, with              *widget.Entry
	regexp, word, matchCase *widget.Check
	thisEssay               *widget.Check
	status                  *widget.Label
	list                    *widget.List
	replaceAll              *widget.Button
	matches                 []find.Match
	query                   find.Query
	dlg                     dialog.Dialog
	essayID                 string // the essay "This essay only" means
	searchedOK              bool
}

// findDialog opens Find and Replace; replace puts the cursor in the replacement field.
func (e *Editor) findDialog(replace bool) {
	e.flushEdits()
	f := &finder{e: e}
	if e.selected.kind == rowEssay || e.selected.kind == rowIntro {
		f.essayID = e.selected.id
	}
	f.what = widget.NewEntry()
	f.what.SetPlaceHolder("Find")
	f.with = widget.NewEntry()
	f.with.SetPlaceHolder("Replace with")
	again := func(bool) { f.search() }
	f.regexp = widget.NewCheck("Regular expression", again)
	f.word = widget.NewCheck("Whole word", again)
	f.matchCase = widget.NewCheck("Match case", again)
	f.thisEssay = widget.NewCheck("This essay only", again)
	if f.essayID == "" {
		f.thisEssay.Disable()
	}
	f.status = widget.NewLabel("Type what to find.")
	f.list = widget.NewList(func() int { return len(f.matches) },
		func() fyne.CanvasObject {
			return container.NewVBox(widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewRichText())
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			m := f.matches[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s — %s, line %d", m.Essay.Meta.Title, m.Field, m.Line))
			rt := box.Objects[1].(*widget.RichText)
			rt.Segments = []widget.RichTextSegment{
				&widget.TextSegment{Text: m.Before, Style: widget.RichTextStyleInline},
				&widget.TextSegment{Text: m.Text, Style: widget.RichTextStyleStrong},
				&widget.TextSegment{Text: m.After, Style: widget.RichTextStyleInline},
			}
			rt.Refresh()
		})
	f.list.OnSelected = func(i widget.ListItemID) {
		if i < len(f.matches) {
			e.SelectEssay(f.matches[i].Essay.ID) // the match's essay in the outline and the form
		}
	}
	f.what.OnChanged = func(string) { f.search() }
	f.what.OnSubmitted = func(string) { f.search() }
	f.with.OnSubmitted = func(string) { f.replace() }
	f.replaceAll = widget.NewButton("Replace All", f.replace)
	f.replaceAll.Disable()

	form := widget.NewForm(widget.NewFormItem("Find", f.what), widget.NewFormItem("Replace", f.with))
	options := container.NewHBox(f.matchCase, f.word, f.regexp, f.thisEssay)
	top := container.NewVBox(form, options, container.NewBorder(nil, nil, nil, f.replaceAll, f.status))
	content := container.NewBorder(top, nil, nil, nil, f.list)
	f.dlg = dialog.NewCustom("Find and Replace", "Close", content, e.win)
	f.dlg.Resize(fyne.NewSize(760, 560))
	e.finder = f
	f.dlg.SetOnClosed(func() { e.finder = nil })
	f.dlg.Show()
	if replace {
		e.win.Canvas().Focus(f.with)
	} else {
		e.win.Canvas().Focus(f.what)
	}
}

// search runs the query the dialog shows and lists what it finds.
func (f *finder) search() {
	f.query = find.Query{Pattern: f.what.Text, Regexp: f.regexp.Checked, WholeWord: f.word.Checked, MatchCase: f.matchCase.Checked}
	if f.thisEssay.Checked {
		f.query.Essay = f.essayID
	}
	f.matches = nil
	f.searchedOK = false
	switch ms, err := find.All(f.e.project(), f.query); {
	case f.query.Pattern == "":
		f.status.SetText("Type what to find.")
	case err != nil:
		f.status.SetText(err.Error())
	default:
		f.matches, f.searchedOK = ms, true
		essays := map[string]bool{}
		for _, m := range ms {
			essays[m.Essay.ID] = true
		}
		f.status.SetText(fmt.Sprintf("%d match(es) in %d essay(s)", len(ms), len(essays)))
	}
	if f.searchedOK && len(f.matches) > 0 {
		f.replaceAll.Enable()
	} else {
		f.replaceAll.Disable()
	}
	f.list.UnselectAll()
	f.list.Refresh()
}

// replace replaces every match listed, as one step of the undo history.
func (f *finder) replace() {
	if !f.searchedOK || len(f.matches) == 0 {
		return
	}
	reps, err := find.Replace(f.query, f.matches, f.with.Text)
	if err == nil {
		err = f.e.sess.Replace(fmt.Sprintf("Replace %d × “%s”", len(f.matches), f.query.Pattern), reps)
	}
	if err != nil {
		f.e.report(err)
		return
	}
	n := len(f.matches)
	f.search()
	f.status.SetText(fmt.Sprintf("Replaced %d match(es). %s", n, f.status.Text))
}
