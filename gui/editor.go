//go:build !nogui

package gui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout/export"
)

// Editor is the main window: the open project's outline and the selected piece.
type Editor struct {
	app     fyne.App
	win     fyne.Window
	project *anthology.Project

	tree     *widget.Tree
	detail   *fyne.Container
	status   *widget.Label
	selected string
}

// Node ids of the outline tree. Parts are "part:N" (index in Project.Parts), essays
// "essay:ID"; "front" and "back" hold the front and back matter.
const (
	nodeFront        = "front"
	nodeBack         = "back"
	nodeIntro        = "intro"
	nodeContributors = "contributors"
)

// NewEditor builds the window for p in app a (a real app, or fyne's test app in tests).
func NewEditor(a fyne.App, p *anthology.Project) *Editor {
	e := &Editor{app: a, project: p}
	e.win = a.NewWindow(windowTitle(p))
	e.status = widget.NewLabel("")
	e.detail = container.NewVBox()
	e.tree = widget.NewTree(e.childIDs, e.isBranch, e.createNode, e.updateNode)
	e.tree.OnSelected = e.selectNode
	e.tree.OpenAllBranches()

	exportButton := widget.NewButtonWithIcon("Export…", theme.DownloadIcon(), e.exportDialog)
	header := container.NewBorder(nil, nil, widget.NewLabelWithStyle(p.Book.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), exportButton)
	split := container.NewHSplit(e.tree, container.NewVScroll(container.NewPadded(e.detail)))
	split.Offset = 0.32
	e.win.SetContent(container.NewBorder(container.NewPadded(header), e.status, nil, nil, split))
	e.win.Resize(fyne.NewSize(1100, 720))
	e.showBook()
	e.updateStatus()
	return e
}

// Window returns the editor's window.
func (e *Editor) Window() fyne.Window { return e.win }

// Tree returns the outline widget (tests drive it).
func (e *Editor) Tree() *widget.Tree { return e.tree }

func windowTitle(p *anthology.Project) string {
	where := p.Dir
	if where == "" {
		where = "sample"
	}
	return fmt.Sprintf("%s — Anthology (%s)", p.Book.Title, where)
}

func (e *Editor) childIDs(id widget.TreeNodeID) []widget.TreeNodeID {
	switch {
	case id == "":
		ids := []string{nodeFront}
		for i := range e.project.Parts {
			ids = append(ids, "part:"+strconv.Itoa(i))
		}
		return append(ids, nodeBack)
	case id == nodeFront:
		if e.project.Introduction != nil {
			return []string{nodeIntro}
		}
		return nil
	case id == nodeBack:
		return []string{nodeContributors}
	case strings.HasPrefix(id, "part:"):
		part := e.part(id)
		if part == nil {
			return nil
		}
		ids := make([]string, len(part.Essays))
		for i, es := range part.Essays {
			ids[i] = "essay:" + es.ID
		}
		return ids
	}
	return nil
}

func (e *Editor) isBranch(id widget.TreeNodeID) bool {
	return id == "" || id == nodeFront || id == nodeBack || strings.HasPrefix(id, "part:")
}

func (e *Editor) createNode(branch bool) fyne.CanvasObject {
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	info := widget.NewLabel("")
	info.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, info, title)
}

func (e *Editor) updateNode(id widget.TreeNodeID, branch bool, obj fyne.CanvasObject) {
	box := obj.(*fyne.Container)
	title := box.Objects[0].(*widget.Label)
	info := box.Objects[1].(*widget.Label)
	title.SetText(e.NodeLabel(id))
	info.SetText("")
	if es := e.essay(id); es != nil {
		info.SetText(thousands(es.Words()) + " w")
	}
}

// NodeLabel is the text the outline shows for a node.
func (e *Editor) NodeLabel(id string) string {
	switch {
	case id == nodeFront:
		return "Front matter"
	case id == nodeBack:
		return "Back matter"
	case id == nodeIntro:
		return "Introduction"
	case id == nodeContributors:
		return "Contributors"
	case strings.HasPrefix(id, "part:"):
		if part := e.part(id); part != nil {
			if part.Title == "" {
				return "Essays"
			}
			return part.Title
		}
	case strings.HasPrefix(id, "essay:"):
		if es := e.essay(id); es != nil {
			by := e.byline(es)
			if by != "" {
				return es.Meta.Title + " — " + by
			}
			return es.Meta.Title
		}
	}
	return id
}

func (e *Editor) part(id string) *anthology.Part {
	i, err := strconv.Atoi(strings.TrimPrefix(id, "part:"))
	if err != nil || i < 0 || i >= len(e.project.Parts) {
		return nil
	}
	return e.project.Parts[i]
}

func (e *Editor) essay(id string) *anthology.Essay {
	if id == nodeIntro {
		return e.project.Introduction
	}
	if !strings.HasPrefix(id, "essay:") {
		return nil
	}
	return e.project.Essay(strings.TrimPrefix(id, "essay:"))
}

func (e *Editor) byline(es *anthology.Essay) string {
	var names []string
	for _, id := range es.Meta.Authors {
		if c := e.project.Contributor(id); c != nil {
			names = append(names, c.Name)
		}
	}
	return strings.Join(names, " & ")
}

