//go:build !nogui

package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/check"
	"github.com/anthology-editor/anthology/anthology/importer"
	model "github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/layout/export"
)

// queryPane is an essay's Queries tab: the editorial queries on its passages, each with its
// replies, answered, resolved, reopened or deleted there (each one undoable step), and a
// button that asks about the words selected in the text. The queries are never printed.
type queryPane struct {
	e      *Editor
	form   *form // the essay's form, which holds the tab
	es     *anthology.Essay
	body   markdownField
	status *widget.Label
	list   *fyne.Container
	// shown is what the list was built from, so that it is built again only when it changes.
	shown string
}

func (e *Editor) queriesPane(f *form, es *anthology.Essay, body markdownField) (*queryPane, fyne.CanvasObject) {
	qp := &queryPane{e: e, form: f, es: es, body: body, status: widget.NewLabel(""), list: container.NewVBox()}
	qp.status.Wrapping = fyne.TextWrapWord
	ask := widget.NewButtonWithIcon("Ask About the Selection…", theme.ContentAddIcon(), func() {
		passage := selectedPassage(body)
		qp.e.askQuery(es, passage)
	})
	qp.refresh()
	return qp, container.NewBorder(container.NewVBox(qp.status, ask), nil, nil, nil, qp.list)
}

// selectedPassage is the text selected in a Markdown field as a reader reads it: the words,
// without the Markdown around them.
func selectedPassage(en markdownField) string {
	if en == nil {
		return ""
	}
	return anthology.PlainPassage(en.SelectedText())
}

// refresh shows the essay's queries as they are now.
func (qp *queryPane) refresh() {
	key := fmt.Sprintf("%v", qp.es.Meta.Queries)
	if key == qp.shown && len(qp.list.Objects) > 0 {
		return
	}
	qp.shown = key
	open := qp.es.OpenQueries()
	switch {
	case len(qp.es.Meta.Queries) == 0:
		qp.status.SetText("No queries. Select words in the Markdown tab and ask about them: queries go to the author as Word comments (File → Export Word Manuscript…) and are never printed.")
	default:
		qp.status.SetText(fmt.Sprintf("%d open, %d resolved. Never printed.", open, len(qp.es.Meta.Queries)-open))
	}
	qp.list.RemoveAll()
	for _, q := range qp.es.Meta.Queries {
		qp.list.Add(qp.card(q))
	}
	qp.list.Refresh()
}

// card is one query: its passage, its text and replies, and what can be done with it.
func (qp *queryPane) card(q anthology.Query) fyne.CanvasObject {
	e, es := qp.e, qp.es
	var rows []fyne.CanvasObject
	head := q.By
	if q.Date != "" {
		head += " · " + q.Date
	}
	if q.Resolved {
		head += " · resolved"
	}
	title := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rows = append(rows, title)
	// Whether the text still holds the passage: one search of the essay, for the label and the
	// button.
	holds := q.Passage != "" && es.HoldsPassage(q.Passage)
	if q.Passage != "" {
		on := widget.NewLabelWithStyle("On “"+q.Passage+"”", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		on.Wrapping = fyne.TextWrapWord
		if !holds {
			on.SetText(on.Text + " — no longer in the text")
		}
		rows = append(rows, on)
	}
	txt := widget.NewLabel(q.Text)
	txt.Wrapping = fyne.TextWrapWord
	rows = append(rows, txt)
	for _, r := range q.Replies {
		l := widget.NewLabel("    " + r.By + " replied: " + r.Text)
		l.Wrapping = fyne.TextWrapWord
		rows = append(rows, l)
	}
	id := q.ID
	show := widget.NewButton("Show in Text", func() { qp.showPassage(q.Passage) })
	if !holds {
		show.Disable()
	}
	reply := widget.NewButton("Reply…", func() { e.replyQuery(es, id) })
	resolveLabel := "Resolve"
	if q.Resolved {
		resolveLabel = "Reopen"
	}
	resolve := widget.NewButton(resolveLabel, func() {
		label := "Resolve query"
		if q.Resolved {
			label = "Reopen query"
		}
		e.sess.EditQuery(es, id, label, func(q *anthology.Query) { q.Resolved = !q.Resolved })
	})
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.sess.RemoveQuery(es, id) })
	rows = append(rows, container.NewHBox(show, reply, resolve, del), widget.NewSeparator())
	return container.NewVBox(rows...)
}

