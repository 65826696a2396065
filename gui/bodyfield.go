//go:build !nogui

package gui

import (
	"time"

	"github.com/anthology-editor/anthology/anthology"
)

// essayText is an essay's Markdown in a longText, bound to the session: the form's text tab
// and the manuscript editor both edit the essay through one. The session takes the typed text
// when typing pauses (typedPause), not at every key — parsing a 2,200-word essay again costs
// about 1 ms, a 40,000-word one 12 ms — and before anything that reads the essays (Undo, Save,
// an export, a search, a query): Editor.flushEdits.
type essayText struct {
	*longText
	e  *Editor
	es *anthology.Essay
	// hasTyped says the field holds typing the session has not taken; settle is the timer
	// that hands it over (the text is joined from the field's lines only then).
	hasTyped bool
	settle   *time.Timer
}

// typedPause is how long typing must pause before the session takes the text.
const typedPause = 150 * time.Millisecond

// essayTextField makes the field for es's text in form f, rows high at least.
func (e *Editor) essayTextField(f *form, es *anthology.Essay, rows int) *essayText {
	b := &essayText{longText: newLongText(e), e: e, es: es}
	b.markdown = true
	b.minRows = rows
	b.PlaceHolder = "The essay, in Markdown"
	b.SetText(es.Body)
	b.onEdit = func() {
		b.hasTyped = true
		e.typing = b
		if b.settle != nil {
			b.settle.Stop()
		}
		b.settle = time.AfterFunc(typedPause, func() { e.do(b.flush) })
	}
	f.onRefresh(func() {
		if !b.hasTyped && es.Body != b.Text() {
			b.SetText(es.Body)
		}
	})
	return b
}

// flush hands the text typed so far to the session (one undoable step with the typing before
// it, as in any field).
func (b *essayText) flush() {
	if b.settle != nil {
		b.settle.Stop()
	}
	if b.e.typing == b {
		b.e.typing = nil
	}
	if !b.hasTyped {
		return
	}
	b.hasTyped = false
	if typed := b.Text(); typed != b.es.Body {
		b.e.sess.SetBody(b.es, typed)
	}
}

// flushEdits hands any text typed in an essay's text to the session: before an undo, a save,
// an export, a search, or anything else that reads the essays.
func (e *Editor) flushEdits() {
	if e.typing != nil {
		e.typing.flush()
	}
}
