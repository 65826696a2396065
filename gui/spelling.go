//go:build !nogui

package gui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/find"
	"github.com/anthology-editor/anthology/anthology/spell"
)

// speller is an essay's Spelling tab: the words its language's Hunspell dictionary (with the
// project's word list) does not know, each with suggestions, corrected in the essay in one
// undoable step or added to the word list. The checking is package spell's, as `anthology
// spell` runs it.
type speller struct {
	e       *Editor
	es      *anthology.Essay
	lang    func() string
	dict    *spell.Dictionary
	words   []spell.Misspelling
	current int
	status  *widget.Label
	list    *widget.List
	suggest *widget.RadioGroup
	with    *widget.Entry
	replace *widget.Button
	addWord *widget.Button
}

func (e *Editor) spellingPane(es *anthology.Essay, lang func() string) (*speller, fyne.CanvasObject) {
	sp := &speller{e: e, es: es, lang: lang, current: -1}
	sp.status = widget.NewLabel("")
	sp.status.Wrapping = fyne.TextWrapWord
	sp.list = widget.NewList(func() int { return len(sp.words) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			m := sp.words[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s  ×%d", m.Word, m.Count))
		})
	sp.list.OnSelected = sp.show
	sp.suggest = widget.NewRadioGroup(nil, func(v string) {
		if v != "" {
			sp.with.SetText(v)
		}
	})
	sp.with = widget.NewEntry()
	sp.with.SetPlaceHolder("Correct to")
	sp.with.OnSubmitted = func(string) { sp.correct() }
	sp.replace = widget.NewButton("Correct in this essay", sp.correct)
	sp.addWord = widget.NewButton("Add to the book's word list", sp.learn)
	sp.replace.Disable()
	sp.addWord.Disable()
	side := container.NewVBox(widget.NewLabel("Suggestions"), sp.suggest, sp.with, sp.replace, sp.addWord)
	split := container.NewHSplit(sp.list, container.NewVScroll(side))
	split.Offset = 0.4
	return sp, container.NewBorder(sp.status, nil, nil, nil, split)
}

// check checks the essay again (the tab is shown, or the essay changed).
func (sp *speller) check() {
	words, err := spell.ProjectWords(sp.e.project().Dir)
	if err != nil {
		sp.status.SetText(err.Error())
		return
	}
	d, _, err := spell.For(sp.lang())
	if err != nil {
		sp.words, sp.dict = nil, nil
		if errors.Is(err, spell.ErrNoDictionary) {
			sp.status.SetText(err.Error())
		} else {
			sp.status.SetText("The dictionary could not be read: " + err.Error())
		}
		sp.list.Refresh()
		return
	}
	sp.dict = spell.WithProjectWords(d, words)
	sp.words = spell.Essay(sp.dict, sp.es, 0)
	switch len(sp.words) {
	case 0:
		sp.status.SetText(fmt.Sprintf("No misspelled words (%s dictionary).", sp.lang()))
	default:
		sp.status.SetText(fmt.Sprintf("%d word(s) the %s dictionary does not know. Choose one to correct it or add it to the book's word list (%s).",
			len(sp.words), sp.lang(), spell.WordListFile))
	}
	sp.current = -1
	sp.list.UnselectAll()
	sp.list.Refresh()
	sp.suggest.Options = nil
	sp.suggest.Refresh()
	sp.with.SetText("")
	sp.replace.Disable()
	sp.addWord.Disable()
}

// show lists the suggestions for the i-th word.
func (sp *speller) show(i widget.ListItemID) {
	if i >= len(sp.words) || sp.dict == nil {
		return
	}
	sp.current = i
	m := &sp.words[i]
	if m.Suggestions == nil {
		m.Suggestions = sp.dict.Suggest(m.Word, 6)
	}
	sp.suggest.Options = m.Suggestions
	sp.suggest.Selected = ""
	sp.suggest.Refresh()
	if len(m.Suggestions) > 0 {
		sp.suggest.SetSelected(m.Suggestions[0])
	} else {
		sp.with.SetText(m.Word)
	}
	sp.replace.Enable()
	if sp.e.project().Dir != "" {
		sp.addWord.Enable()
	}
}

// checkSpelling shows the shown essay's Spelling tab with its first unknown word chosen and
// the cursor in the correction, its first suggestion in it: Return corrects it and goes on
// to the next, as a word processor's spelling check does.
func (e *Editor) checkSpelling() {
	e.flushEdits()
	if e.bodyTabs == nil || e.speller == nil || e.shownEssay() == nil {
		return
	}
	for i, t := range e.bodyTabs.Items {
		if t.Text == "Spelling" {
			e.bodyTabs.SelectIndex(i)
		}
	}
	e.revealTabs()
	e.speller.next()
}

// next chooses the first word of the list, with the cursor in the correction.
func (sp *speller) next() {
	if len(sp.words) == 0 {
		return
	}
	sp.list.Select(0)
	sp.e.win.Canvas().Focus(sp.with)
}

// correct replaces every occurrence of the chosen word in the essay (whole words, in its own
// case) as one step.
func (sp *speller) correct() {
	if sp.current < 0 || sp.current >= len(sp.words) || sp.with.Text == "" {
		return
	}
	word := sp.words[sp.current].Word
	q := find.Query{Pattern: word, WholeWord: true, MatchCase: true, Essay: sp.es.ID}
	ms, err := find.All(sp.e.project(), q)
	if err == nil {
		var reps []find.Replacement
		if reps, err = find.Replace(q, ms, sp.with.Text); err == nil {
			err = sp.e.sess.Replace(fmt.Sprintf("Correct “%s” to “%s”", word, sp.with.Text), reps)
		}
	}
	if err != nil {
		sp.e.report(err)
		return
	}
	sp.check()
	if sp.e.win.Canvas().Focused() == sp.with {
		sp.next() // from the keyboard: on to the next word
	}
}

// learn adds the chosen word to the project's word list (dictionary.txt, beside
// anthology.yaml), which every essay's check then takes.
func (sp *speller) learn() {
	if sp.current < 0 || sp.current >= len(sp.words) {
		return
	}
	if err := spell.AddProjectWord(sp.e.project().Dir, sp.words[sp.current].Word); err != nil {
		sp.e.report(err)
		return
	}
	sp.check()
}
