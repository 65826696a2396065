//go:build !nogui

package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/check"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/stats"
)

// showCredits shows the editor's desk in three tabs: the checks (what the book still lacks),
// the permissions table (every essay's record, editable in place, and the log saved as CSV for
// the publisher) and the numbers. The table and the numbers are lists that draw only the rows
// on screen, so that a book of a thousand essays opens the page at once.
func (e *Editor) showCredits() {
	f := newForm(e)
	findings := container.NewVBox(hint("Checking…"))
	tabs := container.NewAppTabs(
		container.NewTabItem("Checks", container.NewVScroll(container.NewPadded(findings))),
		container.NewTabItem("Permissions", e.permissionsTable(f)),
		container.NewTabItem("Numbers", e.numbersList(f)),
	)
	e.setDetailFull(f, tabs)

	// The checks read every character against the font: off the UI goroutine, on a copy. They
	// run again when a permission changes, so a cleared one leaves the list.
	checked := ""
	runChecks := func() {
		states := permissionStates(e.project())
		if states == checked {
			return
		}
		checked = states
		clone := e.project().Clone()
		go func() {
			fs, err := safely("checking the book", func() ([]check.Finding, error) { return export.Check(clone, false) })
			e.do(func() {
				if e.form != f || checked != states {
					return // the editor has moved on, or a newer check is under way
				}
				findings.Objects = nil
				if err != nil {
					findings.Add(hint(err.Error()))
				}
				e.addFindings(findings, fs, nil)
				findings.Refresh()
			})
		}()
	}
	runChecks()
	f.onRefresh(runChecks)
}

// permissionStates sums up where every essay's permission stands, to tell when one changed.
func permissionStates(p *anthology.Project) string {
	var b strings.Builder
	for _, es := range p.Essays() {
		b.WriteString(es.ID + "=" + string(es.PermissionState()) + ";")
	}
	return b.String()
}

// permissionsTable is the permissions log as a list of editable rows, with the count of
// permissions not yet cleared and a button that saves the log as CSV.
func (e *Editor) permissionsTable(f *form) fyne.CanvasObject {
	pending := f.label(func() string {
		log, n := stats.Permissions(e.project())
		return fmt.Sprintf("%s, %d not cleared.", plural(len(log), "essay"), n)
	})
	pending.Importance = widget.LowImportance
	saveCSV := widget.NewButtonWithIcon("Save as CSV…", theme.DocumentSaveIcon(), e.savePermissionsDialog)
	essays := e.project().Essays()
	list := widget.NewList(
		func() int { return len(essays) },
		func() fyne.CanvasObject { return e.newPermissionRow(f) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(essays) {
				o.(*permissionRow).show(essays[id])
			}
		})
	f.onRefresh(func() {
		essays = e.project().Essays()
		list.Refresh()
	})
	return container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, nil, saveCSV, pending)), nil, nil, nil, list)
}

// permissionRow is an essay's row in the permissions table: its title and byline (warning
// coloured until the rights are granted), a Show button, and its permission record. The list
// recycles rows: show points one at another essay.
type permissionRow struct {
	widget.BaseWidget
	e       *Editor
	f       *form // the row's own binders
	es      *anthology.Essay
	title   *widget.Label
	fields  permissionFields
	content fyne.CanvasObject
}