// showPassage puts the cursor at the passage in the Markdown text.
func (qp *queryPane) showPassage(passage string) {
	start, _, ok := model.LooseIndex(qp.es.Body, passage)
	if !ok || qp.form == nil {
		return
	}
	if show, ok := qp.form.places[check.Body]; ok {
		show(start)
	}
}

// noteEntry is a multi-line field for a query or a reply, which Tab leaves for the next field
// (a query has no use for a tab character).
type noteEntry struct{ widget.Entry }

func newNoteEntry(rows int) *noteEntry {
	en := &noteEntry{}
	en.MultiLine = true
	en.Wrapping = fyne.TextWrapWord
	en.SetMinRowsVisible(rows)
	en.ExtendBaseWidget(en)
	return en
}

// AcceptsTab is false: Tab moves on.
func (en *noteEntry) AcceptsTab() bool { return false }

// askQuery asks for the text of a new query on passage (empty: on the whole essay) of es.
func (e *Editor) askQuery(es *anthology.Essay, passage string) {
	e.flushEdits()
	text := newNoteEntry(4)
	text.SetPlaceHolder("Your question or note for the author")
	by := widget.NewEntry()
	by.SetText(e.queryAuthor())
	on := "On the whole essay (no words were selected in the text)"
	if passage != "" {
		on = "On “" + passage + "”"
	}
	onLabel := widget.NewLabel(on)
	onLabel.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{widget.NewFormItem("", onLabel), widget.NewFormItem("Query", text), widget.NewFormItem("By", by)}
	d := dialog.NewForm("Ask a Query", "Add", "Cancel", items, func(ok bool) {
		if !ok || strings.TrimSpace(text.Text) == "" {
			return
		}
		e.AddQuery(es, passage, text.Text, by.Text)
	}, e.win)
	// Return in the one-line field adds the query (Return in the query is a new line).
	by.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
	e.win.Canvas().Focus(text)
}

// AddQuery adds a query on passage of es (one undoable step) and shows the essay's Queries.
func (e *Editor) AddQuery(es *anthology.Essay, passage, text, by string) string {
	if strings.TrimSpace(by) == "" {
		by = "Editor"
	}
	id := e.sess.AddQuery(es, anthology.Query{By: strings.TrimSpace(by), Passage: passage, Text: strings.TrimSpace(text)})
	e.app.Preferences().SetString("queryAuthor", strings.TrimSpace(by))
	e.showQueriesTab()
	return id
}

// queryAuthor is the name the last query was asked under.
func (e *Editor) queryAuthor() string {
	if by := e.app.Preferences().String("queryAuthor"); by != "" {
		return by
	}
	return "Editor"
}

// replyQuery asks for a reply to query id of es.
func (e *Editor) replyQuery(es *anthology.Essay, id string) {
	text := newNoteEntry(3)
	text.SetPlaceHolder("Your reply")
	by := widget.NewEntry()
	by.SetText(e.queryAuthor())
	d := dialog.NewForm("Reply", "Reply", "Cancel", []*widget.FormItem{widget.NewFormItem("Reply", text), widget.NewFormItem("By", by)}, func(ok bool) {
		if ok && strings.TrimSpace(text.Text) != "" {
			e.sess.EditQuery(es, id, "Reply to query", func(q *anthology.Query) {
				q.Replies = append(q.Replies, anthology.Reply{By: strings.TrimSpace(by.Text), Date: anthology.Today(), Text: strings.TrimSpace(text.Text)})
			})
		}
	}, e.win)
	by.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
	e.win.Canvas().Focus(text)
}

// bookQueries lists the open queries of every essay; choosing one shows its essay's Queries.
func (e *Editor) bookQueries() {
	e.flushEdits()
	type entry struct {
		es *anthology.Essay
		q  anthology.Query
	}
	var all []entry
	for _, es := range e.project().Pieces() {
		for _, q := range es.Meta.Queries {
			if !q.Resolved {
				all = append(all, entry{es, q})
			}
		}
	}
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(all) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			en := all[i]
			s := en.es.Meta.Title + " — " + en.q.Text
			if en.q.Passage != "" {
				s = en.es.Meta.Title + " — “" + en.q.Passage + "” — " + en.q.Text
			}
			o.(*widget.Label).SetText(s)
		})
	list.OnSelected = func(i widget.ListItemID) {
		d.Hide()
		e.SelectEssay(all[i].es.ID)
		e.showQueriesTab()
	}
	head := widget.NewLabel(fmt.Sprintf("%d open queries in %s", len(all), e.project().Book.Title))
	if len(all) == 0 {
		head.SetText("No open queries in the book. Ask about words of an essay in its Queries tab.")
	}
	d = dialog.NewCustom("Queries in the Book", "Close", container.NewBorder(head, nil, nil, nil, list), e.win)
	d.Resize(fyne.NewSize(720, 480))
	d.Show()
}

