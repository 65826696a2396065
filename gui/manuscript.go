//go:build !nogui

package gui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/check"
)

// manuscriptView is the essay's text filling the window, without the outline, the form or the
// preview: its Markdown on the left, and on the right the text as the book reads it (notes,
// verse, quotations, small capitals: the project's own reading of it), set again a moment
// after typing stops. Format, Find and Replace, Ask About the Selection and Undo work in it
// as in the form; Escape (or the button) goes back.
type manuscriptView struct {
	e        *Editor
	es       *anthology.Essay
	source   *essayText
	rendered *widget.RichText
	words    *widget.Label
	// pending is the rendering scheduled after the last keystroke.
	pending *time.Timer
}

// openManuscript shows the essay es in the manuscript view.
func (e *Editor) openManuscript(es *anthology.Essay) {
	if es == nil {
		return
	}
	f := newForm(e)
	mv := &manuscriptView{e: e, es: es}
	// The text is a longText: Fyne's Entry lays a 40,000-word essay out again on every key.
	mv.source = e.essayTextField(f, es, 30)
	mv.rendered = widget.NewRichText()
	mv.rendered.Wrapping = fyne.TextWrapWord
	mv.words = widget.NewLabel("")
	f.places[check.Body] = func(offset int) { e.focusField(mv.source, offset) }
	f.onRefresh(mv.schedule)
	back := widget.NewButtonWithIcon("Back to the Book (Esc)", theme.NavigateBackIcon(), e.closeManuscript)
	ask := widget.NewButtonWithIcon("Ask About the Selection…", theme.ContentAddIcon(), func() { e.askQuery(es, selectedPassage(mv.source)) })
	title := widget.NewLabelWithStyle(es.Meta.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bar := container.NewBorder(nil, nil, container.NewHBox(back, title), container.NewHBox(mv.words, ask))
	split := container.NewHSplit(mv.source, container.NewVScroll(container.NewPadded(mv.rendered)))
	split.Offset = 0.5
	e.manuscript = mv
	e.form = f
	e.queries, e.bodyTabs = &queryPane{e: e, form: f, es: es, body: mv.source}, nil
	e.win.SetContent(container.NewBorder(bar, nil, nil, nil, split))
	mv.render()
	e.win.Canvas().Focus(mv.source)
}

// closeManuscript goes back to the outline, the essay's form and the preview.
func (e *Editor) closeManuscript() {
	mv := e.manuscript
	if mv == nil {
		return
	}
	e.flushEdits()
	if mv.pending != nil {
		mv.pending.Stop()
	}
	e.manuscript = nil
	e.win.SetContent(e.root)
	e.SelectEssay(mv.es.ID)
}

// schedule sets the rendered side again 300 ms after the latest change: typing is never held
// up by it.
func (mv *manuscriptView) schedule() {
	if mv.pending != nil {
		mv.pending.Stop()
	}
	mv.pending = time.AfterFunc(300*time.Millisecond, func() {
		mv.e.do(func() {
			if mv.e.manuscript == mv {
				mv.render()
			}
		})
	})
}

func (mv *manuscriptView) render() {
	mv.rendered.Segments = renderedEssay(mv.es.DocIn(mv.e.project().LangOf(mv.es)), mv.e.project().Dir)
	mv.rendered.Refresh()
	mv.words.SetText(fmt.Sprintf("%s words", thousands(mv.es.Words())))
}