func (e *Editor) selectNode(id widget.TreeNodeID) {
	e.selected = id
	if es := e.essay(id); es != nil {
		e.showEssay(es)
		return
	}
	if id == nodeContributors {
		e.showContributors()
		return
	}
	e.showBook()
}

func field(label, value string) fyne.CanvasObject {
	if value == "" {
		value = "—"
	}
	v := widget.NewLabel(value)
	v.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, v)
}

func (e *Editor) showEssay(es *anthology.Essay) {
	m := es.Meta
	heading := widget.NewLabelWithStyle(m.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{heading}
	if m.Subtitle != "" {
		sub := widget.NewLabelWithStyle(m.Subtitle, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		sub.Wrapping = fyne.TextWrapWord
		objs = append(objs, sub)
	}
	objs = append(objs,
		field("Authors", e.byline(es)),
		field("Date", m.Date),
		field("First published", m.Source),
		field("Status", statusLabel(m.Status)),
		field("Words", thousands(es.Words())),
		field("File", es.Path),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Headnote", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		markdownView(m.Headnote),
		widget.NewLabelWithStyle("Editor’s notes (never printed)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		markdownView(m.Notes),
		widget.NewSeparator(),
		markdownView(es.Body),
	)
	e.detail.Objects = objs
	e.detail.Refresh()
}

func markdownView(src string) fyne.CanvasObject {
	if strings.TrimSpace(src) == "" {
		return widget.NewLabel("—")
	}
	r := widget.NewRichTextFromMarkdown(src)
	r.Wrapping = fyne.TextWrapWord
	return r
}

func (e *Editor) showBook() {
	b := e.project.Book
	words := 0
	for _, es := range e.project.Essays() {
		words += es.Words()
	}
	editors := make([]string, 0, len(b.Editors))
	for _, id := range b.Editors {
		if c := e.project.Contributor(id); c != nil {
			editors = append(editors, c.Name)
		}
	}
	e.detail.Objects = []fyne.CanvasObject{
		widget.NewLabelWithStyle(b.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		field("Subtitle", b.Subtitle),
		field("Edited by", strings.Join(editors, ", ")),
		field("Publisher", b.Publisher),
		field("Language", b.Lang()),
		field("Essays", strconv.Itoa(len(e.project.Essays()))),
		field("Words", thousands(words)),
		field("Print", fmt.Sprintf("%s, %s %g pt", e.project.Print.TrimSize(), e.project.Print.FontFamily(), e.project.Print.BodySize())),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Description", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		markdownView(b.Description),
	}
	e.detail.Refresh()
}

func (e *Editor) showContributors() {
	var objs []fyne.CanvasObject
	for _, c := range e.project.Contributors {
		objs = append(objs, widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), markdownView(c.Bio))
		var titles []string
		for _, es := range e.project.EssaysBy(c.ID) {
			titles = append(titles, es.Meta.Title)
		}
		if len(titles) > 0 {
			objs = append(objs, widget.NewLabel("In this book: "+strings.Join(titles, "; ")))
		}
		objs = append(objs, widget.NewSeparator())
	}
	e.detail.Objects = objs
	e.detail.Refresh()
}

func (e *Editor) updateStatus() {
	words := 0
	for _, es := range e.project.Essays() {
		words += es.Words()
	}
	e.status.SetText(fmt.Sprintf("%d essays · %s words · %d contributors", len(e.project.Essays()), thousands(words), len(e.project.Contributors)))
}

// exportDialog asks for a folder and exports the book there, off the UI goroutine.
func (e *Editor) exportDialog() {
	d := dialog.NewFolderOpen(func(uri fyne.ListableURI, err error) {
		if err != nil || uri == nil {
			return
		}
		e.Export(uri.Path(), nil)
	}, e.win)
	d.Show()
}

// Export builds the EPUB and the PDF into dir with the same function the command line uses,
// showing progress; done (if set) is called with the result on the UI goroutine.
func (e *Editor) Export(dir string, done func(*export.Result, error)) {
	bar := widget.NewProgressBarInfinite()
	step := widget.NewLabel("Starting…")
	prog := dialog.NewCustomWithoutButtons("Exporting", container.NewVBox(step, bar), e.win)
	prog.Show()
	go func() {
		res, err := export.Build(context.Background(), e.project, export.Options{OutDir: dir,
			Progress: func(s string) { fyne.Do(func() { step.SetText(s) }) }})
		fyne.Do(func() {
			prog.Hide()
			if done != nil {
				done(res, err)
			}
			if err != nil {
				dialog.ShowError(err, e.win)
				return
			}
			msg := "Wrote:\n" + strings.Join(res.Files, "\n")
			for _, w := range res.Warnings {
				msg += "\nWarning: " + w.Error()
			}
			dialog.ShowInformation("Export finished", msg, e.win)
		})
	}()
}

func statusLabel(s anthology.Status) string {
	if s == "" {
		s = anthology.StatusDraft
	}
	return strings.ReplaceAll(string(s), "-", " ")
}

// thousands writes n with thousands separators: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
