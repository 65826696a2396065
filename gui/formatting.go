//go:build !nogui

package gui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/anthology-editor/anthology/anthology/markdown"
)

// The Format menu's commands edit the essay's Markdown where the cursor is (package markdown's
// Apply): emphasis, bold, small capitals, a note, a scene break, verse, a quotation. They act
// on the field that takes them (the essay's text, the headnote); elsewhere they do nothing.

// formatMenu is the Format menu.
func (e *Editor) formatMenu() *fyne.Menu {
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, f markdown.Format, key fyne.KeyName, mod fyne.KeyModifier) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { e.formatFocused(f) })
		it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		return it
	}
	return fyne.NewMenu("Format",
		item("Italic", markdown.Italic, fyne.KeyI, ctrl),
		item("Bold", markdown.Bold, fyne.KeyB, ctrl),
		item("Small Capitals", markdown.SmallCaps, fyne.KeyK, ctrl|fyne.KeyModifierShift),
		fyne.NewMenuItemSeparator(),
		item("Note", markdown.Note, fyne.KeyN, ctrl|fyne.KeyModifierShift),
		item("Scene Break", markdown.SceneBreak, fyne.KeyReturn, ctrl|fyne.KeyModifierShift),
		item("Verse", markdown.Verse, fyne.KeyL, ctrl|fyne.KeyModifierShift),
		item("Quotation", markdown.Quote, fyne.KeyPeriod, ctrl|fyne.KeyModifierShift),
	)
}

// markdownField is a field of Markdown the Format menu and Ask About the Selection act on:
// the form's fields (Fyne's Entry) and the manuscript editor's long text.
type markdownField interface {
	fullText() string
	// selection is the selection as byte offsets into the text (start == end: the cursor).
	selection() (int, int)
	SelectedText() string
	// replaceText replaces the text as an edit the session records.
	replaceText(string)
	moveCursorTo(int)
	isMarkdown() bool
}

func (en *sealingEntry) fullText() string     { return en.Text }
func (en *sealingEntry) replaceText(s string) { en.SetText(s) }
func (en *sealingEntry) isMarkdown() bool     { return en.markdown }

// formatFocused applies f to the Markdown field that has the focus.
func (e *Editor) formatFocused(f markdown.Format) {
	en, ok := e.win.Canvas().Focused().(markdownField)
	if !ok || !en.isMarkdown() {
		return
	}
	start, end := en.selection()
	text := en.fullText()
	out, _, at := markdown.Apply(f, text, start, end)
	if out == text {
		return
	}
	e.flushEdits()
	e.sess.Seal() // the command is a step of its own, apart from the typing around it
	en.replaceText(out)
	en.moveCursorTo(at)
	e.flushEdits()
	e.sess.Seal()
}

// selection is the field's selection as byte offsets into its text (start == end for a bare
// cursor). Fyne gives the cursor's place and the selected text; the selection is on the one
// side of the cursor or the other.
func (en *sealingEntry) selection() (int, int) {
	runes := []rune(en.Text)
	cur := min(en.CursorTextOffset(), len(runes))
	sel := []rune(en.SelectedText())
	start, end := cur, cur
	switch {
	case len(sel) == 0:
	case cur >= len(sel) && string(runes[cur-len(sel):cur]) == string(sel):
		start = cur - len(sel)
	case cur+len(sel) <= len(runes):
		end = cur + len(sel)
	}
	return len(string(runes[:start])), len(string(runes[:end]))
}

// moveCursorTo puts the cursor at byte offset at of the field's text. Fyne places a cursor by
// row and column, and a row of a wrapped field is a line on screen, not a line of the text:
// the row is the last whose first character (which Fyne tells, CursorTextOffset) is not past
// the offset, found by halving (rows past the last start at 0).
func (en *sealingEntry) moveCursorTo(at int) {
	pos := utf8.RuneCountInString(en.Text[:min(max(at, 0), len(en.Text))])
	begin := func(row int) int {
		en.CursorRow, en.CursorColumn = row, 0
		return en.CursorTextOffset()
	}
	lo, hi := 0, pos+1 // begin(lo) <= pos; hi is past the row sought
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if b := begin(mid); b > 0 && b <= pos {
			lo = mid
		} else {
			hi = mid
		}
	}
	en.CursorRow, en.CursorColumn = lo, pos-begin(lo)
	en.Refresh()
}