// newPermissionRow makes a row whose fields are bound through a form of its own, refreshed
// with the page's form after an edit and alone when the row shows another essay.
func (e *Editor) newPermissionRow(page *form) *permissionRow {
	r := &permissionRow{e: e, f: newForm(e)}
	r.fields = e.bindPermission(r.f, func() *anthology.Essay { return r.es })
	r.title = widget.NewLabel("")
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.f.onRefresh(r.showTitle)
	page.onRefresh(r.f.refresh)
	show := widget.NewButtonWithIcon("Show", theme.NavigateNextIcon(), func() {
		if r.es != nil {
			e.SelectEssay(r.es.ID)
		}
	})
	show.Importance = widget.LowImportance
	pf := r.fields
	// Short values share a line, long ones get the width; the hint under a shared line says
	// which field is which once they are filled in.
	grid := widget.NewForm(
		&widget.FormItem{Text: "Status", Widget: container.NewGridWithColumns(3, pf.status, pf.requested, pf.cleared),
			HintText: "status · requested · cleared"},
		widget.NewFormItem("Holder", pf.holder),
		&widget.FormItem{Text: "Fee", Widget: container.NewGridWithColumns(2, pf.fee, pf.note), HintText: "fee · note"},
	)
	// The padding keeps the fields clear of the list's scroll bar.
	r.content = container.NewVBox(container.NewPadded(container.NewVBox(container.NewBorder(nil, nil, nil, show, r.title), grid)), widget.NewSeparator())
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer draws the row's content.
func (r *permissionRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// show points the row at es and fills its fields from es's record.
func (r *permissionRow) show(es *anthology.Essay) {
	if r.es == es {
		return
	}
	r.es = es
	r.f.refresh() // the row's binders read r.es
}

func (r *permissionRow) showTitle() {
	es := r.es
	if es == nil {
		return
	}
	text := es.Meta.Title + " — " + stats.Byline(r.e.project(), es) + " · " + strings.ReplaceAll(string(es.PermissionState()), "-", " ")
	imp := widget.MediumImportance
	if st := es.PermissionState(); st != anthology.PermissionCleared && st != anthology.PermissionNotNeeded {
		imp = widget.WarningImportance
	}
	if r.title.Text != text || r.title.Importance != imp {
		r.title.Importance = imp
		r.title.SetText(text)
	}
}

// numberLine is a line of the numbers list: a heading, or a name with its numbers and, for an
// essay, the essay to show.
type numberLine struct {
	name, numbers, essay string
	heading              bool
}

// numbersList lists the numbers editors balance a book with: the whole book, each part, each
// author, and each essay (words, pages, the page it starts on), from the preview's pages when
// it has set the book. They follow edits and each new setting of the book.
func (e *Editor) numbersList(f *form) fyne.CanvasObject {
	total := widget.NewLabel("")
	total.Wrapping = fyne.TextWrapWord
	var lines []numberLine
	list := widget.NewList(
		func() int { return len(lines) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			nums := widget.NewLabel("")
			nums.Importance = widget.LowImportance
			show := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), nil)
			show.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, container.NewHBox(nums, show), name)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(lines) {
				return
			}
			l := lines[id]
			c := o.(*fyne.Container)
			name := c.Objects[0].(*widget.Label)
			right := c.Objects[1].(*fyne.Container)
			nums, show := right.Objects[0].(*widget.Label), right.Objects[1].(*widget.Button)
			name.TextStyle = fyne.TextStyle{Bold: l.heading}
			name.SetText(l.name)
			nums.SetText(l.numbers)
			if l.essay == "" {
				show.Hide()
			} else {
				essay := l.essay
				show.OnTapped = func() { e.SelectEssay(essay) }
				show.Show()
			}
			c.Refresh() // lay the recycled row out again for its new texts
		})
	fill := func() {
		st := stats.ComputeCounted(e.project(), e.preview.edition(), e.preview.typeset(), e.words.of)
		est := ""
		if st.Estimated {
			est = " (estimated until the preview has set the book)"
		}
		total.SetText(fmt.Sprintf("%s words, %.0f minutes of reading, %d print pages%s.", thousands(st.Words), st.Minutes, st.PrintPages, est))
		lines = lines[:0]
		group := func(g stats.Group) {
			lines = append(lines, numberLine{name: g.Name, numbers: fmt.Sprintf("%s · %s words · %d pp.", plural(g.Essays, "essay"), thousands(g.Words), g.Pages)})
		}
		if len(st.Parts) > 0 {
			lines = append(lines, numberLine{name: "By part", heading: true})
			for _, g := range st.Parts {
				group(g)
			}
		}
		lines = append(lines, numberLine{name: "By author", heading: true})
		for _, g := range st.Authors {
			group(g)
		}
		lines = append(lines, numberLine{name: "By essay", heading: true})
		for _, es := range st.Essays {
			at := ""
			if es.FirstPage != "" {
				at = " · p. " + es.FirstPage
			}
			lines = append(lines, numberLine{name: es.Title, numbers: fmt.Sprintf("%s words · %d pp.%s", thousands(es.Words), es.Pages, at), essay: es.ID})
		}
		list.Refresh()
	}
	fill()
	f.onRefresh(fill)
	f.afterTypeset = fill
	return container.NewBorder(container.NewPadded(total), nil, nil, nil, list)
}