// showQueriesTab shows the shown essay's Queries tab, scrolled into view.
func (e *Editor) showQueriesTab() {
	if e.bodyTabs == nil {
		return
	}
	for i, t := range e.bodyTabs.Items {
		if strings.HasPrefix(t.Text, "Queries") {
			e.bodyTabs.SelectIndex(i)
		}
	}
	e.revealTabs()
}

// revealTabs scrolls the essay's form to the tabs of its text.
func (e *Editor) revealTabs() {
	if e.bodyTabs != nil {
		e.scrollFormTo(e.bodyTabs)
	}
}

// ExportManuscript writes a Word manuscript of the essays ids (the whole book when none) into
// dir, the open queries as comments, and returns its path.
func (e *Editor) ExportManuscript(dir string, ids []string) (string, error) {
	res, err := export.Build(context.Background(), e.project(), export.Options{OutDir: dir, Formats: []export.Format{export.DOCX}, Essays: ids})
	if err != nil {
		return "", err
	}
	return res.Files[0], nil
}

// exportManuscriptDialog writes the selected essay's manuscript (or the book's, when no essay
// is selected) into the export folder and says where.
func (e *Editor) exportManuscriptDialog() {
	e.flushEdits()
	var ids []string
	what := "the whole book"
	if (e.selected.kind == rowEssay || e.selected.kind == rowIntro) && e.selected.id != "" {
		ids = []string{e.selected.id}
		what = "the selected essay"
	}
	folder := widget.NewEntry()
	folder.SetText(e.defaultExportDir())
	browse := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() { e.chooseFolder(folder) })
	note := widget.NewLabel("A Word file of " + what + " for its author, with the open queries as comments. Read the answers back with Read Authors' Answers in the File menu.")
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{widget.NewFormItem("", note), widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, browse, folder))}
	d := dialog.NewForm("Export Word Manuscript", "Export", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		name, err := e.ExportManuscript(folder.Text, ids)
		if err != nil {
			e.report(err)
			return
		}
		dialog.ShowInformation("Word Manuscript", "Wrote "+name, e.win)
	}, e.win)
	folder.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(560, 240))
	d.Show()
	e.win.Canvas().Focus(folder)
}

// ReadAnswers reads the authors' answers from a Word manuscript they returned and files them
// among the essays' queries as one undoable step; essay names the essay a file without the
// manuscript's bookmarks is about (nil: none).
func (e *Editor) ReadAnswers(path string, essay *anthology.Essay) (*importer.Answers, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	a, err := importer.ReadAnswers(e.project(), data, essay)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	e.sess.ApplyAnswers(a)
	return a, nil
}

// readAnswersDialog asks for a returned manuscript and reads its answers.
func (e *Editor) readAnswersDialog() {
	e.flushEdits()
	var essay *anthology.Essay
	if e.selected.kind == rowEssay || e.selected.kind == rowIntro {
		essay = e.project().Piece(e.selected.id)
	}
	read := func(path string) {
		a, err := e.ReadAnswers(path, essay)
		if err != nil {
			e.report(err)
			return
		}
		dialog.ShowInformation("Authors' Answers", "Read from "+filepath.Base(path)+": "+a.Summary()+".", e.win)
	}
	home, _ := os.UserHomeDir()
	e.choose(chooseOptions{title: "Read Authors' Answers", accept: "Read", extensions: []string{".docx"}, folder: home},
		func() {
			d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if err != nil || r == nil {
					e.report(err)
					return
				}
				r.Close()
				read(r.URI().Path())
			}, e.win)
			d.SetFilter(storage.NewExtensionFileFilter([]string{".docx"}))
			d.Show()
		},
		func(paths []string) {
			if len(paths) > 0 {
				read(paths[0])
			}
		})
}
